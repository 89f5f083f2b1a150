"""Organisers see poster submissions in the admin (list with filters, read-only detail with the
history); nobody adds, edits or deletes them there, and others get no access."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.conftest import MODEL_BACKEND

from .factories import make_submission

pytestmark = pytest.mark.django_db


def _user(name, *codenames):
    user = get_user_model().objects.create_user(name, f"{name}@example.no", "langt-passord-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="posters"))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def organiser(db):
    return _user("arrangor", "view_postersubmission", "manage_posters")


def test_organiser_sees_the_list_and_the_detail_with_history(client, call, organiser, django_assert_max_num_queries):
    submissions = [make_submission(call, email=f"p{n}@example.no", title=f"Plakat {n}") for n in range(3)]
    client.force_login(organiser, backend=MODEL_BACKEND)
    url = reverse("poster_submissions:index")
    client.get(url)
    for n in range(3, 8):
        make_submission(call, email=f"p{n}@example.no", title=f"Plakat {n}")
    with django_assert_max_num_queries(40):
        response = client.get(url + "?state=submitted")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Plakat 7" in html and "Sendt inn" in html
    detail = client.get(reverse("poster_submissions:inspect", args=[submissions[0].pk])).content.decode()
    assert "Plakat 0" in detail
    assert "Kari Nordmann, Bergen kommune (presenterer)" in detail
    assert "draft" not in detail or "submitted" in detail
    assert "Historikk" in detail
    assert client.get(reverse("poster_submissions:edit", args=[submissions[0].pk])).status_code in (302, 403)
    assert client.get(reverse("poster_submissions:delete", args=[submissions[0].pk])).status_code in (302, 403)


def test_without_manage_posters_there_is_no_access(client, call):
    submission = make_submission(call)
    viewer = _user("leser", "view_postersubmission")
    client.force_login(viewer, backend=MODEL_BACKEND)
    assert client.get(reverse("poster_submissions:index")).status_code in (302, 403)
    assert client.get(reverse("poster_submissions:inspect", args=[submission.pk])).status_code in (302, 403)


def test_editor_can_open_the_new_call_form_under_an_edition(admin_client, edition):
    response = admin_client.get(reverse("wagtailadmin_pages:add", args=("posters", "postercallpage", edition.pk)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ordgrense for sammendraget" in html or "ordgrense for sammendraget" in html.lower()

"""A project in the registry and the conference link to each other: a published poster that
presents the project (chosen by the organisers) and an award winner appear on the project page
(through ``cms.core.related``, so ``cms`` never imports ``conference``), and the gallery and the
award archive link back. A rejected, unconsented or undecided poster and a winner before the
ceremony never appear; the project page costs the same queries however many links."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conference.award.models import AwardArchivePage, AwardWinner
from conference.editions.models import ConferenceIndexPage
from conference.posters.enums import SubmissionState
from conference.posters.models import PosterSubmission
from tests.cms.inquiries.test_project_news import make_project
from tests.conference.posters.after_helpers import add_files, make_call, make_published, make_submission
from tests.conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_and_no_page_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = False
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def registry(home_page):
    from cms.inquiries.models import ProjectIndexPage

    index = ProjectIndexPage(title="Prosjekter", slug="prosjekter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def project(registry):
    return make_project(registry, "Trygg hjemme i Alver")


@pytest.fixture
def call(home_page):
    return make_call(home_page)


@pytest.fixture
def archive(call):
    page = AwardArchivePage(title="Forsknings- og innovasjonsprisen", slug="prisen")
    ConferenceIndexPage.objects.first().add_child(instance=page)
    page.save_revision().publish()
    return page


def gallery_url(call, name="gallery", **kwargs):
    return call.url + call.reverse_subpage(name, kwargs=kwargs or None)


def test_published_poster_and_project_link_to_each_other(client, call, project):
    poster = make_published(call, "Velferdsteknologi i Alver", board_number=4, registry_project=project)
    page = client.get(project.url).content.decode()
    assert ">Plakater på konferansen</h2>" in page
    assert f'href="{gallery_url(call, "gallery_poster", pk=poster.pk)}"' in page

    for url in (gallery_url(call), gallery_url(call, "gallery_poster", pk=poster.pk)):
        html = client.get(url).content.decode()
        assert f'href="{project.url}"' in html and "Trygg hjemme i Alver" in html, url


def test_posters_not_in_the_gallery_never_appear_on_the_project_page(client, call, project):
    now = timezone.now()
    hidden = [
        add_files(
            make_submission(
                call, "Avvist plakat", state=SubmissionState.REJECTED, decision_sent_at=now, registry_project=project
            )
        ),
        add_files(
            make_submission(
                call, "Uten samtykke", state=SubmissionState.ACCEPTED, decision_sent_at=now, registry_project=project
            )
        ),
        add_files(
            make_submission(
                call, "Ikke sendt", state=SubmissionState.ACCEPTED, consent_to_publish=True, registry_project=project
            )
        ),
        make_submission(call, "Trukket plakat", state=SubmissionState.WITHDRAWN, registry_project=project),
    ]
    page = client.get(project.url).content.decode()
    assert ">Plakater på konferansen</h2>" not in page
    for poster in hidden:
        assert poster.title not in page


def test_a_poster_of_an_unpublished_call_is_not_shown(client, call, project):
    make_published(call, "Plakat i skjult utlysning", registry_project=project)
    call.unpublish()
    assert "Plakat i skjult utlysning" not in client.get(project.url).content.decode()


def test_gallery_does_not_link_an_unpublished_project(client, call, registry):
    draft = make_project(registry, "Prosjekt under arbeid", live=False)
    poster = make_published(call, "Plakat", registry_project=draft)
    for url in (gallery_url(call), gallery_url(call, "gallery_poster", pk=poster.pk)):
        assert "Prosjekt under arbeid" not in client.get(url).content.decode()


def test_award_winner_appears_only_from_the_ceremony(client, call, project, archive):
    edition = call.get_parent().specific
    now = timezone.now()
    AwardWinner.objects.create(
        edition=edition, name="Forskergruppen i Alver", registry_project=project, publish_at=now - datetime.timedelta(1)
    )
    AwardWinner.objects.create(
        edition=edition, name="Hemmelig vinner", registry_project=project, publish_at=now + datetime.timedelta(1)
    )
    response = client.get(project.url)
    page = response.content.decode()
    assert "Forskergruppen i Alver" in page and f'href="{archive.url}#award-{edition.year}"' in page
    assert "Hemmelig vinner" not in page
    # A cached copy must not outlive the secret: the page may be kept at most until the ceremony.
    assert response.wsgi_request._page_cache_limit <= 24 * 60 * 60

    archive_html = client.get(archive.url).content.decode()
    assert f'href="{project.url}"' in archive_html and "Hemmelig vinner" not in archive_html


def test_archive_does_not_link_an_unpublished_project(client, call, registry, archive):
    draft = make_project(registry, "Prosjekt under arbeid", live=False)
    AwardWinner.objects.create(edition=call.get_parent().specific, name="Vinner", registry_project=draft)
    html = client.get(archive.url).content.decode()
    assert "Vinner" in html and "Prosjekt under arbeid" not in html


def organiser(*codenames):
    user = get_user_model().objects.create_user("arrangor", "arrangor@example.no", "langt-passord-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="posters"))
    return user


def test_organiser_links_a_poster_to_a_project_in_the_admin(client, call, project, registry):
    poster = make_published(call, "Plakat")
    client.force_login(organiser("manage_posters"), backend=MODEL_BACKEND)
    url = reverse("posters_admin:project", args=[call.pk, poster.pk])
    form = client.get(url).content.decode()
    assert "Trygg hjemme i Alver" in form
    draft = make_project(registry, "Prosjekt under arbeid", live=False)
    assert "Prosjekt under arbeid" not in form

    response = client.post(url, {"project": draft.pk})  # not offered: refused, nothing saved
    assert response.status_code == 200 and PosterSubmission.objects.get(pk=poster.pk).registry_project is None

    assert client.post(url, {"project": project.pk}).status_code == 302
    poster.refresh_from_db()
    assert poster.registry_project_id == project.pk
    assert "Trygg hjemme i Alver" in poster.history.last().note
    assert "Plakat" in client.get(project.url).content.decode()

    client.post(url, {"project": ""})
    poster.refresh_from_db()
    assert poster.registry_project is None


def test_only_organisers_link_posters_and_only_posters_sent_in(client, call, project):
    poster = make_published(call, "Plakat")
    draft = make_submission(call, "Utkast", state=SubmissionState.DRAFT)
    client.force_login(organiser("view_postersubmission"), backend=MODEL_BACKEND)
    url = reverse("posters_admin:project", args=[call.pk, poster.pk])
    assert client.post(url, {"project": project.pk}).status_code in (302, 403)  # the admin turns 403 into a redirect
    poster.refresh_from_db()
    assert poster.registry_project is None

    client.force_login(organiser_with_manage(), backend=MODEL_BACKEND)
    draft_url = reverse("posters_admin:project", args=[call.pk, draft.pk])
    assert client.post(draft_url, {"project": project.pk}).status_code == 404


def organiser_with_manage():
    user = get_user_model().objects.create_user("komite", "komite@example.no", "langt-passord-123")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_posters", content_type__app_label="posters"),
    )
    return user


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_project_page_query_count_does_not_grow_with_posters_and_winners(client, call, project, archive):
    edition = call.get_parent().specific
    make_published(call, "Plakat 0", registry_project=project)
    AwardWinner.objects.create(edition=edition, name="Vinner 0", registry_project=project)
    few = queries(client, project.url)
    for n in range(1, 6):
        make_published(call, f"Plakat {n}", registry_project=project)
        AwardWinner.objects.create(edition=edition, name=f"Vinner {n}", registry_project=project)
    assert queries(client, project.url) == few
    assert "Plakat 5" in client.get(project.url).content.decode()


def test_linked_pages_are_valid_html(client, call, project, archive, home_page, tmp_path):
    from tests.cms.inquiries.test_project_news import make_news
    from tests.cms.news.factories import NewsIndexPageFactory
    from tests.test_valid_html import _validate

    news = make_news(NewsIndexPageFactory(parent=home_page), "Nyhet om prosjektet", project)
    poster = make_published(call, "Plakat om prosjektet", board_number=2, registry_project=project)
    AwardWinner.objects.create(edition=call.get_parent().specific, name="Vinner", registry_project=project)
    pages = {
        "project": project.url,
        "news": news.url,
        "gallery": gallery_url(call),
        "poster": gallery_url(call, "gallery_poster", pk=poster.pk),
        "archive": archive.url,
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(path)
    errors = _validate(files)
    assert not errors, [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m.get('message')}" for m in errors]

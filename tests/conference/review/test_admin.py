"""Review rounds in the Conference admin menu, with their criteria inline."""

import pytest
from django.urls import reverse

from conference.review.models import Round

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.no", "x-Very-long-pw-123")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_organiser_creates_a_round_with_weighted_criteria(admin_client, edition):
    data = {
        "edition": edition.pk,
        "kind": "award",
        "title": "Juryen 2026",
        "declarations_open": "2026-05-01 09:00",
        "scoring_opens": "2026-05-10 09:00",
        "scoring_closes": "2026-06-01 23:59",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name": "Nytte for tjenestene",
        "criteria-0-help_text": "",
        "criteria-0-weight": "3",
        "criteria-0-scale_min": "1",
        "criteria-0-scale_max": "7",
        "criteria-0-ORDER": "1",
        "criteria-0-id": "",
        "criteria-0-DELETE": "",
    }
    response = admin_client.post(reverse("review_rounds:add"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    round = Round.objects.get()
    assert [(c.name, c.weight, c.scale_max) for c in round.criteria.all()] == [("Nytte for tjenestene", 3, 7)]


def test_rounds_are_in_the_conference_menu(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("review_rounds:index") in response.content.decode()
    assert admin_client.get(reverse("review_rounds:index")).status_code == 200


def test_a_panel_member_without_permission_cannot_open_the_rounds(client, round, member):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("review_rounds:index"))
    assert response.status_code in (302, 403)

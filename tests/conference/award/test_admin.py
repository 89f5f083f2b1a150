"""The award in the admin: rounds created with the engine round and the default criteria,
jurors see only their own rounds, winners need alt text for a photo, and the form's rate limit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from conference.award.enums import DEFAULT_CRITERIA
from conference.award.models import AwardRound, AwardWinner
from conference.review import services as review_services
from tests.conference.factories import ConferenceEditionPageFactory

from .conftest import form_post, make_user

pytestmark = pytest.mark.django_db


def test_a_round_made_in_the_admin_gets_its_engine_round_and_default_criteria(admin_client, edition):
    response = admin_client.post(
        reverse("award_rounds:add"),
        {
            "edition": edition.pk,
            "title": "Kunnskapskommunens forsknings- og innovasjonspris",
            "intro": "",
            "eligibility": "Personer og miljøer.",
            "criteria_text": "",
            "nominations_open": "2026-03-01 09:00",
            "nominations_close": "2026-05-01 23:59",
            "justification_max_length": "3000",
            "declarations_open": "2026-05-02 09:00",
            "scoring_opens": "2026-05-03 09:00",
            "scoring_closes": "2026-06-01 23:59",
            "deliberation_at": "",
            "publish_at": "2026-09-04 14:30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    award_round = AwardRound.objects.get()
    review_round = award_round.review_round
    assert review_round.kind == "award" and review_round.scoring_closes == award_round.scoring_closes
    assert [c.name for c in review_round.criteria.order_by("sort_order")] == [name for name, _ in DEFAULT_CRITERIA]


def test_jurors_see_only_their_own_rounds(client, award_round, jury, conference_index, now):
    from conference.award import services

    other_edition = ConferenceEditionPageFactory(parent=conference_index, year=2028, title="Konferansen 2028")
    other = services.save_round(
        AwardRound(
            edition=other_edition,
            nominations_open=now,
            nominations_close=now + datetime.timedelta(days=1),
            declarations_open=now,
            scoring_opens=now,
            scoring_closes=now + datetime.timedelta(days=2),
            publish_at=now + datetime.timedelta(days=3),
        )
    )
    review_services.add_member(other.review_round, make_user("annenjury"), is_chair=True)
    client.force_login(jury["bjorn"].user)
    html = client.get(reverse("award_admin:home")).content.decode()
    assert "2026" in html and "2028" not in html
    assert client.get(reverse("award_admin:decision", args=[other.pk])).status_code == 404


def test_a_winner_photo_needs_alt_text(edition):
    image = Image.objects.create(title="Vinner", file=get_test_image_file())
    winner = AwardWinner(edition=edition, name="Et miljø", photo=image)
    with pytest.raises(ValidationError):
        winner.clean()
    winner.photo_alt = "Fem forskere foran Universitetsaulaen"
    winner.clean()


def test_the_nomination_form_is_rate_limited(client, award_round, uib, settings):
    settings.RATELIMIT_ENABLE = True
    url = reverse("award:nominate", args=[award_round.edition.year])
    statuses = [client.post(url, form_post(uib, nominator_email="feil")).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429

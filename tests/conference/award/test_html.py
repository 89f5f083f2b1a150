"""The award's public pages and form states are valid HTML (the Nu Html Checker, as in
``tests/test_valid_html.py``), and the archive's query count does not grow with the years."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.award import services
from conference.award.models import AwardArchivePage, AwardWinner
from tests.conference.factories import ConferenceEditionPageFactory
from tests.test_valid_html import _validate

from .conftest import form_post, nomination_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def archive(conference_index):
    page = AwardArchivePage(title="Forsknings- og innovasjonsprisen", slug="prisen", intro="Alle vinnerne.")
    conference_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_award_pages_and_form_states_are_valid_html(client, award_round, uib, bergen, archive, tmp_path):
    AwardWinner.objects.create(
        edition=award_round.edition,
        name="Birgitte Graverholt",
        project="IMPAKT",
        citation="For IMPAKT.",
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    nomination = services.submit_nomination(award_round, nomination_data(uib))
    url = reverse("award:nominate", args=[award_round.edition.year])
    pages = {
        "nominate": client.get(url),
        "nominate-errors": client.post(url, form_post(uib, nominator_email="feil", organisation="")),
        "manage": client.get(reverse("award:manage", args=[nomination.token])),
        "nominee": client.get(reverse("award:nominee", args=[nomination.nominee_token])),
        "nominee-errors": client.post(reverse("award:nominee", args=[nomination.nominee_token]), {"reason": "x"}),
        "archive": client.get(archive.url),
        "edition": client.get(award_round.edition.url),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(path)
    errors = _validate(files)
    readable = [f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')}" for m in errors]
    assert not errors, "\n".join(readable)


def test_the_archive_costs_the_same_queries_for_many_years(
    client, conference_index, archive, django_assert_max_num_queries
):
    past = timezone.now() - datetime.timedelta(days=1)
    for year in (2019, 2020):
        edition = ConferenceEditionPageFactory(parent=conference_index, year=year, title=f"Konferansen {year}")
        AwardWinner.objects.create(edition=edition, name=f"Vinner {year}", publish_at=past)
    client.get(archive.url)
    with django_assert_max_num_queries(30) as few:
        client.get(archive.url)
    for year in range(2021, 2029):
        edition = ConferenceEditionPageFactory(parent=conference_index, year=year, title=f"Konferansen {year}")
        AwardWinner.objects.create(edition=edition, name=f"Vinner {year}", publish_at=past)
    client.get(archive.url)  # new pages empty Wagtail's cached site root paths
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(archive.url).content.decode()
    assert "Vinner 2028" in html and "Vinner 2019" in html

"""Accepted posters with board numbers appear under the edition's poster session: on the
programme page, in the programme JSON and in the iCal description."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.utils import timezone

from conference.posters.enums import SubmissionState
from conference.programme.models import Session
from tests.conference.factories import SessionFactory

from .after_helpers import make_call, make_published, make_submission

pytestmark = pytest.mark.django_db


def clear_caches():
    """Measured requests start from empty caches (the anonymous page cache would answer them)."""
    for alias in django_settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def call(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call = make_call(home_page)
    edition = call.get_parent().specific
    SessionFactory(
        edition=edition,
        kind=Session.Kind.POSTER,
        title="Plakatsesjon",
        start_time=datetime.time(12, 0),
        end_time=datetime.time(13, 0),
    )
    SessionFactory(edition=edition, kind=Session.Kind.PLENARY, title="Åpning")
    make_published(call, "Samhandling i Nordhordland", board_number=4)
    make_submission(call, "Ikke sendt ennå", state=SubmissionState.ACCEPTED, board_number=5)
    make_submission(call, "Uten nummer", state=SubmissionState.ACCEPTED, decision_sent_at=timezone.now())
    return call


def test_programme_page_shows_posters_with_board_numbers(call, client):
    edition = call.get_parent().specific
    content = client.get(edition.programme_url()).content.decode()
    assert "Samhandling i Nordhordland" in content
    assert "4." in content
    assert "Ikke sendt ennå" not in content and "Uten nummer" not in content


def test_programme_json_lists_posters_under_the_poster_session(call, client):
    edition = call.get_parent().specific
    data = client.get(edition.programme_json_url()).json()
    sessions = {s["title"]: s for s in data["sessions"]}
    extras = sessions["Plakatsesjon"]["extras"]
    assert extras[0]["key"] == "posters"
    assert [(i["label"], i["title"]) for i in extras[0]["items"]] == [("4", "Samhandling i Nordhordland")]
    assert extras[0]["items"][0]["url"].endswith(
        call.reverse_subpage("gallery_poster", kwargs={"pk": call.submissions.get(board_number=4).pk})
    )
    assert sessions["Åpning"]["extras"] == []


def test_ical_description_of_the_poster_session_lists_the_posters(call, client):
    edition = call.get_parent().specific
    body = client.get(edition.programme_ics_url()).content.decode().replace("\r\n ", "")
    assert "Postere:" in body
    assert "4. Samhandling i Nordhordland (Kari Nordmann)" in body


def test_programme_query_count_does_not_grow_with_posters(call, client, django_assert_max_num_queries):
    edition = call.get_parent().specific
    client.get(edition.programme_json_url())
    clear_caches()
    with django_assert_max_num_queries(40) as few:
        client.get(edition.programme_json_url())
    for i in range(6, 16):
        make_published(call, f"Plakat {i}", board_number=i)
    clear_caches()
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get(edition.programme_json_url()).json()
    assert len(next(s for s in data["sessions"] if s["title"] == "Plakatsesjon")["extras"][0]["items"]) == 11

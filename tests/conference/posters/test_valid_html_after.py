"""The gallery, a poster's page, the programme with posters and the vote pages (empty, with
errors, after voting) are valid HTML (the Nu Html Checker, as in ``tests/test_valid_html.py``)."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from conference.posters.enums import PrizeMode
from conference.programme.models import Session
from tests.conference.factories import SessionFactory
from tests.test_valid_html import _validate

from .after_helpers import make_call, make_published, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def test_poster_pages_are_valid_html(client, home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    now = timezone.now()
    call = make_call(
        home_page,
        prize_mode=PrizeMode.VOTE,
        voting_opens_at=now - datetime.timedelta(hours=1),
        voting_closes_at=now + datetime.timedelta(hours=1),
    )
    edition = call.get_parent().specific
    SessionFactory(edition=edition, kind=Session.Kind.POSTER, title="Plakatsesjon")
    poster = make_published(call, "Trygg overgang fra sykehus", board_number=1)
    registration = make_registration(call)
    gallery = call.url + call.reverse_subpage("gallery")
    vote = call.url + call.reverse_subpage("vote", kwargs={"token": registration.manage_token})
    board = call.url + call.reverse_subpage("board_vote", kwargs={"board": 1})
    pages = {
        "gallery": client.get(gallery),
        "gallery-bad-filter": client.get(gallery, {"topic": "999"}),
        "poster": client.get(call.url + call.reverse_subpage("gallery_poster", kwargs={"pk": poster.pk})),
        "programme": client.get(edition.programme_url()),
        "edition": client.get(edition.url),
        "vote-empty": client.get(vote),
        "vote-errors": client.post(vote, {}),
        "board-empty": client.get(board),
        "board-errors": client.post(board, {"reference": "x", "email": "nei"}),
    }
    client.post(vote, {"poster": poster.pk})
    pages["vote-done"] = client.get(vote)
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        files.append(path)
    errors = _validate(files)
    readable = [f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')}" for m in errors]
    assert not errors, "\n".join(readable)

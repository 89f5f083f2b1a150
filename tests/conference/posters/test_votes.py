"""The participants' poster prize vote: who may vote, changing one's vote, closing, the hidden
count, the QR route on a poster board and the link on the attendee's manage page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.posters import votes
from conference.posters.enums import PrizeMode
from conference.posters.models import PosterVote

from .after_helpers import make_call, make_published, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    now = timezone.now()
    return make_call(
        home_page,
        prize_mode=PrizeMode.VOTE,
        voting_opens_at=now - datetime.timedelta(hours=2),
        voting_closes_at=now + datetime.timedelta(hours=2),
    )


@pytest.fixture
def posters(call):
    return [
        make_published(call, "Helsefremmende barnehager", board_number=1),
        make_published(call, "Mestring hjemme", board_number=2),
    ]


def vote_url(call, registration):
    return call.url + call.reverse_subpage("vote", kwargs={"token": registration.manage_token})


def close_voting(call):
    call.voting_opens_at = timezone.now() - datetime.timedelta(days=2)
    call.voting_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()


def test_not_checked_in_is_refused(call, posters, client):
    registration = make_registration(call, checked_in=False)
    with pytest.raises(votes.VoteError, match="sjekket inn"):
        votes.cast_vote(call, registration, posters[0].pk)
    page = client.get(vote_url(call, registration)).content.decode()
    assert "sjekket inn" in page and 'name="poster"' not in page


def test_checked_in_participant_votes_and_may_change_the_vote_once_counted(call, posters, client):
    registration = make_registration(call)
    response = client.post(vote_url(call, registration), {"poster": posters[0].pk}, follow=True)
    assert "Stemmen din på «Helsefremmende barnehager» er registrert" in response.content.decode()
    response = client.post(vote_url(call, registration), {"poster": posters[1].pk}, follow=True)
    assert "Stemmen din er endret til «Mestring hjemme»" in response.content.decode()
    assert PosterVote.objects.filter(registration=registration).count() == 1
    assert PosterVote.objects.get(registration=registration).submission == posters[1]


def test_an_unpublished_or_foreign_poster_cannot_get_votes(call, posters, home_page, client):
    registration = make_registration(call)
    other = make_published(make_call(home_page, year=2031), "Annen utgave")
    response = client.post(vote_url(call, registration), {"poster": other.pk})
    assert response.status_code == 200
    assert not PosterVote.objects.exists()


def test_count_is_hidden_while_voting_and_shown_after_close(call, posters, client):
    registration = make_registration(call)
    votes.cast_vote(call, registration, posters[1].pk)
    assert votes.results(call) is None
    assert votes.prize_winners(call) == []
    gallery = client.get(call.url + call.reverse_subpage("gallery")).content.decode()
    assert "1 stemme" not in gallery
    close_voting(call)
    with pytest.raises(votes.VoteError, match="stengte"):
        votes.cast_vote(call, registration, posters[0].pk)
    assert [p.vote_count for p in votes.results(call)] == [1, 0]
    gallery = client.get(call.url + call.reverse_subpage("gallery")).content.decode()
    assert "Vinner av plakatprisen" in gallery and "1 stemme" in gallery
    page = client.get(vote_url(call, registration)).content.decode()
    assert "Resultatet av avstemningen" in page and 'name="poster"' not in page


def test_qr_route_on_the_board_asks_for_reference_and_email(call, posters, client):
    registration = make_registration(call, email="stemmer@example.com")
    url = call.url + call.reverse_subpage("board_vote", kwargs={"board": 2})
    assert "Mestring hjemme" in client.get(url).content.decode()
    wrong = client.post(url, {"reference": registration.reference, "email": "feil@example.com"})
    assert "Vi fant ingen påmelding" in wrong.content.decode()
    assert not PosterVote.objects.exists()
    client.post(url, {"reference": registration.reference, "email": "STEMMER@example.com"})
    assert PosterVote.objects.get(registration=registration).submission == posters[1]
    assert client.get(call.url + call.reverse_subpage("board_vote", kwargs={"board": 99})).status_code == 404


def test_a_tampered_or_foreign_token_is_not_found(call, posters, home_page, client):
    assert client.get(call.url + call.reverse_subpage("vote", kwargs={"token": "x" * 43})).status_code == 404
    other_call = make_call(home_page, year=2031)
    foreign = make_registration(other_call, email="annen@example.com")
    assert client.get(vote_url(call, foreign)).status_code == 404


def test_manage_page_links_to_the_vote(call, posters, client):
    registration = make_registration(call)
    content = client.get(reverse("registration:manage", args=[registration.manage_token])).content.decode()
    assert "Stem på den beste plakaten" in content
    assert vote_url(call, registration) in content


def test_committee_mode_refuses_votes(call, posters):
    call.prize_mode = PrizeMode.COMMITTEE
    call.save()
    with pytest.raises(votes.VoteError, match="ingen avstemning"):
        votes.cast_vote(call, make_registration(call), posters[0].pk)

"""Two organisers (or two tabs) sending the decisions at the same moment meet at the submission
row locks on PostgreSQL: each decision e-mail is queued once, and the second batch sends none;
two participants' tabs voting at once leave one vote."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from conference.posters import decisions, votes
from conference.posters.enums import PrizeMode, SubmissionState
from conference.posters.models import PosterEmail, PosterVote

from .after_helpers import make_call, make_published, make_registration, make_submission

pytestmark = pytest.mark.django_db(transaction=True)


def run_twice(fn):
    results, errors = [], []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(fn())
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_simultaneous_batches_send_each_decision_once(home_page, settings, tmp_path):
    assert connection.vendor == "postgresql"
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call = make_call(home_page)
    for title, decision in (
        ("En", SubmissionState.ACCEPTED),
        ("To", SubmissionState.REJECTED),
        ("Tre", SubmissionState.ACCEPTED),
    ):
        decisions.decide(make_submission(call, title), decision)
    results, errors = run_twice(lambda: decisions.send_decisions(call))
    assert errors == []
    assert sorted(results) == [0, 3]
    assert PosterEmail.objects.filter(kind=PosterEmail.Kind.DECISION).count() == 3


def test_simultaneous_votes_from_two_tabs_leave_one_vote(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    now = timezone.now()
    call = make_call(
        home_page,
        prize_mode=PrizeMode.VOTE,
        voting_opens_at=now - datetime.timedelta(hours=1),
        voting_closes_at=now + datetime.timedelta(hours=1),
    )
    poster = make_published(call, "Plakat", board_number=1)
    registration = make_registration(call)
    _results, errors = run_twice(lambda: votes.cast_vote(call, registration, poster.pk))
    assert errors == []
    assert PosterVote.objects.filter(registration=registration).count() == 1

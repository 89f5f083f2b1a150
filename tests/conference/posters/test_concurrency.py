"""Two first posters sent in at the same moment meet at the call's row lock on PostgreSQL: one
committee round, both posters in it, never an IntegrityError."""

import pytest
from django.db import connection

from conference.posters.models import PosterCallPage, PosterSubmission
from conference.review.models import Round
from tests.conference.registration.factories import ensure_wagtail_root
from tests.conference.review.test_concurrency import run_twice

from .factories import make_submission

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def _put_back_wagtail_root(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_root()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_first_posters_at_once_make_one_round(call):
    emails = iter(["a@example.no", "b@example.no"])
    assert run_twice(lambda: make_submission(PosterCallPage.objects.get(pk=call.pk), email=next(emails))) == []
    assert Round.objects.count() == 1
    round = Round.objects.get()
    assert set(PosterSubmission.objects.values_list("review_round", flat=True)) == {round.pk}
    assert PosterCallPage.objects.get(pk=call.pk).review_round == round

"""The call's window in Norwegian time: the edges of 15 May 23.59 and of a day the clocks change."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cms.core.times import date_and_time
from conference.posters import services
from conference.posters.models import PosterSubmission

from .conftest import make_call, post_data, submit_url

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def may_call(edition):
    return make_call(
        edition,
        opens_at=datetime.datetime(2028, 1, 1, tzinfo=OSLO),
        closes_at=datetime.datetime(2028, 5, 15, 23, 59, tzinfo=OSLO),
    )


@pytest.fixture
def dst_call(edition):
    # The clocks go from 02.00 to 03.00 on 26 March 2028: 03.00 summer time is 01.00 UTC.
    return make_call(
        edition,
        opens_at=datetime.datetime(2028, 1, 1, tzinfo=OSLO),
        closes_at=datetime.datetime(2028, 3, 26, 3, 0, tzinfo=OSLO),
    )


def test_deadline_is_shown_in_norwegian_time(may_call):
    assert date_and_time(may_call.closes_at) == "15. mai 2028 kl. 23.59"
    assert date_and_time(datetime.datetime(2028, 3, 26, 1, 0, tzinfo=UTC)) == "26. mars 2028 kl. 03.00"
    assert date_and_time(datetime.datetime(2028, 10, 29, 1, 30, tzinfo=UTC)) == "29. oktober 2028 kl. 02.30"


def test_may_deadline_edges_in_utc(may_call):
    # 23.59 in May is summer time (UTC+2): 21.59 UTC.
    assert may_call.is_open(at(2028, 5, 15, 21, 58, 59))
    assert not may_call.is_open(at(2028, 5, 15, 21, 59, 0))


def test_dst_change_day_edges(dst_call):
    assert dst_call.is_open(at(2028, 3, 26, 0, 59, 59))
    assert not dst_call.is_open(at(2028, 3, 26, 1, 0, 0))


def test_services_refuse_after_the_deadline_with_the_deadline(dst_call):
    details = {"contact_name": "A", "contact_email": "a@example.no", "title": "T"}
    saved = services.save_submission(dst_call, details, [], submit=False, now=at(2028, 3, 26, 0, 59, 59))
    assert saved.state == "draft"
    with pytest.raises(services.CallClosed) as error:
        services.save_submission(dst_call, details, [], submit=False, now=at(2028, 3, 26, 1, 0))
    assert "26. mars 2028 kl. 03.00" in str(error.value)


def test_form_after_the_deadline_is_refused_with_the_deadline(client, may_call):
    with mock.patch("django.utils.timezone.now", return_value=at(2028, 5, 15, 21, 59, 0)):
        response = client.post(submit_url(may_call), post_data(may_call))
        page = client.get(may_call.url).content.decode()
    assert response.status_code == 403
    assert "15. mai 2028 kl. 23.59" in response.content.decode()
    assert "Utlysningen er stengt" in page
    assert not PosterSubmission.objects.exists()


def test_form_one_second_before_the_deadline_is_accepted(client, may_call):
    with mock.patch("django.utils.timezone.now", return_value=at(2028, 5, 15, 21, 58, 59)):
        response = client.post(submit_url(may_call), post_data(may_call))
    assert response.status_code == 302
    assert PosterSubmission.objects.get().state == "submitted"


def test_call_not_yet_open_says_when_it_opens(client, edition):
    call = make_call(
        edition,
        opens_at=timezone.now() + datetime.timedelta(days=3),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    response = client.get(submit_url(call))
    assert "Utlysningen åpner" in response.content.decode()
    assert "Send inn plakat</a>" not in client.get(call.url).content.decode()

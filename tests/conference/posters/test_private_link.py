"""The private link: status and history, editing until the deadline, withdrawing, 404 for a
changed link, and "send me my link again" without telling who has submitted."""

import pytest
from django.core.cache import cache

from conference.posters.enums import SubmissionState
from conference.posters.models import PosterEmail

from .conftest import make_call, post_data, private_url
from .factories import accept, close_call, make_submission

pytestmark = pytest.mark.django_db


def test_status_page_shows_the_submission_and_history(client, call):
    submission = make_submission(call)
    response = client.get(private_url(submission))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mestring hjemme" in html
    assert "Sendt inn" in html
    assert "Plakaten ble sendt inn." in html
    assert "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex"' in html


@pytest.mark.parametrize("change", ["last", "garbage", "nul"])
def test_changed_link_is_404(client, call, change):
    submission = make_submission(call)
    token = submission.token
    bad = {
        "last": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "garbage": "x" * 5,
        "nul": token[:-1] + "%00",
    }[change]
    url = private_url(submission).replace(token, bad)
    assert client.get(url).status_code == 404
    assert client.get(url + "endre/").status_code == 404
    assert client.post(url + "trekk/").status_code == 404
    assert client.get(url + "plakat/").status_code == 404


def test_token_of_another_call_is_404(client, call, edition, home_page):
    from tests.conference.registration.factories import make_edition

    other_edition = make_edition(home_page, year=2031)
    other_call = make_call(other_edition)
    submission = make_submission(other_call)
    url = call.url + call.reverse_subpage("submission", kwargs={"token": submission.token})
    assert client.get(url).status_code == 404


def test_edit_is_read_only_after_the_deadline(client, call):
    submission = make_submission(call)
    close_call(call)
    page = client.get(private_url(submission)).content.decode()
    assert "kan ikke lenger endres" in page
    assert "Endre innsendingen" not in page
    response = client.post(private_url(submission, "edit"), post_data(call, title="Endret etter fristen"))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.title == "Mestring hjemme"


def test_withdraw_before_the_deadline(client, call):
    submission = make_submission(call)
    assert "Vil du trekke" in client.get(private_url(submission, "withdraw")).content.decode()
    response = client.post(private_url(submission, "withdraw"))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == SubmissionState.WITHDRAWN
    page = client.get(private_url(submission)).content.decode()
    assert "Innsendingen ble trukket." in page
    assert "Endre innsendingen" not in page


def test_a_draft_can_be_withdrawn(client, call):
    submission = make_submission(call, submit=False)
    client.post(private_url(submission, "withdraw"))
    submission.refresh_from_db()
    assert submission.state == SubmissionState.WITHDRAWN


def test_withdraw_after_the_deadline_is_refused(client, call):
    submission = make_submission(call)
    close_call(call)
    client.post(private_url(submission, "withdraw"))
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED


def test_decision_is_hidden_until_its_email_is_sent(client, call):
    submission = accept(make_submission(call), sent=False)
    html = client.get(private_url(submission)).content.decode()
    assert "Sendt inn – til vurdering" in html
    assert "Godkjent" not in html
    assert "Husk stor skrift" not in html
    submission = accept(submission, sent=True)
    html = client.get(private_url(submission)).content.decode()
    assert "Godkjent" in html
    assert "Husk stor skrift" in html


def _resend(client, call, email):
    return client.post(call.url + call.reverse_subpage("resend_link"), {"email": email})


def test_resend_link_answers_the_same_whether_or_not_the_address_exists(client, call):
    make_submission(call, email="kari@example.no")
    known = client.get(_resend(client, call, "KARI@example.no")["Location"]).content.decode()
    unknown = client.get(_resend(client, call, "ukjent@example.no")["Location"]).content.decode()
    assert "Hvis KARI@example.no har en innsending" in known
    assert "Hvis ukjent@example.no har en innsending" in unknown
    assert PosterEmail.objects.filter(kind=PosterEmail.Kind.LINK).count() == 1


def test_resend_link_sends_at_most_once_an_hour(client, call):
    make_submission(call)
    for _ in range(3):
        _resend(client, call, "kari@example.no")
    assert PosterEmail.objects.filter(kind=PosterEmail.Kind.LINK).count() == 1


def test_resend_link_with_a_bad_address_shows_the_error(client, call):
    response = _resend(client, call, "ikke-en-adresse")
    assert response.status_code == 400
    assert 'href="#id_email"' in response.content.decode()


def test_resend_link_is_rate_limited(client, call, settings):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    try:
        statuses = [_resend(client, call, f"x{n}@example.no").status_code for n in range(6)]
    finally:
        cache.clear()
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429

"""Submitting a poster without an account: drafts, sending in, the word limit and the authors."""

import pytest

from conference.posters.enums import SubmissionState
from conference.posters.models import PosterEmail, PosterSubmission

from .conftest import post_data, submit_url, words

pytestmark = pytest.mark.django_db


def test_call_page_shows_the_rules_and_the_button(client, call):
    response = client.get(call.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Send inn plakat" in html
    assert "høyst 50 ord" in html
    assert "Helsefremmende arbeid" in html
    assert " kl. " in html


def test_submitting_creates_a_submitted_poster_with_receipt(client, call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(call), post_data(call))
    submission = PosterSubmission.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/innsending/{submission.token}/")
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.contact_email == "kari@example.no"
    assert submission.authors.get().is_presenting
    receipt = PosterEmail.objects.get(kind=PosterEmail.Kind.RECEIPT)
    assert receipt.sent_at is not None
    page = client.get(response["Location"])
    assert "Plakaten ble sendt inn" in page.content.decode()

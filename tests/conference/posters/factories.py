"""Submissions made through ``services``, as the site makes them."""

import datetime

from django.utils import timezone

from conference.posters import services
from conference.posters.enums import SubmissionState
from conference.posters.models import PosterSubmission
from conference.posters.services import AuthorDetails


def make_submission(call, *, submit=True, email="kari@example.no", title="Mestring hjemme", presenter_email=""):
    details = {
        "contact_name": "Kari Nordmann",
        "contact_email": email,
        "title": title,
        "background": "Bakgrunn for prosjektet.",
        "method": "Intervjuer.",
        "results": "Pågår.",
        "relevance": "Nyttig for kommunene.",
        "topic": call.topics.first(),
        "consent_to_publish": True,
    }
    authors = [
        AuthorDetails(
            name="Kari Nordmann", email=presenter_email, affiliation_other="Bergen kommune", is_presenting=True
        )
    ]
    return services.save_submission(call, details, authors, submit=submit)


def accept(submission, *, sent=True):
    """The decision (another helper's services will do this): accepted, decision e-mail sent."""
    PosterSubmission.objects.filter(pk=submission.pk).update(
        state=SubmissionState.ACCEPTED,
        decided_at=timezone.now(),
        decision_sent_at=timezone.now() if sent else None,
        decision_note="Godt arbeid. Husk stor skrift.",
    )
    submission.refresh_from_db()
    return submission


def close_call(call):
    call.opens_at = timezone.now() - datetime.timedelta(days=40)
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    return call

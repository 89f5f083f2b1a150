"""Test data for the posters after review (decisions, board numbers, gallery, votes): a call
under an edition, its review round, submissions in any state and published posters with files."""

import datetime

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from conference.posters.enums import PrizeMode, SubmissionState
from conference.posters.models import PosterAuthor, PosterCallPage, PosterSubmission, PosterTopic
from conference.registration.models import Registration, TicketType
from conference.review.enums import RoundKind
from conference.review.models import Criterion, Round
from tests.conference.registration.factories import make_edition

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def make_call(home_page, *, year=2030, topics=("Tjenesteutvikling", "Helse og velferd"), **fields):
    edition = make_edition(home_page, year=year)
    now = timezone.now()
    values = dict(
        title="Plakater",
        slug="plakater",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
        prize_mode=PrizeMode.COMMITTEE,
    )
    values.update(fields)
    call = PosterCallPage(**values)
    edition.add_child(instance=call)
    for i, name in enumerate(topics):
        PosterTopic.objects.create(page=call, name=name, sort_order=i)
    call.save_revision().publish()
    round = Round.objects.create(
        edition=edition,
        kind=RoundKind.POSTERS,
        title="Posterkomiteen",
        declarations_open=now - datetime.timedelta(days=29),
        scoring_opens=now - datetime.timedelta(days=28),
        scoring_closes=now + datetime.timedelta(days=5),
    )
    Criterion.objects.create(round=round, name="Relevans", weight=2)
    PosterCallPage.objects.filter(pk=call.pk).update(review_round=round)
    call.refresh_from_db()
    return call


def make_submission(
    call, title="Plakat", *, state=SubmissionState.SUBMITTED, topic=None, presenter="Kari Nordmann", **fields
):
    values = dict(
        call=call,
        review_round=call.review_round,
        state=state,
        contact_name=presenter,
        contact_email="kari@example.com",
        title=title,
        background="Bakgrunn om samhandling i kommunene.",
        method="Intervjuer med ansatte.",
        results="Foreløpige funn.",
        relevance="Nyttig for helsetjenesten.",
        topic=topic,
        submitted_at=None if state == SubmissionState.DRAFT else timezone.now(),
    )
    values.update(fields)
    submission = PosterSubmission.objects.create(**values)
    PosterAuthor.objects.create(submission=submission, name=presenter, is_presenting=True, affiliation_other="HVL")
    return submission


def add_files(submission):
    submission.final_pdf.save("plakat.pdf", ContentFile(PDF_BYTES), save=False)
    submission.preview.save("forhandsvisning.png", ContentFile(PNG_BYTES), save=False)
    submission.final_uploaded_at = timezone.now()
    submission.save()
    return submission


def make_published(call, title="Publisert plakat", *, board_number=None, topic=None, **fields):
    submission = make_submission(
        call,
        title,
        state=SubmissionState.ACCEPTED,
        topic=topic,
        consent_to_publish=True,
        decision_sent_at=timezone.now(),
        board_number=board_number,
        **fields,
    )
    return add_files(submission)


def grant_manage(user):
    user.user_permissions.add(
        Permission.objects.get(codename="manage_posters", content_type__app_label="posters"),
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
    )
    return user


def make_registration(call, *, email="deltaker@example.com", checked_in=True):
    edition = call.get_parent().specific
    ticket = TicketType.objects.filter(edition=edition).first() or TicketType.objects.create(
        edition=edition, name="Deltaker", price_ore=0
    )
    return Registration.objects.create(
        edition=edition,
        ticket_type=ticket,
        state=Registration.State.CONFIRMED,
        first_name="Ola",
        last_name="Deltaker",
        email=email,
        payment_method=Registration.PaymentMethod.FREE,
        checked_in_at=timezone.now() if checked_in else None,
    )

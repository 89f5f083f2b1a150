"""The posters in the programme: accepted posters whose decision has been sent and that have a
board number are listed under the edition's poster session(s), on the programme page, in the
programme JSON and in the iCal description (``conference.programme.extras``)."""

from django.utils.translation import gettext as _

from conference.programme.extras import ExtraItem, SessionExtra
from conference.programme.models import Session

from .enums import ACCEPTED_STATES
from .models import PosterAuthor, PosterCallPage, PosterSubmission


def poster_extras(edition, sessions) -> dict:
    """``{session pk: SessionExtra}`` for the poster sessions of ``edition``: four queries (the
    call, its posters, their presenting authors, which are published) however many there are."""
    poster_sessions = [s for s in sessions if s.kind == Session.Kind.POSTER]
    if not poster_sessions or edition.pk is None:
        return {}
    call = PosterCallPage.objects.child_of(edition).live().first()
    if call is None:
        return {}
    posters = list(
        PosterSubmission.objects.filter(
            call=call, state__in=ACCEPTED_STATES, decision_sent_at__isnull=False, board_number__isnull=False
        ).order_by("board_number")
    )
    if not posters:
        return {}
    presenters = dict(
        PosterAuthor.objects.filter(submission__in=[p.pk for p in posters], is_presenting=True).values_list(
            "submission_id", "name"
        )
    )
    published = set(PosterSubmission.objects.published().filter(call=call).values_list("pk", flat=True))
    base = call.url
    items = [
        ExtraItem(
            label=str(p.board_number),
            title=p.title,
            people=presenters.get(p.pk, ""),
            url=base + call.reverse_subpage("gallery_poster", kwargs={"pk": p.pk})
            if base and p.pk in published
            else "",
        )
        for p in posters
    ]
    extra = SessionExtra(key="posters", heading=_("Posters"), items=items)
    return {session.pk: extra for session in poster_sessions}

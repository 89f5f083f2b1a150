"""Finding a registration by the reference people read out or type ("KK2026-00042", the form
of ``Registration.reference``). A public module of registration: the admin's search and door,
and other features (the poster vote checks that a voter is a checked-in attendee), ask here
rather than in registration's views."""

from __future__ import annotations

import re

from .models import Registration

REFERENCE_RE = re.compile(r"^\s*KK(?P<year>\d{4})-0*(?P<pk>\d+)\s*$", re.IGNORECASE)


def registration_for_reference(text: str, edition=None) -> Registration | None:
    """The registration ``text`` names (spaces, case and leading zeros forgiven), within
    ``edition`` if given; None when the text is no reference or names nothing."""
    match = REFERENCE_RE.match(text or "")
    if not match:
        return None
    qs = Registration.objects.filter(pk=int(match["pk"]), edition__year=int(match["year"]))
    if edition is not None:
        qs = qs.filter(edition=edition)
    return qs.select_related("edition", "ticket_type").first()

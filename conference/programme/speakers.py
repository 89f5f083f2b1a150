"""Speaker pages: a person's sessions across the published editions of the conference."""

from itertools import groupby

from django.db.models import Q

from cms.network.models import Person
from conference.programme.models import Session


def speaker_appearances(editions, pk: int):
    """Return ``(person, [(edition, [session, …]), …])`` newest edition first, or
    ``(None, [])`` when the person is not on any programme of ``editions`` (a queryset of the
    published edition pages; the caller chooses them, so this module needs no page model)."""
    person = Person.objects.select_related("photo").filter(pk=pk).first()
    if person is None:
        return None, []
    sessions = list(
        Session.objects.filter(edition__in=editions)
        .filter(Q(speakers__person=person) | Q(chair=person))
        .distinct()
        .select_related("edition")
        .prefetch_related("speakers__person")
        .order_by("-edition__start_date", "day", "start_time", "sort_order")
    )
    if not sessions:
        return None, []
    grouped = [(edition, list(items)) for edition, items in groupby(sessions, key=lambda s: s.edition)]
    return person, grouped

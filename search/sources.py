"""What the site search finds: pages, programme sessions, speakers and other people, and the
measures of the plans, ranked together, each with its type shown.

Everything shown is public already: live, unrestricted pages in the active language; sessions
of such editions; people only where the site shows them (a published programme, or a current
seat in a body on the network page, never their e-mail); published measures of such plans.
Each kind is searched through Wagtail's index; the scores of one search backend are comparable
across kinds (one index table), so the hits are merged by score.
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass
from itertools import groupby

from django.db import connection
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from cms.network.models import Membership, NetworkPage, Person, active_on
from cms.plans.models import Measure, PlanPage
from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
from conference.posters.models import PosterSubmission
from conference.programme.models import Session, SessionSpeaker

MAX_PER_KIND = 100  # more hits than anyone pages through; keeps every search bounded
SUMMARY_WORDS = 40


@dataclass
class Hit:
    """One search result, whatever it is."""

    kind: str  # what it is, shown above the title ("Nyhet", "Foredragsholder" …)
    title: str
    url: str
    summary: str = ""
    date: datetime.datetime | datetime.date | None = None
    score: float = 0.0

    @property
    def has_time(self) -> bool:
        return isinstance(self.date, datetime.datetime)


def _scored(queryset, query: str) -> list:
    """The objects of ``queryset`` matching ``query``, best first, each with ``.search_score``
    (higher is better: SQLite's BM25 counts down, PostgreSQL's rank up)."""
    results = get_search_backend().search(query, queryset, operator="and").annotate_score("search_score")
    results = list(results[:MAX_PER_KIND])
    sign = -1 if connection.vendor == "sqlite" else 1
    for obj in results:
        obj.search_score = sign * (obj.search_score or 0.0)
    return results


def _public_pages():
    pages = Page.objects.live().public()
    with contextlib.suppress(Locale.DoesNotExist):
        pages = pages.filter(locale=Locale.get_active())
    return pages


def _page_hits(query: str, request) -> list[Hit]:
    found = _scored(_public_pages().filter(depth__gt=1), query)
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in found]).specific()}
    hits = []
    for page in found:
        page_obj = specific.get(page.pk, page)
        summary = getattr(page_obj, "summary", "") or getattr(page_obj, "intro", "") or ""
        hits.append(
            Hit(
                kind=str(getattr(page_obj, "search_result_label", "") or _("Page")),
                title=page_obj.title,
                url=page_obj.get_url(request) or "",
                summary=Truncator(strip_tags(summary)).words(SUMMARY_WORDS),
                date=getattr(page_obj, "result_date", None),
                score=page.search_score,
            )
        )
    return hits


def _editions():
    return ConferenceEditionPage.objects.filter(pk__in=_public_pages().type(ConferenceEditionPage).values("pk"))


def _session_hits(query: str, request) -> list[Hit]:
    found = {s.pk: s.search_score for s in _scored(Session.objects.all(), query)}
    sessions = Session.objects.filter(pk__in=found, edition__in=_editions()).select_related("edition")
    hits = []
    for session in sessions:
        when = timezone.localtime(session.starts_at())
        hits.append(
            Hit(
                kind=_("Programme: %(kind)s") % {"kind": session.get_kind_display().lower()},
                title=session.title,
                url=session.get_url(request),
                summary=Truncator(session.description).words(SUMMARY_WORDS) or session.edition.title,
                date=when,
                score=found[session.pk],
            )
        )
    return hits


def _people_hits(query: str, request) -> list[Hit]:
    found = {p.pk: p.search_score for p in _scored(Person.objects.all(), query)}
    if not found:
        return []
    editions = _editions()
    speakers = set(
        SessionSpeaker.objects.filter(person__in=found, session__edition__in=editions).values_list(
            "person_id", flat=True
        )
    ) | set(Session.objects.filter(chair__in=found, edition__in=editions).values_list("chair_id", flat=True))
    today = timezone.localdate()
    seats = (
        Membership.objects.filter(active_on(today, "term_start", "term_end"), person__in=found)
        .select_related("body")
        .order_by("person_id", "body__sort_order")
    )
    seats_by_person = {pk: list(items) for pk, items in groupby(seats, key=lambda m: m.person_id)}
    index = _public_pages().type(ConferenceIndexPage).specific().first()
    network = _public_pages().type(NetworkPage).first()
    hits = []
    for person in Person.objects.filter(pk__in=found):
        about = ", ".join(part for part in (person.job_title, person.organisation) if part)
        person_seats = seats_by_person.get(person.pk, [])
        if person.pk in speakers and index is not None:
            kind, url = _("Speaker"), index.speaker_url(person)
        elif person_seats and network is not None:
            seat = person_seats[0]
            kind, url = _("Person in the network"), f"{network.get_url(request)}#body-{seat.body_id}"
            about = "; ".join(part for part in (about, f"{seat.get_role_display()}, {seat.body.name}") if part)
        else:
            continue  # the site shows this person nowhere, so neither does the search
        hits.append(Hit(kind=kind, title=person.name, url=url, summary=about, score=found[person.pk]))
    return hits


def _measure_hits(query: str, request) -> list[Hit]:
    found = {m.pk: m.search_score for m in _scored(Measure.objects.all(), query)}
    plans = PlanPage.objects.filter(pk__in=_public_pages().type(PlanPage).values("pk"))
    measures = Measure.objects.filter(pk__in=found, live=True, plan__in=plans).select_related("plan")
    hits = []
    for measure in measures:
        hits.append(
            Hit(
                kind=_("Measure"),
                title=f"{measure.number} {measure.title}",
                url=f"{measure.plan.get_url(request)}#tiltak-{slugify(measure.number)}",
                summary=Truncator(strip_tags(measure.description)).words(SUMMARY_WORDS) or measure.plan.title,
                score=found[measure.pk],
            )
        )
    return hits


def _poster_hits(query: str, request) -> list[Hit]:
    """Published posters of live calls only (``conference.posters.search``)."""
    found = {p.pk: p.search_score for p in _scored(PosterSubmission.objects.all(), query)}
    if not found:
        return []
    hits = []
    for poster in PosterSubmission.objects.published().filter(pk__in=found, call__live=True).select_related("call"):
        hits.append(
            Hit(
                kind=_("Poster"),
                title=poster.title,
                url=poster.call.url + poster.call.reverse_subpage("gallery_poster", kwargs={"pk": poster.pk}),
                summary=Truncator(poster.background).words(SUMMARY_WORDS),
                score=found[poster.pk],
            )
        )
    return hits


SOURCES = (_page_hits, _session_hits, _people_hits, _measure_hits, _poster_hits)


def search_site(query: str, request) -> list[Hit]:
    """Every public hit for ``query``, best first (ties keep the order of ``SOURCES``)."""
    hits = [hit for source in SOURCES for hit in source(query, request)]
    hits.sort(key=lambda hit: -hit.score)
    return hits

from django import template
from django.utils import timezone

from cms.core.page_cache import limit_page_cache
from cms.core.public_pages import public
from conference.registration.models import format_nok

register = template.Library()

# Seats left is a live figure: the page showing it is never served staler than this (seconds).
SEATS_LEFT_MAX_STALENESS = 60


@register.inclusion_tag("registration/includes/registration_box.html", takes_context=True)
def registration_box(context, page):
    """'Meld deg på' box for an edition page: open/closed, dates and seats left.
    Usage: ``{% load registration_tags %}{% registration_box page %}``."""
    from conference.registration import services

    # Also while registration is not yet open: it opens at a time, not with an edit.
    limit_page_cache(context.get("request"), SEATS_LEFT_MAX_STALENESS)
    if not page.ticket_types.filter(active=True).exists():
        return {"show": False}
    return {"show": True, "edition": page, "state": services.summary(page)}


def _price_text(edition) -> str:
    """The price people see before they choose: the cheapest ticket anyone can buy (tickets
    behind an access code are for speakers and partners)."""
    from django.utils.translation import gettext as _

    prices = sorted({t.price_ore for t in edition.ticket_types.filter(active=True, access_code="") if t.price_ore > 0})
    if not prices:
        return str(_("Free"))
    if len(prices) == 1:
        return format_nok(prices[0])
    return _("from %(price)s") % {"price": format_nok(prices[0])}


def upcoming_open_editions():
    """Live editions ahead of us whose registration is set to open (now or at a later time)."""
    from conference.editions.models import ConferenceEditionPage

    return list(
        public(ConferenceEditionPage.objects.live())
        .filter(
            status=ConferenceEditionPage.Status.OPEN, start_date__gte=timezone.localdate(), ticket_types__active=True
        )
        .distinct()
        .order_by("start_date")
    )


@register.inclusion_tag("registration/includes/open_registration.html", takes_context=True)
def open_registration(context, edition=None, show_title=True):
    """A "registration is open" card with price, deadline and a "Meld deg på" button: for the
    home page (the next open edition) and the conference index (``edition``). Nothing when
    registration is not open. Usage: ``{% open_registration %}``."""
    from conference.registration.services import registration_window_open

    if edition is None:
        candidates = upcoming_open_editions()
        edition = next((e for e in candidates if registration_window_open(e)), None)
    else:
        candidates = [edition] if edition.status == edition.Status.OPEN else []
        edition = edition if candidates and registration_window_open(edition) else None
    if candidates:
        # Registration opens and closes at a time, not with an edit: keep the cached page fresh.
        limit_page_cache(context.get("request"), SEATS_LEFT_MAX_STALENESS)
    if edition is None or not edition.ticket_types.filter(active=True).exists():
        return {"edition": None}
    return {
        "edition": edition,
        "price": _price_text(edition),
        "closes": edition.registration_closes,
        "show_title": show_title,
    }


def next_edition():
    """The edition a visitor should hear about first: the next one whose registration is open,
    else the next one coming up (not cancelled)."""
    from conference.editions.models import ConferenceEditionPage
    from conference.registration.services import registration_window_open

    open_now = next((e for e in upcoming_open_editions() if registration_window_open(e)), None)
    if open_now is not None:
        return open_now
    return (
        public(ConferenceEditionPage.objects.live())
        .filter(start_date__gte=timezone.localdate())
        .exclude(status=ConferenceEditionPage.Status.CANCELLED)
        .order_by("start_date")
        .first()
    )


@register.inclusion_tag("registration/includes/conference_banner.html", takes_context=True)
def conference_banner(context):
    """The home page's banner for the next conference: its picture, title, date and place, and
    when registration is open, the same price, deadline and "Meld deg på" as
    ``{% open_registration %}``. Nothing when no edition is coming up.
    Usage: ``{% conference_banner %}``."""
    edition = next_edition()
    if edition is None:
        return {"edition": None}
    registration = open_registration(context, edition=edition)
    return {
        "edition": edition,
        "registration_open": registration.get("edition") is not None,
        "price": registration.get("price"),
        "closes": registration.get("closes"),
    }

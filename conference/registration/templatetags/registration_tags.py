from django import template

from cms.core.page_cache import limit_page_cache

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

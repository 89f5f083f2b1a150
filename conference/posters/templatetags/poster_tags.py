"""``{% poster_call_box edition %}``: the edition page's link to its poster call, if it has a
live one. A tag of this app, so the edition (a lower layer) never imports posters."""

from django import template
from django.utils import timezone

from cms.core.page_cache import limit_page_cache

from ..models import PosterCallPage

register = template.Library()


@register.inclusion_tag("posters/includes/call_box.html", takes_context=True)
def poster_call_box(context, edition):
    call = PosterCallPage.objects.child_of(edition).live().first()
    if call is None:
        return {"call": None}
    now = timezone.now()
    # The box says "open"/"opens …": a cached edition page must not outlive the next change.
    upcoming = [moment for moment in (call.opens_at, call.closes_at) if moment > now]
    if upcoming:
        limit_page_cache(context.get("request"), max(60, int((min(upcoming) - now).total_seconds())))
    return {"call": call, "is_open": call.is_open(now), "not_yet": now < call.opens_at}

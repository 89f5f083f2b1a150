"""``{% poster_call_box edition %}``: the edition page's link to its poster call, if it has a
live one. A tag of this app, so the edition (a lower layer) never imports posters."""

from django import template
from django.utils import timezone

from ..models import PosterCallPage

register = template.Library()


@register.inclusion_tag("posters/includes/call_box.html")
def poster_call_box(edition):
    call = PosterCallPage.objects.child_of(edition).live().first()
    if call is None:
        return {"call": None}
    now = timezone.now()
    return {"call": call, "is_open": call.is_open(now), "not_yet": now < call.opens_at}

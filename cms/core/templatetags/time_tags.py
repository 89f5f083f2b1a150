"""The machine-readable value of ``<time datetime="…">``.

HTML allows at most three digits of a second's fraction, so Django's ``|date:"c"`` (which writes
microseconds) is not valid there; dates stay dates, times are written in the site's time zone.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def html_datetime(value) -> str:
    """``2030-03-04`` for a date, ``2030-03-04T10:15:30+01:00`` for a date and time."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0).isoformat(timespec="minutes")
    return ""


@register.filter
def oslo_datetime(value) -> str:
    """A moment as people in Norway read it: "15. mai 2028 kl. 23.59" (Europe/Oslo, in the
    active language's month names)."""
    if not isinstance(value, datetime.datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, r"j. F Y \k\l. H.i")

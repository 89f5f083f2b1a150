"""The machine-readable value of ``<time datetime="…">``, and times as people read them
(``cms.core.times``).

HTML allows at most three digits of a second's fraction, so Django's ``|date:"c"`` (which writes
microseconds) is not valid there; dates stay dates, times are written in the site's time zone.
"""

import datetime

from django import template
from django.utils import timezone

from cms.core import times

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


# The human-readable side, in the Norwegian style: {{ start|clock }}–{{ end|hours_minutes }}
# gives "kl. 08.30–15.30"; {{ deadline|date_and_time }} gives "15. mai 2028 kl. 23.59".
register.filter("clock", times.clock)
register.filter("hours_minutes", times.hours_minutes)
register.filter("date_and_time", times.date_and_time)

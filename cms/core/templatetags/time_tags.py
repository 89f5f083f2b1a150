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


def long_datetime(value) -> str:
    """A moment as people in Norway write it: "15. mai 2028 kl. 23.59", in the site's time zone
    (Europe/Oslo, so summer and winter time are both right). Usable from Python (form errors,
    e-mails) as well as a filter."""
    from django.utils.translation import gettext

    if not isinstance(value, datetime.datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return gettext("%(date)s at %(time)s") % {"date": date_format(value, "j. F Y"), "time": f"{value:%H.%M}"}


register.filter("long_datetime", long_datetime)

"""Times as people in Norway write them: "kl. 08.30", "15. mai 2028 kl. 23.59".

One place for the style, so the site, its e-mails and its PDFs never mix "13:00", "13.00" and
"kl. 13". English pages get "at 08:30" and "15 May 2028 at 23:59" from the same calls.
Aware datetimes are shown in the site's time zone (Europe/Oslo).
"""

import datetime

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def hours_minutes(value) -> str:
    """ "08.30" (bokmål) or "08:30" (English) for a time or datetime; "" for nothing."""
    if not isinstance(value, (datetime.time, datetime.datetime)):
        return ""
    separator = ":" if (translation.get_language() or "nb").startswith("en") else "."
    value = _local(value)
    return f"{value.hour:02d}{separator}{value.minute:02d}"


def clock(value) -> str:
    """ "kl. 08.30" for a time or datetime."""
    time = hours_minutes(value)
    return _("at %(time)s") % {"time": time} if time else ""


def date_and_time(value) -> str:
    """ "15. mai 2028 kl. 23.59" for a datetime."""
    if not isinstance(value, datetime.datetime):
        return ""
    value = _local(value)
    day = date_format(value, "j F Y" if (translation.get_language() or "nb").startswith("en") else "j. F Y")
    return f"{day} {clock(value)}"


def span(start, end) -> str:
    """ "5. september 2030 kl. 08.30–15.30" for one day; over several days both ends in full:
    "5. september 2030 kl. 08.30 – 6. september 2030 kl. 15.30"."""
    if not isinstance(start, datetime.datetime) or not isinstance(end, datetime.datetime):
        return ""
    start, end = _local(start), _local(end)
    if start.date() == end.date():
        return f"{date_and_time(start)}–{hours_minutes(end)}"
    return f"{date_and_time(start)} – {date_and_time(end)}"

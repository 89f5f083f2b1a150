"""Reading dates from query parameters, shared by the network's and the plans' public pages."""

import datetime

from django.utils.translation import gettext as _


def parse_date_param(value: str | None, default: datetime.date) -> tuple[datetime.date, str]:
    """Read a ``?dato=`` parameter (YYYY-MM-DD). Returns the date to show and, when the value
    could not be used, a message that says why (the page then shows ``default``)."""
    if not value:
        return default, ""
    try:
        date = datetime.date.fromisoformat(value.strip())
    except ValueError:
        return default, _(
            "“%(value)s” is not a date we understand. Write it as YYYY-MM-DD, e.g. 2024-06-30. Showing today instead."
        ) % {"value": value[:40]}
    if date.year < 2000 or date.year > 2100:
        return default, _("Choose a date between the years 2000 and 2100. Showing today instead.")
    return date, ""

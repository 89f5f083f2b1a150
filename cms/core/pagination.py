"""Pagination with its error handling, the same on every listing (news, calendar, governance
documents, search; later the poster gallery and the inquiry lists).

A page number comes from the URL, so anything can arrive: ``abc``, ``-3``, ``0``, ``9999``, a
NUL byte, a 5 kB string. None of it is an error page: a value that is not a page number (or is
below 1) shows the first page, a number past the end shows the last page, and in both cases a
short message says so, for the listing to show in its alert. An empty listing shows its empty
first page without a message.
"""

from __future__ import annotations

from django.core.paginator import InvalidPage, Page, Paginator
from django.utils.translation import gettext as _

ECHO_LENGTH = 10  # how much of a bad value the message repeats


def _echo(value: str) -> str:
    """The start of a bad value, printable characters only, safe to repeat in a message."""
    return "".join(ch for ch in value[:ECHO_LENGTH] if ch.isprintable())


def paginate(request, object_list, per_page: int, *, param: str = "page") -> tuple[Page, str]:
    """The page of ``object_list`` that ``request.GET[param]`` asks for, and a message ("" when
    the number was fine) explaining which page is shown instead of a bad one."""
    paginator = Paginator(object_list, per_page)
    raw = request.GET.get(param) or "1"
    try:
        number = int(raw.strip()) if raw.strip().isascii() else None
    except ValueError:
        number = None
    if number is None or number < 1:
        return paginator.page(1), _("“%(page)s” is not a page number, so the first page is shown.") % {
            "page": _echo(raw)
        }
    try:
        return paginator.page(number), ""
    except InvalidPage:
        last = paginator.page(paginator.num_pages)
        if not paginator.count:
            return last, ""
        return last, _("There is no page %(page)s; the last page (%(last)s) is shown.") % {
            "page": _echo(raw),
            "last": paginator.num_pages,
        }

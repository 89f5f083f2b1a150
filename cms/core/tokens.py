"""Private token links: pages a person opens without an account (a registration's manage
page today; a poster submission, a nomination or a research inquiry tomorrow).

The token is the only key, so it must be unguessable (256 bits from ``secrets``), unique in
its table, and never shown in an editing form. A token from a URL is checked for the shape of
a token *before* any query: odd input (a NUL byte, a 5 kB string, characters no token has)
answers 404 instead of reaching the database, where a NUL would be a 500 on PostgreSQL.
"""

import re
import secrets

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

# secrets.token_urlsafe(32) gives 43 characters of the URL-safe base64 alphabet. Shorter
# tokens (at least 32 characters) are accepted so that tokens made by older code still open.
TOKEN_BYTES = 32
TOKEN_MAX_LENGTH = 64
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,64}")


def new_token() -> str:
    """A fresh secret for a private link (43 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(value) -> bool:
    """True when ``value`` could be a token made by :func:`new_token`: a string of 32 to 64
    URL-safe base64 characters and nothing else (no NUL, no spaces, no newline)."""
    return isinstance(value, str) and TOKEN_RE.fullmatch(value) is not None


class SecretTokenField(models.CharField):
    """A unique, non-editable secret, filled with :func:`new_token` on creation.

    It deconstructs as a plain ``CharField`` so migrations do not depend on this module and
    switching an existing field to it needs no migration."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", TOKEN_MAX_LENGTH)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("editable", False)
        if not kwargs.get("null"):
            kwargs.setdefault("default", new_token)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


def get_by_token_or_404(queryset, field_name: str, token):
    """The object whose ``field_name`` equals ``token``, or Http404.

    ``queryset`` may be a model or a queryset (e.g. with ``select_related``). Anything not
    shaped like a token is refused without a query, so a NUL byte or a huge string in a URL
    is a plain "not found" and never a database error."""
    if not looks_like_token(token):
        raise Http404("No such link.")
    return get_object_or_404(queryset, **{field_name: token})

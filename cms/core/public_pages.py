"""Wagtail's ``PageQuerySet.public()`` with the view restrictions read once per request.

Wagtail reads every ``PageViewRestriction`` each time ``.public()`` is called; the home page
calls it for its latest news, its upcoming events and the open-registration card, so the same
rows were fetched three times in one request. ``public(queryset)`` gives the same result and
reads them once per request (``RequestScopeMiddleware`` opens the scope); outside a request
(tasks, management commands, a streaming response's late iteration) it reads them every time,
as Wagtail does. Nothing is kept between requests, so nothing needs invalidating.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db.models import Q

_request_memo: ContextVar[dict | None] = ContextVar("kk_request_memo", default=None)


class RequestScopeMiddleware:
    """Opens the per-request memo for ``public()``; closed when the view has answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def restricted_paths() -> list[str]:
    """Tree paths of the pages that carry a view restriction (their subtrees are private)."""
    from wagtail.models import PageViewRestriction

    memo = _request_memo.get()
    if memo is not None and "restricted_paths" in memo:
        return memo["restricted_paths"]
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if memo is not None:
        memo["restricted_paths"] = paths
    return paths


def private_q() -> Q:
    """Matches the pages in a private section (the restricted page and its descendants)."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """``queryset.public()`` with the restrictions read once per request."""
    return queryset.exclude(private_q())

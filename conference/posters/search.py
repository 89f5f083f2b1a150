"""Posters in the site search: only published posters (``PosterSubmission.objects.published()``)
of live calls are ever returned, whatever the search index holds."""

from wagtail.search.backends import get_search_backend

from .models import PosterSubmission

MAX_HITS = 200


def search_published(query: str, limit: int = 10) -> list:
    """Published posters matching ``query``, best match first, each with ``url`` set."""
    results = get_search_backend().search(query, PosterSubmission, operator="and")
    hits = [hit.pk for hit in results[:MAX_HITS]]
    if not hits:
        return []
    posters = {
        p.pk: p
        for p in PosterSubmission.objects.published()
        .filter(pk__in=hits, call__live=True)
        .select_related("call", "topic")
    }
    found = [posters[pk] for pk in hits if pk in posters][:limit]
    for poster in found:
        poster.url = poster.call.url + poster.call.reverse_subpage("gallery_poster", kwargs={"pk": poster.pk})
    return found

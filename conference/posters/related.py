"""What posters add to a project page of the registry (``cms.core.related``): the published
posters that present the project, each linked to its place in the gallery."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cms.core.related import RelatedGroup, RelatedItem

from .models import PosterCallPage, PosterSubmission


def project_posters(project, request=None) -> RelatedGroup | None:
    """Published posters (``published()``) of live, public calls linked to ``project``. Two
    queries, however many posters."""
    posters = list(
        PosterSubmission.objects.published()
        .filter(registry_project=project)
        .only("pk", "title", "call_id")
        .order_by("-call__opens_at", "board_number", "title")
    )
    if not posters:
        return None
    calls = PosterCallPage.objects.live().public().in_bulk({p.call_id for p in posters})
    items = [
        RelatedItem(
            poster.title,
            calls[poster.call_id].get_url(request)
            + calls[poster.call_id].reverse_subpage("gallery_poster", kwargs={"pk": poster.pk}),
            calls[poster.call_id].title,
        )
        for poster in posters
        if poster.call_id in calls
    ]
    return RelatedGroup("posters", _("Posters at the conference"), items)

"""What the award adds to a project page of the registry (``cms.core.related``): the published
winners linked to the project. A winner is secret until its ``publish_at`` (the ceremony), so
the page shows it only from then, and a cached copy of the page expires at that moment.
Nominations are confidential and never shown."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.page_cache import limit_page_cache
from cms.core.related import RelatedGroup, RelatedItem

from .models import AwardArchivePage, AwardWinner


def project_award(project, request=None) -> RelatedGroup | None:
    """The award winners of live editions linked to ``project``, each linked to the award
    archive (or to its edition page when there is no archive). Three queries at most."""
    now = timezone.now()
    winners = list(
        AwardWinner.objects.filter(registry_project=project, edition__live=True)
        .select_related("edition")
        .order_by("-edition__year", "sort_order", "pk")
    )
    upcoming = [w.publish_at for w in winners if not w.is_published(now)]
    if upcoming and request is not None:
        limit_page_cache(request, max(1, int((min(upcoming) - now).total_seconds())))
    published = [w for w in winners if w.is_published(now)]
    if not published:
        return None
    archive = AwardArchivePage.objects.live().public().first()
    items = []
    for winner in published:
        url = f"{archive.get_url(request)}#award-{winner.edition.year}" if archive else winner.edition.get_url(request)
        meta = _("Winner of the research and innovation award %(year)s") % {"year": winner.edition.year}
        items.append(RelatedItem(winner.name, url, meta))
    return RelatedGroup("award", _("Research and innovation award"), items)

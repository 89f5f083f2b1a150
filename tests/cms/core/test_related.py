"""The related-content registry: a provider is asked only for pages of its model, empty answers
are left out, and an unsaved page (a preview) asks nobody."""

import pytest

from cms.core import related
from cms.core.models import StandardPage

pytestmark = pytest.mark.django_db  # a new page looks up its default locale


def test_groups_for_asks_only_the_providers_of_the_page_model():
    calls = []

    def provider(page, request):
        calls.append(page.pk)
        return related.RelatedGroup("demo", "Demo", [related.RelatedItem("Lenke", "/lenke/")])

    related.register("core.StandardPage", "demo", provider)
    related.register("core.StandardPage", "empty", lambda page, request: related.RelatedGroup("empty", "Tom"))
    related.register("core.StandardPage", "none", lambda page, request: None)
    related.register("news.NewsPage", "other", lambda page, request: 1 / 0)  # never asked here
    try:
        groups = related.groups_for(StandardPage(pk=7, title="Side"))
        assert [g.key for g in groups] == ["demo"] and calls == [7]
        assert related.groups_for(StandardPage(title="Ny side")) == [] and calls == [7]
    finally:
        for key in ("demo", "empty", "none"):
            related.unregister("core.StandardPage", key)
        related.unregister("news.NewsPage", "other")
    assert related.groups_for(StandardPage(pk=7, title="Side")) == []

"""Factories shared by the whole suite (apps add their own next to their tests)."""

import factory
import wagtail_factories

from cms.core.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")
    slug = factory.Sequence(lambda n: f"side-{n}")
    intro = "En innledning."

    class Meta:
        model = StandardPage

"""Text helpers for templates: ``{{ page.title|hyphenate }}`` in headings (cms.core.hyphenation)."""

from django import template

from cms.core.hyphenation import hyphenate as hyphenate_text

register = template.Library()


@register.filter
def hyphenate(value):
    """Soft hyphens in the long words of a plain-text value. Not for HTML: the result is
    escaped like any other text (and marked-safe input is escaped too)."""
    if value is None or value == "":
        return value
    return hyphenate_text(str(value))

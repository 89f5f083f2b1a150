"""Helpers for the demo content loaders (``manage.py load_demo``).

Every loader is idempotent: it finds pages by slug under their parent and only creates what is
missing, so `make run` can call ``load_demo`` on every start without duplicating anything.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText


def child_by_slug(parent: Page, slug: str) -> Page | None:
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


@transaction.atomic
def ensure_child(parent: Page, model, slug: str, **fields) -> tuple[Page, bool]:
    """Return the child of ``parent`` with ``slug``, creating and publishing it if missing."""
    existing = child_by_slug(parent, slug)
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_translation(page: Page, language_code: str, **fields) -> Page:
    """Return the translation of ``page`` into ``language_code``, creating and publishing it
    with ``fields`` (English titles and texts) if missing. The parent must be translated."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated.specific


def paragraphs(*texts: str) -> RichText:
    """Rich text from plain paragraphs (the demo texts contain no markup of their own)."""
    return RichText("".join(f"<p>{text}</p>" for text in texts))


def reorder_children(parent: Page, slugs: list[str]) -> None:
    """Put the listed children first, in this order (the main menu follows the tree order)."""
    children = list(parent.get_children())
    wanted = [c for slug in slugs for c in children if c.slug == slug]
    others = [c for c in children if c not in wanted]
    if children == wanted + others:
        return
    for child in wanted + others:
        child.move(parent, pos="last-child")

from django import template
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


def active_locale(request) -> Locale | None:
    """The active language's Locale, looked up once per request (the shell asks for it
    several times: menu, language switch, footer)."""
    if request is not None and hasattr(request, "_kk_active_locale"):
        return request._kk_active_locale
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    if request is not None:
        request._kk_active_locale = locale
    return locale


def localize(page: Page, request) -> Page:
    """``page.localized`` without a Locale query per call."""
    locale = active_locale(request)
    if locale is None or page.locale_id == locale.id:
        return page
    return page.get_translation_or_none(locale) or page


def _localized_root(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return localize(site.root_page, request)


@register.simple_tag(takes_context=True)
def footer_pages(context, *page_ids):
    """The footer's pages (privacy, accessibility …) in the active language, in one query."""
    request = context.get("request")
    ids = [pk for pk in page_ids if pk]
    if not ids:
        return []
    locale = active_locale(request)
    originals = Page.objects.filter(pk__in=ids)
    pages = Page.objects.live().filter(translation_key__in=originals.values("translation_key"))
    if locale is not None:
        pages = pages.filter(locale=locale)
    by_key = {p.translation_key: p for p in pages}
    ordered = []
    for original in originals.only("id", "translation_key"):
        if original.translation_key in by_key:
            ordered.append((ids.index(original.pk), by_key[original.translation_key]))
    return [page for _, page in sorted(ordered, key=lambda item: item[0])]


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The main menu: live children of the home page that editors marked "show in menus"."""
    request = context.get("request")
    root = _localized_root(request)
    current = context.get("page")
    items = []
    if root is not None:
        for child in root.get_children().live().in_menu().public().specific(defer=True):
            active = bool(current and (current.pk == child.pk or current.path.startswith(child.path)))
            items.append({"page": child, "active": active, "current": bool(current and current.pk == child.pk)})
    return {"items": items, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gte=2).specific(defer=True)
    return {"ancestors": list(ancestors), "page": page}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in the other languages, falling back to that language's home."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language() or "nb"
    links = []
    root = None
    for locale in Locale.objects.all().order_by("-language_code"):
        if locale.language_code == current:
            continue
        target = None
        if isinstance(page, Page):
            target = page.get_translation_or_none(locale)
            if target is not None and not target.live:
                target = None
        if target is None:
            root = root or _localized_root(request)
            if root is not None:
                target = root.get_translation_or_none(locale)
        if target is not None:
            links.append(
                {
                    "url": target.get_url(request),
                    "language_code": locale.language_code,
                    "name": locale.get_display_name(),
                }
            )
    return {"links": links}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> for every live translation of the page (itself included),
    so search engines pair the bokmål and English versions."""
    request = context.get("request")
    page = context.get("page")
    links = []
    if isinstance(page, Page) and page.live:
        translations = page.get_translations(inclusive=True).live().public().select_related("locale")
        for translation_page in translations.order_by("locale__language_code"):
            url = translation_page.get_full_url(request)
            if url:
                links.append({"url": url, "language_code": translation_page.locale.language_code})
        if len(links) < 2:
            links = []
    return {"links": links}

import time

from django import template
from django.conf import settings
from django.core.cache import cache
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
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    pages = Page.objects.live().filter(translation_key__in=keys).order_by("path")
    if locale is not None:
        pages = pages.filter(locale=locale)
    return list(pages)


MENU_VERSION_KEY = "kk:main-menu:version"


def invalidate_main_menu(**kwargs) -> None:
    """Forget every cached main menu; connected to page saves, publishing, moves and deletes."""
    instance = kwargs.get("instance")
    if instance is not None and not isinstance(instance, Page):
        return
    cache.set(MENU_VERSION_KEY, time.time_ns(), None)


def _menu_entries(request) -> list[dict]:
    """The home page's live, public children marked "show in menus", as plain data, cached per
    site and language until a page changes (the menu is on every page; its tree walk is not)."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    version = cache.get_or_set(MENU_VERSION_KEY, time.time_ns(), None)
    key = f"kk:main-menu:{site.pk}:{translation.get_language()}:{version}"
    entries = cache.get(key)
    if entries is None:
        root = _localized_root(request)
        entries = []
        if root is not None:
            for child in root.get_children().live().in_menu().public():
                entries.append(
                    {"pk": child.pk, "path": child.path, "title": child.title, "url": child.get_url(request)}
                )
        cache.set(key, entries, 60 * 60)
    return entries


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The main menu: live children of the home page that editors marked "show in menus"."""
    request = context.get("request")
    current = context.get("page")
    current = current if isinstance(current, Page) else None
    items = []
    for entry in _menu_entries(request):
        is_current = bool(current and current.pk == entry["pk"])
        active = bool(current and (is_current or current.path.startswith(entry["path"])))
        items.append({**entry, "active": active, "current": is_current})
    return {"items": items, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gte=2).specific(defer=True)
    return {"ancestors": list(ancestors), "page": page}


def live_translations(request, page: Page) -> list[Page]:
    """Every live translation of ``page`` (itself included) with its locale, fetched once per
    request: the language switch and the hreflang links both need them."""
    memo = getattr(request, "_kk_translations", None) if request is not None else None
    if memo is not None and memo[0] == page.pk:
        return memo[1]
    pages = list(page.get_translations(inclusive=True).live().select_related("locale"))
    if request is not None:
        request._kk_translations = (page.pk, pages)
    return pages


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in the other languages, falling back to that language's home page
    when the page has no translation."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language() or "nb"
    others = [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES if code != current]
    by_language = {}
    if isinstance(page, Page) and page.live:
        by_language = {p.locale.language_code: p for p in live_translations(request, page)}
    if any(code not in by_language for code, _name in others):
        root = _localized_root(request)
        if root is not None:
            for home in root.get_translations().live().select_related("locale"):
                by_language.setdefault(home.locale.language_code, home)
    links = []
    for code, _name in others:
        target = by_language.get(code)
        if target is not None:
            links.append(
                {"url": target.get_url(request), "language_code": code, "name": target.locale.get_display_name()}
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
        for translation_page in sorted(live_translations(request, page), key=lambda p: p.locale.language_code):
            url = translation_page.get_full_url(request)
            if url:
                links.append({"url": url, "language_code": translation_page.locale.language_code})
        if len(links) < 2:
            links = []
    return {"links": links}

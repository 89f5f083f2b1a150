import time

from django import template
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.core.public_pages import public

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
    """The trail from the home page to this page. A route of a page (a session of the
    programme, a speaker) adds its own levels below the page as ``breadcrumb_trail``: a list of
    ``{"title", "url"}``, the last one being where the visitor is."""
    page = context.get("page")
    trail = list(context.get("breadcrumb_trail") or [])
    if not isinstance(page, Page) or (page.depth <= 2 and not trail):
        return {"ancestors": [], "page": page}
    ancestors = list(page.get_ancestors().filter(depth__gte=2).specific(defer=True))
    if trail:
        # The page itself becomes a link, and the trail's last level is the current one.
        return {"ancestors": ancestors, "page": page, "trail": trail[:-1], "current": trail[-1]}
    return {"ancestors": ancestors, "page": page}


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


def _route_below(request, page: Page) -> str:
    """The part of the path below ``page`` when a route of the page is shown ("program/")."""
    page_url = page.get_url(request) or ""
    path = request.path if request is not None else ""
    if page_url and path.startswith(page_url) and path != page_url:
        return path[len(page_url) :]
    return ""


def _same_route(target: Page, route: str) -> str:
    """``route`` when ``target`` has it too and it names no database row (a session's or a
    speaker's id differs between languages), else "" (the target page itself)."""
    resolve = getattr(target.specific_deferred, "resolve_subpage", None)
    if not route or resolve is None:
        return ""
    try:
        _view, _args, kwargs = resolve("/" + route)
    except Http404:
        return ""
    return "" if "pk" in kwargs else route


def _switch_url(request, page, language_code: str) -> str:
    """Where the language switch leads for ``language_code``: the page's translation (on the
    same route of it), else its nearest translated ancestor; for a view that is not a page
    (search, registration), the same view in that language; "" when none of these exists."""
    if isinstance(page, Page) and page.live:
        translations = {p.locale.language_code: p for p in live_translations(request, page)}
        target = translations.get(language_code)
        if target is not None:
            return (target.get_url(request) or "") + _same_route(target, _route_below(request, page))
        keys = page.get_ancestors().filter(depth__gte=2).values("translation_key")
        ancestor = (
            Page.objects.live()
            .filter(translation_key__in=keys, locale__language_code=language_code)
            .order_by("-depth")
            .first()
        )
        return (ancestor.get_url(request) or "") if ancestor is not None else ""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name != "wagtail_serve":
        translated = translate_url(request.get_full_path(), language_code)
        return translated if translated != request.get_full_path() else ""
    return ""


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in the other languages: its translation, else the nearest translated
    page above it, else that language's home page."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language() or "nb"
    links = []
    homes = None
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == current:
            continue
        url = _switch_url(request, page, code)
        if not url:
            if homes is None:
                root = _localized_root(request)
                homes = {}
                if root is not None:
                    homes = {h.locale.language_code: h for h in root.get_translations().live().select_related("locale")}
            home = homes.get(code)
            url = home.get_url(request) if home is not None else ""
        if url:
            links.append({"url": url, "language_code": code, "name": name})
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


@register.filter(name="public")
def public_filter(queryset):
    """``pages|public``: Wagtail's ``.public()`` with the view restrictions read once per
    request (cms/core/public_pages.py)."""
    return public(queryset)

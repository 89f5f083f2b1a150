"""The anonymous page cache: whole GET responses for visitors without a session, invalidated
by a site-wide *generation* that every content change bumps.

Why a generation rather than per-URL purges: one published news article changes the article,
the news index, the home page's listing, the menu, search results and the sitemap. Working out
that set is easy to get wrong; bumping one key is not. Each cached entry records the generation
it was rendered under and is served only while that is still the current generation, so the
lookup costs one ``get_many`` (one round trip to Redis) and no database query.

What is never cached (see ``docs/caching.md``):

- requests that are not GET, requests carrying a session or a pending-messages cookie
  (logged-in editors, previews, anyone with personal state), the admin, documents, ``/healthz``;
- personal pages: anything under ``pamelding/`` (registration, manage and offer links), which
  are sent with ``Cache-Control: private, no-store``;
- responses that are not 200, that set a cookie, that used a CSRF token, that wrote to the
  session, that rendered a CSP nonce, that vary on anything but language, or that said
  ``private``/``no-store``/``no-cache`` themselves.

Content that goes stale with time rather than with an edit (seats left) limits its page's
lifetime with :func:`limit_page_cache`.
"""

import hashlib
import re
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

GENERATION_KEY = "kk:page-cache:generation"
KEY_PREFIX = "kk:page-cache:v1:"

# Query parameters that never change what a page shows (campaign tracking): dropped from keys so
# a newsletter link does not create its own cache entry.
TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$")

# Response headers a cached copy must not replay.
UNSTORED_HEADERS = {"set-cookie", "age", "date"}
# Vary values the cache key already covers (language) or that cannot differ for a visitor
# without a session (Cookie: only cookie-less requests are cached).
HARMLESS_VARY = {"accept-language", "cookie", "accept-encoding"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _language_prefix_re():
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?:(?:{codes})/)?")


def _unprefixed_path(path: str) -> str:
    """The path without its language prefix: ``/en/pamelding/`` → ``pamelding/``."""
    return _language_prefix_re().sub("", path, count=1)


def is_personal_path(path: str) -> bool:
    return _unprefixed_path(path).startswith(tuple(settings.PAGE_CACHE_PRIVATE_PATHS))


def is_excluded_path(path: str) -> bool:
    return path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))


def normalised_query(query_string: str) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    return urlencode(sorted(pairs))


def page_cache_key(request) -> str:
    """Scheme, host, active language, path and normalised query: everything a cached page may
    differ by for a visitor without a session."""
    parts = "|".join(
        [
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            request.path,
            normalised_query(request.META.get("QUERY_STRING", "")),
        ]
    )
    return KEY_PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def current_generation(cache=None) -> str:
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation() -> None:
    """Make every cached page stale at once (on the next request each is rendered afresh).
    A random value rather than a counter: if the key is ever evicted, no old entry can match.

    Bumped now (so the request that made the change sees it) and again when the transaction
    commits: a visitor's request that read the old rows between the two would otherwise store
    stale content under the new generation. The front cache (Varnish) is purged after commit."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    pending = getattr(connection, "run_on_commit", None) or []
    if not any(entry[1] is _after_commit for entry in pending):
        transaction.on_commit(_after_commit)


def _after_commit() -> None:
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    purge_front_cache()


# A PURGE of this path bans every object of the host in Varnish (deploy/varnish/default.vcl).
PURGE_ALL_PATH = "/.purge-all"


def purge_front_cache() -> None:
    """Empty the front cache (Varnish or a CDN, ``WAGTAILFRONTENDCACHE``) for every site, through
    wagtail.contrib.frontend_cache (a background task). Nothing to do without one."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    purge_urls_from_cache([site.root_url + PURGE_ALL_PATH for site in Site.objects.all()])


def limit_page_cache(request, seconds: int) -> None:
    """Promise that the page being rendered is never served staler than ``seconds`` (counting
    both this cache and browsers). Template tags showing time-sensitive figures call it."""
    if request is None:
        return
    current = getattr(request, "_page_cache_limit", None)
    request._page_cache_limit = seconds if current is None else min(current, seconds)


def _request_may_use_cache(request) -> bool:
    if request.method != "GET" or not settings.PAGE_CACHE_ENABLED:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path
    return not (is_excluded_path(path) or is_personal_path(path))


def _response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
        return False
    if getattr(request, "is_preview", False):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= HARMLESS_VARY


def _lifetimes(request, response) -> tuple[int, int]:
    """(seconds in this cache, browser max-age). A view's own max-age wins over the default
    (feeds say 15 minutes). With a limit the two are split so that a copy kept by a browser
    that ignores ``Age`` is still within the limit."""
    timeout, max_age = settings.PAGE_CACHE_TIMEOUT, settings.PAGE_CACHE_MAX_AGE
    own = get_max_age(response)
    if own is not None:
        max_age = own
    limit = getattr(request, "_page_cache_limit", None)
    if limit is not None:
        timeout = min(timeout, limit // 2)
        max_age = min(max_age, limit - timeout)
    return timeout, max_age


def _rebuild(entry) -> HttpResponse:
    _generation, status, headers, content, stored_at, max_age = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    age = max(0, int(time.time() - stored_at))
    response["Age"] = str(age)
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Serve and store anonymous pages. Sits after SessionMiddleware and LocaleMiddleware (it
    needs the active language and must see session writes) and before CsrfViewMiddleware and
    everything that adds cookies or headers to a page (CSRF, messages, CSP, X-Frame-Options), so
    a stored page carries the headers that belong to its body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_may_use_cache(request):
            response = self.get_response(request)
            personal = is_personal_path(request.path) or self._is_personal_response(request, response)
            if personal and "Cache-Control" not in response:
                add_never_cache_headers(response)
            return response

        cache = _cache()
        key = page_cache_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation(cache)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            response = _rebuild(entry)
            return get_conditional_response(request, etag=response["ETag"], last_modified=entry[4], response=response)

        response = self.get_response(request)
        if not _response_is_cacheable(request, response):
            if self._is_personal_response(request, response) and "Cache-Control" not in response:
                add_never_cache_headers(response)
            return response

        timeout, max_age = _lifetimes(request, response)
        stored_at = int(time.time())
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["Last-Modified"] = http_date(stored_at)
        patch_cache_control(response, public=True, max_age=max_age)
        # Valid only for requests without a session: tell shared caches (Varnish, a CDN) so.
        patch_vary_headers(response, ["Cookie"])
        if timeout > 0:
            headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
            cache.set(key, (generation, response.status_code, headers, response.content, stored_at, max_age), timeout)
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=response["ETag"], last_modified=stored_at, response=response)

    @staticmethod
    def _is_personal_response(request, response) -> bool:
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return True
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False  # no session, no user: spares /healthz and feeds the user lookup
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated


# --- Invalidation ---------------------------------------------------------------------------

# Apps whose models appear on public pages; any change to one of their rows bumps the generation.
CONTENT_APP_LABELS = {
    "core",
    "home",
    "news",
    "plans",
    "governance",
    "network",
    "events",
    "editions",
    "programme",
    "taggit",
}
# Individual models of other apps that pages show.
CONTENT_MODELS = {
    ("wagtailcore", "site"),
    ("wagtailcore", "locale"),
    ("wagtailcore", "pageviewrestriction"),
    ("wagtailcore", "collectionviewrestriction"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("registration", "registrationsettings"),
    ("registration", "tickettype"),
    ("registration", "addon"),
    # The poster gallery, the programme's poster session and search show submissions.
    ("posters", "postersubmission"),
    ("posters", "posterauthor"),
    ("award", "awardwinner"),
}


def shown_on_pages(model) -> bool:
    from wagtail.models import Page

    meta = model._meta
    return (
        meta.app_label in CONTENT_APP_LABELS
        or (meta.app_label, meta.model_name) in CONTENT_MODELS
        or issubclass(model, Page)
    )


def invalidate_on_model_change(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed: bump when a row that pages show changes.
    Registrations are deliberately not here (they would empty the cache on every sign-up);
    the seats-left figure limits its page's lifetime instead."""
    if kwargs.get("raw") or not shown_on_pages(sender):
        return
    bump_generation()


def invalidate_on_page_change(**kwargs) -> None:
    """page_published / page_unpublished / post_page_move: always bump."""
    bump_generation()


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(invalidate_on_model_change, dispatch_uid=f"kk-page-cache-model-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(invalidate_on_page_change, dispatch_uid=f"kk-page-cache-page-{id(signal)}")

"""Site-wide request hygiene that must run before any view, the session or Wagtail touches the
database."""

import functools

from django.conf import settings
from django.http import Http404, QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import translation

NUL = "\x00"


class NulCharacterMiddleware:
    """Keep the NUL character (``\\x00``, ``%00`` in a URL) away from the database.

    PostgreSQL text cannot hold NUL: a lookup with one raises ``DataError`` (a 500), and no
    real visitor ever sends one. It is dealt with here, once, instead of in every view:

    - in the path (tokens, years, Wagtail page slugs, admin URLs): 404, as for any unknown address;
    - in query-string names or values: that value is dropped, and the name is noted in
      ``request.nul_removed_from`` so a view can say so (the search page does);
    - in cookies: the cookie is ignored (a session key with NUL would reach the session table);
    - in HTTP headers: removed (the login throttle stores the user agent).

    Form data (POST) is left as sent: Django's form fields refuse NUL with their own
    validation message (``ProhibitNullCharactersValidator``), shown next to the field. Views
    must therefore read POST through forms; the raw reads left (``action``, ``edition``) only
    compare or convert to ``int``.

    Installed first, so the session, locale and redirect middleware see the cleaned request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info or NUL in request.path:
            raise Http404
        request.nul_removed_from = set()
        query_string = request.META.get("QUERY_STRING", "")
        if "%00" in query_string or NUL in query_string:
            self._clean_query(request)
        for key, value in list(request.META.items()):
            if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
                request.META[key] = value.replace(NUL, "")
        if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
            request.COOKIES = {k: v for k, v in request.COOKIES.items() if NUL not in k and NUL not in v}
        return self.get_response(request)

    @staticmethod
    def _clean_query(request):
        # Dropped rather than stripped: "?id=%00" becomes "no id" (which views handle), not
        # "id=''", and "abc%00" is not silently read as "abc".
        cleaned = QueryDict(mutable=True)
        for name, values in request.GET.lists():
            kept = [value for value in values if NUL not in value] if NUL not in name else []
            if len(kept) < len(values):
                request.nul_removed_from.add(name.replace(NUL, ""))
            if kept:
                cleaned.setlist(name, kept)
        if request.nul_removed_from:
            request.META["QUERY_STRING"] = cleaned.urlencode()
            cleaned._mutable = False
            request.GET = cleaned


def nul_removed(request, name: str) -> bool:
    """True when the middleware dropped a value of the query parameter ``name`` for holding NUL."""
    return name in getattr(request, "nul_removed_from", ())


class AdminLanguageMiddleware:
    """The admin speaks the site's language (bokmål), whatever the browser asks for.

    Wagtail uses an editor's own choice (Account → Preferences) when there is one, and otherwise
    the language ``LocaleMiddleware`` took from the browser's ``Accept-Language``: an editor
    whose browser is set to English would get a half-English admin (Wagtail's own words in
    English, the project's in bokmål). Admin URLs are language-neutral, so they start from
    ``LANGUAGE_CODE`` here; an explicit preference still wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    @functools.lru_cache(maxsize=8)
    def admin_prefixes(urlconf: str) -> tuple[str, ...]:
        """The admins' URL prefixes in ``urlconf`` (a site or test without one has no prefix)."""
        prefixes = []
        for name in ("wagtailadmin_home", "admin:index"):
            try:
                prefixes.append(reverse(name, urlconf=urlconf))
            except NoReverseMatch:
                continue
        return tuple(prefixes)

    def __call__(self, request):
        prefixes = self.admin_prefixes(getattr(request, "urlconf", None) or settings.ROOT_URLCONF)
        if prefixes and request.path.startswith(prefixes):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)

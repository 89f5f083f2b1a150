import contextlib
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale, Page

from cms.core.middleware import nul_removed
from cms.core.pagination import paginate

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Features whose content is not pages (the poster gallery) add a section of results through this
# Wagtail hook: ``fn(request, query)`` returns None or a dict with ``key``, ``heading`` and
# ``results`` (each with ``title``, ``url`` and ``label``). The feature answers for what is public.
EXTRA_RESULTS_HOOK = "register_site_search_results"


def search(request):
    """Site search over live, public pages in the current language.

    Odd input never errors: an empty query shows guidance, an overlong one or one that held an
    invalid character (NUL, removed by the middleware) is refused with a message, and a page
    number out of range falls back to the last page."""
    query = (request.GET.get("q") or "").strip()
    message = ""
    query_error = ""  # shown under the search field, which is marked invalid
    results_page = None
    paginator = None
    extra_sections = []
    if nul_removed(request, "q"):
        message = _("The search text contained an invalid character. Remove it and try again.")
        query = query[:MAX_QUERY_LENGTH]
    elif not query:
        message = _("Type one or more words to search the site.")
    elif len(query) > MAX_QUERY_LENGTH:
        query_error = _("The search text is too long. Use at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    else:
        pages = Page.objects.live().public().filter(depth__gt=1)
        with contextlib.suppress(Locale.DoesNotExist):
            pages = pages.filter(locale=Locale.get_active())
        results = pages.search(query, operator="and")
        # A bad page number falls back to the first or last page; the message is not shown
        # here, where the results themselves say enough.
        results_page, _page_problem = paginate(request, results, RESULTS_PER_PAGE)
        paginator = results_page.paginator
        # Fetch the specific pages of this result page in one query per type.
        specific = {p.pk: p for p in Page.objects.filter(pk__in=[r.pk for r in results_page]).specific()}
        results_page.object_list = [specific.get(r.pk, r) for r in results_page.object_list]
        extra_sections = [
            section
            for fn in hooks.get_hooks(EXTRA_RESULTS_HOOK)
            if (section := fn(request, query)) and section["results"]
        ]
        if paginator.count == 0 and not extra_sections:
            message = _("No pages matched “%(query)s”. Check the spelling or try fewer or other words.") % {
                "query": query
            }
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_obj": results_page,
            "paginator": paginator,
            "message": message,
            "query_error": query_error,
            "extra_sections": extra_sections,
            "query_string": urlencode({"q": query}) if query else "",
        },
    )

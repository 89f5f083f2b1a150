from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _

from cms.core.middleware import nul_removed
from cms.core.pagination import paginate
from search.sources import search_site

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Site search over what the public site shows in the current language: pages, programme
    sessions, speakers and network members, and plan measures (``search.sources``).

    Odd input never errors: an empty query shows guidance, an overlong one or one that held an
    invalid character (NUL, removed by the middleware) is refused with a message, and a page
    number out of range falls back to the last page."""
    query = (request.GET.get("q") or "").strip()
    message = ""
    query_error = ""  # shown under the search field, which is marked invalid
    results_page = None
    paginator = None
    if nul_removed(request, "q"):
        message = _("The search text contained an invalid character. Remove it and try again.")
        query = query[:MAX_QUERY_LENGTH]
    elif not query:
        message = _("Type one or more words to search the site.")
    elif len(query) > MAX_QUERY_LENGTH:
        query_error = _("The search text is too long. Use at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    else:
        hits = search_site(query, request)
        # A bad page number falls back to the first or last page; the message is not shown
        # here, where the results themselves say enough.
        results_page, _page_problem = paginate(request, hits, RESULTS_PER_PAGE)
        paginator = results_page.paginator
        if paginator.count == 0:
            message = _("Nothing matched “%(query)s”. Check the spelling or try fewer or other words.") % {
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
            "query_string": urlencode({"q": query}) if query else "",
        },
    )

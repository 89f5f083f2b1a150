import contextlib
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Site search over live, public pages in the current language.

    Odd input never errors: an empty query shows guidance, an overlong one is refused with a
    message, and a page number out of range falls back to the last page."""
    query = (request.GET.get("q") or "").strip()
    message = ""
    query_error = ""  # shown under the search field, which is marked invalid
    results_page = None
    paginator = None
    if not query:
        message = _("Type one or more words to search the site.")
    elif len(query) > MAX_QUERY_LENGTH:
        query_error = _("The search text is too long. Use at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    else:
        pages = Page.objects.live().public().filter(depth__gt=1)
        with contextlib.suppress(Locale.DoesNotExist):
            pages = pages.filter(locale=Locale.get_active())
        results = pages.search(query, operator="and")
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
        # Fetch the specific pages of this result page in one query per type.
        specific = {p.pk: p for p in Page.objects.filter(pk__in=[r.pk for r in results_page]).specific()}
        results_page.object_list = [specific.get(r.pk, r) for r in results_page.object_list]
        if paginator.count == 0:
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
            "query_string": urlencode({"q": query}) if query else "",
        },
    )

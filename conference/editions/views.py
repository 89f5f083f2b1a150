"""Machine-readable exports of an edition's programme: ``<edition>/program.json``,
``<edition>/program.ics`` and ``<edition>/program/<id>.ics``.

Wagtail's page routes cannot end in a file extension, so these are plain Django views that
find the edition page through Wagtail's own routing (so they follow the page's slug). They live
with the edition, which owns its programme: ``conference.programme`` never imports the page."""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from conference.editions.models import ConferenceEditionPage
from conference.programme.exports import programme_json
from conference.programme.feeds import ProgrammeFeed
from conference.programme.timetable import get_session, programme_sessions


def _edition_for_path(request, edition_path: str) -> ConferenceEditionPage:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site")
    components = [part for part in edition_path.split("/") if part]
    route = site.root_page.localized.specific.route(request, components)
    page = route.page.specific if hasattr(route, "page") else route[0].specific
    if not isinstance(page, ConferenceEditionPage) or not page.live:
        raise Http404("Not a conference edition")
    return page


@require_GET
def programme_ics(request, edition_path):
    edition = _edition_for_path(request, edition_path)
    feed = ProgrammeFeed(edition, programme_sessions(edition), request, file_name=f"program-{edition.year}.ics")
    return feed(request)


@require_GET
def session_ics(request, edition_path, pk):
    edition = _edition_for_path(request, edition_path)
    session = get_session(edition, int(pk))
    feed = ProgrammeFeed(edition, [session], request, file_name=f"{session.slug}.ics")
    return feed(request)


@require_GET
def programme_data(request, edition_path):
    edition = _edition_for_path(request, edition_path)
    response = JsonResponse(
        programme_json(edition, programme_sessions(edition), request), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response

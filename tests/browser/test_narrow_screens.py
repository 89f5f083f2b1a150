"""Every public page type fits a 320 px screen (WCAG 2.1 SC 1.4.10 Reflow): nothing makes the
page scroll sideways; wide tables scroll inside their own focusable, labelled region."""

import os

import pytest

from cms.core.models import StandardPage
from cms.events.models import EventIndexPage, EventPage
from cms.governance.models import GovernanceDocumentIndexPage, GovernanceDocumentPage
from cms.network.models import NetworkPage
from cms.news.models import NewsIndexPage, NewsPage
from cms.plans.models import PlanIndexPage, PlanPage
from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
from conference.programme.models import SessionSpeaker
from tests.browser.conftest import axe_violations

PHONE_WIDTH = 320


def public_pages() -> dict[str, str]:
    """One URL of every public page type in the demo content."""

    def first(model):
        page = model.objects.live().public().order_by("path").first()
        assert page is not None, f"the demo has no live {model.__name__}"
        return page.url

    plan = PlanPage.objects.live().filter(measures__isnull=False).distinct().first()
    speaker = SessionSpeaker.objects.filter(session__edition__live=True).select_related("session").first()
    session = speaker.session
    edition = ConferenceEditionPage.objects.get(pk=session.edition_id)
    open_edition = ConferenceEditionPage.objects.live().get(status=ConferenceEditionPage.Status.OPEN)
    return {
        "home": "/",
        "standard page": first(StandardPage),
        "news index": first(NewsIndexPage),
        "news article": first(NewsPage),
        "plan index": first(PlanIndexPage),
        "plan page": plan.url,
        "status report": plan.url + plan.reverse_subpage("status_report"),
        "governance index": first(GovernanceDocumentIndexPage),
        "governance document": first(GovernanceDocumentPage),
        "calendar": first(EventIndexPage),
        "event": first(EventPage),
        "network page": first(NetworkPage),
        "conference index": first(ConferenceIndexPage),
        "conference edition": edition.url,
        "programme": edition.url + edition.reverse_subpage("programme"),
        "session": session.get_url(),
        "speaker": edition.get_parent().specific.speaker_url(speaker.person),
        "registration form": f"/pamelding/{open_edition.year}/",
        "search results": "/sok/?q=forskning",
    }


@pytest.fixture
def narrow_page(chromium_browser, live_server):
    context = chromium_browser.new_context(
        base_url=live_server.url,
        locale="nb-NO",
        viewport={"width": PHONE_WIDTH, "height": 640},
        # Not is_mobile: mobile emulation zooms out to fit a too-wide page, hiding the overflow.
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_no_public_page_scrolls_sideways_at_320_px(narrow_page, demo_site):
    too_wide = {}
    for kind, url in public_pages().items():
        response = narrow_page.goto(url)
        assert response.ok, f"{kind} {url} answered {response.status}"
        width = narrow_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if os.environ.get("SCREENSHOT_DIR"):  # to look at the pages, e.g. SCREENSHOT_DIR=/tmp/shots
            narrow_page.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/{kind.replace(' ', '-')}.png", full_page=True)
        assert width[1] == PHONE_WIDTH
        if width[0] > width[1]:
            too_wide[f"{kind} {url}"] = width[0]
    assert too_wide == {}


def test_wide_tables_scroll_in_a_focusable_labelled_region(narrow_page, demo_site):
    pages = public_pages()
    for kind in ("plan page", "status report", "network page"):
        narrow_page.goto(pages[kind])
        tables = narrow_page.locator("main table")
        assert tables.count() >= 1, kind
        for i in range(tables.count()):
            region = tables.nth(i).locator("xpath=..")
            assert region.get_attribute("role") == "region", kind
            assert region.get_attribute("tabindex") == "0", kind
            label_id = region.get_attribute("aria-labelledby")
            assert label_id and narrow_page.locator(f"[id='{label_id}']").inner_text().strip(), kind
        # Focusing a region lets a keyboard user scroll the table with the arrow keys.
        region = tables.first.locator("xpath=..")
        region.focus()
        assert region.evaluate("el => el === document.activeElement")
        assert axe_violations(narrow_page) == [], kind

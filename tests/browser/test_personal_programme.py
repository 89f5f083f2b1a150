"""Issue 14, item 3 in Chromium: a participant chooses parallel sessions on their registration
page with the keyboard only. The session they want fills up while the page is open: the error
summary names it and takes the focus, they choose another, and the choice is saved. axe runs on
the form, its error state and the saved state."""

import datetime

import pytest
from wagtail.models import Site

from conference.programme.models import Session
from conference.registration import services
from conference.registration.models import SessionChoice
from home.models import HomePage
from tests.browser.conftest import axe_violations
from tests.conference.registration.factories import INVOICE, TicketTypeFactory, ensure_wagtail_root, make_edition, t
from tests.conference.registration.factories import person as person_details


@pytest.fixture(scope="module", autouse=True)
def _put_back_wagtail_root(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_root()


@pytest.fixture
def conference(transactional_db, settings):
    settings.RATELIMIT_ENABLE = False
    root = ensure_wagtail_root()
    home = HomePage(title="Kunnskapskommunen", slug="kk-program-home", intro="Forskning i kommunene.")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="KK")
    edition = make_edition(home, year=2030)
    ticket = TicketTypeFactory(edition=edition, name="Deltaker", price_ore=150000, allow_invoice=True)

    def parallel(title, room, capacity):
        return Session.objects.create(
            edition=edition,
            kind=Session.Kind.PARALLEL,
            title=title,
            room=room,
            capacity=capacity,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(11, 30),
        )

    Session.objects.create(edition=edition, title="Åpning", start_time=datetime.time(9), end_time=datetime.time(10))
    workshop = parallel("Verksted: forskningssøknad", "Grupperom 1", 1)
    hall = parallel("Velferdsteknologi i praksis", "Sal A", 60)
    people = [
        services.create_registration(
            edition, ticket_type=ticket, details=person_details(n, **INVOICE), payment_method="invoice"
        ).registration
        for n in range(2)
    ]
    return {"edition": edition, "workshop": workshop, "hall": hall, "people": people}


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


def test_participant_chooses_sessions_by_keyboard_and_a_full_session_is_explained(browser_page, conference):
    page = browser_page
    participant, colleague = conference["people"]
    workshop, hall = conference["workshop"], conference["hall"]
    page.goto(f"/pamelding/p/{participant.manage_token}/")
    section = page.locator("section.kk-personal-programme")
    assert t("My programme") in section.locator("h2").inner_text()
    assert "kl. 10.00–11.30" in section.locator("legend").inner_text()
    assert "Grupperom 1 · 1 plass igjen" in section.inner_text()
    assert axe_violations(page) == []

    # The colleague takes the workshop's only place while the page is open.
    services.choose_sessions(colleague.pk, [workshop.pk])

    # Keyboard only: into the radio group, arrow down to the workshop, tab to the button, Enter.
    first = section.locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("ArrowDown")
    assert section.locator(f"input[value='{workshop.pk}']").is_checked()
    page.keyboard.press("Tab")
    assert focused(page) == t("Save my programme")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert "Verksted: forskningssøknad er fullt" in summary.inner_text()
    assert focused(page) == "error-summary"
    full = page.locator(f"input[value='{workshop.pk}']")
    assert full.is_disabled() and not full.is_checked()
    assert "Grupperom 1 · Fullt" in page.locator("section.kk-personal-programme").inner_text()
    assert axe_violations(page) == []
    assert not SessionChoice.objects.filter(registration=participant).exists()

    # From the summary's link to the time slot, then another session, by keyboard again.
    summary.locator("a").first.focus()
    page.keyboard.press("Enter")
    focused_id = focused(page)
    assert focused_id.startswith("id_programme-slot_")
    page.keyboard.press("ArrowDown")  # the disabled workshop is skipped
    assert page.locator(f"input[value='{hall.pk}']").is_checked()
    page.keyboard.press("Tab")
    assert focused(page) == t("Save my programme")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**#mitt-program")
    assert t("Your programme has been saved.") in page.locator("main").inner_text()
    assert page.locator(f"input[value='{hall.pk}']").is_checked()
    assert axe_violations(page) == []
    assert list(SessionChoice.objects.filter(registration=participant).values_list("session", flat=True)) == [hall.pk]

    # The personal calendar file is linked from the page.
    link = page.get_by_role("link", name=t("Your programme in your calendar (iCal file)"))
    assert link.get_attribute("href").endswith("/mitt-program.ics")

"""Browser journey: an editor logs in through the real admin login form, marks a measure as
done and publishes it; a visitor then sees it as done on the plan page. The public plan
pages are checked with axe."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.plans.models import Measure
from tests.browser.conftest import axe_violations

PLAN_URL = "/planer/bedre-kunnskap-bedre-helse-2022-2027/"


def ensure_tree_roots() -> None:
    from cms.core.demo import ensure_root

    ensure_root()


@pytest.fixture(scope="module")
def leave_tree_roots_behind(django_db_blocker):
    """So that browser tests running after this module still find a page tree."""
    yield
    with django_db_blocker.unblock():
        ensure_tree_roots()


@pytest.fixture
def demo_site(transactional_db):
    ensure_tree_roots()
    call_command("load_demo", verbosity=0)
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.com", "passord-som-er-langt")


def test_editor_marks_a_measure_done_and_a_visitor_sees_it(
    leave_tree_roots_behind, browser_page, chromium_browser, live_server, demo_site
):
    measure = Measure.objects.get(number="6.6.3")
    assert measure.status_on(datetime.date.today()) == "planned"

    page = browser_page
    page.goto("/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "passord-som-er-langt")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/snippets/plans/measure/edit/{measure.pk}/")
    existing = measure.statuses.count()
    page.locator("#id_statuses-ADD").click()
    page.fill(f"#id_statuses-{existing}-date", datetime.date.today().isoformat())
    page.select_option(f"#id_statuses-{existing}-status", "done")
    page.fill(f"#id_statuses-{existing}-comment", "Rutinene er evaluert sammen med HVL.")
    # "Publish" sits in the footer's action menu, next to "Save draft".
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').evaluate("button => button.click()")
    measure.refresh_from_db()
    assert measure.status_on(datetime.date.today()) == "done"

    visitor_context = chromium_browser.new_context(base_url=live_server.url, locale="nb-NO", bypass_csp=True)
    try:
        visitor = visitor_context.new_page()
        visitor.goto(PLAN_URL)
        row = visitor.locator("#tiltak-663")
        assert row.locator("[data-status]").get_attribute("data-status") == "done"
        assert "Rutinene er evaluert sammen med HVL." in row.inner_text()
        assert axe_violations(visitor) == []
    finally:
        visitor_context.close()


def test_status_report_and_documents_index_are_axe_clean(leave_tree_roots_behind, browser_page, demo_site):
    browser_page.goto(PLAN_URL + "statusrapport/?dato=2024-06-30")
    assert browser_page.locator("h1").count() == 1
    assert axe_violations(browser_page) == []
    browser_page.goto("/styringsdokumenter/")
    assert browser_page.locator(".governance-draft").count() >= 1
    assert axe_violations(browser_page) == []
    browser_page.goto("/styringsdokumenter/?kind=poesi")
    assert axe_violations(browser_page) == []
    browser_page.goto("/om-oss/nettverket/?dato=2018-06-01")
    assert axe_violations(browser_page) == []

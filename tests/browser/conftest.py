"""Browser journeys: Playwright for Python driving Debian's Chromium (never a downloaded
browser) against pytest-django's live server, with axe-core for accessibility checks."""

import io
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_browser(playwright_instance):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; `make test` installs it (apt-get install chromium).")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def browser_page(chromium_browser, live_server):
    """A fresh browser tab (1280 px wide) whose relative URLs go to the live server."""
    # bypass_csp lets axe-core be injected; the CSP itself is tested without a browser.
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium_browser, live_server):
    """A fresh tab the size of a phone (375 px wide)."""
    context = chromium_browser.new_context(
        base_url=live_server.url,
        locale="nb-NO",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def ensure_wagtail_roots():
    """Recreate what Wagtail's migrations put in an empty database (root page, root collection,
    locale). Transactional tests end with a flush that removes them, and serialized rollback
    cannot restore them here: Playwright's event loop gives the test another connection."""
    from cms.core.demo import ensure_root

    ensure_root()


@pytest.fixture
def demo_site(transactional_db):
    """The demo content, in a database that the live server and the browser can see."""
    from django.core.management import call_command

    ensure_wagtail_roots()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture(scope="module")
def wagtail_root_put_back(django_db_blocker):
    """After a module of transactional journeys, put back what the last flush removed (Wagtail's
    root page, collection and locale), so later tests find the database as migrations left it.
    Journey files use it with ``pytestmark = pytest.mark.usefixtures("wagtail_root_put_back")``."""
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_roots()


def admin_log_in(page, username, password, next_path=None):
    """Log in through the admin's login form, as a person would, and wait for the page after it."""
    page.context.clear_cookies()
    page.goto("/admin/login/" + (f"?next={next_path}" if next_path else ""))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"**{next_path or '/admin/'}")


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")):
    """Run axe-core in the page and return the WCAG 2.1 A/AA violations (empty list = clean)."""
    page.add_script_tag(content=AXE_JS.read_text())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]

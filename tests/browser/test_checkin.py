"""Check-in at the door on a phone: an organiser logs in through the admin login form, finds a
person by name, checks them in, and a second check-in says "already checked in". axe runs on
the check-in view's own content (the Wagtail admin chrome is Wagtail's responsibility)."""

import re

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Site

from conference.registration import services
from home.models import HomePage
from tests.browser.conftest import AXE_JS
from tests.conference.registration.factories import (
    INVOICE,
    TicketTypeFactory,
    ensure_wagtail_root,
    make_edition,
    person,
)

PASSWORD = "et-langt-passord-for-doera"


@pytest.fixture(scope="module", autouse=True)
def _put_back_wagtail_root(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_root()


@pytest.fixture
def door(transactional_db, django_user_model):
    root = ensure_wagtail_root()
    home = HomePage(title="Kunnskapskommunen", slug="kk-checkin-home", intro="Forskning i kommunene.")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="KK")
    edition = make_edition(home, year=2030)
    ticket = TicketTypeFactory(edition=edition, name="Deltaker", price_ore=150000, allow_invoice=True)
    details = person(1, first_name="Solveig", last_name="Dørvakt", **INVOICE)
    registration = services.create_registration(
        edition, ticket_type=ticket, details=details, payment_method="invoice"
    ).registration
    user = django_user_model.objects.create_user("vert", "vert@example.no", PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_registration"),
        Permission.objects.get(codename="change_registration"),
    )
    return {"edition": edition, "registration": registration}


def axe_in(page, selector, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")):
    page.add_script_tag(content=AXE_JS.read_text())
    result = page.evaluate(
        "([selector, tags]) => axe.run({include: [selector]}, {runOnly: {type: 'tag', values: tags}})",
        [selector, list(tags)],
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def check_in_solveig(page):
    page.locator("#id_q").fill("Solveig")
    page.locator("#id_q").press("Enter")
    person = page.locator(".kk-checkin-person", has_text="Solveig Dørvakt")
    person.locator("button[type=submit]").click()
    page.wait_for_load_state()
    result = page.locator("#checkin-result")
    result.locator("[data-level]").wait_for()
    return result


def test_organiser_checks_in_on_a_phone_and_second_time_is_already(phone_page, door):
    page = phone_page
    page.goto("/admin/login/?next=/admin/registration-tools/checkin/")
    page.locator("#id_username").fill("vert")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/registration-tools/checkin/"))
    assert page.locator("#checkin").is_visible()
    assert axe_in(page, "#checkin") == []

    result = check_in_solveig(page)
    assert result.get_attribute("role") == "status"
    assert result.locator("[data-level=success]").is_visible()
    assert "Solveig Dørvakt" in result.inner_text()
    assert axe_in(page, "#checkin") == []

    result = check_in_solveig(page)
    warning = result.locator("[data-level=warning]")
    assert warning.is_visible()
    assert re.search(r"already checked in|allerede sjekket inn", warning.inner_text(), re.IGNORECASE)
    assert axe_in(page, "#checkin") == []

    door["registration"].refresh_from_db()
    assert door["registration"].checked_in_at is not None

    # The dashboard counts the check-in, and its own content is accessible too.
    page.goto(f"/admin/registration-tools/?edition={door['edition'].pk}")
    assert page.locator(".kk-reg-figures").is_visible()
    assert axe_in(page, ".kk-reg-admin") == []


def test_without_barcode_detector_the_jsqr_fallback_loads_and_reads_a_ticket_code(phone_page, door):
    """iOS Safari has no BarcodeDetector: the page loads the jsQR decoder instead, shows the camera
    button, and the decoder reads a QR code like the one printed on the ticket."""
    import base64
    import io

    import qrcode

    page = phone_page
    page.add_init_script("delete window.BarcodeDetector;")
    page.goto("/admin/login/?next=/admin/registration-tools/checkin/")
    page.locator("#id_username").fill("vert")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/registration-tools/checkin/"))

    camera = page.locator("[data-checkin-camera]")
    camera.and_(page.locator("[data-decoder=jsqr]")).wait_for(state="attached")
    assert page.evaluate("typeof window.BarcodeDetector") == "undefined"
    assert page.locator("script[src*='vendor/jsqr/jsQR']").count() == 1
    assert page.get_by_role("button", name=re.compile("Skann med kamera|Scan with camera")).is_visible()
    assert "0" in page.locator("[data-checkin-count]").inner_text()

    token = door["registration"].reference
    buffer = io.BytesIO()
    qrcode.make(token).save(buffer, format="PNG")
    data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    decoded = page.evaluate(
        """(src) => new Promise((resolve) => {
            const image = new Image();
            image.onload = () => {
                const canvas = document.createElement("canvas");
                canvas.width = image.width;
                canvas.height = image.height;
                const context = canvas.getContext("2d");
                context.drawImage(image, 0, 0);
                const frame = context.getImageData(0, 0, canvas.width, canvas.height);
                const code = window.jsQR(frame.data, frame.width, frame.height);
                resolve(code ? code.data : null);
            };
            image.src = src;
        })""",
        data_url,
    )
    assert decoded == token

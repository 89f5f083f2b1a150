"""Issue 14 in Chromium: a unit leader registers three colleagues on one invoice through the
group form (a repeated e-mail first), the seat of one is handed to a colleague from the order
page, the door refuses the old ticket and checks in the others, and after the conference the
certificates arrive by e-mail and their verification address confirms them. axe runs on every
state of the group form and of the transfer form."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import formats, timezone, translation
from wagtail.models import Site

from conference.registration import services
from conference.registration.models import Certificate, GroupOrder, Registration
from home.models import HomePage
from tests.browser.conftest import admin_log_in, axe_violations
from tests.browser.test_checkin import axe_in
from tests.conference.factories import SessionFactory
from tests.conference.registration.factories import TicketTypeFactory, ensure_wagtail_root, make_edition, t

PASSWORD = "et-langt-passord-for-gruppa"


pytestmark = pytest.mark.usefixtures("wagtail_root_put_back")


@pytest.fixture
def conference(transactional_db, settings, django_user_model):
    settings.RATELIMIT_ENABLE = False
    root = ensure_wagtail_root()
    home = HomePage(title="Kunnskapskommunen", slug="kk-gruppe-home", intro="Forskning i kommunene.")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="KK")
    edition = make_edition(home, year=2030)
    ticket = TicketTypeFactory(edition=edition, name="Deltaker", price_ore=150000, allow_invoice=True)
    # Five hours of programme: 09.00–12.00 and 13.00–15.00.
    SessionFactory(
        edition=edition, title="Velferdsteknologi i praksis", start_time=datetime.time(9), end_time=datetime.time(12)
    )
    SessionFactory(
        edition=edition, title="Tjenesteinnovasjon", start_time=datetime.time(13), end_time=datetime.time(15)
    )
    user = django_user_model.objects.create_user("vert", "vert@example.no", PASSWORD)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_registration", "change_registration"])
    )
    return {"edition": edition, "ticket": ticket}


COLLEAGUES = [
    ("Siri", "Sykepleier", "siri.sykepleier@askoy.kommune.no"),
    ("Per", "Vernepleier", "per.vernepleier@askoy.kommune.no"),
    ("Aud", "Rådgiver", "aud.radgiver@askoy.kommune.no"),
]


def fill_group_form(page, ticket, emails):
    page.locator("#id_first_name").fill("Eva")
    page.locator("#id_last_name").fill("Enhetsleder")
    page.locator("#id_email").fill("eva.enhetsleder@askoy.kommune.no")
    page.locator("#id_phone").fill("912 34 567")
    page.locator("#id_organisation").fill("Askøy kommune")
    page.locator("#id_municipality_other").fill("Vestland")
    for n, ((first, last, _email), email) in enumerate(zip(COLLEAGUES, emails, strict=True)):
        page.locator(f"#id_deltaker-{n}-first_name").fill(first)
        page.locator(f"#id_deltaker-{n}-last_name").fill(last)
        page.locator(f"#id_deltaker-{n}-email").fill(email)
        page.locator(f"input[name='deltaker-{n}-ticket_type'][value='{ticket.pk}']").check()
    page.locator("input[name=payment_method][value=invoice]").check()
    page.locator("#id_invoice_org_number").fill("964 338 442")
    page.locator("#id_invoice_organisation").fill("Askøy kommune")
    page.locator("input[name=invoice_delivery][value=ehf]").check()
    page.locator("#id_invoice_reference").fill("HELSE-4471")
    page.locator("#id_invoice_contact").fill("Ola Regnskap")
    page.locator("#id_privacy_accepted").check()


def door_scan(page, edition, code):
    page.locator("#id_token").fill(code)
    page.locator("#checkin-token-form button[type=submit]").first.click()
    result = page.locator("#checkin-result [data-level]")
    result.wait_for()
    return result


def test_unit_leader_registers_three_colleagues_one_transfers_all_checked_in_and_certified(browser_page, conference):
    page = browser_page
    edition, ticket = conference["edition"], conference["ticket"]

    # The empty group form, three rows.
    page.goto(f"/pamelding/{edition.year}/gruppe/?antall=3")
    assert t("Register a group") in page.locator("h1").inner_text()
    assert page.locator("fieldset.group-participant").count() == 3
    assert axe_violations(page) == []

    # The same e-mail twice: refused, tied to the third participant in the summary, input kept.
    emails = [c[2] for c in COLLEAGUES]
    fill_group_form(page, ticket, [emails[0], emails[1], emails[0].upper()])
    page.get_by_role("button", name=t("Register the group")).click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    message = t("This e-mail address is also given for participant %(number)s.") % {"number": 1}
    assert message in summary.inner_text()
    assert summary.locator("a[href='#id_deltaker-2-email']").count() == 1
    assert page.locator("#id_deltaker-1-last_name").input_value() == "Vernepleier"
    assert Registration.objects.count() == 0
    assert axe_violations(page) == []

    # Corrected (the consent box must be ticked again), sent: one order, three seats, one invoice.
    page.locator("#id_deltaker-2-email").fill(emails[2])
    page.locator("#id_privacy_accepted").check()
    page.get_by_role("button", name=t("Register the group")).click()
    page.wait_for_url("**/pamelding/bestilling/**")
    order = GroupOrder.objects.get()
    regs = list(order.registrations.order_by("pk"))
    assert [r.state for r in regs] == [Registration.State.CONFIRMED] * 3
    assert {r.invoice_reference for r in regs} == {"HELSE-4471"}
    assert t("Group order") in page.locator("h1").inner_text()
    participants = page.locator(".group-order-participants")
    for first, last, _email in COLLEAGUES:
        assert f"{first} {last}" in participants.inner_text()
    assert "kr 4 500,00" in page.locator("main").inner_text()
    assert "HELSE-4471" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    for email in emails:
        assert any(email in m.to for m in mail.outbox), f"no ticket e-mail to {email}"

    # Per is ill: the seat goes to Kari from the order page. Empty form, errors, then success.
    per = regs[1]
    page.get_by_role("link", name=f"{t('Transfer the seat')} ({per.full_name})").click()
    page.wait_for_url(f"**/overfor/{per.pk}/")
    assert t("Transfer the seat") in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    page.locator("main").get_by_role("button", name=t("Transfer the seat")).click()
    assert page.locator("#error-summary").is_visible()
    assert axe_violations(page) == []
    page.locator("#id_first_name").fill("Kari")
    page.locator("#id_last_name").fill("Kollega")
    page.locator("#id_email").fill("kari.kollega@askoy.kommune.no")
    page.locator("main").get_by_role("button", name=t("Transfer the seat")).click()
    page.wait_for_url(f"**/pamelding/bestilling/{order.manage_token}/")
    assert "Kari Kollega" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    per.refresh_from_db()
    kari = per.transferred_to
    assert per.state == Registration.State.TRANSFERRED
    assert kari.state == Registration.State.CONFIRMED and kari.amount_ore == per.amount_ore
    assert any("kari.kollega@askoy.kommune.no" in m.to for m in mail.outbox)

    # At the door: Per's old QR code is refused and names the new holder; the others check in.
    admin_log_in(page, "vert", PASSWORD, next_path="/admin/registration-tools/checkin/")
    page.goto(f"/admin/registration-tools/checkin/?edition={edition.pk}")
    with translation.override("nb"):
        transferred_on = formats.date_format(timezone.localtime(per.transferred_at), "j. F Y")
    result = door_scan(page, edition, per.checkin_token())
    assert result.get_attribute("data-level") == "error"
    assert (
        t("Not valid: this ticket was transferred to %(name)s (%(reference)s) on %(date)s. Ask for the new ticket.")
        % {
            "name": "Kari Kollega",
            "reference": kari.reference,
            "date": transferred_on,
        }
        in result.inner_text()
    )
    assert per.full_name in result.inner_text()
    attendees = [regs[0], kari, regs[2]]
    for registration in attendees:
        result = door_scan(page, edition, registration.checkin_token())
        assert result.get_attribute("data-level") == "success"
        assert registration.full_name in result.inner_text()
    assert axe_in(page, "#checkin") == []
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 3
    per.refresh_from_db()
    assert per.checked_in_at is None

    # The day after the conference the periodic work issues the certificates, which arrive by e-mail.
    mail.outbox.clear()
    assert services.issue_due_certificates(now=edition.ends_at() + datetime.timedelta(days=1)) == 3
    subject = t("Certificate of attendance: %(edition)s") % {"edition": edition.title}
    for registration in attendees:
        sent = [m for m in mail.outbox if registration.email in m.to and m.subject == subject]
        assert len(sent) == 1
        assert any(name.startswith("kursbevis-") and data[:4] == b"%PDF" for name, data, _mime in sent[0].attachments)
    assert not Certificate.objects.filter(registration=per).exists()

    # The verification address printed on Kari's certificate confirms it, without more personal data.
    certificate = Certificate.objects.get(registration=kari)
    page.goto(f"/kursbevis/{certificate.code}/")
    main = page.locator("main").inner_text()
    assert t("Certificate of attendance") in page.locator("h1").inner_text()
    assert "Kari Kollega" in main and edition.title in main
    hours = page.locator("dt", has_text=t("Programme hours")).locator("xpath=following-sibling::dd[1]")
    assert hours.inner_text() == "5"
    assert kari.email not in main
    assert axe_violations(page) == []
    assert page.goto("/kursbevis/forfalsket-kode-123/").status == 404

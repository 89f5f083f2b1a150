"""The research-inquiry journey in a browser: a master's student sends an inquiry to two
municipalities through the public form (errors first), one municipality's FoU-contact logs in to
the admin and asks for more information, the student answers through the private status link,
the contact accepts, the student consents to publishing, the secretariat publishes the project
and it appears in the public registry. axe-core finds no WCAG 2.1 A/AA violations on the form
(empty, with errors), the receipt and the status page."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from cms.inquiries.models import Inquiry, ProjectIndexPage, ProjectPage
from cms.network.models import FouContact, Institution, Municipality, MunicipalityMembershipPeriod, Person
from tests.conference.registration.factories import t

from .conftest import admin_log_in, axe_violations

FORM_URL = "/forskningshenvendelse/"
PASSWORD = "Fou-passord-som-er-langt-2026!"


pytestmark = pytest.mark.usefixtures("wagtail_root_put_back")


@pytest.fixture
def portal(home_page, settings, django_user_model):
    """Two member municipalities with a FoU-contact each (Askøy's can log in), a merged-away one,
    the university and the project registry; everything the live server can see."""
    settings.RATELIMIT_ENABLE = False
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    municipalities = {}
    for name, slug in (("Bergen", "bergen"), ("Askøy", "askoy"), ("Lindås", "lindas")):
        municipalities[slug] = Municipality.objects.create(name=name, slug=slug)
        MunicipalityMembershipPeriod.objects.create(
            municipality=municipalities[slug],
            start_date=datetime.date(2017, 1, 1),
            end_date=datetime.date(2019, 12, 31) if slug == "lindas" else None,
        )
    Institution.objects.create(name="Universitetet i Bergen", short_name="UiB")
    # A flush by an earlier transactional test removes the group its migration made.
    # Linking the contact below puts the user in FoU-kontakter (remade if a flush removed it).
    user = django_user_model.objects.create_user("fou-askoy", "fou-askoy@example.com", PASSWORD)
    for slug, contact_user in (("bergen", None), ("askoy", user)):
        FouContact.objects.create(
            person=Person.objects.create(name=f"Kontakt {municipalities[slug].name}", job_title="FoU-kontakt"),
            municipality=municipalities[slug],
            email=f"fou.{slug}@example.com",
            user=contact_user,
        )
    registry = ProjectIndexPage(title="Prosjektregister", slug="prosjekter")
    home_page.add_child(instance=registry)
    registry.save_revision().publish()
    return {"registry": registry, "contact_user": user}


def test_student_inquiry_answered_accepted_and_published(browser_page, portal):
    page = browser_page
    mail.outbox.clear()

    # 1. The empty form: only current members are offered.
    page.goto(FORM_URL)
    assert page.get_by_role("heading", name=t("Send a research inquiry")).is_visible()
    assert page.get_by_label("Bergen", exact=True).is_visible()
    assert page.get_by_label("Lindås").count() == 0  # merged away
    assert axe_violations(page) == []

    # 2. A first try with a few fields only: the error summary, input kept.
    page.fill("#id_first_name", "Mari")
    page.fill("#id_email", "mari.master@student.example.com")
    page.check("input[name=role][value=master]")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Send the inquiry")).click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link", name=t("Students must give the name of their supervisor.")).is_visible()
    assert summary.get_by_role("link", name=t("Choose at least one municipality.")).is_visible()
    assert page.input_value("#id_first_name") == "Mari"
    assert axe_violations(page) == []

    # 3. Corrected and sent to two municipalities.
    today = timezone.localdate()
    fields = {
        "#id_last_name": "Masterstudent",
        "#id_phone": "912 34 567",
        "#id_supervisor_name": "Professor Veileder",
        "#id_supervisor_email": "veileder@uib.example.com",
        "#id_title": "Måltider og trivsel på sykehjem",
        "#id_summary": "Masteroppgave om hvordan måltidene påvirker trivselen til beboere på sykehjem.",
        "#id_method": "Observasjon og intervjuer",
        "#id_participants_needed": "Seks pleiere og fire beboere",
        "#id_services_request": "Hjelp til å finne informanter",
        "#id_services_time": "Seks timer over to måneder",
        "#id_start_date": (today + datetime.timedelta(days=30)).strftime("%d.%m.%Y"),
        "#id_end_date": (today + datetime.timedelta(days=200)).strftime("%d.%m.%Y"),
        "#id_sikt_reference": "654321",
    }
    for selector, value in fields.items():
        page.fill(selector, value)
    page.select_option("#id_institution", label="Universitetet i Bergen")
    page.check("input[name=kind][value=research]")
    page.check("input[name=sikt_status][value=applied]")
    page.check("input[name=rek_status][value=not_needed]")
    page.get_by_label("Bergen", exact=True).check()
    page.get_by_label("Askøy", exact=True).check()
    page.check("input[name=service_areas][value=nursing_homes]")
    page.check("#id_privacy_accepted")
    page.get_by_role("button", name=t("Send the inquiry")).click()
    page.wait_for_url("**/forskningshenvendelse/kvittering/**")
    assert page.get_by_role("heading", name=t("Thank you, your inquiry has been received")).is_visible()
    inquiry = Inquiry.objects.get(email="mari.master@student.example.com")
    assert page.get_by_text(inquiry.reference).first.is_visible()
    assert set(inquiry.routings.values_list("municipality__name", flat=True)) == {"Bergen", "Askøy"}
    assert axe_violations(page) == []

    # The receipt e-mail carries the private status link.
    receipt = next(m for m in mail.outbox if m.to == ["mari.master@student.example.com"])
    status_path = re.search(r"/forskningshenvendelse/s/[^/\s]+/", receipt.body).group(0)
    assert status_path == f"/forskningshenvendelse/s/{inquiry.token}/"

    # 4. Askøy's FoU-contact logs in, opens the inquiry and asks for more information.
    admin_log_in(page, "fou-askoy", PASSWORD)
    page.goto("/admin/inquiries/")
    page.get_by_role("link", name=inquiry.reference).click()
    page.wait_for_url("**/admin/inquiries/*/")
    assert page.get_by_role("heading", name="Måltider og trivsel på sykehjem").is_visible()
    page.select_option("#id_state", "needs_info")
    page.fill("#id_message", "Hvor lange blir intervjuene, og hvem tar kontakt med beboerne?")
    page.get_by_role("button", name=t("Send the answer")).click()
    page.wait_for_load_state()
    askoy = inquiry.routings.get(municipality__slug="askoy")
    assert askoy.state == "needs_info"
    assert any("Hvor lange blir intervjuene" in m.body for m in mail.outbox if m.to == [inquiry.email])

    # 5. The student answers through the status link.
    page.goto(status_path)
    assert page.get_by_text("Hvor lange blir intervjuene, og hvem tar kontakt med beboerne?").is_visible()
    assert page.get_by_role("heading", name=f"Askøy: {t('Needs more information')}").is_visible()
    assert axe_violations(page) == []
    page.fill("#reply-message", "Omtrent 45 minutter. Avdelingslederen spør beboerne først.")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Send the answer")).click()
    assert page.get_by_text(t("Your answer has been sent.")).is_visible()
    askoy.refresh_from_db()
    assert askoy.state == "assessing"

    # 6. The contact reads the answer and accepts.
    page.goto(f"/admin/inquiries/{askoy.pk}/")
    assert page.get_by_text("Omtrent 45 minutter.").first.is_visible()
    page.select_option("#id_state", "accepted")
    page.fill("#id_message", "Velkommen! Vi setter deg i kontakt med Kleppestø sykehjem.")
    page.get_by_role("button", name=t("Send the answer")).click()
    page.wait_for_load_state()
    askoy.refresh_from_db()
    assert askoy.state == "accepted"

    # 7. The student sees the acceptance and consents to publishing (errors first).
    page.goto(status_path)
    assert page.get_by_role("heading", name=f"Askøy: {t('Accepted')}").is_visible()
    assert page.get_by_text("Kleppestø sykehjem").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Publish the project")).click()
    assert page.get_by_text(t("Tick the box to give your consent.")).first.is_visible()
    assert axe_violations(page) == []
    page.check("#consent-consent")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Publish the project")).click()
    assert page.get_by_text(
        t("Thank you. The secretariat checks the project before it is published in the registry.")
    ).is_visible()
    assert axe_violations(page) == []
    project = ProjectPage.objects.get(inquiry=inquiry)
    assert not project.live
    page.goto(portal["registry"].url)
    assert page.get_by_text("Måltider og trivsel på sykehjem").count() == 0

    # 8. The secretariat publishes the draft; the project appears in the public registry.
    project.get_latest_revision().publish()
    page.goto(portal["registry"].url)
    page.get_by_role("link", name="Måltider og trivsel på sykehjem").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Måltider og trivsel på sykehjem").is_visible()
    assert page.get_by_text("Askøy").first.is_visible()
    page.goto(status_path)
    assert page.get_by_role("link", name=t("See the project page")).is_visible()

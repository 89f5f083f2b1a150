"""Every public page type and form state is valid HTML: the Nu Html Checker (the W3C validator's
engine, npm ``vnu-jar``) finds no errors.

The pages are rendered with the test client, written to a temporary folder and checked in one
run of the validator, because starting the JVM takes seconds. The test fails, never skips, when
Java or the validator is missing: ``make test`` installs both (``npm ci`` installs ``vnu-jar``).
"""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from cms.core.blocks import StandardStreamBlock
from cms.governance.models import GovernanceDocumentIndexPage
from cms.inquiries.models import ProjectIndexPage, ProjectPage
from cms.network.models import NetworkPage
from conference.registration.models import Registration
from tests.cms.network.factories import BodyFactory, FouContactFactory, MembershipFactory, MembershipPeriodFactory
from tests.cms.news.factories import EventIndexPageFactory, EventPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.cms.plans.factories import make_measure, make_plan
from tests.conference.factories import SessionSpeakerFactory
from tests.conference.posters.html_pages import poster_pages
from tests.conference.registration.factories import TicketTypeFactory, form_data, make_edition
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def _body():
    """A standard page body with every kind of block that needs no upload."""
    stream = StandardStreamBlock()
    raw = [
        {"type": name, "value": stream.child_blocks[name].get_prep_value(stream.child_blocks[name].get_preview_value())}
        for name in ("heading", "paragraph", "quote", "accordion")
    ]
    raw.append(
        {
            "type": "table",
            "value": {
                "caption": "Møter",
                "table": {
                    "data": [["Dato", "Sted"], ["12. mars", "Bergen"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                },
            },
        }
    )
    raw.append(
        {
            "type": "contact",
            "value": {"name": "Kari Nordmann", "role": "Rådgiver", "email": "kari@example.no", "phone": "+4791234567"},
        }
    )
    raw.append({"type": "listing", "value": {"heading": "FoU-kontakter", "listing": "fou_contacts"}})
    return raw


def _site(home_page):
    """One page of every public type, with the content that makes its templates do the most."""
    standard = StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss", body=_body())
    english = Locale.objects.get_or_create(language_code="en")[0]
    home_page.copy_for_translation(english).save_revision().publish()  # the language switch links
    news_index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=news_index, title="Forskning i kommunene")
    NewsPageFactory.create_batch(11, parent=news_index)  # two pages: the pagination is checked too
    calendar = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=calendar, start=datetime.datetime(2030, 3, 4, 9, 15, 30, 123456, tzinfo=datetime.UTC)
    )

    plan = make_plan(home_page, focus_areas=2)
    make_measure(plan.focus_areas.first(), "6.1.1", [(datetime.date(2023, 3, 1), "in_progress")])

    governance = GovernanceDocumentIndexPage(title="Styringsdokumenter", slug="styringsdokumenter")
    home_page.add_child(instance=governance)
    governance.save_revision().publish()

    network = NetworkPage(title="Nettverket", slug="nettverket")
    home_page.add_child(instance=network)
    network.save_revision().publish()
    period = MembershipPeriodFactory()
    FouContactFactory(municipality=period.municipality, publish_email=True, department="Etat for sykehjem")
    registry, project = _registry(home_page, period.municipality)
    # The article names the project and another page: both link sections and the project's news.
    from cms.news.models import NewsRelatedPage

    NewsRelatedPage.objects.create(page=article, related_page=project, sort_order=0)
    NewsRelatedPage.objects.create(page=article, related_page=registry, sort_order=1)
    MembershipFactory(body=BodyFactory())

    edition = make_edition(home_page)
    make_edition(  # registration not yet open
        home_page,
        year=2031,
        registration_opens=timezone.now() + datetime.timedelta(days=10),
        registration_closes=timezone.now() + datetime.timedelta(days=40),
    )
    ticket = TicketTypeFactory(edition=edition, name="Ordinær", price_ore=150000, allow_invoice=True)
    speaker = SessionSpeakerFactory(session__edition=edition)
    session = speaker.session
    return {
        "home": home_page.url,
        "standard": standard.url,
        "home-en": "/en/",
        "news-index": news_index.url,
        "news-index-page-2": news_index.url + "?page=2",
        "news-filter-error": news_index.url + "?tema=finnes-ikke&aar=abc",
        "news-article": article.url,
        "calendar": calendar.url,
        "event": event.url,
        "plan": plan.url,
        "status-report": plan.url + "statusrapport/",
        "status-report-date-error": plan.url + "statusrapport/?dato=31.02.2024",
        "governance": governance.url,
        "governance-filter-error": governance.url + "?kind=poesi&year=abc",
        "network": network.url,
        "network-date-error": network.url + "?dato=ikke-en-dato",
        "conference-index": edition.get_parent().url,
        "conference-edition": edition.url,
        "programme": edition.programme_url(),
        "session": session.get_url(),
        "speaker": edition.get_parent().specific.speaker_url(speaker.person),
        "search-results": "/sok/?q=Forskning",
        "search-empty": "/sok/?q=finnesikke",
        "search-error": "/sok/?q=" + "x" * 300,
        "registration": "/pamelding/2030/",
        "registration-not-open": "/pamelding/2031/",
        "inquiry-form": "/forskningshenvendelse/",
        "fou-contacts": "/forskningshenvendelse/fou-kontakter/",
        "projects": registry.url,
        "projects-filtered": registry.url + "?kind=research&year=abc",
        "project": project.url,
    }, ticket


def _registry(home_page, municipality):
    """The project registry with one published project."""
    registry = ProjectIndexPage(title="Prosjekter", slug="prosjekter", intro="Prosjekter i kommunene.")
    home_page.add_child(instance=registry)
    registry.save_revision().publish()
    project = ProjectPage(
        title="Ernæring på sykehjem",
        description="Om prosjektet.",
        kind="research",
        project_status="completed",
        project_lead="Siri Student",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 1, 1),
        results="Funn.",
        publications="https://example.com/rapport\nRapport 2026",
    )
    registry.add_child(instance=project)
    project.municipalities.set([municipality])
    project.save_revision().publish()
    return registry, project


def _render_inquiry_states(client, pages):
    """The inquiry form empty, with errors, the receipt, and the status page with every form."""
    from cms.inquiries import services as inquiry_services
    from cms.inquiries.models import Inquiry
    from cms.network.models import Municipality

    pages["inquiry-empty-errors"] = client.post("/forskningshenvendelse/", {}).content.decode()
    municipality = Municipality.objects.filter(membership_periods__isnull=False).first()
    data = {
        "first_name": "Siri",
        "last_name": "Student",
        "email": "siri@example.no",
        "phone": "912 34 567",
        "institution": "other",
        "institution_other": "UiB",
        "role": "master",
        "title": "Ernæring",
        "summary": "Sammendrag",
        "kind": "research",
        "method": "Intervjuer",
        "participants_needed": "Seks",
        "services_request": "Rekruttering",
        "services_time": "Seks timer",
        "start_date": "01.01.2031",
        "end_date": "01.01.2030",
        "sikt_status": "applied",
        "rek_status": "not_needed",
        "municipalities": [str(municipality.pk)],
        "service_areas": ["nursing_homes"],
        "privacy_accepted": "on",
        "form_token": "gyldig-html-skjema-token",
    }
    pages["inquiry-errors"] = client.post("/forskningshenvendelse/", data).content.decode()
    data.update(
        end_date="01.06.2031", sikt_reference="12345", supervisor_name="Veileder", supervisor_email="v@example.no"
    )
    response = client.post("/forskningshenvendelse/", data, follow=True)
    assert response.status_code == 200
    pages["inquiry-receipt"] = response.content.decode()
    inquiry = Inquiry.objects.get()
    routing = inquiry.routings.get()
    inquiry_services.answer(routing.pk, "needs_info", "Hvor lenge?", actor=None)
    status = f"/forskningshenvendelse/s/{inquiry.token}/"
    pages["inquiry-status-question"] = client.get(status).content.decode()
    pages["inquiry-status-errors"] = client.post(status, {"action": "reply", "message": ""}).content.decode()
    inquiry_services.answer(routing.pk, "accepted", "Ja.", actor=None)
    pages["inquiry-status-accepted"] = client.get(status).content.decode()
    inquiry_services.consent_to_publish(inquiry)
    pages["inquiry-status-project"] = client.get(status).content.decode()


def _render(client, home_page) -> dict[str, str]:
    urls, ticket = _site(home_page)
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} gave {response.status_code}"
        pages[name] = response.content.decode()
    assert "Forskning i kommunene" in pages["search-results"], "the search found nothing to validate"
    assert "<caption" in pages["standard"] and "Kari Nordmann" in pages["standard"], "the blocks did not render"
    assert "fou-contacts-listing" in pages["standard"], "the FoU-contacts listing did not render"
    assert "page=2" in pages["news-index"], "the news index shows no pagination to validate"

    response = client.post("/pamelding/2030/", {})
    assert response.status_code == 200
    pages["registration-empty-errors"] = response.content.decode()
    errors = form_data(ticket, phone="123", email_confirm="annen@example.no", invoice_delivery="post")
    pages["registration-errors"] = client.post("/pamelding/2030/", errors).content.decode()

    response = client.post("/pamelding/2030/", form_data(ticket), follow=True)
    assert response.status_code == 200
    pages["registration-done"] = response.content.decode()
    manage = f"/pamelding/p/{Registration.objects.get().manage_token}/"
    response = client.get(manage)
    assert response.status_code == 200
    pages["manage"] = response.content.decode()
    response = client.post(manage, {"first_name": "", "last_name": "Nordmann", "dietary_needs": "Nøtter"})
    pages["manage-errors"] = response.content.decode()

    pages.update(poster_pages(client))
    _render_inquiry_states(client, pages)
    # Group order, transfer, certificate verification and the evaluation (issue 14).
    from conference.registration import services
    from conference.registration.models import Certificate, FeedbackInvitation, GroupOrder
    from tests.conference.registration.test_group_views import group_data

    pages["group-register"] = client.get("/pamelding/2030/gruppe/?antall=2").content.decode()
    bad_group = group_data(ticket, 2, **{"deltaker-1-email": "sykepleier0@askoy.no", "invoice_org_number": "123"})
    pages["group-register-errors"] = client.post("/pamelding/2030/gruppe/", bad_group).content.decode()
    response = client.post("/pamelding/2030/gruppe/", group_data(ticket, 2), follow=True)
    assert response.status_code == 200
    pages["group-order"] = response.content.decode()
    member = GroupOrder.objects.get().registrations.order_by("pk").first()
    transfer = f"/pamelding/bestilling/{member.group_order.manage_token}/overfor/{member.pk}/"
    pages["group-transfer"] = client.get(transfer).content.decode()
    pages["group-transfer-errors"] = client.post(transfer, {"email": "ikke-en-adresse"}).content.decode()
    pages["group-cancel-order"] = client.get(
        f"/pamelding/bestilling/{member.group_order.manage_token}/avbestill/"
    ).content.decode()
    services.check_in(member.pk)
    services.issue_certificate(member.pk, actor=None)
    pages["certificate-verify"] = client.get(f"/kursbevis/{Certificate.objects.get().code}/").content.decode()
    invitation = FeedbackInvitation.objects.create(registration=member)
    feedback = f"/pamelding/evaluering/{invitation.token}/"
    pages["feedback"] = client.get(feedback).content.decode()
    pages["feedback-errors"] = client.post(feedback, {"overall": "9"}).content.decode()

    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    pages["404"] = response.content.decode()
    return pages


def _validate(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (apt install default-jre-headless)"
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `npm ci` (vnu-jar is a devDependency)"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    assert result.returncode in (0, 1), f"the validator failed: {result.stderr[-2000:]}"
    try:
        report = json.loads(result.stderr or '{"messages": []}')
    except json.JSONDecodeError:
        pytest.fail(f"the validator gave no JSON report: {result.stderr[-2000:]}")
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_page_type_and_form_state_is_valid_html(client, home_page, tmp_path):
    pages = _render(client, home_page)
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)

    errors = _validate(files)

    readable = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')}\n    {m.get('extract', '').strip()}"
        for m in errors
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(readable)


def test_time_datetime_attribute_has_no_microseconds():
    from cms.core.templatetags.time_tags import html_datetime

    moment = datetime.datetime(2030, 3, 4, 9, 15, 30, 123456, tzinfo=datetime.UTC)
    assert html_datetime(moment) == "2030-03-04T10:15:30+01:00"
    assert html_datetime(datetime.date(2030, 3, 4)) == "2030-03-04"
    assert html_datetime(None) == ""


def test_the_validator_reports_what_the_issue_found(tmp_path):
    """The harness is not vacuous: the errors of issue 12 are reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="nb"><head><title>x</title></head><body><label for="">a</label>'
        '<time datetime="2030-01-01T10:00:00.123456+01:00">x</time>'
        '<input name="a" autocomplete="street-address"><a aria-label="x">y</a></body></html>',
        encoding="utf-8",
    )
    messages = " ".join(m["message"] for m in _validate([bad]))
    assert "“for”" in messages and "fraction of a second" in messages
    assert "autocomplete" in messages and "aria-label" in messages

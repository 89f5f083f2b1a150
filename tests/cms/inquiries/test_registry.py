"""An accepted inquiry becomes a project with the researcher's consent; the secretariat
publishes it and approves later changes; the catalogue filters and site search find it."""

import datetime

import pytest
from django.urls import reverse

from cms.inquiries import services
from cms.inquiries.models import ProjectIndexPage, ProjectPage
from tests.cms.plans.factories import make_plan


@pytest.fixture
def registry(home_page):
    index = ProjectIndexPage(title="Prosjekter", slug="prosjekter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def accept_all(inquiry):
    for routing in inquiry.routings.all():
        services.answer(routing.pk, "accepted", "Ja.", actor=None)


def test_consent_makes_a_draft_that_the_secretariat_publishes(client, registry, contacts, send):
    inquiry = send()
    url = reverse("inquiries:status", args=[inquiry.token])
    assert "Publiser prosjektet i registeret" not in client.get(url).content.decode()
    accept_all(inquiry)
    assert "Publiser prosjektet i registeret" in client.get(url).content.decode()
    response = client.post(url, {"action": "consent"})
    assert "Kryss av for å gi samtykke." in response.content.decode()
    client.post(url, {"action": "consent", "consent": "on"})
    project = ProjectPage.objects.get(inquiry=inquiry)
    assert not project.live
    assert project.listing_summary == "Hvordan følges ernæringen opp?"  # shown in search results
    assert {m.name for m in project.municipalities.all()} == {"Bergen", "Askøy"}
    assert client.get(registry.url).content.decode().count("Ernæring på sykehjem") == 0
    client.post(url, {"action": "consent", "consent": "on"})  # twice: still one project
    assert ProjectPage.objects.filter(inquiry=inquiry).count() == 1

    project.save_revision().publish()
    catalogue = client.get(registry.url).content.decode()
    assert "Ernæring på sykehjem" in catalogue
    assert "Ernæring" in client.get("/sok/?q=Ernæring").content.decode()


def test_researcher_update_waits_for_approval(client, registry, contacts, send):
    inquiry = send()
    accept_all(inquiry)
    project = services.consent_to_publish(inquiry)
    project.save_revision().publish()
    url = reverse("inquiries:status", args=[inquiry.token])
    client.post(
        url,
        {
            "action": "project",
            "description": "Ny beskrivelse",
            "project_status": "completed",
            "end_date": "",
            "results": "Vi fant mye.",
            "publications": "https://example.com/rapport",
        },
    )
    project.refresh_from_db()
    assert project.results == "" and project.has_unpublished_changes
    assert "Vi fant mye." not in client.get(project.url).content.decode()
    project.get_latest_revision().publish()
    page = client.get(project.url).content.decode()
    assert "Vi fant mye." in page and "https://example.com/rapport" in page


def test_no_project_without_acceptance(registry, send):
    inquiry = send()
    with pytest.raises(services.InquiryError):
        services.consent_to_publish(inquiry)


def test_catalogue_filters(client, registry, network):
    focus_area = make_plan(registry.get_parent(), focus_areas=1).focus_areas.first()

    def project(title, kind, municipality, start, status="ongoing"):
        page = ProjectPage(
            focus_area=focus_area if kind == "research" else None,
            title=title,
            description="Om prosjektet",
            kind=kind,
            project_status=status,
            project_lead="Forsker",
            institution=network["uib"],
            start_date=start,
        )
        registry.add_child(instance=page)
        page.municipalities.set([municipality])
        page.save_revision().publish()

    project("Sykehjemsprosjekt", "research", network["bergen"], datetime.date(2025, 1, 1), "completed")
    project("Innovasjon på Askøy", "innovation", network["askoy"], datetime.date(2026, 3, 1))
    # Long words in card titles carry soft hyphens (cms.core.hyphenation): compare without them.
    html = client.get(registry.url, {"kind": "innovation"}).content.decode().replace("\xad", "")
    assert "Innovasjon på Askøy" in html and "Sykehjemsprosjekt" not in html
    html = client.get(registry.url, {"municipality": network["bergen"].pk}).content.decode().replace("\xad", "")
    assert "Sykehjemsprosjekt" in html and "Innovasjon på Askøy" not in html
    html = client.get(registry.url, {"status": "completed", "year": "2025"}).content.decode().replace("\xad", "")
    assert "Sykehjemsprosjekt" in html and "Innovasjon på Askøy" not in html
    html = client.get(registry.url, {"q": "askøy"}).content.decode().replace("\xad", "")
    assert "Innovasjon på Askøy" in html and "Sykehjemsprosjekt" not in html
    html = client.get(registry.url, {"focus_area": focus_area.pk}).content.decode().replace("\xad", "")
    assert "Sykehjemsprosjekt" in html and "Innovasjon på Askøy" not in html
    response = client.get(registry.url, {"year": "abc", "municipality": "999999", "page": "x"})
    assert response.status_code == 200

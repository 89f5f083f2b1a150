"""The demo fills the portal with the real pattern: about 30 inquiries, most accepted, some
declined, master's projects among them, ten public projects, and a contact for every member."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.inquiries.models import Inquiry, InquiryEmail, InquiryRouting, ProjectPage
from cms.network.models import FouContact, member_municipalities


@pytest.mark.django_db
def test_demo_inquiries_projects_and_contacts(client):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # idempotent
    assert 25 <= Inquiry.objects.count() <= 35
    states = Counter(InquiryRouting.objects.values_list("state", flat=True))
    assert states["accepted"] > states["declined"] > 0
    assert Inquiry.objects.filter(role="master").exists()
    assert ProjectPage.objects.live().count() == 10
    members = member_municipalities(timezone.localdate())
    assert set(members.values_list("pk", flat=True)) <= set(
        FouContact.objects.values_list("municipality_id", flat=True)
    )
    assert FouContact.objects.filter(user__username="fou-bergen").exists()
    assert not InquiryEmail.objects.filter(sent_at__isnull=True).exists()  # loading sends nothing
    assert "Prosjekter" in client.get("/prosjekter/").content.decode()
    kontakt = client.get("/kontakt/").content.decode()
    assert kontakt.count("FoU-kontakter i medlemskommunene") == 1  # added once, however often loaded
    assert FouContact.objects.filter(municipality__in=members).first().person.name in kontakt


@pytest.mark.django_db
def test_demo_projects_link_to_news_and_posters_and_back(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # idempotent: no link made twice
    project = ProjectPage.objects.live().get(title="Velferdsteknologi og nattilsyn i hjemmetjenesten")
    page = client.get(project.url).content.decode()
    assert "Rundt 140 forskningshenvendelser i 2025" in page  # a news item that names it
    assert "Digitalt tilsyn om natten i hjemmetjenesten" in page  # the poster that presents it
    news = client.get("/nyheter/rundt-140-forskningshenvendelser-i-2025/").content.decode()
    assert news.count(f'href="{project.url}"') == 1
    linked = [p for p in ProjectPage.objects.live() if "Plakater på konferansen" in client.get(p.url).content.decode()]
    assert len(linked) >= 3

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

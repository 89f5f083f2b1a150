"""The visibility rule: a contact sees only their own municipality's (and department's)
inquiries; every URL of another municipality's inquiry is 404; advisers see everything."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cms.inquiries.models import InquiryAttachment, InquiryRouting
from cms.inquiries.visibility import visible_routings

from .conftest import login, pdf_upload


@pytest.fixture
def inquiry(send):
    inquiry = send()
    InquiryAttachment.objects.create(
        inquiry=inquiry, kind="description", file=pdf_upload(), original_name="beskrivelse.pdf"
    )
    return inquiry


def urls(routing):
    attachment = routing.inquiry.attachments.get()
    return [
        reverse("inquiries_admin:detail", args=[routing.pk]),
        reverse("inquiries_admin:attachment", args=[routing.pk, attachment.pk]),
        reverse("inquiries_admin:record", args=[routing.pk, "pdf"]),
        reverse("inquiries_admin:record", args=[routing.pk, "json"]),
    ]


def test_contact_of_another_municipality_gets_404_on_every_url(client, contacts, inquiry):
    # Sent to Bergen and Askøy; Alver's contact tries them all.
    login(client, contacts["alver"])
    for routing in inquiry.routings.all():
        for url in urls(routing):
            assert client.get(url).status_code == 404, url
        assert (
            client.post(urls(routing)[0], {"action": "answer", "state": "accepted", "message": "Ja"}).status_code == 404
        )
    listing = client.get(reverse("inquiries_admin:list") + "?status=all")
    assert listing.status_code == 200 and inquiry.reference not in listing.content.decode()
    search = client.get(reverse("inquiries_admin:list"), {"status": "all", "q": "Ernæring"})
    assert inquiry.reference not in search.content.decode()
    export = client.get(reverse("inquiries_admin:export", args=["csv"]))
    assert inquiry.title not in export.content.decode("utf-8-sig")
    assert export.content.startswith("\ufeff".encode())
    today = timezone.localdate().isoformat()
    assert export["Content-Disposition"] == f'attachment; filename="forskningshenvendelser-{today}.csv"'
    stats = client.get(reverse("inquiries_admin:statistics"))
    assert "Askøy" not in stats.content.decode()
    assert InquiryRouting.objects.filter(state="received").count() == 2


def test_contact_sees_and_opens_own_municipality(client, contacts, inquiry):
    routing = inquiry.routings.get(municipality__name="Askøy")
    login(client, contacts["askoy"])
    listing = client.get(reverse("inquiries_admin:list"))
    assert inquiry.reference in listing.content.decode()
    assert inquiry.reference in client.get(reverse("inquiries_admin:list"), {"q": "ernæring"}).content.decode()
    assert inquiry.reference not in client.get(reverse("inquiries_admin:list"), {"q": "finnes ikke"}).content.decode()
    for url in urls(routing):
        assert client.get(url).status_code == 200, url
    other = inquiry.routings.get(municipality__name="Bergen")
    assert client.get(reverse("inquiries_admin:detail", args=[other.pk])).status_code == 404
    download = client.get(urls(routing)[1])
    assert download["Content-Type"] == "application/pdf" and "no-store" in download["Cache-Control"]
    export = client.get(reverse("inquiries_admin:export", args=["csv"]))
    assert inquiry.title in export.content.decode("utf-8-sig")


def test_department_contact_sees_only_own_department(client, contacts, inquiry):
    bergen = inquiry.routings.get(municipality__name="Bergen")
    assert bergen.department == "Etat for sykehjem"
    assert bergen in visible_routings(contacts["bergen_sykehjem"].user)
    assert bergen not in visible_routings(contacts["bergen_psykisk"].user)
    login(client, contacts["bergen_psykisk"])
    assert client.get(reverse("inquiries_admin:detail", args=[bergen.pk])).status_code == 404


def test_adviser_sees_everything_and_others_nothing(client, contacts, inquiry, django_user_model):
    adviser = django_user_model.objects.create_user("radgiver", "r@example.com", "passord-som-er-langt")
    adviser.groups.add(Group.objects.get(name="Rådgivere for forskningshenvendelser"))
    assert visible_routings(adviser).count() == 2
    editor = django_user_model.objects.create_user("redaktor2", "e@example.com", "passord-som-er-langt")
    editor.groups.add(Group.objects.get(name="Redaktør"))
    assert visible_routings(editor).count() == 0
    login(client, editor)
    assert client.get(reverse("inquiries_admin:list")).status_code == 404
    routing = inquiry.routings.first()
    assert client.get(reverse("inquiries_admin:detail", args=[routing.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("inquiries_admin:detail", args=[routing.pk])).status_code == 302  # to the login


def test_list_queries_do_not_grow_with_inquiries(client, contacts, send, django_assert_max_num_queries):
    login(client, contacts["askoy"])
    send(form_token="a" * 30)
    with django_assert_max_num_queries(30) as captured:
        client.get(reverse("inquiries_admin:list"))
    baseline = len(captured)
    for n in range(5):
        send(form_token=f"token-{n}-" + "b" * 30)
    with django_assert_max_num_queries(baseline):
        response = client.get(reverse("inquiries_admin:list"))
    assert response.content.decode().count("FH-") >= 6

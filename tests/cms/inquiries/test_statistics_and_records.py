"""Statistics on known data, and the archive record (PDF + JSON) of one inquiry."""

import datetime
import json

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cms.inquiries import statistics
from cms.inquiries.models import InquiryRouting
from cms.inquiries.statistics import percentile

from .conftest import login


def test_percentiles():
    assert percentile([], 0.5) is None
    assert percentile([3, 1, 2], 0.5) == 2
    assert percentile([4, 1, 3, 2], 0.5) == 2.5
    assert percentile(list(range(1, 11)), 0.9) == 9


def test_statistics_on_known_data(client, contacts, send, django_user_model):
    sent = timezone.make_aware(datetime.datetime(2026, 3, 2, 10))
    for n, (state, answer_days) in enumerate([("accepted", 2), ("accepted", 4), ("declined", 10)]):
        inquiry = send(form_token=f"statistikk-{n}-" + "x" * 20, municipalities=[contacts["askoy"].municipality])
        inquiry.submitted_at = sent
        inquiry.save()
        InquiryRouting.objects.filter(inquiry=inquiry).update(
            state=state,
            first_answer_at=sent + datetime.timedelta(days=answer_days),
            decided_at=sent + datetime.timedelta(days=answer_days),
        )
    tables = {t.key: t for t in statistics.tables(InquiryRouting.objects.all())}
    assert tables["year"].rows == [["2026", 3, 2, 1, 67]]
    assert tables["time"].rows == [["2026", 4.0, 10.0, 4.0, 10.0]]
    assert tables["role"].rows == [["Masterstudent", 3]]

    adviser = django_user_model.objects.create_user("radgiver", "r@example.com", "passord-som-er-langt")
    adviser.groups.add(Group.objects.get(name="Rådgivere for forskningshenvendelser"))
    login(client, adviser)
    page = client.get(reverse("inquiries_admin:statistics")).content.decode()
    assert "Henvendelser per år" in page and '<th scope="row">2026</th>' in page
    csv = client.get(reverse("inquiries_admin:statistics"), {"table": "year", "format": "csv"})
    assert csv.content.decode("utf-8-sig").splitlines()[1] == "2026;3;2;1;67"
    assert csv.content.startswith("\ufeff".encode())
    today = timezone.localdate().isoformat()
    assert csv["Content-Disposition"] == f'attachment; filename="statistikk-per-ar-{today}.csv"'
    xlsx = client.get(reverse("inquiries_admin:statistics"), {"table": "kind", "format": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("inquiries_admin:statistics"), {"table": "nope", "format": "csv"}).status_code == 404


def test_archive_record_pdf_and_json(client, contacts, send):
    inquiry = send()
    routing = inquiry.routings.get(municipality__name="Askøy")
    login(client, contacts["askoy"])
    pdf = client.get(reverse("inquiries_admin:record", args=[routing.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF") and "no-store" in pdf["Cache-Control"]
    data = json.loads(client.get(reverse("inquiries_admin:record", args=[routing.pk, "json"])).content)
    assert data["reference"] == inquiry.reference
    assert data["municipality"] == "Askøy"
    assert data["project"]["sikt"] == {"status": "applied", "reference": "123456"}
    assert data["history"][0]["to"] == "received"
    assert client.get(reverse("inquiries_admin:record", args=[routing.pk, "xml"])).status_code == 404


def test_personal_data_is_anonymised_after_the_retention_time_only_when_decided(contacts, send, settings):
    from cms.inquiries import services
    from cms.inquiries.models import Inquiry, InquiryAttachment

    from .conftest import pdf_upload

    settings.INQUIRY_RETENTION_DAYS = 30
    decided = send(form_token="avgjort-" + "x" * 30)
    InquiryAttachment.objects.create(inquiry=decided, kind="description", file=pdf_upload(), original_name="a.pdf")
    still_open = send(form_token="apen-" + "x" * 30)
    long_ago = timezone.now() - datetime.timedelta(days=40)
    InquiryRouting.objects.filter(inquiry=decided).update(state="accepted", decided_at=long_ago)
    InquiryRouting.objects.filter(inquiry=still_open, municipality__name="Askøy").update(
        state="declined", decided_at=long_ago
    )

    assert services.anonymise_expired() == 1
    decided.refresh_from_db()
    assert decided.first_name == "Anonymisert" and decided.phone == "" and decided.supervisor_name == ""
    assert decided.attachments.count() == 0 and decided.anonymised_at is not None
    assert decided.title == "Ernæring på sykehjem"  # the project facts stay for the statistics
    assert Inquiry.objects.get(pk=still_open.pk).first_name == "Siri"
    assert services.anonymise_expired() == 0


def test_per_person_export_holds_every_inquiry_of_that_address(contacts, send):
    from cms.inquiries import services

    send(form_token="forste-" + "x" * 30)
    send(form_token="andre-" + "x" * 30, email="annen@example.com")
    data = services.export_personal_data("SIRI@student.example.com")
    assert len(data) == 1
    assert {m["municipality"] for m in data[0]["municipalities"]} == {"Bergen", "Askøy"}
    assert "token" not in json.dumps(data, default=str)

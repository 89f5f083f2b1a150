"""Exports for organisers: participant list (consent), name badges, dietary list (permission),
invoice basis; CSV formula injection neutralised; XLSX opens with openpyxl."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conference.registration import services
from conference.registration.exports import safe_cell
from conference.registration.models import Registration
from tests.conftest import MODEL_BACKEND

from .conftest import ORGANISER, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(edition, invoice_ticket):
    listed = register(edition, invoice_ticket, 1, participant_list_consent=True, first_name="Synnøve")
    hidden = register(edition, invoice_ticket, 2, participant_list_consent=False, first_name="Hemmelig")
    evil = register(
        edition,
        invoice_ticket,
        3,
        participant_list_consent=True,
        first_name='=HYPERLINK("http://evil.example","x")',
        organisation="@SUM(1+1)",
        dietary_needs="-Nøtter",
        special_needs_consent=True,
    )
    gone = register(edition, invoice_ticket, 4, participant_list_consent=True, first_name="Avmeldt")
    # The invoice was sent, so cancelling needs a credit note.
    Registration.objects.filter(pk=gone.pk).update(invoice_status=Registration.InvoiceStatus.INVOICED)
    services.cancel_registration(gone.pk, source=ORGANISER)
    return {"listed": listed, "hidden": hidden, "evil": evil, "gone": gone}


def export(client, edition, kind, fmt):
    return client.get(reverse("registration_admin:export", args=[kind, fmt]), {"edition": edition.pk})


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_safe_cell_prefixes_formula_starters():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("+47 912") == "'+47 912"
    assert safe_cell("-x") == "'-x"
    assert safe_cell("@cmd") == "'@cmd"
    assert safe_cell("Kari") == "Kari"
    assert safe_cell(150) == 150


def test_participant_list_only_has_confirmed_people_who_consented(organiser_client, edition, people):
    response = export(organiser_client, edition, "participants", "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    first_names = [row[0] for row in rows[1:]]
    assert "Synnøve" in first_names
    assert "Hemmelig" not in first_names
    assert "Avmeldt" not in first_names
    assert '\'=HYPERLINK("http://evil.example","x")' in first_names
    assert [row[2] for row in rows[1:] if row[0].startswith("'=")] == ["'@SUM(1+1)"]
    # no e-mail addresses on the participant list
    assert "@example.no" not in response.content.decode("utf-8-sig")


def test_participant_list_xlsx_opens_and_keeps_formulas_as_text(organiser_client, edition, people):
    response = export(organiser_client, edition, "participants", "xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] in ("First name", "Fornavn")
    first_names = [row[0] for row in values[1:]]
    assert sorted(first_names) == sorted(["Synnøve", '\'=HYPERLINK("http://evil.example","x")'])
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_badges_pdf_has_one_badge_per_confirmed_registration(organiser_client, edition, people):
    from conference.registration.badges import badge_registrations

    response = export(organiser_client, edition, "badges", "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert badge_registrations(edition).count() == 3


def test_badges_pdf_for_an_edition_without_registrations(organiser_client, edition):
    response = export(organiser_client, edition, "badges", "pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_dietary_list_needs_the_special_needs_permission(client, viewer, door_staff, organiser, edition, people):
    for user in (viewer, door_staff):
        client.force_login(user, backend=MODEL_BACKEND)
        response = export(client, edition, "dietary", "csv")
        assert response.status_code in (302, 403)
    client.force_login(organiser, backend=MODEL_BACKEND)
    response = export(client, edition, "dietary", "csv")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows) == 2
    assert rows[1][5] == "'-Nøtter"


def test_invoice_basis_lists_invoice_registrations_with_amounts(organiser_client, edition, people):
    edition.registration_settings.vat_percent = 25
    edition.registration_settings.save()
    response = export(organiser_client, edition, "invoices", "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    by_reference = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_reference) == 4
    listed = by_reference[people["listed"].reference]
    assert "964338531" in listed.values()
    assert "RES-123" in listed.values()
    # Amounts are numbers in kroner in XLSX, so the finance office can sum them.
    assert listed[header[14]] == 1500
    assert listed[header[15]] == 300  # 25 % VAT of 1 500 incl. VAT
    gone = by_reference[people["gone"].reference]
    assert any(str(v) in ("To be credited", "Skal krediteres") for v in gone.values())
    csv_response = export(organiser_client, edition, "invoices", "csv")
    csv_lines = csv_rows(csv_response)
    assert len(csv_lines) == 5
    assert "1500,00" in {row[14] for row in csv_lines[1:]}  # kroner with a decimal comma in CSV


def test_unknown_export_is_404(organiser_client, edition):
    assert export(organiser_client, edition, "everything", "csv").status_code == 404
    assert export(organiser_client, edition, "participants", "exe").status_code == 404
    response = organiser_client.get(
        reverse("registration_admin:export", args=["participants", "csv"]), {"edition": "x"}
    )
    assert response.status_code == 404


def test_exports_need_view_permission(client, django_user_model, edition, people):
    from .conftest import make_user

    nobody = make_user(django_user_model, "ingen")
    client.force_login(nobody, backend=MODEL_BACKEND)
    for kind, fmt in (("participants", "csv"), ("badges", "pdf"), ("invoices", "xlsx")):
        assert export(client, edition, kind, fmt).status_code in (302, 403)


@pytest.mark.parametrize(
    ("kind", "filename"),
    [
        ("participants", "deltakerliste"),
        ("dietary", "kost-og-tilrettelegging"),
        ("invoices", "fakturagrunnlag"),
        ("feedback", "evaluering"),
    ],
)
def test_every_registration_export_is_excel_ready_csv_with_a_bokmal_name_and_the_year(
    organiser_client, edition, people, kind, filename
):
    response = export(organiser_client, edition, kind, "csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}-{edition.year}.csv"'
    assert response.content.startswith("\ufeff".encode())  # the BOM Norwegian Excel needs for æøå
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert ";" in header and "," not in header
    xlsx = export(organiser_client, edition, kind, "xlsx")
    assert xlsx["Content-Disposition"] == f'attachment; filename="{filename}-{edition.year}.xlsx"'


def test_badges_show_name_and_organisation_but_never_the_billing_method(organiser_client, edition, people):
    from pypdf import PdfReader

    response = export(organiser_client, edition, "badges", "pdf")
    assert response["Content-Disposition"] == f'attachment; filename="navneskilt-{edition.year}.pdf"'
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    # people are invoice registrations on the ticket type called "Faktura"
    assert "Synnøve" in text and "Nordmann1" in text and "Bergen kommune" in text
    for billing in ("Faktura", "faktura", "Kort", "Invoice", "invoice", "Card", "Gratis", "Free"):
        assert billing not in text

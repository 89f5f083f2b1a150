"""cms.core.exports: what a finance officer or organiser sees when the file opens in
Norwegian Excel, and what an attacker's formula becomes."""

import csv
import datetime
import io
from types import SimpleNamespace as Row

import pytest
from django.utils import translation
from openpyxl import load_workbook

from cms.core.exports import Column, Export, csv_response, guard_formula, kroner_text, safe_cell, xlsx_response

UTC = datetime.UTC
SUMMER_NOON_UTC = datetime.datetime(2030, 6, 3, 10, 0, tzinfo=UTC)  # 12.00 in Oslo (CEST)
WINTER_NOON_UTC = datetime.datetime(2030, 1, 3, 11, 0, tzinfo=UTC)  # 12.00 in Oslo (CET)

COLUMNS = [
    Column("Navn", "name"),
    Column("Telefon", "phone", kind="phone"),
    Column("Beløp", "amount_ore", kind="money"),
    Column("Betalt", "paid_at", kind="datetime"),
    Column("Dato", "day", kind="date"),
    Column("Antall", lambda r: r.count, kind="number"),
    Column("Samtykke", "consent", kind="bool"),
]
ROWS = [
    Row(
        name="Åse Ødegård",
        phone="+47 912 34 567",
        amount_ore=150000,
        paid_at=SUMMER_NOON_UTC,
        day=datetime.date(2030, 6, 3),
        count=2,
        consent=True,
    ),
    Row(
        name='=HYPERLINK("http://evil.example","klikk")',
        phone="=1+1",
        amount_ore=5,
        paid_at=WINTER_NOON_UTC,
        day=None,
        count=None,
        consent=False,
    ),
]


def read_csv(content: bytes):
    assert content.startswith("\ufeff".encode())  # the BOM makes Excel read UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content)).active


@pytest.mark.parametrize("text", ["=1+1", "+47", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starters_get_an_apostrophe(text):
    assert guard_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["Kari", "", "1+1", " =1"])
def test_ordinary_text_is_left_alone(text):
    assert guard_formula(text) == text


@pytest.mark.parametrize("ore, text", [(150000, "1500,00"), (5, "0,05"), (0, "0,00"), (-2550, "-25,50")])
def test_ore_become_kroner_with_a_decimal_comma(ore, text):
    assert kroner_text(ore) == text


def test_csv_is_semicolon_separated_utf8_with_bom_and_norwegian_values():
    with translation.override("nb"):
        rows = read_csv(Export("Test", COLUMNS, ROWS).csv_bytes())
    assert rows[0] == ["Navn", "Telefon", "Beløp", "Betalt", "Dato", "Antall", "Samtykke"]
    assert rows[1] == ["Åse Ødegård", "'+47 912 34 567", "1500,00", "2030-06-03 12:00", "2030-06-03", "2", "Ja"]
    assert rows[2] == [
        '\'=HYPERLINK("http://evil.example","klikk")',
        "'=1+1",
        "0,05",
        "2030-01-03 12:00",
        "",
        "",
        "Nei",
    ]


def test_xlsx_has_numbers_in_kroner_local_naive_times_and_phone_numbers_as_text():
    sheet = read_xlsx(Export("Test", COLUMNS, ROWS).xlsx_bytes())
    name, phone, amount, paid, day, count, _consent = (c for c in sheet[2])
    assert name.value == "Åse Ødegård"
    assert phone.value == "+47 912 34 567" and phone.number_format == "@"  # no apostrophe, stays text
    assert amount.value == 1500 and amount.data_type == "n"
    assert paid.value == datetime.datetime(2030, 6, 3, 12, 0) and paid.value.tzinfo is None
    assert day.value == datetime.datetime(2030, 6, 3)
    assert count.value == 2
    assert sheet["D3"].value == datetime.datetime(2030, 1, 3, 12, 0)  # winter time too


def test_xlsx_never_contains_a_formula():
    sheet = read_xlsx(Export("Test", COLUMNS, ROWS).xlsx_bytes())
    assert sheet["A3"].value == '\'=HYPERLINK("http://evil.example","klikk")'
    assert sheet["B3"].value == "'=1+1"  # not a phone number: guarded like any text
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_sheet_title_with_characters_excel_refuses_is_cleaned():
    sheet = read_xlsx(Export("Påmeldte: 2030/2031 [alle] og mange flere enn dette", COLUMNS, []).xlsx_bytes())
    assert sheet.title == "Påmeldte 20302031 alle og mange"
    assert sheet.max_row == 1  # only the header for an empty list


def test_downloads_are_attachments_that_no_cache_keeps():
    response = csv_response("deltakere", COLUMNS, ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="deltakere.csv"'
    assert response["Cache-Control"] == "private, no-store"
    response = xlsx_response("deltakere", COLUMNS, ROWS)
    assert response["Content-Disposition"] == 'attachment; filename="deltakere.xlsx"'
    assert read_xlsx(response.content).max_row == 3


def test_a_misspelt_attribute_fails_loudly_instead_of_exporting_an_empty_column():
    with pytest.raises(AttributeError):
        Export("x", [Column("Navn", "nmae")], ROWS).csv_bytes()


def test_an_unknown_column_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        Column("Beløp", "amount", kind="currency")


def test_safe_cell_for_untyped_values():
    with translation.override("nb"):
        assert safe_cell(None) == "" and safe_cell(True) == "Ja" and safe_cell(150) == 150
        assert safe_cell(SUMMER_NOON_UTC) == "2030-06-03 12:00"
        assert safe_cell("@cmd") == "'@cmd"


@pytest.mark.django_db
def test_wagtail_list_export_is_norwegian_excel_csv(admin_client):
    from django.urls import reverse

    from tests.cms.network.factories import PersonFactory

    PersonFactory(name="=cmd|' /C calc'!A0", email="kari@example.no")
    response = admin_client.get(reverse("wagtailsnippets_network_person:list"), {"export": "csv"})
    content = b"".join(response.streaming_content)
    rows = read_csv(content)
    assert len(rows[0]) == 6
    assert "'=cmd|' /C calc'!A0" in rows[1]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_wagtail_list_export_xlsx_has_local_times_and_no_formulas(admin_client):
    from django.urls import reverse

    from tests.cms.network.factories import PersonFactory

    PersonFactory(name="=1+1")
    response = admin_client.get(reverse("wagtailsnippets_network_person:list"), {"export": "xlsx"})
    sheet = read_xlsx(b"".join(response.streaming_content) if response.streaming else response.content)
    assert sheet["A2"].value == "'=1+1"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
def test_registration_list_xlsx_keeps_phone_numbers_as_text_and_times_in_oslo(admin_client, home_page):
    from django.urls import reverse

    from conference.registration.models import Registration
    from tests.conference.registration.factories import TicketTypeFactory, make_edition

    edition = make_edition(home_page)
    Registration.objects.create(
        edition=edition,
        ticket_type=TicketTypeFactory(edition=edition),
        state=Registration.State.CONFIRMED,
        first_name="Kari",
        last_name="Nordmann",
        email="kari@example.no",
        phone="+4791234567",
        payment_method=Registration.PaymentMethod.INVOICE,
        created_at=SUMMER_NOON_UTC,
    )
    response = admin_client.get(reverse("registrations:index"), {"export": "xlsx"})
    sheet = read_xlsx(b"".join(response.streaming_content) if response.streaming else response.content)
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, (c for c in sheet[2]), strict=True))
    phone = next(cell for name, cell in row.items() if name in ("Phone", "Telefon"))
    assert phone.value == "+4791234567" and phone.number_format == "@"
    created = next(cell for name, cell in row.items() if name in ("Registered", "Påmeldt", "Registrert"))
    assert created.value == datetime.datetime(2030, 6, 3, 12, 0)

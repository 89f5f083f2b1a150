"""CSV and XLSX exports, written once for every list an organiser or the finance office takes
into a spreadsheet (registrations and invoices today; posters, nominations, inquiries later).

What every export here guarantees, and why:

- **No formula injection.** Names and organisations come from public forms. Text that a
  spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading
  apostrophe, in CSV and XLSX alike (:func:`guard_formula`, the one guard of the site).
- **Norwegian Excel opens the CSV as it is.** Norwegian Excel expects semicolons (the comma is
  the decimal sign) and only reads UTF-8 (æ, ø, å) when the file starts with a BOM.
- **Amounts in kroner.** Amounts are stored as integers in øre; ``money`` columns show
  ``1500,00`` in CSV and a number (1500) with two decimals in XLSX, so finance can sum them.
- **Local times.** Times are stored in UTC; ``datetime`` columns show Oslo time, as text in
  CSV and as a naive local datetime in XLSX (Excel has no time zones).
- **Phone numbers stay text.** In XLSX a ``phone`` column is a text cell (format ``@``)
  without the apostrophe, so ``+47 912 34 567`` neither becomes a number nor shows a stray
  apostrophe. (In CSV there are no cell types, so a leading ``+`` is still guarded.)

Usage::

    columns = [Column(_("Name"), "full_name"), Column(_("Amount"), "amount_ore", kind="money")]
    return csv_response("fakturagrunnlag", columns, registrations)
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import decimal
import io
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"
BOM = "\ufeff"
KINDS = ("text", "money", "datetime", "date", "phone", "number", "bool")
# Only these characters make a phone number that may go into XLSX without the guard.
PHONE_RE = re.compile(r"\+?[0-9 ()./-]*")


def guard_formula(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def kroner_text(ore) -> str:
    """1500_00 øre -> "1500,00" (Norwegian decimal comma, no thousands separator to confuse
    Excel). Negative amounts (credit notes) keep their sign."""
    sign = "-" if int(ore) < 0 else ""
    kroner, rest = divmod(abs(int(ore)), 100)
    return f"{sign}{kroner},{rest:02d}"


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime as naive Oslo (the site's) time; a naive one is returned as it is."""
    if timezone.is_aware(value):
        return timezone.make_naive(timezone.localtime(value))
    return value


def safe_cell(value):
    """One value as a CSV/XLSX cell when no column kind is known (e.g. Wagtail's list export):
    None is empty, booleans are Ja/Nei, numbers stay numbers, times are local text, and text
    is guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    if isinstance(value, datetime.datetime):
        return local_naive(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return guard_formula(str(value))


@dataclasses.dataclass(frozen=True)
class Column:
    """One column: its header, how to get the value from a row (a callable, or an attribute
    name, dotted for relations) and its kind (``text``, ``money`` in øre, ``datetime``,
    ``date``, ``phone``, ``number`` or ``bool``)."""

    header: Any
    getter: Callable[[Any], Any] | str
    kind: str = "text"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}; use one of {', '.join(KINDS)}")

    def value(self, row):
        if callable(self.getter):
            return self.getter(row)
        value = row
        for part in self.getter.split("."):
            value = getattr(value, part) if value is not None else None
        return value() if callable(value) else value

    def csv(self, row) -> str:
        """The cell as CSV text."""
        value = self.value(row)
        if value is None or value == "":
            return ""
        if self.kind == "money":
            return kroner_text(value)
        if self.kind == "number" and isinstance(value, (float, decimal.Decimal)):
            return str(value).replace(".", ",")
        if self.kind == "datetime" and isinstance(value, datetime.datetime):
            return local_naive(value).strftime("%Y-%m-%d %H:%M")
        return str(safe_cell(value))

    def xlsx(self, row):
        """The cell value for openpyxl and its number format (or None)."""
        value = self.value(row)
        if value is None or value == "":
            return None, None
        if self.kind == "money":
            return decimal.Decimal(int(value)) / 100, "#,##0.00"
        if self.kind == "datetime" and isinstance(value, datetime.datetime):
            return local_naive(value), "yyyy-mm-dd hh:mm"
        if self.kind == "date" and isinstance(value, datetime.date):
            return value, "yyyy-mm-dd"
        if self.kind == "phone":
            text = str(value)
            return (text if PHONE_RE.fullmatch(text) else guard_formula(text)), "@"
        cell = safe_cell(value)
        return cell, ("@" if isinstance(cell, str) else None)


class Export:
    """A titled table (columns + rows), written as Excel-friendly CSV or as XLSX."""

    def __init__(self, title, columns: list[Column], rows: Iterable):
        self.title = str(title)
        self.columns = columns
        self.rows = list(rows)

    def headers(self) -> list[str]:
        return [guard_formula(str(c.header)) for c in self.columns]

    def csv_text(self) -> str:
        """Semicolon-separated text with a BOM in front (what Norwegian Excel expects)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
        writer.writerow(self.headers())
        for row in self.rows:
            writer.writerow([c.csv(row) for c in self.columns])
        return BOM + buffer.getvalue()

    def csv_bytes(self) -> bytes:
        return self.csv_text().encode("utf-8")

    def xlsx_bytes(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = re.sub(r"[\[\]:*?/\\]", "", self.title)[:31] or "Eksport"
        sheet.append(self.headers())
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(h) for h in self.headers()]
        for row_number, row in enumerate(self.rows, start=2):
            for col_number, column in enumerate(self.columns, start=1):
                value, number_format = column.xlsx(row)
                cell = sheet.cell(row=row_number, column=col_number, value=value)
                if cell.data_type == "f":  # never let openpyxl write a formula
                    cell.data_type = "s"
                if number_format:
                    cell.number_format = number_format
                widths[col_number - 1] = max(widths[col_number - 1], len(str(value or "")))
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(max(width + 2, 8), 50)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def response(self, filename: str, fmt: str) -> HttpResponse:
        """A download of this table as ``filename.csv`` or ``filename.xlsx``."""
        if fmt == "xlsx":
            return _download(self.xlsx_bytes(), XLSX_CONTENT_TYPE, f"{filename}.xlsx")
        return _download(self.csv_bytes(), CSV_CONTENT_TYPE, f"{filename}.csv")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Exports hold personal data: never kept by a shared cache or the browser's.
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(filename: str, columns: list[Column], rows: Iterable, *, title="") -> HttpResponse:
    """``rows`` as ``filename.csv`` for Norwegian Excel (semicolons, BOM, guarded cells)."""
    return Export(title or filename, columns, rows).response(filename, "csv")


def xlsx_response(filename: str, columns: list[Column], rows: Iterable, *, title="") -> HttpResponse:
    """``rows`` as ``filename.xlsx`` (kroner as numbers, local times, phone numbers as text)."""
    return Export(title or filename, columns, rows).response(filename, "xlsx")


class NorwegianSpreadsheetExportMixin:
    """For Wagtail index views with ``list_export`` (snippets, model viewsets): the same rules
    as :class:`Export` for Wagtail's own CSV/XLSX buttons. Wagtail writes comma-separated CSV
    without a BOM and UTC times; this writes semicolons + BOM, Oslo times, Ja/Nei, guarded text,
    and the fields named in ``export_phone_fields`` as text cells without the apostrophe."""

    export_phone_fields: tuple[str, ...] = ("phone",)

    def preprocess_field_value(self, field, value, export_format):
        if export_format == "xlsx":
            if isinstance(value, datetime.datetime):
                return local_naive(value)
            if isinstance(value, (datetime.date, datetime.time)):
                return value
            if field in self.export_phone_fields and isinstance(value, str) and PHONE_RE.fullmatch(value):
                return value
        if isinstance(value, (bool, datetime.datetime)) or value is None:
            return safe_cell(value)
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for field, cell in zip(row_dict, super().generate_xlsx_row(worksheet, row_dict, date_format), strict=True):
            if field in self.export_phone_fields or isinstance(cell.value, str):
                cell.number_format = "@"
            yield cell

    def stream_csv(self, queryset):
        from wagtail.admin.views.mixins import Echo

        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        yield BOM.encode("utf-8")
        yield writer.writerow({f: guard_formula(self.get_heading(queryset, f)) for f in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        response["Cache-Control"] = "private, no-store"
        return response

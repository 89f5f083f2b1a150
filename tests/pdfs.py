"""Real PDFs for tests, made with pypdf: an ordinary one and the dangerous kinds the site's PDF
check (``cms.core.pdf``) must refuse. One place for every suite that uploads PDFs (the core
check, posters, award nominations, inquiry attachments).

``pdf_bytes(with_javascript)`` gives a one-page PDF with document-level JavaScript, and so on for
each builder below; ``pdf_upload`` wraps bytes as an uploaded file."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

Builder = Callable[[PdfWriter], None]


def pdf_bytes(build: Builder | None = None, *, width: float = 595, height: float = 842) -> bytes:
    """One blank page (A4 by default), changed by ``build`` before it is written."""
    writer = PdfWriter()
    writer.add_blank_page(width=width, height=height)
    if build:
        build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "dokument.pdf", content: bytes | None = None, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type=content_type)


def with_javascript(writer: PdfWriter) -> None:
    """Document-level JavaScript in the catalogue's name tree, as Acrobat writes it."""
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hei');")}
    )
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("hei"), writer._add_object(script)])})
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    writer._root_object[NameObject("/Names")] = writer._add_object(names)


def with_open_action(writer: PdfWriter) -> None:
    """JavaScript run when the document opens."""
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def with_launch(writer: PdfWriter) -> None:
    """An action that starts a program when the document opens."""
    action = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def with_attachment(writer: PdfWriter) -> None:
    writer.add_attachment("virus.exe", b"MZ\x90\x00")


def encrypted(writer: PdfWriter) -> None:
    writer.encrypt(user_password="hemmelig", owner_password="eier")

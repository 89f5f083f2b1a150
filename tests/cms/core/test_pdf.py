"""The PDF content check refuses real malicious PDFs made here (scripts, automatic actions,
embedded files, encryption, broken files) and accepts an ordinary one; the preview renders page 1."""

import io

import pytest
from django.core.exceptions import ValidationError

from cms.core.pdf import SafePDFValidator, first_page_png, inspect_pdf
from cms.core.uploads import PrivatePDFField
from tests.pdfs import encrypted, pdf_bytes, pdf_upload, with_attachment, with_javascript, with_launch, with_open_action


def as_upload(content: bytes, name="plakat.pdf"):
    return pdf_upload(name, content)


def test_an_ordinary_pdf_passes():
    assert inspect_pdf(io.BytesIO(pdf_bytes())) is None
    SafePDFValidator()(as_upload(pdf_bytes()))


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (with_javascript, "javascript"),
        (with_open_action, "javascript"),
        (with_launch, "launch"),
        (with_attachment, "embedded"),
        (encrypted, "encrypted"),
    ],
)
def test_dangerous_pdfs_are_refused_with_a_reason_people_can_act_on(build, code):
    upload = as_upload(pdf_bytes(build))
    with pytest.raises(ValidationError) as caught:
        SafePDFValidator()(upload)
    assert caught.value.code == f"pdf_{code}"
    assert upload.tell() == 0, "the file is left ready to be saved"


def test_a_truncated_pdf_is_unreadable_not_a_crash():
    content = pdf_bytes()[:60]
    assert inspect_pdf(io.BytesIO(content)) == "unreadable"


def test_the_form_field_shows_the_reason_in_bokmal():
    from django.utils import translation

    field = PrivatePDFField(max_bytes=1024 * 1024)
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        field.clean(as_upload(pdf_bytes(with_javascript)))
    assert "skript" in " ".join(caught.value.messages)
    assert field.clean(as_upload(pdf_bytes())).name == "plakat.pdf"


def test_a_fake_pdf_is_reported_once_by_the_signature_check_not_twice():
    field = PrivatePDFField(max_bytes=1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        field.clean(as_upload(b"<svg onload=alert(1)>"))
    assert len(caught.value.messages) == 1


def test_the_preview_is_a_png_of_the_first_page_at_the_asked_width():
    from PIL import Image

    png = first_page_png(io.BytesIO(pdf_bytes()), width=300)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == 300
    assert 420 <= image.height <= 426  # A4 proportions


def test_a_broken_pdf_has_no_preview():
    with pytest.raises(ValueError):
        first_page_png(io.BytesIO(b"%PDF-1.7 nothing"))

"""The final poster after acceptance: real malicious PDFs made here are refused, a good one is
stored under a name of our choosing with a preview of page 1, and one e-mail says so."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from conference.posters.forms import FinalPosterForm
from conference.posters.models import PosterEmail
from tests.pdfs import encrypted, pdf_bytes, with_attachment, with_javascript

from .conftest import private_url
from .factories import accept, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def accepted(call):
    return accept(make_submission(call))


def _png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(client, submission, content, name="plakat.pdf"):
    return client.post(private_url(submission, "final"), {"pdf": SimpleUploadedFile(name, content, "application/pdf")})


def test_good_pdf_is_stored_with_a_preview_and_one_email(client, accepted, django_capture_on_commit_callbacks):
    assert "Last opp den endelige plakaten (PDF)" in client.get(private_url(accepted)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, accepted, pdf_bytes(), name="../../../etc/passwd.pdf")
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.final_pdf.name == f"plakater/{accepted.call_id}/{accepted.pk}/plakat.pdf"
    assert ".." not in accepted.final_pdf.name
    assert accepted.preview.name.endswith("forhandsvisning.png")
    with accepted.preview.open("rb") as preview:
        assert preview.read(8) == b"\x89PNG\r\n\x1a\n"
    assert accepted.final_uploaded_at is not None
    assert PosterEmail.objects.filter(kind=PosterEmail.Kind.FINAL_RECEIVED, submission=accepted).count() == 1
    assert "Den endelige plakaten ble lastet opp." in client.get(private_url(accepted)).content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (pdf_bytes(with_javascript), "plakat.pdf", "skript"),
        (pdf_bytes(with_attachment), "plakat.pdf", "innebygde filer"),
        (pdf_bytes(encrypted), "plakat.pdf", "passord"),
        (_png_bytes(), "plakat.pdf", "ikke en ekte PDF"),
        (pdf_bytes(), "plakat.exe", ".pdf"),
    ],
    ids=["javascript", "embedded-file", "encrypted", "renamed-png", "wrong-extension"],
)
def test_bad_files_are_refused(client, accepted, content, name, message):
    response = _upload(client, accepted, content, name)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html, html[html.find("ds-error-summary") : html.find("ds-error-summary") + 800]
    assert 'href="#id_pdf"' in html
    accepted.refresh_from_db()
    assert not accepted.final_pdf
    assert not PosterEmail.objects.filter(kind=PosterEmail.Kind.FINAL_RECEIVED).exists()


def test_oversized_pdf_is_refused_with_the_limit():
    form = FinalPosterForm(
        data={}, files={"pdf": SimpleUploadedFile("plakat.pdf", pdf_bytes(), "application/pdf")}, max_bytes=100
    )
    assert not form.is_valid()
    assert "for stor" in str(form.errors["pdf"])


def test_not_accepted_or_decision_not_sent_is_404(client, call):
    submitted = make_submission(call)
    assert client.get(private_url(submitted, "final")).status_code == 404
    unsent = accept(make_submission(call, email="b@example.no"), sent=False)
    assert client.post(private_url(unsent, "final"), {}).status_code == 404


def test_upload_after_the_final_deadline_is_refused_with_the_deadline(client, accepted, call):
    call.final_upload_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.closes_at = call.final_upload_closes_at - datetime.timedelta(days=1)
    call.save()
    accepted.refresh_from_db()
    response = _upload(client, accepted, pdf_bytes())
    assert response.status_code == 403
    assert "Fristen for endelig plakat gikk ut" in response.content.decode()
    accepted.refresh_from_db()
    assert not accepted.final_pdf

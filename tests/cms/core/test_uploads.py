"""Private uploads: stored outside MEDIA with no URL, checked by their real bytes and size,
and served as an uncached, unsniffable download."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.utils import translation

from cms.core.uploads import (
    FileTypeValidator,
    MaxFileSizeValidator,
    PrivateFileSystemStorage,
    PrivatePDFField,
    pdf_validators,
    private_storage,
    serve_private_file,
)
from tests.pdfs import pdf_bytes

PDF = pdf_bytes(width=200, height=200)
rf = RequestFactory()


def upload(name="plakat.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def run_validators(file):
    errors = []
    for validator in pdf_validators(max_bytes=1024):
        try:
            validator(file)
        except ValidationError as exc:
            errors.extend(exc.messages)
    return errors


def test_the_default_private_storage_lives_outside_the_public_media_root():
    storage = PrivateFileSystemStorage()
    private = Path(storage.location).resolve()
    public = Path(settings.MEDIA_ROOT).resolve()
    assert private == Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert public not in private.parents and private != public


def test_a_private_file_has_no_url_to_leak(tmp_path):
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path):
        storage = PrivateFileSystemStorage()
        name = storage.save("plakater/a.pdf", ContentFile(PDF))
        assert (tmp_path / name).read_bytes() == PDF
        with pytest.raises(ValueError, match="no URL"):
            storage.url(name)


def test_a_configured_private_storage_is_used_instead(tmp_path):
    stores = {**settings.STORAGES, "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with override_settings(STORAGES=stores):
        assert isinstance(private_storage(), InMemoryStorage)
    without = {k: v for k, v in settings.STORAGES.items() if k != "private"}
    with override_settings(STORAGES=without):
        assert isinstance(private_storage(), PrivateFileSystemStorage)


def test_a_file_field_on_private_storage_migrates_as_the_function_not_a_path():
    field = models.FileField(storage=private_storage, validators=pdf_validators())
    field.set_attributes_from_name("pdf")
    _name, _path, _args, kwargs = field.deconstruct()
    assert kwargs["storage"] is private_storage


def test_a_real_pdf_within_the_limit_passes():
    assert run_validators(upload()) == []


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 not a pdf", b"<html><script>alert(1)</script>", b"", b" %PDF-1.7", b"PK\x03\x04 a docx"],
)
def test_a_file_named_pdf_with_other_bytes_is_refused(content):
    with translation.override("nb"):
        errors = run_validators(upload(content=content))
    assert errors == ["Filen er ikke en ekte PDF-fil. Lagre eller eksporter den som PDF og prøv igjen."]


def test_a_pdf_with_the_wrong_name_is_refused():
    with translation.override("en"):
        errors = run_validators(upload(name="plakat.exe"))
    assert errors == ["Upload a PDF file (a file name ending in .pdf)."]


def test_an_oversize_file_is_refused_with_its_size_and_the_limit():
    with translation.override("nb"):
        errors = run_validators(upload(content=PDF + b"0" * 2000))
    assert len(errors) == 1
    assert errors[0].startswith("Filen er for stor (2,") and "1,0\xa0KB" in errors[0]


def test_the_size_limit_comes_from_settings_by_default():
    with override_settings(MAX_UPLOAD_BYTES=10), pytest.raises(ValidationError):
        MaxFileSizeValidator()(upload())
    MaxFileSizeValidator()(upload())


def test_checking_the_bytes_leaves_the_file_ready_to_be_saved():
    file = upload()
    file.seek(3)
    FileTypeValidator(("pdf",))(file)
    assert file.tell() == 3


def test_an_unknown_file_type_is_a_programming_error():
    with pytest.raises(ValueError):
        FileTypeValidator(("exe",))


def test_the_pdf_form_field_refuses_a_fake_and_accepts_a_pdf():
    field = PrivatePDFField(max_bytes=1024)
    assert field.widget.attrs["accept"] == ".pdf,application/pdf"
    assert field.clean(upload()).name == "plakat.pdf"
    with pytest.raises(ValidationError):
        field.clean(upload(content=b"<svg onload=alert(1)>"))


def test_a_private_file_is_served_as_an_attachment_no_cache_keeps_or_browser_sniffs():
    storage = InMemoryStorage()
    name = storage.save("plakater/a.pdf", ContentFile(PDF))
    file = models.FileField(storage=storage).attr_class(None, models.FileField(storage=storage), name)
    response = serve_private_file(rf.get("/"), file, filename="plakat 12 – Ålesund.pdf")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''plakat%2012%20%E2%80%93%20%C3%85lesund.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_path_in_the_download_name_is_dropped():
    storage = InMemoryStorage()
    name = storage.save("a.pdf", ContentFile(PDF))
    file = models.FileField(storage=storage).attr_class(None, models.FileField(storage=storage), name)
    response = serve_private_file(rf.get("/"), file, filename="../../etc/passwd.pdf")
    assert 'filename="passwd.pdf"' in response["Content-Disposition"]


def test_a_missing_or_empty_file_is_not_found():
    storage = InMemoryStorage()
    field = models.FileField(storage=storage)
    with pytest.raises(Http404):
        serve_private_file(rf.get("/"), field.attr_class(None, field, "borte.pdf"), filename="x.pdf")
    with pytest.raises(Http404):
        serve_private_file(rf.get("/"), field.attr_class(None, field, ""), filename="x.pdf")

"""Media on S3-compatible storage (django-storages), against moto's S3 server started by the
test: public media get plain public URLs, private files (poster PDFs …) go to the private
bucket as private objects with no URL at all, and still reach the permission-checked views."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.test import RequestFactory

from cms.core.s3 import PrivateS3Storage
from cms.core.uploads import private_storage, serve_private_file

ROOT = Path(__file__).resolve().parents[3]
MOTO = Path(sys.executable).parent / "moto_server"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    assert MOTO.exists() or shutil.which("moto_server"), "moto[server] is in requirements-dev.txt"
    port = _free_port()
    process = subprocess.Popen(
        [str(MOTO) if MOTO.exists() else "moto_server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("moto_server did not start within 30 s")
            time.sleep(0.2)
    client = boto3.client(
        "s3", endpoint_url=url, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    client.create_bucket(Bucket="kk-media")
    client.create_bucket(Bucket="kk-private")
    yield url, client
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3_settings(s3_server, settings, monkeypatch):
    url, client = s3_server
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    settings.AWS_S3_ENDPOINT_URL = url
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_URL_PROTOCOL = "http:"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "kk-media", "default_acl": "public-read", "querystring_auth": False},
        },
        "private": {"BACKEND": "cms.core.s3.PrivateS3Storage", "OPTIONS": {"bucket_name": "kk-private"}},
    }
    return url, client


def _anonymous_get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_public_media_are_stored_in_the_media_bucket_with_a_plain_url(s3_settings):
    name = default_storage.save("images/fjord.txt", ContentFile(b"Fjord og fjell"))
    url = default_storage.url(name)
    assert "kk-media" in url and "Signature" not in url
    assert _anonymous_get(url) == (200, b"Fjord og fjell")


def test_a_private_file_is_a_private_object_without_any_url(s3_settings):
    endpoint, client = s3_settings
    storage = private_storage()
    assert isinstance(storage, PrivateS3Storage)
    name = storage.save("plakater/12/plakat.pdf", ContentFile(PDF))
    with pytest.raises(ValueError, match="no URL"):
        storage.url(name)
    # Nobody but the owner may read it, and the direct address answers 403 to anyone else.
    grants = client.get_object_acl(Bucket="kk-private", Key=name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    assert _anonymous_get(f"{endpoint}/kk-private/{name}")[0] == 403
    # It never lands in the public bucket.
    assert client.list_objects_v2(Bucket="kk-media", Prefix="plakater/").get("KeyCount", 0) == 0


def test_a_private_file_on_s3_reaches_the_permission_checked_download(s3_settings):
    storage = private_storage()
    name = storage.save("plakater/13/plakat.pdf", ContentFile(PDF))
    field = models.FileField(storage=storage)
    file = field.attr_class(None, field, name)
    response = serve_private_file(RequestFactory().get("/"), file, filename="plakat.pdf")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"


def _settings_in_a_fresh_process(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "DJANGO_SETTINGS"))}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND']); print(settings.STORAGES.get('private', {}).get('BACKEND')); "
        "from conference.posters.models import PosterSubmission as P; "
        "print(type(P._meta.get_field('final_pdf').storage).__name__)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cms.settings.base", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_buckets_come_from_the_environment_and_must_differ():
    result = _settings_in_a_fresh_process(S3_MEDIA_BUCKET="kk-media", S3_PRIVATE_BUCKET="kk-private")
    # Poster PDFs (and every other private upload) then go to the private bucket.
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "cms.core.s3.PrivateS3Storage",
        "PrivateS3Storage",
    ], result.stderr
    result = _settings_in_a_fresh_process(S3_MEDIA_BUCKET="kk-media", S3_PRIVATE_BUCKET="kk-media")
    assert result.returncode != 0 and "S3_PRIVATE_BUCKET must be another bucket" in result.stderr
    result = _settings_in_a_fresh_process()
    assert result.stdout.split() == [
        "django.core.files.storage.FileSystemStorage",
        "None",
        "PrivateFileSystemStorage",
    ], result.stderr

"""Through a real Varnish (Debian's varnishd, deploy/varnish/default.vcl) in front of the live
test server: public pages are served by Varnish, personal ones never, and publishing a page
purges Varnish so visitors see the change at once. `make test` installs Debian's varnish."""

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from cms.core.models import SiteSettings, StandardPage

VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None)
VCL = Path(__file__).resolve().parents[3] / "deploy" / "varnish" / "default.vcl"

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    assert VARNISHD, "varnishd is not installed: `make test` installs Debian's varnish package"
    backend_port = live_server.url.rsplit(":", 1)[1]
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="kk-varnish-"))
    workdir.chmod(0o755)
    vcl = workdir / "test.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{backend_port}"'))
    vcl.chmod(0o644)
    process = subprocess.Popen(
        [VARNISHD, "-F", "-n", str(workdir / "n"), "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,16m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("varnishd did not start within 20 s")
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    yield port
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


def _get(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "testserver", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


@pytest.fixture
def about(home_page):
    SiteSettings.for_site(home_page.get_site())
    page = StandardPage(title="Om oss", slug="om-oss", intro="Første versjon.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_varnish_serves_public_pages_and_publishing_purges_them(varnish, about):
    _get(varnish, "/om-oss/")
    status, headers, body = _get(varnish, "/om-oss/")
    assert status == 200
    assert headers["X-Front-Cache"] == "hit"
    assert "Første versjon" in body

    about.intro = "Andre versjon."
    about.save_revision().publish()  # commits: the purge is sent after commit

    status, headers, body = _get(varnish, "/om-oss/")
    assert headers["X-Front-Cache"] == "miss"
    assert "Andre versjon" in body


def test_varnish_never_caches_for_a_session_or_a_personal_page(varnish, about):
    _get(varnish, "/om-oss/")
    _status, headers, _body = _get(varnish, "/om-oss/", {"Cookie": "sessionid=abc"})
    assert headers["X-Front-Cache"] == "miss"

    _get(varnish, "/pamelding/2030/")
    _status, headers, _body = _get(varnish, "/pamelding/2030/")
    assert headers["X-Front-Cache"] == "miss"

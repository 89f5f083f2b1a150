"""deploy/varnish/scale-out.vcl (two app servers behind one Varnish) compiles with Debian's
varnishd, balances round-robin over both backends and keeps default.vcl's rules (included)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None)


@pytest.fixture
def workdir():
    """A directory varnishd (which reads files as its own unprivileged user) can enter; pytest's
    tmp_path sits below a directory only root may read."""
    path = Path(tempfile.mkdtemp(prefix="kk-test-vcl-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _compile(tmp_path, text: str) -> subprocess.CompletedProcess:
    shutil.copy(DEPLOY / "default.vcl", tmp_path / "default.vcl")
    (tmp_path / "scale-out.vcl").write_text(text)
    for name in ("default.vcl", "scale-out.vcl"):
        (tmp_path / name).chmod(0o644)
    return subprocess.run(
        [VARNISHD, "-C", "-f", str(tmp_path / "scale-out.vcl")], capture_output=True, text=True, check=False
    )


def test_scale_out_vcl_compiles_with_both_backends_and_the_shared_rules(workdir):
    assert VARNISHD, "varnishd is not installed: `make test` installs Debian's varnish package"
    text = (DEPLOY / "scale-out.vcl").read_text()
    result = _compile(workdir, text)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "directors.round_robin()" in text
    assert "app.add_backend(web1);" in text and "app.add_backend(web2);" in text
    # default.vcl's purge rules came along through the include (-C prints the compiled C).
    assert "/.purge-all" in result.stderr


def test_a_broken_include_is_refused(workdir):
    assert VARNISHD, "varnishd is not installed: `make test` installs Debian's varnish package"
    text = (DEPLOY / "scale-out.vcl").read_text().replace('include "./default.vcl";', 'include "./missing.vcl";')
    assert _compile(workdir, text).returncode != 0

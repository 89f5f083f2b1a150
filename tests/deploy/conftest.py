"""Helpers for the tests that run the production stack (deploy/serve.sh, backup and restore)
as subprocesses against the test's PostgreSQL database."""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name: str | None = None) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name or s['NAME']}"


def redis_answers() -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
        return True
    return False


def production_env(tmp: Path, port: int, **extra) -> dict:
    """The environment of deploy/serve.sh for a test: production settings over HTTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST", "REDIS_", "S3_", "AWS_"))
    }
    env.update(
        ENV_FILE=str(tmp / "no-env-file"),
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=database_url(),
        SECURE_SSL_REDIRECT="false",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp / "sent-emails"),
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private-media"),
        SERVE_MEDIA="true",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESS_LOG="false",
        LOG_LEVEL="WARNING",
    )
    if redis_answers():
        env.update(REDIS_URL="redis://127.0.0.1:6379/0", CACHE_KEY_PREFIX=f"test-{secrets.token_hex(6)}")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def static_root():
    """collectstatic once per test session (production's manifest storage needs it)."""
    path = Path(tempfile.mkdtemp(prefix="kk-test-static-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "STATIC_ROOT": str(path)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        },
        check=True,
        timeout=600,
    )
    return path


def get(port: int, path: str, timeout: float = 20) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        conn.close()


@contextlib.contextmanager
def serving(env: dict, log: Path, timeout: float = 90):
    """Run deploy/serve.sh until /healthz answers; stop it (and its three processes) after."""
    port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
    with open(log, "w") as out:
        process = subprocess.Popen(
            [str(ROOT / "deploy" / "serve.sh")], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                pytest.fail(f"serve.sh stopped with {process.returncode}:\n{log.read_text()[-4000:]}")
            with contextlib.suppress(OSError):
                if get(port, "/healthz", timeout=2)[0] == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"/healthz did not answer within {timeout} s:\n{log.read_text()[-4000:]}")
            time.sleep(0.3)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(predicate, timeout: float = 60, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()

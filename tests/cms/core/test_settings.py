"""The settings themselves: production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_django(settings_module, env_extra, *args):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_django("cms.settings.production", {"ALLOWED_HOSTS": "example.org"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_django(
        "cms.settings.production",
        {"SECRET_KEY": "short", "ALLOWED_HOSTS": "example.org", "WAGTAILADMIN_BASE_URL": "https://example.org"},
        "check",
    )
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_with_secrets_passes_the_deployment_check():
    result = run_django(
        "cms.settings.production",
        {
            "SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-the-test-9f8e7d6c5b4a",
            "ALLOWED_HOSTS": "example.org",
            "WAGTAILADMIN_BASE_URL": "https://example.org",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_base_settings_are_safe_by_default():
    from cms.settings import base

    assert base.DEBUG is False or os.environ.get("DEBUG")
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.LANGUAGE_CODE == "nb"
    assert base.TIME_ZONE == "Europe/Oslo"

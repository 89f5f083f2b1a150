"""Production settings: every secret comes from the environment, and the site refuses to
start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS").split(",")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")

SILENCED_SYSTEM_CHECKS = [
    # Wagtail's live preview shows the page in a same-origin frame, so SAMEORIGIN (plus CSP
    # frame-ancestors 'self') is the right policy, not DENY.
    "security.W019",
    # HSTS preloading is a decision for the owner of the parent domain (bergen.kommune.no);
    # turn it on with SECURE_HSTS_PRELOAD=true once they have.
    "security.W021",
]

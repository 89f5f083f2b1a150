"""Base settings: safe for production by default.

Everything that differs per environment is read from the environment. ``dev.py`` relaxes these
settings for a laptop, ``test.py`` makes them fast, ``production.py`` insists on real secrets.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates and management commands win.
    "cms.core",
    "home",
    "search",
    "cms.news",
    "cms.plans",
    "cms.governance",
    "cms.network",
    "cms.events",
    "cms.inquiries",
    "conference.editions",
    "conference.programme",
    "conference.registration",
    "conference.payments",
    "conference.review",
    "conference.posters",
    "conference.award",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail writes "a second ago" with humanize's naturaltime; its bokmål comes with the app.
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    # First: a NUL character in the path, query, cookies or headers never reaches the database.
    "cms.core.middleware.NulCharacterMiddleware",
    # Per-request memo for view restrictions (cms/core/public_pages.py).
    "cms.core.public_pages.RequestScopeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.core.middleware.AdminLanguageMiddleware",
    # Anonymous page cache: after Session/Locale, before CSRF, messages and CSP (docs/caching.md).
    "cms.core.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's middleware with the policy built once (cms/core/csp.py).
    "cms.core.csp.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns django-ratelimit's block=True into the designed 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Throttles the Wagtail/Django admin login; must be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite is the embedded default for `make run`; PostgreSQL via DATABASE_URL
# everywhere else (CI, production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites sharing one Redis database keep apart by prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache has its own alias so that pages never evict rate-limit counters or the menu.
CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"].get("KEY_PREFIX", "") + "pages"}
if not REDIS_URL:
    CACHES["pages"].update(LOCATION="pages", OPTIONS={"MAX_ENTRIES": 1000})

# Anonymous page cache (cms/core/page_cache.py, docs/caching.md). Seconds a page stays in the
# server-side cache (content edits invalidate it at once) and the browsers' max-age.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "300"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
# Never cached; paths are matched from the start.
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/django-admin/", "/documents/", "/i18n/", "/healthz", "/stripe/"]
# Personal pages, matched after the language prefix: never cached, sent as private/no-store.
PAGE_CACHE_PRIVATE_PATHS = ["pamelding/", "forskningshenvendelse/"]

# Front cache (Varnish, deploy/varnish/; or a CDN) emptied by the same invalidation as the page
# cache, through wagtail.contrib.frontend_cache. Off unless FRONTEND_CACHE_URL is set.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": FRONTEND_CACHE_URL}
    }

# Background work goes through Django's task API (django-tasks backport). The database
# backend with `manage.py db_worker` in production; immediate in dev and tests.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Internationalisation: bokmål first, English second.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk (bokmål)"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# The project's catalogue first, then the bokmål for Wagtail's own words that Wagtail's catalogue
# lacks (locale/wagtail/, kept by hand); both come before the apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Designsystemet comes from npm (`npm ci`); only its built CSS is served.
    ("vendor/designsystemet", BASE_DIR / "node_modules" / "@digdir" / "designsystemet-css" / "dist"),
    # The QR decoder for phones whose browser lacks BarcodeDetector (iOS Safari); see checkin.js.
    ("vendor/jsqr", BASE_DIR / "node_modules" / "jsqr" / "dist"),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "cms.core.staticfiles.NodeModulesFileFinder",
]
# Chosen files of npm packages: {static prefix: (folder under node_modules, [file names])}.
# Inter, Designsystemet's typeface, self-hosted (no font CDN sees our visitors): only the Latin
# and Latin Extended subsets of the variable font (@font-face in static/css/site.css).
NODE_MODULES_STATIC_FILES = {
    "vendor/inter": (
        "@fontsource-variable/inter/files",
        [f"inter-{subset}-wght-{style}.woff2" for subset in ("latin", "latin-ext") for style in ("normal", "italic")],
    ),
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that must never be public (e.g. poster PDFs under review) live here and are served
# only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# Django itself serves MEDIA_ROOT under MEDIA_URL (only the public media, never the private
# files) when no web server in front does, e.g. `make serve` on one machine.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# Optional: media on S3-compatible object storage (django-storages, cms/core/s3.py). The public
# media bucket and a separate private bucket whose objects are private and have no URL.
S3_MEDIA_BUCKET = os.environ.get("S3_MEDIA_BUCKET", "")
S3_PRIVATE_BUCKET = os.environ.get("S3_PRIVATE_BUCKET", "")
AWS_S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("S3_REGION") or None
AWS_S3_FILE_OVERWRITE = False
if S3_MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_MEDIA_BUCKET,
            # Public objects: through the bucket's policy, or an ACL where the provider has them.
            "default_acl": os.environ.get("S3_MEDIA_ACL") or None,
            "querystring_auth": False,
            "custom_domain": os.environ.get("S3_MEDIA_CUSTOM_DOMAIN") or None,
        },
    }
if S3_PRIVATE_BUCKET:
    if S3_PRIVATE_BUCKET == S3_MEDIA_BUCKET:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("S3_PRIVATE_BUCKET must be another bucket than S3_MEDIA_BUCKET.")
    STORAGES["private"] = {
        "BACKEND": "cms.core.s3.PrivateS3Storage",
        "OPTIONS": {"bucket_name": S3_PRIVATE_BUCKET},
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "Kunnskapskommunen Helse Omsorg Vest"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend: PostgreSQL full-text search with Norwegian stemming, or
        # SQLite's FTS5 with the same Snowball stems matched as prefixes (search/backends.py).
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "norwegian",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# ASCII slugs: the admin then transliterates ø/æ/å to o/ae/a as the title is typed (its urlify),
# and BasePage.full_clean does the same on the server (cms.core.text.slugify_nb).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_MODERATION_ENABLED = True

# E-mail
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kunnskapskommunen <kunnskapskommunen@bergen.kommune.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Only for EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (e.g. `make serve`).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))

# Stripe (card payments). Without keys the card option says it is not configured.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")  # only for the local fake in tests

# Security: secure by default, relaxed in dev.py.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview uses same-origin frames.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: no inline scripts on the public site (nonces only). The Wagtail
# admin ships its own inline scripts and is excluded; it is behind a login.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [SELF],
        "form-action": [SELF, "https://checkout.stripe.com"],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Login throttling (django-axes): lock an IP+username pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"

# Rate limits on public forms (django-ratelimit) use the default cache.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "cms.core.views.rate_limited"

# Structured logging: one JSON object per line on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail.contrib.redirects": {"level": "WARNING"},
    },
}
FORM_RENDERER = "cms.core.forms.FormRenderer"

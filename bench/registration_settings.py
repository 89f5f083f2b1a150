"""Settings for the registration burst benchmark: the bench settings (production) with the
per-IP rate limit off, because every simulated attendee comes from 127.0.0.1."""

from bench.settings import *  # noqa: F403

RATELIMIT_ENABLE = False

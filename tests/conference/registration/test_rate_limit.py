"""Form posts over the limit get the designed 429 page from django-ratelimit's middleware."""

import pytest
from django.core.cache import cache

from .factories import form_data

pytestmark = pytest.mark.django_db
URL = "/pamelding/2030/"


def test_posts_over_the_limit_get_the_designed_429_page(client, edition, invoice_ticket, settings):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    try:
        responses = [client.post(URL, form_data(invoice_ticket, n=n)) for n in range(61)]
    finally:
        cache.clear()
    limited = [r for r in responses if r.status_code == 429]
    assert limited
    assert "429.html" in [t.name for t in limited[0].templates]

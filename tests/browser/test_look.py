"""The site is set in its own typeface, served from our own static files."""

from urllib.parse import urlsplit

from django.conf import settings

FONT = "vendor/inter/inter-latin-wght-normal.woff2"


def test_pages_are_set_in_the_self_hosted_inter(browser_page, demo_site):
    page = browser_page
    font_requests = []
    page.on("request", lambda request: request.resource_type == "font" and font_requests.append(request.url))
    page.goto("/")
    page.evaluate("document.fonts.ready")

    response = page.request.get(f"{settings.STATIC_URL}{FONT}")
    assert response.status == 200
    assert response.headers["content-type"] == "font/woff2"

    assert page.evaluate("document.fonts.check('16px Inter')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.family === 'Inter' && f.status === 'loaded').length")
    assert loaded >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily").startswith("Inter")
    # Only our own server was asked for fonts: no font service sees the visitors.
    assert font_requests
    assert {urlsplit(url).netloc for url in font_requests} == {urlsplit(page.url).netloc}

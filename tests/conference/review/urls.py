"""The site's URLs plus the review engine's public URLs (see conftest.review_urls)."""

from django.urls import include, path

from cms.urls import handler404, handler500  # noqa: F401
from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("", include("conference.review.urls")), *site_urlpatterns]

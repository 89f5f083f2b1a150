"""URLs of conference.editions that are not served by Wagtail pages (routable pages are preferred)."""

urlpatterns: list = []

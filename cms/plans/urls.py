"""URLs of cms.plans that are not served by Wagtail pages (routable pages are preferred)."""

urlpatterns: list = []

"""URLs of cms.news that are not served by Wagtail pages: none, the feeds are routes of the
news index page (``/nyheter/rss/`` and ``/nyheter/atom/``)."""

urlpatterns: list = []

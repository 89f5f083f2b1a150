"""URLs of conference.editions that are not served by Wagtail pages (routable pages are preferred):
the programme exports, since Wagtail's page routes cannot end in ".json" or ".ics"."""

from django.urls import re_path

from conference.editions import views

EDITION = r"^(?P<edition_path>(?:[\w\-]+/)+)"

urlpatterns = [
    re_path(EDITION + r"program\.json$", views.programme_data, name="programme_json"),
    re_path(EDITION + r"program\.ics$", views.programme_ics, name="programme_ics"),
    re_path(EDITION + r"program/(?P<pk>\d+)\.ics$", views.session_ics, name="session_ics"),
]

"""URLs of cms.events that are not served by Wagtail pages: none, the iCal feed and the .ics
files are routes of the calendar and event pages (``/kalender/ical/``, ``/kalender/<event>/ical/``)."""

urlpatterns: list = []

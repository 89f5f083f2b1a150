"""iCalendar (RFC 5545) output with django-ical: the whole calendar and single events.

Times are written in UTC (``...Z``) so no VTIMEZONE block is needed and every calendar program
places them right; UIDs come from the page's translation key and never change."""

import datetime

from django.utils import timezone
from django_ical.views import ICalFeed


class EventCalendarFeed(ICalFeed):
    product_id = "-//Kunnskapskommunen Helse Omsorg Vest//Kalender//NB"
    timezone = "Europe/Oslo"
    title = "Kunnskapskommunen Helse Omsorg Vest"
    description = "Arrangementer i Kunnskapskommunen Helse Omsorg Vest"

    def __init__(self, events, file_name: str):
        super().__init__()
        self._events = events
        self.file_name = file_name

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def items(self):
        return list(self._events)

    def item_guid(self, item):
        return item.ical_uid

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.lead]
        if item.online_url:
            parts.append(f"Digitalt: {item.online_url}")
        if item.registration_url:
            parts.append(f"Påmelding: {item.registration_url}")
        return "\n\n".join(p for p in parts if p)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_start_datetime(self, item):
        return item.start.astimezone(datetime.UTC)

    def item_end_datetime(self, item):
        return item.end.astimezone(datetime.UTC)

    def item_location(self, item):
        return item.location or (item.online_url if item.online_url else None)

    def item_categories(self, item):
        # Without a value django-ical writes an empty CATEGORIES line.
        return ["Kunnskapskommunen"]

    def item_timestamp(self, item):
        # DTSTAMP: when this representation was made (RFC 5545 3.8.7.2).
        return timezone.now().astimezone(datetime.UTC)

    def item_updateddate(self, item):
        moment = item.last_published_at or item.first_published_at
        return moment.astimezone(datetime.UTC) if moment else None

    def item_created(self, item):
        return item.first_published_at.astimezone(datetime.UTC) if item.first_published_at else None

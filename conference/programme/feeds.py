"""iCalendar exports of the programme (django-ical).

Times are written in UTC, which every calendar converts to the reader's zone, so no VTIMEZONE
is needed; UIDs are stable (``session-<pk>@kunnskapskommunen``) so a re-import replaces the
earlier one instead of duplicating it."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django_ical.views import ICalFeed


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


class ProgrammeFeed(ICalFeed):
    """The whole published programme of one edition."""

    product_id = "-//Kunnskapskommunen Helse Omsorg Vest//Konferanseprogram//NB"
    timezone = "Europe/Oslo"

    def __init__(self, edition, sessions, request=None, file_name="program.ics"):
        super().__init__()
        self.edition = edition
        self.sessions = sessions
        self.request = request
        self.file_name = file_name

    def get_object(self, request, *args, **kwargs):
        return self.edition

    def title(self, obj):
        return obj.title

    def description(self, obj):
        return obj.theme

    def items(self, obj):
        return self.sessions

    def item_guid(self, item):
        return item.uid()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        lines = [item.description] if item.description else []
        names = [f"{a.person.name} ({a.get_role_display().lower()})" for a in getattr(item, "speaker_list", [])]
        if names:
            lines.append(_("Speakers: %(names)s") % {"names": ", ".join(names)})
        for extra in getattr(item, "extras", []):
            entries = [f"{e.label}. {e.title}" + (f" ({e.people})" if e.people else "") for e in extra.items]
            lines.append(f"{extra.heading}:\n" + "\n".join(entries))
        return "\n\n".join(lines)

    def item_link(self, item):
        url = item.get_url(self.request)
        if self.request is not None and url.startswith("/"):
            return self.request.build_absolute_uri(url)
        return url

    def item_start_datetime(self, item):
        return _utc(item.starts_at())

    def item_end_datetime(self, item):
        return _utc(item.ends_at())

    def item_timestamp(self, item):
        published = self.edition.last_published_at or timezone.now()
        return _utc(published)

    def item_location(self, item):
        parts = [item.room, self.edition.venue_name, self.edition.venue_address]
        return ", ".join(part for part in parts if part)

    def item_categories(self, item):
        return [item.get_kind_display()]

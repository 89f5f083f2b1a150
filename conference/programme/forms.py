"""Validation of the programme as a whole, run by the edition page's admin form.

A single session can check itself (end after start, see ``Session.clean``); the rules that need
the edition's day and the other sessions live here, and put their messages on the session that
breaks them so the organiser sees them next to the field."""

import datetime

from django.utils.formats import time_format
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def _live_forms(formset):
    """The session forms that will be saved: valid, filled in and not marked for deletion."""
    for form in formset.forms:
        if not form.is_valid() or not form.has_changed() and not form.instance.pk:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        yield form


def validate_sessions(formset, *, first_day, last_day, day_starts, day_ends) -> None:
    """Add errors to sessions outside the conference window and to overlapping ones in a room."""
    placed = []
    for form in _live_forms(formset):
        data = form.cleaned_data
        start, end, day = data.get("start_time"), data.get("end_time"), data.get("day") or first_day
        if start is None or end is None or first_day is None:
            continue
        if day < first_day or day > (last_day or first_day):
            form.add_error("day", _("The day must be one of the conference days."))
            continue
        if day_starts and start < day_starts:
            form.add_error(
                "start_time",
                _("The session starts before the conference opens at %(time)s.")
                % {"time": time_format(day_starts, "H.i")},
            )
        if day_ends and end > day_ends:
            form.add_error(
                "end_time",
                _("The session ends after the conference closes at %(time)s.") % {"time": time_format(day_ends, "H.i")},
            )
        room = (data.get("room") or "").strip().casefold()
        if room and start < end:
            placed.append((form, day, room, start, end))

    for i, (form, day, room, start, end) in enumerate(placed):
        for other, other_day, other_room, other_start, other_end in placed[:i]:
            if day == other_day and room == other_room and start < other_end and other_start < end:
                form.add_error(
                    "start_time",
                    _("“%(title)s” is in the same room at the same time (%(start)s–%(end)s).")
                    % {
                        "title": other.cleaned_data.get("title"),
                        "start": time_format(other_start, "H.i"),
                        "end": time_format(other_end, "H.i"),
                    },
                )
                break


class ConferenceEditionForm(WagtailAdminPageForm):
    """The edition's admin form: page fields plus the inline programme."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("sessions")
        if formset is not None:
            start_date = cleaned_data.get("start_date")
            validate_sessions(
                formset,
                first_day=start_date,
                last_day=cleaned_data.get("end_date") or start_date,
                day_starts=cleaned_data.get("start_time") or datetime.time(0, 0),
                day_ends=cleaned_data.get("end_time") or datetime.time(23, 59),
            )
        return cleaned_data

"""Times in the Norwegian style everywhere: "kl. 08.30", "15. mai 2028 kl. 23.59"."""

import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import translation

from cms.core import times

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def test_bokmal_clock_date_and_time_in_oslo_time():
    with translation.override("nb"):
        assert times.clock(datetime.time(8, 30)) == "kl. 08.30"
        assert times.hours_minutes(datetime.time(15, 5)) == "15.05"
        # 21.59 UTC is 23.59 in Oslo in May (summer time).
        deadline = datetime.datetime(2028, 5, 15, 21, 59, tzinfo=datetime.UTC)
        assert times.date_and_time(deadline) == "15. mai 2028 kl. 23.59"
        assert times.date_and_time(datetime.datetime(2028, 1, 2, 9, 0, tzinfo=OSLO)) == "2. januar 2028 kl. 09.00"


def test_english_pages_get_the_english_style():
    with translation.override("en"):
        assert times.clock(datetime.time(8, 30)) == "at 08:30"
        assert times.date_and_time(datetime.datetime(2028, 5, 15, 23, 59, tzinfo=OSLO)) == "15 May 2028 at 23:59"


def test_nothing_gives_an_empty_string_not_an_error():
    assert times.clock(None) == times.hours_minutes("") == times.date_and_time(datetime.date(2028, 1, 1)) == ""


def test_template_filters_write_a_time_range():
    template = Template("{% load time_tags %}{{ start|clock }}–{{ end|hours_minutes }}")
    with translation.override("nb"):
        html = template.render(Context({"start": datetime.time(8, 30), "end": datetime.time(15, 30)}))
    assert html == "kl. 08.30–15.30"

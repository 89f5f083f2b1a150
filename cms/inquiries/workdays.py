"""Working days in Norway: weekdays that are not public holidays (helligdager).

The movable holidays follow Easter Sunday, computed by ``dateutil.easter`` (Western Easter);
the fixed ones are 1 January, 1 May, 17 May and 25–26 December."""

from __future__ import annotations

import datetime
import functools

from dateutil.easter import easter

DAY = datetime.timedelta(days=1)


@functools.lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[datetime.date]:
    """Norway's public holidays in ``year``."""
    sunday = easter(year)
    movable = {
        sunday - 3 * DAY,  # skjærtorsdag
        sunday - 2 * DAY,  # langfredag
        sunday,  # 1. påskedag
        sunday + DAY,  # 2. påskedag
        sunday + 39 * DAY,  # Kristi himmelfartsdag
        sunday + 49 * DAY,  # 1. pinsedag
        sunday + 50 * DAY,  # 2. pinsedag
    }
    fixed = {datetime.date(year, m, d) for m, d in ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26))}
    return frozenset(movable | fixed)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``): an
    inquiry received on a Friday has waited one working day on Monday."""
    count = 0
    day = start + DAY
    while day <= end:
        if is_working_day(day):
            count += 1
        day += DAY
    return count

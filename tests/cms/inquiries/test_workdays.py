import datetime

from cms.inquiries.workdays import is_working_day, public_holidays, working_days_between

D = datetime.date


def test_easter_2027_and_the_fixed_holidays_are_not_working_days():
    holidays = public_holidays(2027)
    # Easter Sunday 2027 is 28 March: Maundy Thursday 25 March to Easter Monday 29 March.
    assert {D(2027, 3, 25), D(2027, 3, 26), D(2027, 3, 28), D(2027, 3, 29)} <= holidays
    assert D(2027, 5, 6) in holidays  # Ascension Day, 39 days after Easter
    assert D(2027, 5, 17) in holidays and D(2027, 12, 26) in holidays
    assert not is_working_day(D(2027, 3, 29))
    assert is_working_day(D(2027, 3, 30))


def test_working_days_skip_weekends_and_easter():
    # Wednesday 24 March 2027 → Wednesday 31 March: Thursday–Monday are Easter or weekend,
    # leaving Tuesday 30 and Wednesday 31.
    assert working_days_between(D(2027, 3, 24), D(2027, 3, 31)) == 2
    # An ordinary week: Monday → next Monday is five working days.
    assert working_days_between(D(2027, 4, 5), D(2027, 4, 12)) == 5
    assert working_days_between(D(2027, 4, 12), D(2027, 4, 5)) == 0

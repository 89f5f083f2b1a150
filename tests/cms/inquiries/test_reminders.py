"""Reminders after N working days (Easter does not count) and the weekly digest."""

import datetime
import zoneinfo

from cms.inquiries import services
from cms.inquiries.models import InquiryEmail, InquiryRouting

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def at(y, m, d, h=12):
    return datetime.datetime(y, m, d, h, tzinfo=OSLO)


def test_reminder_waits_for_five_working_days_across_easter(contacts, send):
    inquiry = send()
    # Sent Wednesday 24 March 2027; Easter takes Thursday 25 to Monday 29 March.
    InquiryRouting.objects.filter(inquiry=inquiry).update(waiting_since=at(2027, 3, 24))
    # Wednesday 31 March: 2 working days. Wednesday 7 April: 7 working days.
    assert services.send_reminders(now=at(2027, 3, 31)) == 0
    assert services.send_reminders(now=at(2027, 4, 1)) == 0  # 3
    assert services.send_reminders(now=at(2027, 4, 5)) == 0  # 5, not more than 5
    assert services.send_reminders(now=at(2027, 4, 6)) == 2  # 6 > 5: both municipalities
    reminders = InquiryEmail.objects.filter(kind="reminder")
    assert {r.to_email for r in reminders} == {"fou-askoy.askoy@example.com", "fou-sykehjem.bergen@example.com"}
    # Not again the next day; again after five more working days.
    assert services.send_reminders(now=at(2027, 4, 7)) == 0
    assert services.send_reminders(now=at(2027, 4, 14)) == 2


def test_no_reminder_once_answered(contacts, send):
    inquiry = send()
    InquiryRouting.objects.filter(inquiry=inquiry).update(waiting_since=at(2027, 1, 4))
    for routing in inquiry.routings.all():
        services.answer(routing.pk, "needs_info", "Mer info?", actor=None, now=at(2027, 1, 5))
    assert services.send_reminders(now=at(2027, 2, 1)) == 0


def test_weekly_digest_once_per_week_and_only_with_something_waiting(contacts, send):
    send()
    assert services.send_digests(now=at(2027, 4, 5)) == 2  # Askøy and Bergen's nursing homes
    assert services.send_digests(now=at(2027, 4, 6)) == 0  # same week
    assert services.send_digests(now=at(2027, 4, 12)) == 2
    digest = InquiryEmail.objects.filter(kind="digest", to_email="fou-askoy.askoy@example.com").first()
    assert "FH-" in digest.build_message().body

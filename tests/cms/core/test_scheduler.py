"""The periodic jobs: each app's schedule.py registers its jobs, `run_scheduler` enqueues each
job once per time slot (the task worker runs it), and the jobs do their work."""

import datetime
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from cms.core import scheduler
from cms.core.models import StandardPage

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
CALLS: list[str] = []


@task()
def record_call() -> None:
    CALLS.append("ran")


@task()
def broken_job() -> None:
    raise AssertionError("never enqueued in these tests")


@pytest.fixture
def registry(monkeypatch):
    """An empty registry of jobs for the test, the real one afterwards."""
    scheduler.jobs()
    monkeypatch.setattr(scheduler, "_jobs", {})
    CALLS.clear()
    return scheduler


def test_every_app_declares_its_jobs_in_its_schedule_module():
    out = StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    listing = out.getvalue()
    assert "registration-tick: conference.registration.tasks.registration_tick (every 60 s)" in listing
    assert "registration-purge: conference.registration.tasks.purge_personal_data (daily at 03:17)" in listing
    assert "publish-scheduled: cms.core.maintenance.publish_scheduled (every 60 s)" in listing
    assert "clear-sessions" in listing and "prune-task-results" in listing


def test_an_interval_job_runs_once_per_slot(registry):
    registry.register("record", f"{__name__}.record_call", every=60)
    start = datetime.datetime(2028, 5, 15, 10, 0, 5, tzinfo=datetime.UTC)
    assert registry.run_due(start) == ["record"]
    assert registry.run_due(start + datetime.timedelta(seconds=50)) == []
    assert registry.run_due(start + datetime.timedelta(seconds=55)) == ["record"]
    assert CALLS == ["ran", "ran"]


def test_a_daily_job_runs_once_a_day_at_its_local_time(registry):
    registry.register("nightly", f"{__name__}.record_call", daily="03:17")
    before = datetime.datetime(2028, 5, 15, 3, 16, tzinfo=OSLO)
    # The scheduler starting at 03:16 runs yesterday's slot once (it was never claimed) …
    assert registry.run_due(before) == ["nightly"]
    assert registry.run_due(before + datetime.timedelta(seconds=30)) == []
    # … and today's at 03:17 Oslo time (01:17 UTC in summer), once.
    assert registry.run_due(datetime.datetime(2028, 5, 15, 1, 17, 1, tzinfo=datetime.UTC)) == ["nightly"]
    assert registry.run_due(datetime.datetime(2028, 5, 15, 23, 0, tzinfo=OSLO)) == []
    assert registry.run_due(datetime.datetime(2028, 5, 16, 3, 17, tzinfo=OSLO)) == ["nightly"]


def test_a_job_that_cannot_be_enqueued_does_not_stop_the_others(registry):
    registry.register("missing", "cms.core.maintenance.no_such_task", every=60)
    registry.register("record", f"{__name__}.record_call", every=60)
    assert registry.run_due() == ["record"]
    assert CALLS == ["ran"]


def test_a_job_needs_exactly_one_kind_of_timing(registry):
    with pytest.raises(ValueError, match="exactly one"):
        registry.register("both", f"{__name__}.record_call", every=60, daily="03:00")
    with pytest.raises(ValueError, match="exactly one"):
        registry.register("none", f"{__name__}.record_call")
    with pytest.raises(ValueError, match="at least 1 second"):
        registry.register("zero", f"{__name__}.record_call", every=0)


@pytest.mark.django_db
def test_run_scheduler_once_publishes_a_page_whose_time_has_come(home_page):
    page = StandardPage(title="Programmet er klart", slug="programmet", intro="Se hele programmet.", live=False)
    home_page.add_child(instance=page)
    revision = page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=2))
    assert not StandardPage.objects.get(pk=page.pk).live
    call_command("run_scheduler", "--once", stdout=StringIO())
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk


@pytest.mark.django_db
def test_run_scheduler_once_runs_the_registration_tick(home_page, mailoutbox):
    from conference.registration import services
    from conference.registration.models import EmailOutbox
    from tests.conference.registration.factories import INVOICE, TicketTypeFactory, make_edition, person

    edition = make_edition(home_page)
    ticket = TicketTypeFactory(edition=edition, price_ore=150000, allow_invoice=True)
    reg = services.create_registration(
        edition, ticket_type=ticket, details=person(0, **INVOICE), payment_method="invoice"
    ).registration
    # Neither the confirmation (its on-commit delivery never runs in this test) nor this one
    # has been sent: the tick sends both.
    EmailOutbox.objects.create(
        registration=reg, kind=EmailOutbox.Kind.CUSTOM, to_email=reg.email, subject="Husk navneskiltet", body="Hei!"
    )
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert sorted(m.subject for m in mailoutbox) == ["Husk navneskiltet", "Påmelding bekreftet: Konferansen 2030"]
    assert not EmailOutbox.objects.filter(sent_at=None).exists()

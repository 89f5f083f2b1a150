"""Periodic jobs: one registry, one scheduler process, the work done by the task worker.

Why not cron lines: each periodic job (expire holds, reminders, retention purge, scheduled
publishing …) was a line to copy into a crontab by hand, easy to forget on a new machine and
run N times on N machines. Instead:

- **Registry.** Every app declares its jobs in its own ``schedule.py`` module, found like
  ``wagtail_hooks`` (``autodiscover_modules("schedule")``)::

      from cms.core.scheduler import register

      register("registration-tick", "conference.registration.tasks.registration_tick", every=60)
      register("registration-purge", "conference.registration.tasks.purge_personal_data", daily="03:17")

  A job names a django-tasks ``Task`` by dotted path (so ``schedule.py`` imports nothing of its
  app) and runs either ``every`` N seconds or ``daily`` at a local (Europe/Oslo) time.
- **Scheduler.** ``manage.py run_scheduler`` wakes every few seconds and *enqueues* each job
  whose time slot has begun; the task worker (``manage.py db_worker``) runs it. A job's slot is
  claimed with ``cache.add`` first, so with Redis two schedulers (a restart overlapping the old
  process, or one per machine) still enqueue each slot once. With the local-memory cache only
  one scheduler may run.
- **Rules for a job.** It must be safe to run twice and to be skipped once (a slot missed while
  the scheduler was down is not made up, except that a daily job whose slot was never claimed
  runs when the scheduler starts). Long work belongs in the task, never in the scheduler.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules, import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path of a django-tasks Task
    every: int | None = None  # seconds
    daily: datetime.time | None = None  # local time

    def slot(self, now: datetime.datetime) -> datetime.datetime:
        """The start of the time slot ``now`` falls in; a job runs once per slot."""
        if self.every:
            epoch = int(now.timestamp())
            return datetime.datetime.fromtimestamp(epoch - epoch % self.every, tz=datetime.UTC)
        local = timezone.localtime(now)
        start = timezone.make_aware(datetime.datetime.combine(local.date(), self.daily))
        if start > now:
            start = timezone.make_aware(
                datetime.datetime.combine(local.date() - datetime.timedelta(days=1), self.daily)
            )
        return start

    @property
    def period(self) -> int:
        return self.every or 24 * 60 * 60

    def describe(self) -> str:
        when = f"every {self.every} s" if self.every else f"daily at {self.daily:%H:%M}"
        return f"{self.name}: {self.task} ({when})"


_jobs: dict[str, Job] = {}
_discovered = False


def register(name: str, task: str, *, every: int | None = None, daily: str | None = None) -> Job:
    """Declare a periodic job (see the module docstring). Registering a name again replaces it."""
    if (every is None) == (daily is None):
        raise ValueError(f"Job {name!r}: give exactly one of every= or daily=.")
    if every is not None and every < 1:
        raise ValueError(f"Job {name!r}: every= must be at least 1 second.")
    job = Job(
        name=name,
        task=task,
        every=every,
        daily=datetime.time.fromisoformat(daily) if daily is not None else None,
    )
    _jobs[name] = job
    return job


def jobs() -> list[Job]:
    """Every registered job, after loading each app's ``schedule`` module once."""
    global _discovered
    if not _discovered:
        autodiscover_modules("schedule")
        _discovered = True
    return sorted(_jobs.values(), key=lambda job: job.name)


def _claim(job: Job, slot: datetime.datetime) -> bool:
    key = f"scheduler:{job.name}:{int(slot.timestamp())}"
    return cache.add(key, 1, timeout=job.period * 2)


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot nobody has claimed yet. Returns the jobs enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        slot = job.slot(now)
        if not _claim(job, slot):
            continue
        try:
            import_string(job.task).enqueue()
        except Exception:
            # One broken job must not stop the others; the claim stays so it is not retried in a
            # tight loop, and the next slot tries again.
            logger.exception("Scheduled job %s could not be enqueued", job.name)
            continue
        logger.info("Enqueued scheduled job %s", job.name, extra={"job": job.name, "slot": slot.isoformat()})
        enqueued.append(job.name)
    return enqueued

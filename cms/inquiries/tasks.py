"""Background work of the portal (django-tasks). Every task is safe to run twice."""

from django_tasks import task


@task()
def inquiries_tick() -> dict:
    """Daily: remind contacts of inquiries that have waited too many working days, and anonymise
    inquiries past their retention time. On Mondays
    also the weekly digest (a second run the same week sends nothing, by the dedupe key). Also
    run by ``manage.py inquiries_tick`` (cron)."""
    from django.utils import timezone

    from . import services

    result = {"reminders": services.send_reminders(), "anonymised": services.anonymise_expired()}
    if timezone.localdate().weekday() == 0:
        result["digests"] = services.send_digests()
    return result

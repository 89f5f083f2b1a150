"""Background work for posters (django-tasks). Every task is safe to run twice."""

from django_tasks import task


@task()
def remind_presenters() -> int:
    """Daily: remind presenting authors of accepted posters to register (when the call requires
    it), at most once a week each. Also run by ``manage.py posters_daily`` (cron, once a day)."""
    from . import services

    return services.remind_presenters()

"""Background work of the award (django-tasks). Safe to run twice."""

from django_tasks import task


@task()
def publish_due_award_results() -> int:
    """Publish the award results whose ceremony has come (news draft, kind e-mails, search
    index, page cache). Also ``manage.py award_publish`` (cron, every few minutes)."""
    from . import services

    return services.publish_due_results()

"""Site-wide background work (django-tasks). Every task is safe to run twice."""

from django_tasks import task


@task()
def deliver_email(model_label: str, pk: int) -> str:
    """Send one row of any e-mail outbox ("app_label.ModelName", pk); a failure is recorded on
    the row and retried by ``retry_pending_emails``."""
    from .outbox import deliver, outbox_model

    return deliver(outbox_model(model_label), pk)


@task()
def retry_pending_emails() -> int:
    """Send every outbox e-mail that is due (failed earlier, or whose task never ran)."""
    from .outbox import retry_pending

    return retry_pending()

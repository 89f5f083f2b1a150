"""Site-wide periodic housekeeping, run by the task worker when the scheduler
(``cms.core.scheduler``, jobs in ``cms/core/schedule.py``) enqueues it. Each task is safe to run
twice."""

from __future__ import annotations

import io

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled() -> str:
    """Wagtail's scheduled publishing: publish revisions whose go-live time has passed and
    unpublish pages whose expiry time has passed."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()


@task()
def clear_expired_sessions() -> None:
    """Delete expired sessions from the database."""
    call_command("clearsessions")


@task()
def prune_task_results() -> str:
    """Delete finished background-task results older than 14 days (database task backend only)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends["default"], DatabaseBackend):
        return "not a database task backend"
    out = io.StringIO()
    call_command("prune_db_task_results", min_age_days=14, stdout=out)
    return out.getvalue().strip()

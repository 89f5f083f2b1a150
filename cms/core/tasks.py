"""Site-wide background work (django-tasks). Every task is safe to run twice. The tasks live next
to the code they run; this module is where workers and callers find them."""

from .maintenance import clear_expired_sessions, prune_task_results, publish_scheduled
from .outbox import deliver_email, retry_pending_emails

__all__ = ["clear_expired_sessions", "deliver_email", "prune_task_results", "publish_scheduled", "retry_pending_emails"]

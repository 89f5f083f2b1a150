"""Site-wide background work (django-tasks). Every task is safe to run twice. The tasks live next
to the code they run; this module is where workers and callers find them."""

from .outbox import deliver_email, retry_pending_emails

__all__ = ["deliver_email", "retry_pending_emails"]

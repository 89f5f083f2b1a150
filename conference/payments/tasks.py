"""Background work of payments (django-tasks). The tasks live next to the services they run;
this module is where workers and callers find them (and where tasks queued under these names
before the move are still found)."""

from .services import close_open_checkouts, process_refund

# The name tasks were queued under before.
expire_open_sessions = close_open_checkouts

__all__ = ["close_open_checkouts", "expire_open_sessions", "process_refund"]

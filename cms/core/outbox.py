"""The e-mail outbox: e-mails are rows first and messages second.

Why: an e-mail that follows a state change (a confirmation, an offer, a verdict) must not be
lost when the SMTP server is down, must not be sent when the change rolls back, and must not be
sent twice when a task runs twice. So:

- ``queue_email`` writes the row in the caller's transaction (with an optional ``dedupe_key``
  that the unique constraint enforces) and enqueues the ``deliver_email`` task on commit.
- ``deliver`` sends one row in three steps, and **no SMTP conversation happens while a row lock
  is held** (a slow mail server must not block the transactions that write outbox rows):

  1. a short transaction locks the row, skips it if it is sent or leased by another worker,
     counts the attempt and sets a lease (``sending_until``), and commits;
  2. the message is built and sent outside any transaction;
  3. the row is marked sent, or the error is recorded and the next attempt scheduled with a
     growing pause (2, 4, 8 … minutes), and the lease released.

  A worker killed during step 2 leaves a lease that simply runs out; the retry then sends again
  (at-least-once: better one e-mail twice in a rare crash than none).
- ``retry_pending`` (run periodically) picks up rows that are due: failed earlier, or whose task
  never ran.

Every concrete outbox (subclass of ``AbstractEmailOutbox``) is found through the app registry,
so one task and one retry loop serve them all.
"""

from __future__ import annotations

import datetime
import logging

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks import task

logger = logging.getLogger(__name__)


class AbstractEmailOutbox(models.Model):
    """An e-mail waiting to be sent, or sent. Concrete models add ``Kind`` choices (redeclaring
    ``kind``), the FK to what the e-mail is about, and :meth:`build_message`."""

    kind = models.CharField(_("kind"), max_length=20)
    to_email = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=250, blank=True, help_text=_("Only for custom messages."))
    body = models.TextField(pgettext_lazy("e-mail", "body"), blank=True, help_text=_("Only for custom messages."))
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sending_until = models.DateTimeField(
        _("being sent until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A worker is sending this e-mail; others leave it alone until this moment."),
    )

    # After this many attempts the row is left for a person to look at.
    MAX_ATTEMPTS = 8
    # How long a worker may take to send before another one may try again.
    SEND_LEASE = datetime.timedelta(minutes=5)
    # Relations ``build_message`` reads, fetched with the row.
    select_related_for_delivery: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to_email}"

    # Dotted path of the function that renders a row of this outbox: ``f(row) -> EmailMessage``.
    # A path, not an import, so a feature's models need not import its e-mail templates module
    # (which imports the models).
    message_builder: str = ""

    def build_message(self):
        """The ``EmailMessage`` to send for this row (rendered at send time, not queue time)."""
        if not self.message_builder:
            raise NotImplementedError(f"{type(self).__name__} must set message_builder or override build_message()")
        return import_string(self.message_builder)(self)

    def retry_pause(self) -> datetime.timedelta:
        """The pause before the next attempt grows with each failure: 2, 4, 8 … minutes."""
        return datetime.timedelta(minutes=2 ** min(self.attempts, 12))


def outbox_models() -> list[type[AbstractEmailOutbox]]:
    """Every installed concrete outbox model."""
    return [m for m in apps.get_models() if issubclass(m, AbstractEmailOutbox)]


def outbox_model(label: str) -> type[AbstractEmailOutbox]:
    """The concrete outbox model called ``label`` ("app_label.ModelName"). Refuses any other
    model, so a task argument can never make ``deliver`` touch an unrelated table."""
    model = apps.get_model(label)
    if not issubclass(model, AbstractEmailOutbox) or model._meta.abstract:
        raise LookupError(f"{label} is not an e-mail outbox model")
    return model


def queue_email(model, *, dedupe_key=None, **fields):
    """Write an e-mail row in the current transaction and deliver it after commit.

    With a ``dedupe_key`` the same e-mail is never queued twice: the unique constraint decides
    (inside a savepoint, so the caller's transaction goes on). Returns the new row, or None when
    an e-mail with that key already exists."""
    if dedupe_key and model.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            row = model.objects.create(dedupe_key=dedupe_key, **fields)
    except IntegrityError:
        if dedupe_key and model.objects.filter(dedupe_key=dedupe_key).exists():
            return None  # a concurrent transaction queued the same e-mail first
        raise
    label, pk = model._meta.label, row.pk
    transaction.on_commit(lambda: deliver_email.enqueue(label, pk))
    return row


def _claim(model, pk, now):
    """Step 1: lock the row briefly, count the attempt and lease it. Returns (row, outcome)."""
    with transaction.atomic():
        row = (
            model.objects.select_for_update(of=("self",))
            .select_related(*model.select_related_for_delivery)
            .filter(pk=pk)
            .first()
        )
        if row is None:
            return None, "missing"
        if row.sent_at:
            return None, "already sent"
        if row.sending_until and row.sending_until > now:
            return None, "busy"
        row.attempts += 1
        row.sending_until = now + model.SEND_LEASE
        row.save(update_fields=["attempts", "sending_until"])
    return row, ""


def deliver(model, pk, *, now=None) -> str:
    """Send one outbox row unless it is sent or another worker is sending it.

    Returns "sent", "failed", "already sent", "busy" or "missing". A failure is recorded on the
    row and retried later by :func:`retry_pending`; nothing is lost."""
    now = now or timezone.now()
    row, outcome = _claim(model, pk, now)
    if row is None:
        return outcome
    # Step 2, outside any transaction of ours: build and talk to the mail server.
    try:
        row.build_message().send()
    except Exception as exc:  # noqa: BLE001 - any mail failure must be recorded, not lost
        logger.warning("E-mail %s %s failed (attempt %s): %s", model._meta.label, pk, row.attempts, exc)
        model.objects.filter(pk=pk).update(
            last_error=str(exc)[:2000],
            next_attempt_at=timezone.now() + row.retry_pause(),
            sending_until=None,
        )
        return "failed"
    model.objects.filter(pk=pk).update(sent_at=timezone.now(), last_error="", sending_until=None)
    return "sent"


def due(model, now=None):
    """Rows of ``model`` that should be (re)sent now."""
    now = now or timezone.now()
    return model.objects.filter(
        Q(sending_until__isnull=True) | Q(sending_until__lte=now),
        sent_at__isnull=True,
        next_attempt_at__lte=now,
        attempts__lt=model.MAX_ATTEMPTS,
    ).order_by("next_attempt_at", "pk")


def retry_pending(models=None, *, now=None, limit=200) -> int:
    """Send the due rows of ``models`` (default: every outbox model); returns how many were
    sent. At most ``limit`` rows per model per run, so one run stays short."""
    now = now or timezone.now()
    sent = 0
    for model in models if models is not None else outbox_models():
        for pk in list(due(model, now).values_list("pk", flat=True)[:limit]):
            if deliver(model, pk, now=now) == "sent":
                sent += 1
    return sent


# --- Tasks (django-tasks); next to what they run so the module needs no import loop ----------


@task()
def deliver_email(model_label: str, pk: int) -> str:
    """Send one row of any e-mail outbox ("app_label.ModelName", pk); a failure is recorded on
    the row and retried by ``retry_pending_emails``."""
    return deliver(outbox_model(model_label), pk)


@task()
def retry_pending_emails() -> int:
    """Send every outbox e-mail that is due (failed earlier, or whose task never ran)."""
    return retry_pending()


def absolute_url(path: str) -> str:
    """An absolute link for an e-mail: the site's base URL (``WAGTAILADMIN_BASE_URL``) + ``path``."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/") + path

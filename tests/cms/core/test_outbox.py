"""The e-mail outbox: queued in the caller's transaction, sent after commit by one generic
task, never twice, never while holding a row lock, failures retried with a growing pause.

The concrete outbox here is registration's (the first user of ``cms.core.outbox``); custom
messages need no registration, so these tests need no conference data."""

import datetime
import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.utils import timezone

from cms.core import outbox
from cms.core.tasks import deliver_email, retry_pending_emails
from conference.registration.models import EmailOutbox

pytestmark = pytest.mark.django_db

SMTP_DOWN = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down"))


def custom(**fields):
    values = {"kind": EmailOutbox.Kind.CUSTOM, "to_email": "kari@example.no", "subject": "Hei", "body": "Velkommen"}
    values.update(fields)
    return EmailOutbox.objects.create(**values)


def test_every_concrete_outbox_is_registered_for_the_generic_task():
    assert EmailOutbox in outbox.outbox_models()
    assert outbox.outbox_model("registration.EmailOutbox") is EmailOutbox


@pytest.mark.parametrize("label", ["auth.User", "registration.Registration"])
def test_the_task_refuses_a_model_that_is_not_an_outbox(label):
    with pytest.raises(LookupError):
        outbox.outbox_model(label)


def test_queued_email_is_sent_after_commit_by_the_generic_task(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = outbox.queue_email(EmailOutbox, kind=EmailOutbox.Kind.CUSTOM, to_email="ola@example.no", subject="Hei")
    assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1 and row.sending_until is None
    assert [m.to for m in mailoutbox] == [["ola@example.no"]]


def test_the_same_dedupe_key_queues_one_email_only(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.queue_email(EmailOutbox, dedupe_key="bekreftelse:1", kind="custom", to_email="a@example.no")
        second = outbox.queue_email(EmailOutbox, dedupe_key="bekreftelse:1", kind="custom", to_email="a@example.no")
    assert first is not None and second is None
    assert EmailOutbox.objects.filter(dedupe_key="bekreftelse:1").count() == 1
    assert len(mailoutbox) == 1


def test_a_dedupe_race_lost_at_the_unique_constraint_returns_none_and_keeps_the_transaction(
    django_capture_on_commit_callbacks,
):
    custom(dedupe_key="kappløp")
    # The existence check misses the other row (as in a race); the constraint still decides.
    with mock.patch("django.db.models.query.QuerySet.exists", side_effect=[False, True]):
        assert outbox.queue_email(EmailOutbox, dedupe_key="kappløp", kind="custom", to_email="b@example.no") is None
    assert EmailOutbox.objects.filter(dedupe_key="kappløp").count() == 1  # the transaction is still usable


def test_an_email_already_sent_is_not_sent_again(mailoutbox):
    row = custom()
    assert outbox.deliver(EmailOutbox, row.pk) == "sent"
    assert outbox.deliver(EmailOutbox, row.pk) == "already sent"
    assert deliver_email.call("registration.EmailOutbox", row.pk) == "already sent"
    assert len(mailoutbox) == 1


def test_a_missing_row_is_reported_not_an_error():
    assert outbox.deliver(EmailOutbox, 987654) == "missing"


def test_a_failure_is_recorded_and_retried_later_with_a_growing_pause(mailoutbox):
    row = custom()
    before = timezone.now()
    with SMTP_DOWN:
        assert outbox.deliver(EmailOutbox, row.pk) == "failed"
        row.refresh_from_db()
        first_pause = row.next_attempt_at - before
        EmailOutbox.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        assert outbox.retry_pending([EmailOutbox]) == 0
    row.refresh_from_db()
    assert row.attempts == 2 and "smtp down" in row.last_error and row.sent_at is None
    assert row.sending_until is None  # the lease is released after a failure
    second_pause = row.next_attempt_at - timezone.now()
    assert datetime.timedelta(minutes=1) < first_pause < second_pause
    assert mailoutbox == []
    EmailOutbox.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert retry_pending_emails.call() == 1
    row.refresh_from_db()
    assert row.sent_at is not None and row.last_error == "" and row.attempts == 3
    assert len(mailoutbox) == 1


def test_retry_leaves_rows_that_are_not_due_or_gave_up(mailoutbox):
    custom(next_attempt_at=timezone.now() + datetime.timedelta(hours=1))
    custom(attempts=EmailOutbox.MAX_ATTEMPTS)
    custom(sent_at=timezone.now())
    assert outbox.retry_pending() == 0
    assert mailoutbox == []


def test_a_row_another_worker_is_sending_is_left_alone_until_its_lease_runs_out(mailoutbox):
    now = timezone.now()
    row = custom(sending_until=now + datetime.timedelta(minutes=3), attempts=1)
    assert outbox.deliver(EmailOutbox, row.pk) == "busy"
    assert outbox.retry_pending([EmailOutbox]) == 0
    assert mailoutbox == []
    # The other worker died: once the lease has run out the e-mail is sent.
    later = now + datetime.timedelta(minutes=4)
    assert outbox.retry_pending([EmailOutbox], now=later) == 1
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2


def test_registration_wrappers_keep_their_old_names():
    from conference.registration import emails, tasks

    row = custom()
    assert tasks.send_email.call(row.pk) == "sent"
    assert emails.deliver(row.pk) == "already sent"
    assert emails.retry_pending() == 0


@pytest.mark.django_db(transaction=True)
def test_no_smtp_conversation_happens_while_the_row_is_locked(mailoutbox):
    """While the message is being sent, another connection can lock the row at once (NOWAIT):
    a slow mail server never blocks the transactions that write or claim outbox rows."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    row = custom()
    seen = {}

    def probe():
        try:
            from django.db import transaction

            with transaction.atomic():
                seen["locked_by_other"] = (
                    EmailOutbox.objects.select_for_update(nowait=True)
                    .filter(pk=row.pk)
                    .values_list("attempts", flat=True)
                ).first()
        except Exception as exc:  # noqa: BLE001 - the failure is the finding
            seen["error"] = exc
        finally:
            connections.close_all()

    real_build = EmailOutbox.build_message

    def build_and_probe(self):
        seen["in_transaction"] = connection.in_atomic_block
        thread = threading.Thread(target=probe)
        thread.start()
        thread.join()
        return real_build(self)

    with mock.patch.object(EmailOutbox, "build_message", build_and_probe):
        assert outbox.deliver(EmailOutbox, row.pk) == "sent"
    assert seen.get("error") is None
    assert seen["in_transaction"] is False
    assert seen["locked_by_other"] == 1  # the attempt was committed before sending

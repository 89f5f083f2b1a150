"""Background work for registration (django-tasks). Every task is safe to run twice."""

from django_tasks import task


@task()
def send_email(outbox_id: int) -> str:
    """Send one registration e-mail. New e-mails are delivered by ``cms.core.outbox.deliver_email``;
    this stays so that tasks already queued under this name still run."""
    from .emails import deliver

    return deliver(outbox_id)


@task()
def promote_waiting_list(edition_id: int) -> int:
    """Offer an edition's free seats to its waiting list (after capacity was raised)."""
    from conference.editions.models import ConferenceEditionPage

    from . import services

    edition = ConferenceEditionPage.objects.filter(pk=edition_id).first()
    return services.promote_waiting_list(edition) if edition else 0


@task()
def registration_tick() -> dict:
    """The periodic work: expire holds and offers, offer free seats to waiting lists, send
    reminders, issue certificates of attendance, retry e-mails (of every outbox on the site) and refunds. Also run by ``manage.py registration_tick`` (cron)."""
    from cms.core.outbox import retry_pending
    from conference.payments.services import retry_pending_refunds

    from . import services

    return {
        "holds_expired": services.expire_holds(),
        "offers_expired": services.expire_offers(),
        "offers_made": services.promote_all_waiting_lists(),
        "reminders": services.send_reminders(),
        "certificates": services.issue_due_certificates(),
        "feedback_invitations": services.send_feedback_invitations(),
        "emails_sent": retry_pending(),
        "refunds": retry_pending_refunds(),
    }


@task()
def purge_personal_data() -> dict:
    """Retention, run nightly by the scheduler (``schedule.py``) and by ``manage.py registration_purge``."""
    from . import services

    return services.purge_personal_data()

"""The award's e-mails, queued through ``cms.core.outbox`` by ``services``. Each kind has a
subject here and a plain-text body template ``award/email/<kind>.txt`` (bokmål)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.core.outbox import absolute_url

from .models import AwardEmail

SUBJECTS = {
    AwardEmail.Kind.RECEIPT: _("Nomination received: %(name)s"),
    AwardEmail.Kind.NOMINEE: _("You have been nominated for the research and innovation award"),
    AwardEmail.Kind.DECLINED: _("The nominee declined the nomination: %(name)s"),
    AwardEmail.Kind.NOT_WON: _("Thank you for taking part in the research and innovation award"),
}


def build_message(row: AwardEmail) -> EmailMultiAlternatives:
    nomination = row.nomination
    with translation.override("nb"):
        context = {"nomination": nomination, "kind": row.kind, "to_email": row.to_email}
        if nomination is not None:
            context.update(
                award_round=nomination.award_round,
                edition=nomination.award_round.edition,
                manage_url=absolute_url(reverse("award:manage", args=[nomination.token])),
                nominee_url=absolute_url(reverse("award:nominee", args=[nomination.nominee_token])),
            )
        subject = row.subject or str(SUBJECTS[row.kind]) % {"name": nomination.nominee_name if nomination else ""}
        text = row.body or render_to_string(f"award/email/{row.kind}.txt", context)
    return EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [row.to_email])

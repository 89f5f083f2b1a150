"""Every state change of the portal: sending an inquiry, answering, forwarding, the
researcher's replies and withdrawal, consent to publish and project updates, reminders and
digests. Views, admin views, tasks and the demo call these; none writes state itself.

Lock discipline: a change to one routing locks that routing's row (``select_for_update``); a
change to the whole inquiry (withdrawal, consent) locks the inquiry row first and then its
routings in primary-key order, so two changes can never wait for each other. E-mails are queued
in the same transaction (``cms.core.outbox``), so a rolled-back change sends nothing.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.network.models import FouContact, Municipality, member_municipalities

from . import emails
from .enums import (
    CONTACT_TRANSITIONS,
    DEPARTMENT_WORDS,
    FINAL_STATUSES,
    OPEN_STATUSES,
    WAITING_FOR_CONTACT,
    Status,
)
from .models import (
    Inquiry,
    InquiryAttachment,
    InquiryEmail,
    InquiryRouting,
    InquiryStateChange,
    ProjectIndexPage,
    ProjectPage,
)
from .visibility import contacts_for, routing_filter
from .workdays import working_days_between

Source = InquiryStateChange.Source
Kind = InquiryEmail.Kind
REMINDER_AFTER_WORKING_DAYS = 5
WITHDRAWN_SUBJECT = gettext_lazy("Research inquiry withdrawn: %(reference)s")

INQUIRY_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "institution",
    "institution_other",
    "role",
    "supervisor_name",
    "supervisor_email",
    "title",
    "summary",
    "kind",
    "method",
    "participants_needed",
    "services_request",
    "services_time",
    "start_date",
    "end_date",
    "sikt_status",
    "sikt_reference",
    "rek_status",
    "rek_reference",
    "service_areas",
]


class InquiryError(Exception):
    """A change that is not allowed; the message is for people (bokmål through gettext)."""


@dataclasses.dataclass
class Submitted:
    inquiry: Inquiry
    created: bool


def department_for(municipality: Municipality, service_areas) -> str:
    """Where a municipality routes per department (as Bergen does), the department whose name
    matches the first chosen service area; otherwise "" (the municipality as a whole)."""
    departments = [d for d in municipality.fou_contacts.values_list("department", flat=True) if d]
    for area in service_areas:
        word = DEPARTMENT_WORDS.get(area)
        for department in departments:
            if word and word in department.lower():
                return department
    return ""


@transaction.atomic
def submit_inquiry(data: dict, *, attachments=(), now=None) -> Submitted:
    """Store an inquiry from the public form's cleaned data, route it to each chosen municipality
    and queue the receipt and the contacts' e-mails. The same ``form_token`` twice gives the
    first inquiry back (``created=False``) and stores nothing more."""
    now = now or timezone.now()
    existing = Inquiry.objects.filter(form_token=data["form_token"]).first()
    if existing is not None:
        return Submitted(existing, False)
    members = set(member_municipalities(timezone.localdate(now)).values_list("pk", flat=True))
    municipalities = list(data["municipalities"])
    if not municipalities or any(m.pk not in members for m in municipalities):
        raise InquiryError(_("Choose only among the member municipalities in the list."))
    fields = {name: data.get(name) for name in INQUIRY_FIELDS}
    fields = {k: ("" if v is None and k not in ("institution",) else v) for k, v in fields.items()}
    try:
        with transaction.atomic():
            inquiry = Inquiry.objects.create(form_token=data["form_token"], submitted_at=now, **fields)
    except IntegrityError:
        # The same form sent twice at the same moment: the other request stored it.
        return Submitted(Inquiry.objects.get(form_token=data["form_token"]), False)
    for kind, upload in attachments:
        if upload:
            InquiryAttachment.objects.create(inquiry=inquiry, kind=kind, file=upload, original_name=upload.name[:200])
    for municipality in sorted(municipalities, key=lambda m: m.name):
        routing = InquiryRouting.objects.create(
            inquiry=inquiry,
            municipality=municipality,
            department=department_for(municipality, fields["service_areas"] or []),
            waiting_since=now,
        )
        InquiryStateChange.record(routing, "", Status.RECEIVED, Source.RESEARCHER)
        _notify_contacts(routing, Kind.NEW, f"inquiry-new-{routing.pk}")
    emails.queue(Kind.RECEIPT, to_email=inquiry.email, inquiry=inquiry, dedupe_key=f"inquiry-receipt-{inquiry.pk}")
    return Submitted(inquiry, True)


def _notify_contacts(routing, kind, dedupe_prefix):
    for contact in contacts_for(routing):
        emails.queue(
            kind,
            to_email=contact.contact_email,
            inquiry=routing.inquiry,
            routing=routing,
            dedupe_key=f"{dedupe_prefix}-{contact.pk}",
        )


def _locked_routing(routing_id) -> InquiryRouting:
    routing = (
        InquiryRouting.objects.select_for_update(of=("self",))
        .select_related("inquiry", "municipality")
        .filter(pk=routing_id)
        .first()
    )
    if routing is None:
        raise InquiryError(_("The inquiry no longer exists."))
    return routing


@transaction.atomic
def answer(routing_id, to_state, message, *, actor, now=None) -> InquiryRouting:
    """A contact moves a routing to ``to_state`` with a written answer, which the researcher
    sees on the status page and gets by e-mail."""
    now = now or timezone.now()
    routing = _locked_routing(routing_id)
    if to_state not in CONTACT_TRANSITIONS.get(routing.state, ()):
        raise InquiryError(_("The inquiry cannot be moved to that status from its present status."))
    if not (message or "").strip():
        raise InquiryError(_("Write an answer to the researcher."))
    fields = {}
    if routing.first_answer_at is None:
        fields["first_answer_at"] = now
    if to_state in FINAL_STATUSES:
        fields["decided_at"] = now
    if to_state in WAITING_FOR_CONTACT:
        fields["waiting_since"] = now
    change = InquiryStateChange.transition(
        routing, to_state, Source.CONTACT, actor=actor, note=message.strip(), **fields
    )
    inquiry = routing.inquiry
    emails.queue(
        Kind.STATUS,
        to_email=inquiry.email,
        inquiry=inquiry,
        routing=routing,
        dedupe_key=f"inquiry-status-{change.pk}",
        subject=emails.subject(Kind.STATUS, reference=inquiry.reference, where=routing.where),
        body=emails.render_body("status", inquiry=inquiry, routing=routing, note=change.note),
    )
    return routing


@transaction.atomic
def researcher_reply(inquiry: Inquiry, routing_id, message, *, now=None) -> InquiryRouting:
    """The researcher answers a "needs more information": the routing goes back to "under
    assessment", waiting for the municipality again, and its contacts are told."""
    now = now or timezone.now()
    routing = _locked_routing(routing_id)
    if routing.inquiry_id != inquiry.pk:
        raise InquiryError(_("The inquiry no longer exists."))
    if routing.state != Status.NEEDS_INFO:
        raise InquiryError(_("This municipality has not asked for more information."))
    change = InquiryStateChange.transition(
        routing, Status.ASSESSING, Source.RESEARCHER, note=message.strip(), waiting_since=now
    )
    _notify_contacts(routing, Kind.REPLY, f"inquiry-reply-{change.pk}")
    return routing


@transaction.atomic
def withdraw(inquiry: Inquiry, *, now=None) -> int:
    """The researcher withdraws the inquiry from every municipality that has not decided."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    count = 0
    for routing in InquiryRouting.objects.select_for_update().filter(inquiry=inquiry).order_by("pk"):
        if routing.state in OPEN_STATUSES:
            InquiryStateChange.transition(
                routing,
                Status.WITHDRAWN,
                Source.RESEARCHER,
                note=_("Withdrawn by the researcher."),
                decided_at=now or timezone.now(),
            )
            for contact in contacts_for(routing):
                emails.queue(
                    Kind.STATUS,
                    to_email=contact.contact_email,
                    inquiry=inquiry,
                    routing=routing,
                    dedupe_key=f"inquiry-withdrawn-{routing.pk}-{contact.pk}",
                    subject=emails.subject(WITHDRAWN_SUBJECT, reference=inquiry.reference),
                    body=emails.render_body("withdrawn", inquiry=inquiry, routing=routing),
                )
            count += 1
    return count


@transaction.atomic
def forward(routing_id, municipality: Municipality, department: str, note: str, *, actor, now=None) -> InquiryRouting:
    """A contact sends the routing on to another municipality or department. It starts again as
    "received" there, and that place's contacts are told."""
    now = now or timezone.now()
    routing = _locked_routing(routing_id)
    if routing.state in FINAL_STATUSES:
        raise InquiryError(_("A decided inquiry cannot be forwarded."))
    if not member_municipalities(timezone.localdate(now)).filter(pk=municipality.pk).exists():
        raise InquiryError(_("Choose only among the member municipalities in the list."))
    department = (department or "").strip()
    if municipality.pk == routing.municipality_id and department == routing.department:
        raise InquiryError(_("The inquiry is already there."))
    if (
        municipality.pk != routing.municipality_id
        and InquiryRouting.objects.filter(inquiry_id=routing.inquiry_id, municipality=municipality).exists()
    ):
        raise InquiryError(_("The inquiry has already been sent to that municipality."))
    before = routing.where
    routing.municipality = municipality
    routing.department = department
    text = _("Forwarded from %(from)s.") % {"from": before}
    if note.strip():
        text = f"{text} {note.strip()}"
    change = InquiryStateChange.transition(
        routing, Status.RECEIVED, Source.CONTACT, actor=actor, note=text, waiting_since=now
    )
    _notify_contacts(routing, Kind.NEW, f"inquiry-forward-{change.pk}")
    return routing


# --- The registry ------------------------------------------------------------------------------


def accepted(inquiry: Inquiry) -> bool:
    return inquiry.routings.filter(state=Status.ACCEPTED).exists()


@transaction.atomic
def consent_to_publish(inquiry: Inquiry) -> ProjectPage:
    """The researcher consents to publishing an accepted inquiry: a project page is made as a
    draft under the registry, for the secretariat to check and publish. Once only."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    existing = ProjectPage.objects.filter(inquiry=inquiry).first()
    if existing is not None:
        return existing
    municipalities = [
        r.municipality for r in inquiry.routings.filter(state=Status.ACCEPTED).select_related("municipality")
    ]
    if not municipalities:
        raise InquiryError(_("Only an accepted inquiry can become a project in the registry."))
    index = ProjectIndexPage.objects.first()
    if index is None:
        raise InquiryError(_("The project registry is not set up yet. Please contact the secretariat."))
    project = ProjectPage(
        title=inquiry.title[:250],
        description=inquiry.summary,
        # What lists and search results show under the title.
        listing_summary=Truncator(inquiry.summary).chars(300),
        kind=inquiry.kind,
        project_lead=inquiry.full_name,
        institution=inquiry.institution,
        start_date=inquiry.start_date,
        end_date=inquiry.end_date,
        inquiry=inquiry,
        live=False,
    )
    index.add_child(instance=project)
    project.municipalities.set(municipalities)
    project.save()  # a ParentalManyToManyField is written on save
    project.save_revision()
    return project


@transaction.atomic
def propose_project_update(project: ProjectPage, data: dict) -> None:
    """The researcher's changes, saved as a draft revision; the secretariat approves them by
    publishing (the live page keeps showing the approved text until then)."""
    project = ProjectPage.objects.select_for_update().get(pk=project.pk)
    latest = project.get_latest_revision_as_object()
    for name in ("description", "project_status", "end_date", "results", "publications"):
        setattr(latest, name, data.get(name) if data.get(name) is not None else "")
    if latest.end_date == "":
        latest.end_date = None
    latest.save_revision(log_action=True)


# --- Reminders and digests -------------------------------------------------------------------


def send_reminders(*, now=None, after_working_days=REMINDER_AFTER_WORKING_DAYS) -> int:
    """Remind the contacts of routings that have waited more than ``after_working_days``
    working days (weekends and Norwegian public holidays do not count). At most one reminder
    per waiting period and per ``after_working_days`` working days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    candidates = InquiryRouting.objects.filter(state__in=WAITING_FOR_CONTACT).select_related("inquiry", "municipality")
    for routing in candidates:
        since = (
            routing.reminded_at
            if routing.reminded_at and routing.reminded_at > routing.waiting_since
            else routing.waiting_since
        )
        if working_days_between(timezone.localdate(since), today) <= after_working_days:
            continue
        with transaction.atomic():
            locked = _locked_routing(routing.pk)
            if locked.state not in WAITING_FOR_CONTACT:
                continue
            _notify_contacts(locked, Kind.REMINDER, f"inquiry-reminder-{locked.pk}-{today.isoformat()}")
            locked.reminded_at = now
            locked.save(update_fields=["reminded_at"])
            sent += 1
    return sent


def send_digests(*, now=None) -> int:
    """One e-mail a week per contact listing the routings waiting for them (none when nothing
    waits); the ISO week in the dedupe key makes a second run the same week send nothing."""
    now = now or timezone.now()
    year, week, _weekday = timezone.localdate(now).isocalendar()
    sent = 0
    for contact in FouContact.objects.select_related("person"):
        condition = routing_filter([contact])
        routings = list(
            InquiryRouting.objects.filter(condition, state__in=OPEN_STATUSES)
            .select_related("inquiry", "municipality")
            .order_by("waiting_since")
        )
        if not routings or not contact.contact_email:
            continue
        items = [(r, emails.admin_url(r)) for r in routings]
        with transaction.atomic():
            row = emails.queue(
                Kind.DIGEST,
                to_email=contact.contact_email,
                dedupe_key=f"inquiry-digest-{contact.pk}-{year}-{week}",
                subject=emails.subject(Kind.DIGEST),
                body=emails.render_body("digest", items=items),
            )
        sent += row is not None
    return sent


# --- Privacy: retention and access requests ---------------------------------------------------


def retention_days() -> int:
    from django.conf import settings

    return int(getattr(settings, "INQUIRY_RETENTION_DAYS", 5 * 365))


def anonymise_expired(*, now=None) -> int:
    """Erase the personal data of inquiries decided more than ``INQUIRY_RETENTION_DAYS`` ago
    (default five years) in every municipality: names, contact details, supervisor and
    attachments go; the project facts stay for the statistics and the registry. Returns how
    many inquiries were anonymised."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    candidates = (
        Inquiry.objects.filter(anonymised_at__isnull=True)
        .exclude(routings__state__in=OPEN_STATUSES)
        .exclude(routings__decided_at__gt=cutoff)
        .exclude(routings__decided_at__isnull=True)
        .values_list("pk", flat=True)
    )
    count = 0
    for pk in list(candidates):
        with transaction.atomic():
            inquiry = Inquiry.objects.select_for_update().filter(pk=pk, anonymised_at__isnull=True).first()
            if inquiry is None:
                continue
            for attachment in inquiry.attachments.all():
                attachment.file.delete(save=False)
                attachment.delete()
            Inquiry.objects.filter(pk=pk).update(
                first_name=_("Anonymised"),
                last_name="",
                email="anonymisert@example.invalid",
                phone="",
                supervisor_name="",
                supervisor_email="",
                anonymised_at=now,
            )
            InquiryEmail.objects.filter(inquiry_id=pk).delete()
            count += 1
    return count


def export_personal_data(email: str) -> list[dict]:
    """Everything held about the person with ``email`` (access request / portability): each of
    their inquiries with every municipality's record (``records.record_data``). No tokens."""
    from .records import record_data

    result = []
    for inquiry in Inquiry.objects.filter(email__iexact=email.strip()).prefetch_related("routings"):
        result.append(
            {
                "reference": inquiry.reference,
                "municipalities": [
                    record_data(routing) for routing in inquiry.routings.select_related("inquiry", "municipality")
                ],
                "emails": list(inquiry.emails.values("kind", "to_email", "created_at", "sent_at")),
            }
        )
    return result


def waited_working_days(routing: InquiryRouting, *, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return working_days_between(timezone.localdate(routing.waiting_since), today)

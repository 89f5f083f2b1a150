"""Organisers' views in the Wagtail admin: dashboard, manual registration, exports, bulk e-mail,
check-in at the door, cancel and invoice status. They read freely but change registrations only
through ``conference.registration.services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from cms.core import times
from cms.core.charts import BarChart
from conference.editions.edition_switcher import EditionSwitcherMixin
from conference.payments.models import Payment, Refund

from . import exports, services
from .admin_forms import BulkEmailForm, CancelForm, CheckInForm, InvoiceStatusForm, ManualRegistrationForm
from .badges import badges_pdf
from .lookup import registration_for_reference
from .models import AddOn, EmailOutbox, Registration, RegistrationStateChange, TicketType, format_nok

State = Registration.State
Source = RegistrationStateChange.Source


def can_view_special_needs(user) -> bool:
    """Dietary and accessibility details (special-category data) are only for those given the
    dedicated permission, not for everyone who may read or change registrations."""
    return user.has_perm("registration.view_special_needs")


class RegistrationAdminMixin(EditionSwitcherMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """Permission check on the Registration model plus the edition the organiser works on
    (``?edition=<id>``, default: the newest edition that has ticket types)."""

    model = Registration
    permission_required = "view"
    header_icon = "group"

    def default_edition(self):
        editions = self.edition_queryset()
        return editions.filter(ticket_types__isnull=False).distinct().first() or editions.first()

    def get_page_subtitle(self):
        return str(self.edition.title)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("registrations:index"), "label": gettext_lazy("Registrations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.user_has_permission("change")
        context["can_add"] = self.user_has_permission("add")
        context["can_view_special_needs"] = can_view_special_needs(self.request.user)
        return context


# --- Dashboard -------------------------------------------------------------------------------


def dashboard_figures(edition) -> dict:
    """Every figure of the dashboard in a fixed, small number of queries (aggregates)."""
    ticket_types = list(TicketType.objects.filter(edition=edition))
    counts = {}
    for row in Registration.objects.filter(edition=edition).values("ticket_type_id", "state").annotate(n=Count("pk")):
        counts[(row["ticket_type_id"], row["state"])] = row["n"]
    states = [State.CONFIRMED, State.HELD, State.OFFERED, State.WAITING, State.CANCELLED, State.EXPIRED]
    seats = services.availability.count(edition)
    rows = [
        {
            "ticket_type": tt,
            "counts": [counts.get((tt.pk, s), 0) for s in states],
            "capacity": tt.capacity,
            "left": seats.seats_left(tt),
        }
        for tt in ticket_types
    ]
    totals = [sum(counts.get((tt.pk, s), 0) for tt in ticket_types) for s in states]

    municipalities = list(
        Registration.objects.filter(edition=edition, state__in=Registration.ACTIVE_STATES)
        .values("municipality__name", "municipality_other")
        .annotate(
            confirmed=Count("pk", filter=Q(state=State.CONFIRMED)),
            held=Count("pk", filter=Q(state__in=(State.HELD, State.OFFERED))),
            waiting=Count("pk", filter=Q(state=State.WAITING)),
        )
        .order_by("-confirmed", "municipality__name", "municipality_other")
    )
    for row in municipalities:
        row["name"] = row["municipality__name"] or row["municipality_other"] or ""

    add_ons = list(AddOn.objects.filter(edition=edition))
    for add_on in add_ons:
        add_on.taken = seats.taken_by_add_on.get(add_on.pk, 0)
        add_on.left = seats.add_on_left(add_on)

    seat = Q(state__in=Registration.SEAT_STATES)
    invoice = Q(payment_method=Registration.PaymentMethod.INVOICE)
    IS = Registration.InvoiceStatus
    aggregates = Registration.objects.filter(edition=edition).aggregate(
        to_invoice=Sum("amount_ore", filter=invoice & Q(invoice_status=IS.TO_INVOICE)),
        invoiced=Sum("amount_ore", filter=invoice & Q(invoice_status=IS.INVOICED)),
        to_credit=Sum("amount_ore", filter=invoice & Q(invoice_status=IS.TO_CREDIT)),
        credited=Sum("amount_ore", filter=invoice & Q(invoice_status=IS.CREDITED)),
        dietary=Count("pk", filter=seat & Q(special_needs_consent=True) & ~Q(dietary_needs="")),
        accessibility=Count("pk", filter=seat & Q(special_needs_consent=True) & ~Q(accessibility_needs="")),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        comped=Count("pk", filter=seat & Q(payment_method=Registration.PaymentMethod.COMPED)),
        free=Count("pk", filter=seat & Q(payment_method=Registration.PaymentMethod.FREE)),
        listed=Count("pk", filter=Q(state=State.CONFIRMED, participant_list_consent=True)),
    )
    PS = Payment.Status
    card = Payment.objects.filter(registration__edition=edition).aggregate(
        received=Sum("amount_ore", filter=Q(status__in=(*Payment.HELD_MONEY, PS.REFUND_PENDING, PS.REFUNDED))),
        refunded=Sum("amount_ore", filter=Q(status=PS.REFUNDED)),
        partly_refunded=Sum("refunded_ore", filter=Q(status__in=(PS.PARTIALLY_REFUNDED, PS.REFUND_PENDING))),
    )
    card = {k: v or 0 for k, v in card.items()}
    # Refunds asked for (a whole payment, or one participant's share of a group's) not yet made.
    card["refund_pending"] = (
        Refund.objects.filter(payment__registration__edition=edition, status=Refund.Status.PENDING).aggregate(
            total=Sum("amount_ore")
        )["total"]
        or 0
    )
    card["refunded"] += card.pop("partly_refunded")
    card["net"] = card["received"] - card["refunded"] - card["refund_pending"]
    money = {k: aggregates[k] or 0 for k in ("to_invoice", "invoiced", "to_credit", "credited")}
    revenue = [
        (gettext_lazy("Card payments received"), card["received"]),
        (gettext_lazy("Card payments refunded"), card["refunded"]),
        (gettext_lazy("Card refunds pending"), card["refund_pending"]),
        (gettext_lazy("Card payments, net"), card["net"]),
        (gettext_lazy("Invoice: to be invoiced"), money["to_invoice"]),
        (gettext_lazy("Invoice: invoiced"), money["invoiced"]),
        (gettext_lazy("Invoice: to be credited"), money["to_credit"]),
        (gettext_lazy("Invoice: credited"), money["credited"]),
    ]
    expected = card["net"] + money["to_invoice"] + money["invoiced"]
    return {
        "state_labels": [s.label for s in states],
        "rows": rows,
        "totals": totals,
        "seats_taken": seats.taken,
        "seats_left": seats.seats_left(),
        "offerable": services.offerable(edition, seats) if totals[states.index(State.WAITING)] else 0,
        "capacity": edition.capacity,
        "municipalities": municipalities,
        "add_ons": add_ons,
        "revenue": [(label, amount, format_nok(amount)) for label, amount in revenue],
        "card": card,
        "invoice": money,
        "expected_revenue": expected,
        "expected_revenue_display": format_nok(expected),
        "dietary": aggregates["dietary"],
        "accessibility": aggregates["accessibility"],
        "checked_in": aggregates["checked_in"],
        "comped": aggregates["comped"],
        "free": aggregates["free"],
        "listed": aggregates["listed"],
    }


class DashboardView(RegistrationAdminMixin, TemplateView):
    template_name = "registration/admin/dashboard.html"
    page_title = gettext_lazy("Registration dashboard")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = dashboard_figures(self.edition)
        return context


class OfferFreeSeatsView(RegistrationAdminMixin, View):
    """ "Offer free seats now": the waiting list gets the edition's free seats at once (the
    periodic tick would do it within minutes; after raising capacity organisers need not wait)."""

    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request):
        offered = services.promote_waiting_list(self.edition)
        messages.success(
            request,
            ngettext(
                "%(count)d person on the waiting list was offered a seat.",
                "%(count)d people on the waiting list were offered a seat.",
                offered,
            )
            % {"count": offered},
        )
        return redirect(f"{reverse('registration_admin:dashboard')}?edition={self.edition.pk}")


# --- Manual and complimentary registration ------------------------------------------------------


class ManualRegistrationView(RegistrationAdminMixin, FormView):
    permission_required = "add"
    template_name = "registration/admin/manual.html"
    page_title = gettext_lazy("Register someone")
    form_class = ManualRegistrationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "edition": self.edition}

    def form_valid(self, form):
        try:
            result = services.create_registration(
                self.edition,
                ticket_type=form.cleaned_data["ticket_type"],
                details=form.details(),
                payment_method=form.cleaned_data["payment_method"],
                add_ons=form.cleaned_data["add_ons"],
                form_token=form.cleaned_data["form_token"],
                source=Source.ORGANISER,
                actor=self.request.user,
            )
        except services.AlreadyRegistered as exc:
            existing = exc.registration
            form.add_error(
                "email",
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("This e-mail address already has an active registration for this edition."),
                    reverse("registrations:inspect", args=[existing.pk]),
                    existing.reference,
                ),
            )
            return self.form_invalid(form)
        except services.RegistrationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        registration = result.registration
        messages.success(
            self.request,
            _("%(name)s is registered (%(reference)s): %(state)s.")
            % {
                "name": registration.full_name,
                "reference": registration.reference,
                "state": registration.get_state_display(),
            },
        )
        return redirect("registrations:inspect", registration.pk)


# --- Cancel and invoice status -----------------------------------------------------------------


class RegistrationActionView(PermissionCheckedMixin, View):
    model = Registration
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, pk):
        registration = get_object_or_404(Registration, pk=pk)
        self.act(request, registration)
        return redirect("registrations:inspect", registration.pk)


class CancelView(RegistrationActionView):
    def act(self, request, registration):
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The reason is too long."))
            return
        try:
            services.cancel_registration(
                registration.pk,
                source=Source.ORGANISER,
                actor=request.user,
                note=form.cleaned_data["note"] or _("Cancelled by an organiser"),
            )
        except services.RegistrationError:
            messages.error(request, _("This registration cannot be cancelled (it is no longer active)."))
            return
        messages.success(request, _("The registration is cancelled."))


class IssueCertificateView(RegistrationActionView):
    """Issue a certificate of attendance by hand (e.g. for someone who was not scanned at the door)."""

    def act(self, request, registration):
        try:
            _certificate, created = services.issue_certificate(registration.pk, actor=request.user)
        except services.RegistrationError:
            messages.error(request, _("Only confirmed registrations can get a certificate of attendance."))
            return
        if created:
            messages.success(request, _("The certificate of attendance is issued and e-mailed."))
        else:
            messages.warning(request, _("This registration already has a certificate of attendance."))


class InvoiceStatusView(RegistrationActionView):
    def act(self, request, registration):
        form = InvoiceStatusForm(request.POST)
        if not form.is_valid() or registration.payment_method != Registration.PaymentMethod.INVOICE:
            messages.error(request, _("Choose a valid invoice status."))
            return
        services.set_invoice_status(registration.pk, form.cleaned_data["invoice_status"], actor=request.user)
        messages.success(request, _("The invoice status is changed."))


class FeedbackResultsView(RegistrationAdminMixin, TemplateView):
    """The evaluation per question (how many gave each score, the average) and the comments."""

    template_name = "registration/admin/feedback.html"
    page_title = gettext_lazy("Evaluation results")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = services.feedback_results(self.edition)
        for question in results["questions"]:
            # The distribution as a chart; the table of counts stays next to it as its text.
            question["chart"] = BarChart.from_pairs(
                f"feedback-{question['key']}",
                _("Answers per score: %(question)s") % {"question": question["label"]},
                [(str(score), count) for score, count in question["counts"]],
            )
        context["results"] = results
        return context


class SessionNumbersView(RegistrationAdminMixin, TemplateView):
    """Expected numbers per parallel session (the participants' picks against the room's
    places), for planning rooms and catering."""

    template_name = "registration/admin/sessions.html"
    page_title = gettext_lazy("Parallel sessions: expected numbers")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["slots"] = services.time_slots(services.session_numbers(self.edition))
        return context


# --- Exports ----------------------------------------------------------------------------------


class ExportView(RegistrationAdminMixin, View):
    """``/export/<kind>.<csv|xlsx|pdf>?edition=<id>``"""

    EXPORTS = {
        "participants": (exports.participant_list, "deltakerliste", "view"),
        "dietary": (exports.dietary_list, "kost-og-tilrettelegging", "special"),
        "invoices": (exports.invoice_basis_table, "fakturagrunnlag", "view"),
        "feedback": (exports.feedback_export, "evaluering", "view"),
        "sessions": (exports.session_numbers_export, "parallellsesjoner", "view"),
    }

    def get(self, request, kind, fmt):
        if kind == "badges":
            if fmt != "pdf":
                raise Http404
            response = HttpResponse(badges_pdf(self.edition), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="navneskilt-{self.edition.year}.pdf"'
            return response
        if kind not in self.EXPORTS or fmt not in ("csv", "xlsx"):
            raise Http404
        build, filename, needs = self.EXPORTS[kind]
        if needs == "special" and not can_view_special_needs(request.user):
            raise PermissionDenied
        return build(self.edition).response(f"{filename}-{self.edition.year}", fmt)


# --- Bulk e-mail ------------------------------------------------------------------------------


def send_bulk_email(edition, registrations, *, subject, body, batch) -> int:
    """Queue one custom e-mail per registration. The dedupe key ties each e-mail to the batch,
    so a repeated submit of the same form queues nothing new. Returns how many were queued."""
    queued = 0
    with transaction.atomic():
        for registration in registrations:
            outbox = services.queue_email(
                registration,
                EmailOutbox.Kind.CUSTOM,
                dedupe_key=f"bulk:{batch}:{registration.pk}",
                subject=subject,
                body=body,
            )
            if outbox is not None:
                queued += 1
    return queued


class BulkEmailView(RegistrationAdminMixin, FormView):
    permission_required = "change"
    template_name = "registration/admin/bulk_email.html"
    page_title = gettext_lazy("E-mail to attendees")
    form_class = BulkEmailForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "edition": self.edition}

    def form_valid(self, form):
        recipients = form.recipients()
        action = self.request.POST.get("action")
        if action == "edit":
            return self.render_to_response(self.get_context_data(form=form))
        if action != "send":
            return self.render_to_response(
                self.get_context_data(form=form, preview=True, recipient_count=recipients.count())
            )
        queued = send_bulk_email(
            self.edition,
            recipients,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            batch=form.cleaned_data["batch"],
        )
        if queued:
            messages.success(self.request, _("%(count)d e-mails queued for sending.") % {"count": queued})
        else:
            messages.warning(self.request, _("No new e-mails queued: this message was already sent."))
        return redirect(f"{reverse('registration_admin:bulk_email')}?edition={self.edition.pk}")


# --- Check-in at the door ---------------------------------------------------------------------


def checkin_counts(edition) -> dict:
    """Who has come so far, and how many confirmed registrations are expected, in one query."""
    return Registration.objects.filter(edition=edition).aggregate(
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        expected=Count("pk", filter=Q(state=State.CONFIRMED)),
    )


class CheckInCountView(RegistrationAdminMixin, View):
    """The live count of the check-in page as a small JSON answer, polled by checkin.js so every
    phone at the door sees the others' check-ins. Needs the same view permission as the page."""

    def get(self, request, *args, **kwargs):
        response = JsonResponse({"edition": self.edition.pk, **checkin_counts(self.edition)})
        response["Cache-Control"] = "private, no-store"
        return response


class CheckInView(RegistrationAdminMixin, TemplateView):
    """Scan the QR code (camera, with static/js/checkin.js) or search a name or reference. Works
    without JavaScript; the result is announced in a live region."""

    template_name = "registration/admin/checkin.html"
    page_title = gettext_lazy("Check-in")

    def get_breadcrumbs_items(self):
        return []

    def search_results(self, query):
        query = (query or "").strip()
        if not query:
            return []
        by_reference = registration_for_reference(query, self.edition)
        if by_reference:
            return [by_reference]
        qs = Registration.objects.filter(edition=self.edition).select_related("ticket_type", "edition")
        for word in query.split()[:4]:
            qs = qs.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(organisation__icontains=word)
            )
        return list(qs.order_by("last_name", "first_name")[:25])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        context.setdefault("query", query)
        context.setdefault("results", self.search_results(query))
        context.setdefault("form", CheckInForm())
        context["can_check_in"] = self.user_has_permission("change")
        context["counts"] = checkin_counts(self.edition)
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        form = CheckInForm(request.POST)
        registration = None
        if form.is_valid():
            if form.cleaned_data.get("registration"):
                registration = Registration.objects.filter(
                    pk=form.cleaned_data["registration"], edition=self.edition
                ).first()
            elif form.cleaned_data.get("token"):
                token = form.cleaned_data["token"].strip()
                registration = registration_for_reference(token) or Registration.from_checkin_token(token)
        result = self.check_in(registration)
        return self.render_to_response(self.get_context_data(result=result, form=CheckInForm(), query="", results=[]))

    def check_in(self, registration):
        if registration is None:
            return {"level": "error", "message": _("No registration found for this code. Search by name instead.")}
        if registration.edition_id != self.edition.pk:
            return {
                "level": "error",
                "registration": registration,
                "message": _("This ticket is for another edition (%(edition)s).")
                % {"edition": registration.edition.title},
            }
        if registration.state == Registration.State.TRANSFERRED:
            successor = registration.transferred_to
            return {
                "level": "error",
                "registration": registration,
                "message": _(
                    "Not valid: this ticket was transferred to %(name)s (%(reference)s) on %(date)s. "
                    "Ask for the new ticket."
                )
                % {
                    "name": successor.full_name if successor else "–",
                    "reference": successor.reference if successor else "–",
                    "date": date_format(timezone.localtime(registration.transferred_at), "j. F Y")
                    if registration.transferred_at
                    else "–",
                },
            }
        try:
            registration, already = services.check_in(registration.pk, actor=self.request.user)
        except services.RegistrationError:
            registration.refresh_from_db()
            return {
                "level": "error",
                "registration": registration,
                "message": _("Not checked in: the registration is %(state)s.")
                % {"state": registration.get_state_display().lower()},
            }
        at = timezone.localtime(registration.checked_in_at)
        if already:
            return {
                "level": "warning",
                "registration": registration,
                "at": at,
                "message": _("Already checked in %(time)s.") % {"time": times.clock(at)},
            }
        return {"level": "success", "registration": registration, "at": at, "message": _("Checked in.")}

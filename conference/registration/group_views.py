"""Public pages of group orders (one orderer, several participants) and of handing a seat to a
colleague. Views only read; every change goes through ``services``."""

import logging

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.core.forms import PublicForm, formset_error_summary
from cms.core.tokens import get_by_token_or_404
from conference.payments import services as payment_services
from conference.payments import stripe_gateway
from conference.payments.models import Payment

from . import services
from .forms import DEFAULT_GROUP_ROWS, DSRadioSelect, GroupOrderForm, ParticipantFormSet
from .models import (
    FEEDBACK_QUESTIONS,
    FEEDBACK_SCALE,
    FeedbackInvitation,
    GroupOrder,
    Registration,
    RegistrationStateChange,
    format_nok,
)
from .views import _by_token, _edition, post_rate_limit

logger = logging.getLogger(__name__)
Source = RegistrationStateChange.Source
State = Registration.State
ROW_LABEL = gettext_lazy("Participant %(number)s")


def _rows(request, maximum) -> int:
    """How many participant rows to show: ``?antall=N`` (a plain GET form, so it works without
    JavaScript), within 1 and the edition's maximum."""
    try:
        rows = int(request.GET.get("antall", DEFAULT_GROUP_ROWS))
    except (TypeError, ValueError):
        rows = DEFAULT_GROUP_ROWS
    return min(max(rows, 1), maximum)


def _participants(formset) -> list:
    return [
        services.Participant(
            ticket_type=form.cleaned_data["ticket_type"],
            add_ons=tuple(form.cleaned_data.get("add_ons") or ()),
            details=form.cleaned_data,
        )
        for form in formset.participant_forms()
    ]


def _place_error(form, formset, exc):
    """A refusal from the services goes under the field it concerns (a participant's field, an
    order field) or, failing that, on the participants as a whole."""
    if isinstance(exc, services.ParticipantError):
        rows = formset.participant_forms()
        if exc.index < len(rows) and exc.field in rows[exc.index].fields:
            rows[exc.index].add_error(exc.field, str(exc))
            return
    if exc.field in form.fields:
        form.add_error(exc.field, str(exc))
        return
    formset._non_form_errors = formset.error_class([str(exc)], error_class="nonform")


def _go_to_group_checkout(request, order):
    try:
        payment = services.start_group_card_payment(order, request)
    except stripe_gateway.PaymentsNotConfigured:
        messages.error(request, _("Card payment is not available at the moment. Please contact the organisers."))
    except stripe_gateway.PaymentProviderUnavailable:
        logger.warning("Stripe unavailable when starting checkout for group order %s", order.pk)
        messages.error(
            request, _("We could not reach the card payment service. The seats are held for a while; try again.")
        )
    except services.NotAllowed:
        pass
    else:
        return redirect(payment.checkout_url, permanent=False)
    return redirect("registration:group_order", order.manage_token)


@never_cache
@post_rate_limit("20/m")
def group_register(request, year):
    edition = _edition(year)
    state = services.summary(edition)
    if not state["is_open"]:
        status = 403 if request.method == "POST" else 200
        return render(request, "registration/closed.html", {"edition": edition, "state": state}, status=status)
    maximum = services.max_group_size(edition)
    formset_kwargs = {"edition": edition, "max_participants": maximum, "prefix": "deltaker"}
    if request.method == "POST":
        form = GroupOrderForm(request.POST, edition=edition)
        formset = ParticipantFormSet(request.POST, **formset_kwargs)
        if form.is_valid() & formset.is_valid():
            form.check_payment_method(formset.participant_forms())
        if not form.errors and not any(formset.errors) and not formset.non_form_errors():
            data = form.details()
            try:
                result = services.create_group_order(
                    edition,
                    orderer=data,
                    participants=_participants(formset),
                    payment_method=data["payment_method"],
                    invoice=form.invoice_details(),
                    municipality=data.get("municipality"),
                    municipality_other=data.get("municipality_other") or "",
                    wants_waiting_list=bool(data.get("wants_waiting_list")),
                    form_token=data["form_token"],
                )
            except services.RegistrationClosed:
                return render(request, "registration/closed.html", {"edition": edition, "state": state}, status=403)
            except services.RegistrationError as exc:
                _place_error(form, formset, exc)
            else:
                if result.outcome == "created" and result.held:
                    return _go_to_group_checkout(request, result.order)
                return redirect("registration:group_order", result.order.manage_token)
    else:
        form = GroupOrderForm(edition=edition)
        formset = ParticipantFormSet(**formset_kwargs)
        # Extra rows (not initial ones): rows left empty are then simply ignored when sent.
        formset.extra = _rows(request, maximum)
    context = {
        "edition": edition,
        "form": form,
        "formset": formset,
        "state": state,
        "maximum": maximum,
        "rows": len(formset.forms),
        "extra_errors": formset_error_summary(formset, str(ROW_LABEL), anchor="participants")
        if request.method == "POST"
        else [],
    }
    return render(request, "registration/group_register.html", context)


def _order(token) -> GroupOrder:
    return get_by_token_or_404(GroupOrder.objects.select_related("edition"), "manage_token", token)


@never_cache
def group_order(request, token):
    """The orderer's page: every participant with their state, the total and the invoice."""
    order = _order(token)
    lead = services.lead_registration(order)
    session_id = request.GET.get("session_id", "")
    if session_id and lead and Payment.objects.filter(registration=lead, stripe_session_id=session_id).exists():
        try:
            payment_services.sync_checkout_session(session_id, source=payment_services.RETURN)
        except stripe_gateway.PaymentProviderUnavailable:
            logger.warning("Could not re-read session %s on return", session_id)
    registrations = list(
        order.registrations.select_related("ticket_type", "transferred_to").prefetch_related("add_ons").order_by("pk")
    )
    held = [r for r in registrations if r.state == State.HELD]
    active = [r for r in registrations if r.state in Registration.ACTIVE_STATES]
    context = {
        "order": order,
        "edition": order.edition,
        "registrations": registrations,
        "total_display": format_nok(sum(r.amount_ore for r in active)),
        "held": held,
        "invoice": next((r for r in registrations if r.payment_method == Registration.PaymentMethod.INVOICE), None),
        "card_enabled": stripe_gateway.card_payments_enabled(),
        "can_transfer": {r.pk for r in registrations if services.can_transfer(r)},
        "can_cancel": {r.pk for r in registrations if services.can_cancel(r)},
        "can_cancel_order": services.can_cancel_order(order, registrations),
        "deadline": services.settings_for(order.edition).effective_cancellation_deadline(),
    }
    return render(request, "registration/group_order.html", context)


@require_POST
@post_rate_limit("10/m")
def group_pay(request, token):
    return _go_to_group_checkout(request, _order(token))


def _member(order, pk) -> Registration:
    registration = (
        order.registrations.filter(pk=pk)
        .select_related("edition", "ticket_type", "edition__registration_settings")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


@never_cache
@post_rate_limit("10/m")
def group_cancel(request, token, pk):
    order = _order(token)
    registration = _member(order, pk)
    if request.method == "POST":
        try:
            services.cancel_registration(registration.pk, source=Source.ATTENDEE, note=_("Cancelled by the orderer"))
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The registration of %(name)s has been cancelled.") % {"name": registration.full_name}
            )
            if services.is_group_card(registration) and registration.state == State.CONFIRMED:
                messages.info(
                    request,
                    _("%(amount)s is refunded to the card the order was paid with.")
                    % {"amount": registration.amount_display},
                )
        return redirect("registration:group_order", token)
    if not services.can_cancel(registration):
        return redirect("registration:group_order", token)
    return render(
        request,
        "registration/cancel.html",
        {"registration": registration, "edition": order.edition, "order": order},
    )


@never_cache
@post_rate_limit("10/m")
def group_cancel_order(request, token):
    """The orderer cancels every participant of the order at once (before the deadline)."""
    order = _order(token)
    if request.method == "POST":
        try:
            services.cancel_group_order(order.pk, source=Source.ATTENDEE)
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The whole order has been cancelled. Everyone on it gets an e-mail."))
        return redirect("registration:group_order", token)
    registrations = list(order.registrations.order_by("pk"))
    if not services.can_cancel_order(order, registrations):
        return redirect("registration:group_order", token)
    lead = services.lead_registration(order)
    payment = payment_services.held_payment(lead.pk) if lead else None
    context = {
        "order": order,
        "edition": order.edition,
        "active": [r for r in registrations if r.state in Registration.ACTIVE_STATES],
        "refund_display": format_nok(payment_services.refundable_ore(payment)) if payment else "",
        "invoice": any(r.payment_method == Registration.PaymentMethod.INVOICE for r in registrations),
    }
    return render(request, "registration/cancel_order.html", context)


class TransferForm(PublicForm):
    first_name = forms.CharField(
        label=gettext_lazy("The colleague's first name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label=gettext_lazy("The colleague's last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("The colleague's e-mail"),
        max_length=254,
        help_text=gettext_lazy("The new ticket and the link to the registration are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def _transfer(request, registration, back_url, template_context):
    deadline = registration.edition.registration_settings.effective_transfer_deadline()
    if request.method == "POST":
        form = TransferForm(request.POST)
        if form.is_valid():
            try:
                new = services.transfer_registration(
                    registration.pk,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    email=form.cleaned_data["email"],
                    source=Source.ATTENDEE,
                )
            except services.ParticipantError as exc:
                form.add_error(exc.field, str(exc))
            except services.RegistrationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "The seat now belongs to %(name)s, who gets the new ticket by e-mail. The old ticket is no longer valid."
                    )
                    % {"name": new.full_name},
                )
                return None, form
    else:
        form = TransferForm()
    context = {
        "registration": registration,
        "edition": registration.edition,
        "form": form,
        "deadline": deadline,
        "allowed": services.can_transfer(registration),
        "back_url": back_url,
        **template_context,
    }
    return render(request, "registration/transfer.html", context, status=200), form


@never_cache
@post_rate_limit("10/m")
def transfer(request, token):
    """A participant hands their seat to a colleague (from their own page)."""
    registration = _by_token(token)
    response, _form = _transfer(request, registration, back_url=None, template_context={})
    if response is None:
        # The old manage link now shows a transferred registration; nothing more to do there.
        return redirect("registration:manage", token)
    return response


@never_cache
@post_rate_limit("10/m")
def group_transfer(request, token, pk):
    """The orderer hands one participant's seat to a colleague."""
    order = _order(token)
    registration = _member(order, pk)
    response, _form = _transfer(request, registration, back_url=None, template_context={"order": order})
    if response is None:
        return redirect("registration:group_order", token)
    return response


class FeedbackForm(PublicForm):
    """The evaluation: a score from 1 to 5 per question and an optional comment."""

    comment = forms.CharField(
        label=gettext_lazy("Anything else you want to tell us?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Please do not write names or other personal information."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scale = [(str(n), str(n)) for n in FEEDBACK_SCALE]
        for key, label in reversed(FEEDBACK_QUESTIONS):
            self.fields = {
                key: forms.ChoiceField(
                    label=label,
                    choices=scale,
                    widget=DSRadioSelect,
                    help_text=gettext_lazy("1 = not at all, 5 = very much"),
                    error_messages={"required": gettext_lazy("Choose a number from 1 to 5.")},
                ),
                **self.fields,
            }
        for key, _label in FEEDBACK_QUESTIONS:
            self.fields[key].widget.attrs.setdefault("class", "ds-input")


@never_cache
@post_rate_limit("10/m")
def feedback(request, token):
    """The evaluation, once per participant link; answers are stored without the person."""
    invitation = get_by_token_or_404(FeedbackInvitation.objects.select_related("registration__edition"), "token", token)
    edition = invitation.registration.edition
    if invitation.answered:
        return render(request, "registration/feedback.html", {"edition": edition, "answered": True})
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            scores = {key: form.cleaned_data[key] for key, _label in FEEDBACK_QUESTIONS}
            try:
                services.submit_feedback(token, scores, form.cleaned_data["comment"])
            except services.NotAllowed:
                return render(request, "registration/feedback.html", {"edition": edition, "answered": True})
            return render(request, "registration/feedback.html", {"edition": edition, "thanks": True})
    else:
        form = FeedbackForm()
    return render(request, "registration/feedback.html", {"edition": edition, "form": form})

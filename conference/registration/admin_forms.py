"""Forms for organisers in the Wagtail admin. They only validate input: every change is made by
``conference.registration.services``."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from . import fields as fields_
from .forms import validate_orgnr, validate_phone
from .models import AddOn, Registration, TicketType

# The personal fields organisers may change through ``services.update_details``.
DETAIL_FIELDS = fields_.PERSONAL


class PhoneAndOrgnrMixin:
    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        return validate_phone(value) if value else ""

    def clean_invoice_org_number(self):
        value = self.cleaned_data.get("invoice_org_number", "")
        return validate_orgnr(value) if value else ""


class RegistrationDetailsForm(PhoneAndOrgnrMixin, forms.ModelForm):
    """Edit of a registration's personal and invoice details (not its state)."""

    invoice_org_number = forms.CharField(label=_("Organisation number"), max_length=20, required=False)

    class Meta:
        model = Registration
        fields = DETAIL_FIELDS

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.changed_data}


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (kept in the history)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InvoiceStatusForm(forms.Form):
    invoice_status = forms.ChoiceField(
        label=_("Invoice status"),
        choices=[c for c in Registration.InvoiceStatus.choices if c[0]],
    )


class ManualRegistrationForm(PhoneAndOrgnrMixin, forms.ModelForm):
    """An organiser registers someone (e.g. a speaker or a late phone call). Bypasses the
    registration window and access codes; complimentary tickets cost nothing."""

    PAYMENT_CHOICES = [
        (Registration.PaymentMethod.COMPED, _("Complimentary (no charge)")),
        (Registration.PaymentMethod.INVOICE, _("Invoice")),
        (Registration.PaymentMethod.FREE, _("Free ticket type")),
    ]

    ticket_type = forms.ModelChoiceField(label=_("Ticket type"), queryset=TicketType.objects.none())
    add_ons = forms.ModelMultipleChoiceField(
        label=_("Add-ons"),
        queryset=AddOn.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=PAYMENT_CHOICES, initial=Registration.PaymentMethod.COMPED
    )
    form_token = forms.CharField(widget=forms.HiddenInput)
    invoice_org_number = forms.CharField(label=_("Organisation number"), max_length=20, required=False)

    class Meta:
        model = Registration
        fields = (*fields_.PERSON, *fields_.CONSENTS, *fields_.SPECIAL_NEEDS, *fields_.INVOICE)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["ticket_type"].queryset = TicketType.objects.filter(edition=edition)
        self.fields["add_ons"].queryset = AddOn.objects.filter(edition=edition, active=True)
        self.fields["email"].required = True
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("payment_method") == Registration.PaymentMethod.INVOICE:
            for name in ("invoice_organisation", "invoice_org_number"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Required for payment by invoice."))
        if (cleaned.get("dietary_needs") or cleaned.get("accessibility_needs")) and not cleaned.get(
            "special_needs_consent"
        ):
            self.add_error(
                "special_needs_consent", _("Dietary and accessibility needs can only be stored with consent.")
            )
        return cleaned

    def details(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self._meta.fields}
        if self.cleaned_data.get("payment_method") != Registration.PaymentMethod.INVOICE:
            for name in fields_.INVOICE:
                data.pop(name, None)
        data["privacy_accepted"] = True
        return {k: ("" if v is None and k != "municipality" else v) for k, v in data.items()}


class BulkEmailForm(forms.Form):
    """A message to attendees of one edition. ``batch`` identifies one sending: submitting the
    same form twice queues each e-mail once."""

    states = forms.MultipleChoiceField(
        label=_("Registrations in state"),
        choices=[c for c in Registration.State.choices if c[0] not in (Registration.State.EXPIRED,)],
        initial=[Registration.State.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
    )
    ticket_types = forms.ModelMultipleChoiceField(
        label=_("Ticket types"),
        queryset=TicketType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all ticket types."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text. Each attendee gets their own e-mail; addresses are never shown to others."),
    )
    batch = forms.CharField(widget=forms.HiddenInput, max_length=32, min_length=32)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["ticket_types"].queryset = TicketType.objects.filter(edition=edition)
        if not self.is_bound:
            self.initial.setdefault("batch", uuid.uuid4().hex)

    def clean_batch(self):
        value = self.cleaned_data["batch"]
        try:
            return uuid.UUID(hex=value).hex
        except ValueError as exc:
            raise forms.ValidationError(_("The form has expired; open it again.")) from exc

    def recipients(self):
        qs = Registration.objects.filter(edition=self.edition, state__in=self.cleaned_data["states"])
        if self.cleaned_data.get("ticket_types"):
            qs = qs.filter(ticket_type__in=self.cleaned_data["ticket_types"])
        return qs.order_by("pk")


class CheckInForm(forms.Form):
    token = forms.CharField(label=_("QR code or reference"), max_length=500, required=False)
    registration = forms.IntegerField(required=False, widget=forms.HiddenInput)

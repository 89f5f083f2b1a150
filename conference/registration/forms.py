import secrets

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr

from cms.core import times
from cms.core.forms import DesignsystemetFormMixin, PublicForm
from cms.network.models import Municipality, member_municipalities
from conference.payments.stripe_gateway import card_payments_enabled

from . import fields as registration_fields
from .models import AddOn, Registration, TicketType
from .services import add_on_left, allowed_payment_methods, availability, settings_for

Method = Registration.PaymentMethod
TEXT_MAX = 1000


def validate_phone(value: str) -> str:
    """Norwegian numbers without +47 are accepted; international numbers need their prefix.
    Returns the number in E.164."""
    try:
        number = phonenumbers.parse(value, "NO")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_("Enter a valid phone number, e.g. 912 34 567 or +46 70 123 45 67.")) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number, e.g. 912 34 567 or +46 70 123 45 67."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_orgnr(value: str) -> str:
    """Nine digits, spaces allowed; the last digit is a check digit, so a mistyped number is
    told apart from one of the wrong length (which would otherwise get the same message)."""
    try:
        return orgnr.validate(value)
    except InvalidChecksum as exc:
        raise ValidationError(
            _("%(number)s is not an organisation number: a digit is probably wrong. Check it at brreg.no.")
            % {"number": value},
            code="checksum",
        ) from exc
    except StdnumError as exc:
        raise ValidationError(_("Enter a valid Norwegian organisation number (9 digits).")) from exc


class PricedOptionsMixin:
    """Puts each ticket's or extra's price on its option (``data-price-ore``), for the running
    total, and lets the option template show the description (what is included)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and hasattr(instance, "price_ore"):
            option["attrs"]["data-price-ore"] = str(instance.price_ore)
            if isinstance(instance, TicketType) and instance.is_free:
                option["attrs"]["data-free"] = ""
            option["description"] = getattr(instance, "description", "")
            if option["description"] and option["attrs"].get("id"):
                option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_description"
        return option


class DSRadioSelect(PricedOptionsMixin, forms.RadioSelect):
    """Radio buttons in Designsystemet's markup (input, then its label, in a ds-field)."""

    template_name = "registration/widgets/choices.html"
    option_template_name = "registration/widgets/choice_option.html"


class DSCheckboxSelectMultiple(PricedOptionsMixin, forms.CheckboxSelectMultiple):
    template_name = "registration/widgets/choices.html"
    option_template_name = "registration/widgets/choice_option.html"


class CachedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Lists the field's ``cached_objects`` when set (the same choices on every row of a
    formset, read once), else the queryset as usual."""

    def __iter__(self):
        cached = getattr(self.field, "cached_objects", None)
        if cached is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in cached:
            yield self.choice(obj)

    def __len__(self):
        cached = getattr(self.field, "cached_objects", None)
        if cached is None:
            return super().__len__()
        return len(cached) + (1 if self.field.empty_label is not None else 0)


class TicketChoiceField(forms.ModelChoiceField):
    iterator = CachedModelChoiceIterator

    def label_from_instance(self, obj):
        # A no-break space keeps "kr 1 500,00" on one line on a phone.
        price = _("free") if obj.is_free else obj.price_display.replace(" ", "\u00a0")
        label = f"{obj.name} ({price})"
        if obj.access_code:
            label += " – " + str(_("needs an access code"))
        return label


class AddOnChoiceField(forms.ModelMultipleChoiceField):
    iterator = CachedModelChoiceIterator

    # The edition's seat counts (``services.availability.count``), set by the form: counted
    # once for all add-ons instead of once per add-on.
    seats = None

    def label_from_instance(self, obj):
        label = obj.name
        if obj.price_ore:
            price = obj.price_display.replace(" ", "\u00a0")
            label += f" ({price})"
        left = self.seats.add_on_left(obj) if self.seats is not None else add_on_left(obj)
        if left == 0:
            label += " – " + str(_("fully booked"))
        return label


def _text(label, max_length=200, autocomplete=None, required=False, help_text=""):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=help_text, widget=forms.TextInput(attrs=attrs)
    )


class RegistrationForm(PublicForm):
    """The public registration form. The capacity and uniqueness decisions are made again by
    ``services.create_registration`` under lock; this form only checks the input."""

    first_name = _text(_("First name"), 100, "given-name", required=True)
    last_name = _text(_("Last name"), 100, "family-name", required=True)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    email_confirm = forms.EmailField(
        label=_("E-mail again"),
        max_length=254,
        help_text=_("Type the address again so we can be sure the confirmation reaches you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=32,
        help_text=_("Norwegian numbers without country code; other countries with +."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation = _text(_("Organisation"), 200, "organization", required=True, help_text=_("Your employer."))
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Other / not a municipality"),
        help_text=_("The municipality you work for, if any."),
    )
    municipality_other = _text(_("Other municipality, region or institution"), 120, "off")
    job_title = _text(_("Job title"), 150, "organization-title")
    ticket_type = TicketChoiceField(
        label=_("Choose a ticket"), queryset=TicketType.objects.none(), widget=DSRadioSelect
    )
    access_code = _text(
        _("Access code"), 60, "off", help_text=_("Only for tickets that need one, e.g. for speakers and partners.")
    )
    add_ons = AddOnChoiceField(
        label=_("Extras"), queryset=AddOn.objects.none(), required=False, widget=DSCheckboxSelectMultiple
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Allergies or diets the kitchen must know about."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. wheelchair access, hearing loop, a seat near the exit."),
    )
    special_needs_consent = forms.BooleanField(
        label=_(
            "I consent to the organisers processing my dietary and accessibility needs to arrange the "
            "conference. Only those who need the information see it, and it is deleted after the conference."
        ),
        required=False,
    )
    payment_method = forms.ChoiceField(label=_("How will you pay?"), choices=Method.choices[:3], widget=DSRadioSelect)
    invoice_org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_("Nine digits, of the organisation that pays."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    invoice_organisation = _text(_("Invoice recipient"), 200, "organization")
    invoice_delivery = forms.ChoiceField(
        label=_("Send the invoice by"),
        choices=Registration.InvoiceDelivery.choices,
        required=False,
        widget=DSRadioSelect,
    )
    # street-address is only valid on a <textarea> (it may hold several lines).
    invoice_street_address = forms.CharField(
        label=_("Street address"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"autocomplete": "street-address", "rows": 2}),
    )
    invoice_postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    invoice_city = _text(_("City"), 100, "address-level2")
    invoice_email = forms.EmailField(
        label=_("Invoice e-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    invoice_reference = _text(
        _("Employer reference"), 100, "off", help_text=_("Bestillernummer, ressursnummer or another reference.")
    )
    invoice_contact = _text(_("Invoice contact"), 200, "off", help_text=_("Name of the person the invoice goes to."))
    participant_list_consent = forms.BooleanField(
        label=_("My name, job title and organisation may appear on the participant list."), required=False
    )
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice for conference registration."),
        error_messages={"required": _("You must accept the privacy notice to register.")},
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    INVOICE_FIELDS = registration_fields.INVOICE

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.now = timezone.now()
        self.fields["ticket_type"].queryset = TicketType.objects.filter(edition=edition, active=True)
        self.fields["add_ons"].queryset = AddOn.objects.filter(edition=edition, active=True)
        if not self.fields["add_ons"].queryset.exists():
            del self.fields["add_ons"]
        if not self.is_bound:
            self.initial.setdefault("form_token", secrets.token_urlsafe(24))
        elif not self.data.get("form_token"):
            # Without a token the form could never be sent again from the page it re-renders.
            self.data = self.data.copy()
            self.data["form_token"] = secrets.token_urlsafe(24)
        # Only the municipalities that are members today: not those merged away, each once.
        self.fields["municipality"].queryset = member_municipalities(timezone.localdate())
        self.seats = availability.count(edition)
        if "add_ons" in self.fields:
            self.fields["add_ons"].seats = self.seats
        self.vat_percent = settings_for(edition).vat_percent
        self.card_enabled = card_payments_enabled()
        self._offer_possible_payment_methods()
        self._mark_conditionally_required()

    def _offer_possible_payment_methods(self):
        """Offer a method only if some ticket (with or without extras) can be paid that way; the
        card option only when card payment is set up."""
        tickets = list(self.fields["ticket_type"].queryset)
        paid_extras = "add_ons" in self.fields and any(a.price_ore for a in self.fields["add_ons"].queryset)
        possible = set()
        for ticket in tickets:
            possible.update(ticket.payment_methods())
            if ticket.is_free and paid_extras:
                possible.update({Method.INVOICE, Method.CARD})
        if not self.card_enabled:
            if Method.CARD in possible:
                self.fields["payment_method"].help_text = _(
                    "Card payment is not available: card payment has not been set up for this site. "
                    "Choose invoice, or contact the organisers."
                )
            possible.discard(Method.CARD)
        choices = [c for c in Method.choices[:3] if c[0] in possible] or [
            c for c in Method.choices[:3] if c[0] != Method.CARD or self.card_enabled
        ]
        self.fields["payment_method"].choices = choices
        self.offers_invoice = any(value == Method.INVOICE for value, _label in choices)

    def _mark_conditionally_required(self):
        """Fields required only in some cases say when, next to the label."""
        when = {
            "municipality_other": _("required if no municipality is chosen"),
            "access_code": _("required for tickets that need a code"),
            "special_needs_consent": _("required if you write dietary or accessibility needs"),
            "invoice_org_number": _("required for invoice"),
            "invoice_organisation": _("required for invoice"),
            "invoice_delivery": _("required for invoice"),
            "invoice_contact": _("required for invoice"),
            "invoice_street_address": _("required for invoice by post"),
            "invoice_postal_code": _("required for invoice by post"),
            "invoice_city": _("required for invoice by post"),
            "invoice_email": _("required for invoice by e-mail"),
        }
        for name, text in when.items():
            if name in self.fields:
                self.fields[name].conditionally_required = text

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_email_confirm(self):
        return self.cleaned_data["email_confirm"].strip().lower()

    def clean_invoice_org_number(self):
        value = self.cleaned_data["invoice_org_number"].strip()
        return validate_orgnr(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and cleaned.get("email_confirm") and cleaned["email"] != cleaned["email_confirm"]:
            self.add_error("email_confirm", _("The two e-mail addresses are not the same."))
        if not cleaned.get("municipality") and not cleaned.get("municipality_other"):
            self.add_error("municipality_other", _("Choose a municipality or write where you work."))
        if (cleaned.get("dietary_needs") or cleaned.get("accessibility_needs")) and not cleaned.get(
            "special_needs_consent"
        ):
            self.add_error(
                "special_needs_consent",
                _("We need your consent to store dietary or accessibility needs. Tick the box or empty the fields."),
            )
        ticket = cleaned.get("ticket_type")
        add_ons = list(cleaned.get("add_ons") or [])
        if ticket:
            if not ticket.is_available_at(self.now):
                self.add_error("ticket_type", self._window_message(ticket))
            code = (cleaned.get("access_code") or "").strip()
            if ticket.access_code and not code:
                self.add_error(
                    "access_code",
                    _("%(ticket)s needs an access code. Enter the code you were given, or choose another ticket.")
                    % {"ticket": ticket.name},
                )
            elif ticket.access_code and code.lower() != ticket.access_code.lower():
                self.add_error("access_code", _("The access code is not valid for this ticket type."))
            allowed = allowed_payment_methods(ticket, add_ons)
            method = cleaned.get("payment_method")
            if method and method not in allowed:
                labels = ", ".join(str(Method(m).label) for m in allowed)
                self.add_error(
                    "payment_method", _("For this ticket you can choose: %(methods)s.") % {"methods": labels}
                )
            if method == Method.INVOICE:
                self._clean_invoice(cleaned)
        self._forget_errors_of_unused_fields(cleaned)
        for add_on in add_ons:
            if self.seats.add_on_full(add_on):
                self.add_error("add_ons", _("%(name)s is fully booked.") % {"name": add_on.name})
        return cleaned

    def _window_message(self, ticket):
        parts = []
        if ticket.available_from:
            parts.append(_("from %(date)s") % {"date": times.date_and_time(ticket.available_from)})
        if ticket.available_until:
            parts.append(_("until %(date)s") % {"date": times.date_and_time(ticket.available_until)})
        if parts:
            return _("This ticket can be chosen %(window)s.") % {"window": " ".join(str(p) for p in parts)}
        return _("This ticket type is not available.")

    def _clean_invoice(self, cleaned):
        required = ["invoice_org_number", "invoice_organisation", "invoice_delivery", "invoice_contact"]
        delivery = cleaned.get("invoice_delivery")
        if delivery == Registration.InvoiceDelivery.POST:
            required += ["invoice_street_address", "invoice_postal_code", "invoice_city"]
        if delivery == Registration.InvoiceDelivery.EMAIL:
            required.append("invoice_email")
        for name in required:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Required when paying by invoice."))

    def _forget_errors_of_unused_fields(self, cleaned):
        """An invoice field that does not apply (another payment method or delivery was chosen)
        is hidden on the page; an error in it would be one nobody can see or needs to fix."""
        method = cleaned.get("payment_method") or self.data.get("payment_method")
        delivery = cleaned.get("invoice_delivery") or self.data.get("invoice_delivery")
        unused = set()
        if method != Method.INVOICE:
            unused.update(self.INVOICE_FIELDS)
        if delivery != Registration.InvoiceDelivery.POST:
            unused.update({"invoice_street_address", "invoice_postal_code", "invoice_city"})
        if delivery != Registration.InvoiceDelivery.EMAIL:
            unused.add("invoice_email")
        for name in unused:
            if self.errors.pop(name, None) is not None:
                cleaned[name] = ""

    def details(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("payment_method") != Method.INVOICE:
            for name in self.INVOICE_FIELDS:
                data[name] = ""
        if not data.get("special_needs_consent"):
            data["dietary_needs"] = data["accessibility_needs"] = ""
        data["invoice_org_number"] = data.get("invoice_org_number") or ""
        return data


class ManageForm(PublicForm):
    """What attendees can change themselves."""

    first_name = _text(_("First name"), 100, "given-name", required=True)
    last_name = _text(_("Last name"), 100, "family-name", required=True)
    dietary_needs = RegistrationForm.base_fields["dietary_needs"]
    accessibility_needs = RegistrationForm.base_fields["accessibility_needs"]
    special_needs_consent = RegistrationForm.base_fields["special_needs_consent"]

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("dietary_needs") or cleaned.get("accessibility_needs")) and not cleaned.get(
            "special_needs_consent"
        ):
            self.add_error(
                "special_needs_consent",
                _("We need your consent to store dietary or accessibility needs. Tick the box or empty the fields."),
            )
        return cleaned


# --- Group orders ----------------------------------------------------------------------------

DEFAULT_GROUP_ROWS = 3


class ParticipantForm(DesignsystemetFormMixin, forms.Form):
    """One participant of a group order (a row of the formset). The honeypot and the privacy
    notice are the order's; each participant has their own needs under the same consent rule."""

    first_name = _text(_("First name"), 100, "off", required=True)
    last_name = _text(_("Last name"), 100, "off", required=True)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The participant's own address: the ticket and the link to the registration are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    job_title = _text(_("Job title"), 150, "off")
    ticket_type = TicketChoiceField(
        label=_("Ticket"), queryset=TicketType.objects.none(), widget=DSRadioSelect, empty_label=None
    )
    add_ons = AddOnChoiceField(
        label=_("Extras"), queryset=AddOn.objects.none(), required=False, widget=DSCheckboxSelectMultiple
    )
    dietary_needs = RegistrationForm.base_fields["dietary_needs"]
    accessibility_needs = RegistrationForm.base_fields["accessibility_needs"]
    special_needs_consent = forms.BooleanField(
        label=_(
            "The participant consents to the organisers processing these dietary and accessibility needs to "
            "arrange the conference. Only those who need the information see it, and it is deleted after the "
            "conference."
        ),
        required=False,
    )
    participant_list_consent = forms.BooleanField(
        label=_("The participant's name, job title and organisation may appear on the participant list."),
        required=False,
    )

    def __init__(self, *args, edition, seats, **kwargs):
        super().__init__(*args, **kwargs)
        # Tickets with an access code are for speakers and partners, who register themselves.
        self.fields["ticket_type"].queryset = TicketType.objects.filter(edition=edition, active=True, access_code="")
        self.fields["add_ons"].queryset = AddOn.objects.filter(edition=edition, active=True)
        self.fields["add_ons"].seats = seats
        self.fields["special_needs_consent"].conditionally_required = _(
            "required if you write dietary or accessibility needs"
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("dietary_needs") or cleaned.get("accessibility_needs")) and not cleaned.get(
            "special_needs_consent"
        ):
            self.add_error(
                "special_needs_consent",
                _(
                    "We need the participant's consent to store dietary or accessibility needs. Tick the box or "
                    "empty the fields."
                ),
            )
        return cleaned


class BaseParticipantFormSet(forms.BaseFormSet):
    def __init__(self, *args, edition, max_participants, **kwargs):
        self.edition = edition
        self.max_participants = max_participants
        self.seats = availability.count(edition)
        self._choice_querysets = None
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"edition": self.edition, "seats": self.seats}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The choices are the same for every row: read them once, not once per participant.
        if self._choice_querysets is None:
            self._choice_querysets = {name: list(form.fields[name].queryset) for name in ("ticket_type", "add_ons")}
        for name, rows in self._choice_querysets.items():
            form.fields[name].cached_objects = rows
        if not self._choice_querysets["add_ons"]:
            del form.fields["add_ons"]
        return form

    def participant_forms(self):
        """The rows that were filled in (empty extra rows are left out)."""
        return [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]

    def clean(self):
        if any(self.errors):
            return
        filled = self.participant_forms()
        if not filled:
            raise ValidationError(_("Add at least one participant."), code="empty")
        if len(filled) > self.max_participants:
            raise ValidationError(
                _("One order can have at most %(max)s participants. Split the group into several orders.")
                % {"max": self.max_participants},
                code="too_many",
            )
        seen = {}
        for form in filled:
            email = form.cleaned_data.get("email")
            if email in seen:
                form.add_error(
                    "email",
                    _("This e-mail address is also given for participant %(number)s.") % {"number": seen[email]},
                )
            else:
                seen[email] = self.forms.index(form) + 1


ParticipantFormSet = forms.formset_factory(
    ParticipantForm, formset=BaseParticipantFormSet, extra=0, min_num=0, max_num=1000, absolute_max=1000
)


class GroupOrderForm(RegistrationForm):
    """The orderer and how the order is paid; the participants are a formset next to it. Built
    on the single registration form so the invoice rules are the same."""

    wants_waiting_list = forms.BooleanField(
        label=_(
            "If there are not seats for everyone, put the rest of the group on the waiting list (in the "
            "order they are listed)."
        ),
        required=False,
    )

    PARTICIPANT_ONLY = (
        "email_confirm",
        "job_title",
        "ticket_type",
        "access_code",
        "add_ons",
        "dietary_needs",
        "accessibility_needs",
        "special_needs_consent",
        "participant_list_consent",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.PARTICIPANT_ONLY:
            self.fields.pop(name, None)
        self.fields["first_name"].label = _("Your first name")
        self.fields["last_name"].label = _("Your last name")
        self.fields["email"].label = _("Your e-mail")
        self.fields["email"].help_text = _("The order confirmation and the link to manage the order are sent here.")
        self.fields["organisation"].help_text = _("The employer of the participants.")
        self.fields["municipality"].help_text = _("The municipality the participants work for, if any.")
        self.fields["privacy_accepted"].label = _(
            "I have read the privacy notice and have told the participants that I register them."
        )
        if not settings_for(self.edition).waiting_list_enabled:
            del self.fields["wants_waiting_list"]

    def clean(self):
        cleaned = forms.Form.clean(self)
        if cleaned.get(self.honeypot_field_name):
            raise ValidationError(_("The form could not be sent. Please try again."), code="honeypot")
        if not cleaned.get("municipality") and not cleaned.get("municipality_other"):
            self.add_error("municipality_other", _("Choose a municipality or write where you work."))
        method = cleaned.get("payment_method")
        if method == Method.INVOICE:
            self._clean_invoice(cleaned)
        self._forget_errors_of_unused_fields(cleaned)
        return cleaned

    def check_payment_method(self, participants):
        """Every participant with something to pay must be payable the chosen way."""
        method = self.cleaned_data.get("payment_method")
        for form in participants:
            ticket = form.cleaned_data.get("ticket_type")
            add_ons = list(form.cleaned_data.get("add_ons") or [])
            if (
                ticket
                and ticket.price_ore + sum(a.price_ore for a in add_ons)
                and method not in allowed_payment_methods(ticket, add_ons)
            ):
                labels = ", ".join(str(Method(m).label) for m in allowed_payment_methods(ticket, add_ons))
                form.add_error(
                    "ticket_type",
                    _("This ticket can be paid by: %(methods)s. Choose another ticket or payment method.")
                    % {"methods": labels},
                )

    def invoice_details(self) -> dict:
        data = self.details()
        return {name: data.get(name) or "" for name in self.INVOICE_FIELDS}


# --- Personal programme ----------------------------------------------------------------------


class SessionRadioSelect(forms.RadioSelect):
    """One radio per parallel session of a time slot, in Designsystemet's markup; the room and
    places left go under the title, a full session is disabled ("Fullt") unless it is the
    participant's own pick."""

    template_name = "registration/widgets/choices.html"
    option_template_name = "registration/widgets/choice_option.html"

    def __init__(self, *args, sessions=None, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = sessions or {}
        self.chosen = set(chosen)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        session = self.sessions.get(str(value))
        if session is None:
            return option
        parts = [session.room] if session.room else []
        if session.left is None:
            pass
        elif session.left == 0 and session.pk not in self.chosen:
            parts.append(str(_("Full")))
            # Never checked: a disabled radio is not sent, so it would look chosen but not be.
            option["attrs"]["disabled"] = True
            option["attrs"].pop("checked", None)
            option["selected"] = False
        else:
            parts.append(
                ngettext("%(count)s place left", "%(count)s places left", session.left) % {"count": session.left}
            )
        option["description"] = " · ".join(parts)
        if option["description"] and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_description"
        return option


def slot_legend(slot, several_days: bool) -> str:
    span = f"{times.hours_minutes(slot.start)}–{times.hours_minutes(slot.end)}"
    text = _("at %(time)s") % {"time": span}
    if several_days:
        text = f"{date_format(slot.date, 'l j. F')} {text}".capitalize()
    return text


class PersonalProgrammeForm(PublicForm):
    """One radio group per time slot of overlapping parallel sessions, "no choice" first. The
    places are decided again by ``services.choose_sessions`` under the edition lock."""

    prefix = "programme"

    def __init__(self, *args, slots=(), chosen=(), **kwargs):
        self.slots = list(slots)
        chosen = set(chosen)
        initial = {}
        for slot in self.slots:
            picked = [s.pk for s in slot.sessions if s.pk in chosen]
            initial[slot.key] = str(picked[0]) if picked else ""
        super().__init__(*args, initial={**initial, **kwargs.pop("initial", {})}, **kwargs)
        several_days = len({slot.date for slot in self.slots}) > 1
        fields = {}
        for slot in self.slots:
            choices = [("", _("No parallel session"))] + [(str(s.pk), s.title) for s in slot.sessions]
            fields[slot.key] = forms.ChoiceField(
                label=slot_legend(slot, several_days),
                choices=choices,
                required=False,
                widget=SessionRadioSelect(sessions={str(s.pk): s for s in slot.sessions}, chosen=chosen),
                error_messages={"invalid_choice": _("Choose one of the sessions listed in this time slot.")},
            )
            fields[slot.key].widget.attrs["class"] = "ds-input"
        self.fields = {**fields, **self.fields}

    def clean(self):
        cleaned = super().clean()
        for slot in self.slots:
            # A radio group sends one value; more than one is a forged request.
            if self.data and len(self.data.getlist(self.add_prefix(slot.key))) > 1:
                self.add_error(slot.key, _("Choose only one session in each time slot."))
        return cleaned

    def session_ids(self) -> list[int]:
        return [int(self.cleaned_data[slot.key]) for slot in self.slots if self.cleaned_data.get(slot.key)]

    def slot_of(self, session) -> str | None:
        for slot in self.slots:
            if any(s.pk == session.pk for s in slot.sessions):
                return slot.key
        return None

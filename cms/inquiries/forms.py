"""The portal's forms: the public inquiry form, the researcher's reply and project forms, the
contacts' answer and forward forms, and the registry's filters. Forms never import the models
(``enums`` holds the shared choices); the services store what a form has cleaned."""

from __future__ import annotations

import datetime
import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.forms import PublicForm
from cms.core.uploads import PrivatePDFField
from cms.network.models import Institution, Municipality, member_municipalities
from cms.plans.models import FocusArea

from .enums import (
    CONTACT_TRANSITIONS,
    STUDENT_ROLES,
    EthicsStatus,
    Kind,
    ProjectStatus,
    Role,
    ServiceArea,
    Status,
)

SUMMARY_MAX_LENGTH = 2000
TEXT_MAX_LENGTH = 2000
OTHER_INSTITUTION = "other"
REQUIRED = {"required": _("Fill in this field.")}


def current_members():
    """The municipalities a researcher may choose: members today, never merged-away ones."""
    return member_municipalities(timezone.localdate()).order_by("name")


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class InquiryForm(PublicForm):
    """The public inquiry form. Every rule is checked here, on the server."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages=REQUIRED,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages=REQUIRED,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "required": _("Fill in your e-mail address."),
            "invalid": _("Write a valid e-mail address, e.g. ola@uib.no."),
        },
        help_text=_("The receipt and the link to follow your inquiry are sent here."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label=_("Mobile"),
        regex=r"^\+?[0-9 ]{8,20}$",
        max_length=30,
        error_messages={
            "required": _("Fill in your mobile number."),
            "invalid": _("Write a phone number with 8 digits, e.g. 912 34 567."),
        },
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}),
    )
    institution = forms.ChoiceField(label=_("Institution"), error_messages={"required": _("Choose your institution.")})
    institution_other = forms.CharField(
        label=_("Other institution"),
        max_length=200,
        required=False,
        help_text=_("Only if your institution is not in the list."),
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("Your role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your role.")},
    )
    supervisor_name = forms.CharField(
        label=_("Supervisor's name"),
        max_length=200,
        required=False,
        help_text=_("Required for PhD and master's students."),
    )
    supervisor_email = forms.EmailField(
        label=_("Supervisor's e-mail"),
        required=False,
        error_messages={"invalid": _("Write a valid e-mail address, e.g. ola@uib.no.")},
    )

    title = forms.CharField(label=_("Project title"), max_length=250, error_messages=REQUIRED)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX_LENGTH,
        error_messages={
            **REQUIRED,
            "max_length": _("Shorten the summary to at most %(limit_value)d characters (it has %(show_value)d)."),
        },
        help_text=_("What the project wants to find out or achieve, at most %(limit)d characters.")
        % {"limit": SUMMARY_MAX_LENGTH},
        widget=forms.Textarea({"rows": 6}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of project"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of project.")},
    )
    method = forms.CharField(
        label=_("Method"), max_length=TEXT_MAX_LENGTH, error_messages=REQUIRED, widget=forms.Textarea({"rows": 3})
    )
    participants_needed = forms.CharField(
        label=_("Data or participants needed"),
        max_length=TEXT_MAX_LENGTH,
        error_messages=REQUIRED,
        help_text=_("E.g. interviews with 10 nurses, or anonymous data from the patient record system."),
        widget=forms.Textarea({"rows": 3}),
    )
    services_request = forms.CharField(
        label=_("What do you ask of the services?"),
        max_length=TEXT_MAX_LENGTH,
        error_messages=REQUIRED,
        widget=forms.Textarea({"rows": 3}),
    )
    services_time = forms.CharField(
        label=_("How much of the services' time?"),
        max_length=300,
        error_messages=REQUIRED,
        help_text=_("E.g. 10 interviews of one hour each over two months."),
    )
    start_date = forms.DateField(
        label=_("Planned start"),
        error_messages={"required": _("Give the planned start date."), "invalid": _("Write the date as dd.mm.yyyy.")},
        help_text=_("dd.mm.yyyy"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
    )
    end_date = forms.DateField(
        label=_("Planned end"),
        error_messages={"required": _("Give the planned end date."), "invalid": _("Write the date as dd.mm.yyyy.")},
        help_text=_("dd.mm.yyyy"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
    )
    sikt_status = forms.ChoiceField(
        label=_("Sikt assessment (privacy)"),
        choices=EthicsStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether a Sikt assessment is needed.")},
    )
    sikt_reference = forms.CharField(
        label=_("Sikt reference"), max_length=100, required=False, help_text=_("Required when applied for or approved.")
    )
    rek_status = forms.ChoiceField(
        label=_("REK approval (medical and health research ethics)"),
        choices=EthicsStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether a REK approval is needed.")},
    )
    rek_reference = forms.CharField(
        label=_("REK reference"), max_length=100, required=False, help_text=_("Required when applied for or approved.")
    )

    municipalities = MunicipalityChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more. Each municipality's FoU-contact receives the inquiry."),
        error_messages={
            "required": _("Choose at least one municipality."),
            "invalid_choice": _("Choose only among the member municipalities in the list."),
            "invalid_pk_value": _("Choose only among the member municipalities in the list."),
        },
    )
    service_areas = forms.MultipleChoiceField(
        label=_("Service areas"),
        choices=ServiceArea.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one service area."),
            "invalid_choice": _("Choose only among the service areas in the list."),
        },
    )
    project_description = PrivatePDFField(label=_("Project description (PDF)"), required=False)
    approval = PrivatePDFField(label=_("Approval from Sikt or REK (PDF)"), required=False)
    privacy_accepted = forms.BooleanField(
        label=_(
            "I have read how my information is processed, and I agree that it is sent to the municipalities I chose."
        ),
        error_messages={"required": _("You must accept the processing of your information to send the inquiry.")},
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = current_members()
        self.fields["institution"].choices = [
            ("", _("Choose …")),
            *[(str(pk), name) for pk, name in Institution.objects.order_by("name").values_list("pk", "name")],
            (OTHER_INSTITUTION, _("Other (write it below)")),
        ]
        if not self.is_bound:
            self.initial.setdefault("form_token", secrets.token_urlsafe(24))
        elif not self.data.get("form_token"):
            self.data = self.data.copy()
            self.data["form_token"] = secrets.token_urlsafe(24)

    def clean_institution(self):
        value = self.cleaned_data["institution"]
        if value == OTHER_INSTITUTION:
            return None
        return Institution.objects.get(pk=int(value))  # ChoiceField already refused unknown values

    def clean(self):
        cleaned = super().clean()
        if (
            "institution" in cleaned
            and cleaned["institution"] is None
            and not cleaned.get("institution_other", "").strip()
        ):
            self.add_error("institution_other", _("Write the name of your institution."))
        if cleaned.get("role") in STUDENT_ROLES:
            if not cleaned.get("supervisor_name", "").strip():
                self.add_error("supervisor_name", _("Students must give the name of their supervisor."))
            if not cleaned.get("supervisor_email") and "supervisor_email" not in self.errors:
                self.add_error("supervisor_email", _("Students must give their supervisor's e-mail."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        if end and end < timezone.localdate() - datetime.timedelta(days=1):
            self.add_error("end_date", _("The planned end has already passed."))
        for name in ("sikt", "rek"):
            if (
                cleaned.get(f"{name}_status") in (EthicsStatus.APPLIED, EthicsStatus.APPROVED)
                and not cleaned.get(f"{name}_reference", "").strip()
            ):
                self.add_error(f"{name}_reference", _("Give the reference number of the application or approval."))
        return cleaned


class ReplyForm(PublicForm):
    """The researcher's answer when a municipality needs more information."""

    routing = forms.TypedChoiceField(
        label=_("To"), coerce=int, error_messages={"required": _("Choose who the answer is for.")}
    )
    message = forms.CharField(
        label=_("Your answer"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea({"rows": 5}), error_messages=REQUIRED
    )

    def __init__(self, *args, routings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["routing"].choices = [(r.pk, r.where) for r in routings]
        if len(routings) == 1:
            self.fields["routing"].widget = forms.HiddenInput()
            self.initial.setdefault("routing", routings[0].pk)


class WithdrawForm(PublicForm):
    confirm = forms.BooleanField(
        label=_("I want to withdraw the inquiry from every municipality that has not decided yet."),
        error_messages={"required": _("Tick the box to confirm that you want to withdraw the inquiry.")},
    )


class ConsentForm(PublicForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the project's title, summary, my name, institution, municipalities and period are published in the project registry."
        ),
        error_messages={"required": _("Tick the box to give your consent.")},
    )


class ProjectUpdateForm(PublicForm):
    """What the researcher may change in the registry; the secretariat approves it."""

    description = forms.CharField(
        label=_("About the project"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea({"rows": 6}),
        error_messages=REQUIRED,
    )
    project_status = forms.ChoiceField(
        label=_("Project status"), choices=ProjectStatus.choices, widget=forms.RadioSelect
    )
    end_date = forms.DateField(
        label=_("End"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        help_text=_("dd.mm.yyyy"),
        error_messages={"invalid": _("Write the date as dd.mm.yyyy.")},
    )
    results = forms.CharField(label=_("Results"), max_length=4000, required=False, widget=forms.Textarea({"rows": 5}))
    publications = forms.CharField(
        label=_("Publications"),
        max_length=4000,
        required=False,
        help_text=_("One publication or link per line."),
        widget=forms.Textarea({"rows": 4}),
    )


# --- Admin (FoU-contacts and advisers) ---------------------------------------------------------


class AnswerForm(forms.Form):
    """A contact's status change; the written answer goes to the researcher."""

    state = forms.ChoiceField(label=_("New status"))
    message = forms.CharField(
        label=_("Answer to the researcher"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("The researcher sees this on the status page and gets it by e-mail."),
        error_messages={"required": _("Write an answer to the researcher.")},
    )

    def __init__(self, *args, current_state, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["state"].choices = [(s, labels[s]) for s in CONTACT_TRANSITIONS.get(current_state, ())]


class ForwardForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())
    department = forms.CharField(label=_("Service department"), max_length=150, required=False)
    message = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_("The researcher sees this note on the status page too."),
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = current_members()


# --- The registry's filters --------------------------------------------------------------------


class FocusAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} {obj.title}"


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none(), required=False)
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.order_by("name"), required=False
    )
    focus_area = FocusAreaChoiceField(
        label=_("Focus area of the plan"), queryset=FocusArea.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *Kind.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *ProjectStatus.choices], required=False)
    year = forms.IntegerField(
        label=_("Active in year"),
        min_value=2000,
        max_value=2100,
        required=False,
        # A text input: a number input may not show a bad value back (invalid HTML).
        widget=forms.TextInput({"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = current_members()
        self.fields["focus_area"].queryset = (
            FocusArea.objects.filter(projects__isnull=False).distinct().order_by("number")
        )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def filter(self, projects):
        data = self.cleaned_data
        if data.get("municipality"):
            projects = projects.filter(municipalities=data["municipality"])
        if data.get("institution"):
            projects = projects.filter(institution=data["institution"])
        if data.get("focus_area"):
            projects = projects.filter(focus_area=data["focus_area"])
        if data.get("kind"):
            projects = projects.filter(kind=data["kind"])
        if data.get("status"):
            projects = projects.filter(project_status=data["status"])
        if data.get("year"):
            year = data["year"]
            projects = projects.filter(start_date__year__lte=year).exclude(end_date__year__lt=year)
        if data.get("q", "").strip():
            from django.db.models import Q

            q = data["q"].strip()
            projects = projects.filter(
                Q(title__icontains=q) | Q(description__icontains=q) | Q(project_lead__icontains=q)
            )
        return projects.distinct()

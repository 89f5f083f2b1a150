"""The public nomination form (with the site's honeypot, markup and error summary), the
nominee's decline form, and the chair's decision form in the admin."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.forms import PublicForm
from cms.core.uploads import PrivatePDFField
from cms.inquiries.models import ProjectPage
from cms.network.models import Institution, Municipality, active_on

from .enums import DecisionMethod, NomineeKind

MAX_ATTACHMENTS = 5


def partner_organisations(date=None):
    """The network's current partners: institutions with a running partnership and member
    municipalities, as (value, label) choices ("i-<pk>" / "m-<pk>")."""
    date = date or timezone.localdate()
    institutions = Institution.objects.filter(active_on(date, "partner_since", "partner_until")).order_by("name")
    municipalities = (
        Municipality.objects.filter(active_on(date, "membership_periods__start_date", "membership_periods__end_date"))
        .distinct()
        .order_by("name")
    )
    return [
        (str(_("Institutions")), [(f"i-{i.pk}", str(i)) for i in institutions]),
        (str(_("Municipalities")), [(f"m-{m.pk}", m.name) for m in municipalities]),
    ]


def organisation_value(institution_id, municipality_id) -> str:
    if institution_id:
        return f"i-{institution_id}"
    if municipality_id:
        return f"m-{municipality_id}"
    return ""


class MultiplePDFInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePDFField(PrivatePDFField):
    """Several PDFs in one input, each checked like a poster PDF (type, content, size)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultiplePDFInput(attrs={"accept": ".pdf,application/pdf"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS}, code="too_many"
            )
        return [super(MultiplePDFField, self).clean(f, initial) for f in files]


def _text(label, max_length=200, autocomplete=None, **kwargs):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(label=label, max_length=max_length, widget=forms.TextInput(attrs=attrs), **kwargs)


class NominationForm(PublicForm):
    nominator_name = _text(_("Your name"), autocomplete="name")
    nominator_email = forms.EmailField(
        label=_("Your e-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation = forms.ChoiceField(
        label=_("Your organisation"),
        help_text=_("Staff of the network's partner organisations may nominate."),
        widget=forms.Select(attrs={"autocomplete": "organization"}),
        error_messages={"invalid_choice": _("Choose one of the network's partner organisations.")},
    )
    nominee_kind = forms.ChoiceField(
        label=_("Who do you nominate?"), choices=NomineeKind.choices, widget=forms.RadioSelect
    )
    nominee_name = _text(_("Name of the person or research group"), autocomplete="off")
    nominee_affiliation = _text(_("The nominee's workplace"), autocomplete="off")
    nominee_email = forms.EmailField(
        label=_("The nominee's e-mail"),
        max_length=254,
        help_text=_("For a research group: the leader's or a contact person's address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    projects = forms.CharField(
        label=_("Project(s)"),
        max_length=1000,
        help_text=_("The project or projects the nomination is about, one a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    registry_project = forms.ModelChoiceField(
        label=_("The project in our project registry"),
        queryset=ProjectPage.objects.none(),
        required=False,
        empty_label=_("None of them / not in the registry"),
        help_text=_("If the nomination is about a project in the registry, choose it. Optional."),
        error_messages={"invalid_choice": _("Choose one of the published projects in the registry.")},
    )
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 10}))
    attachments = MultiplePDFField(
        label=_("Supporting documents"),
        required=False,
        help_text=_("Up to 5 PDF files, at most 20 MB each, e.g. reports, articles or letters of support."),
    )
    nominee_knows = forms.BooleanField(label=_("The nominee knows that I nominate them."), required=False)
    may_contact = forms.BooleanField(
        label=_("The organisers may contact the nominee about the nomination."),
        required=False,
        help_text=_("Then the nominee receives an e-mail and may decline the nomination."),
    )

    def __init__(self, *args, award_round, nomination=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.award_round = award_round
        self.nomination = nomination
        self.fields["organisation"].choices = [("", _("Choose your organisation")), *partner_organisations()]
        self.fields["registry_project"].queryset = ProjectPage.objects.live().public().order_by("title")
        limit = award_round.justification_max_length
        self.fields["justification"].max_length = limit
        self.fields["justification"].validators.append(MaxLengthValidator(limit))
        self.fields["justification"].widget.attrs["maxlength"] = limit
        self.fields["justification"].help_text = _(
            "Why does the nominee deserve the prize? Consider the criteria. At most %(limit)s characters."
        ) % {"limit": limit}
        if nomination is not None:
            existing = list(nomination.attachments.all())
            if existing:
                self.fields["remove_attachments"] = forms.MultipleChoiceField(
                    label=_("Remove attached files"),
                    required=False,
                    choices=[(str(a.pk), a.original_name) for a in existing],
                    widget=forms.CheckboxSelectMultiple,
                )
            if not self.is_bound:
                for name in self.fields:
                    if name not in {"attachments", "remove_attachments"} and hasattr(nomination, name):
                        self.initial[name] = getattr(nomination, name)
                self.initial["organisation"] = organisation_value(
                    nomination.nominator_institution_id, nomination.nominator_municipality_id
                )

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        kind, _sep, pk = value.partition("-")
        allowed = {v for _group, options in partner_organisations() for v, _label in options}
        if value not in allowed or not pk.isdigit():
            raise forms.ValidationError(_("Choose one of the network's partner organisations."), code="not_partner")
        return value

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("attachments") or []
        kept = 0
        if self.nomination is not None:
            removed = set(cleaned.get("remove_attachments") or [])
            kept = sum(1 for a in self.nomination.attachments.all() if str(a.pk) not in removed)
        if files and kept + len(files) > MAX_ATTACHMENTS:
            self.add_error("attachments", _("Attach at most %(count)s files in all.") % {"count": MAX_ATTACHMENTS})
        return cleaned

    def nomination_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"organisation", "attachments"}}
        kind, _sep, pk = self.cleaned_data["organisation"].partition("-")
        data["nominator_institution"] = Institution.objects.get(pk=pk) if kind == "i" else None
        data["nominator_municipality"] = Municipality.objects.get(pk=pk) if kind == "m" else None
        return data

    def removed_attachments(self):
        if self.nomination is None:
            return []
        ids = {int(pk) for pk in self.cleaned_data.get("remove_attachments") or []}
        return [a for a in self.nomination.attachments.all() if a.pk in ids]


class DeclineForm(PublicForm):
    reason = forms.CharField(
        label=_("Why do you decline? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The nominator and the jury's organisers see your reason."),
    )
    confirm = forms.BooleanField(label=_("Yes, I decline the nomination."), required=True)


class DecisionForm(forms.Form):
    """The chair's record of the jury's decision (admin)."""

    winners = forms.ModelMultipleChoiceField(label=_("Winner(s)"), queryset=None, widget=forms.CheckboxSelectMultiple)
    justification = forms.CharField(label=_("The jury's justification"), widget=forms.Textarea(attrs={"rows": 8}))
    method = forms.ChoiceField(
        label=_("How was the decision reached?"), choices=DecisionMethod.choices, widget=forms.RadioSelect
    )
    votes_note = forms.CharField(
        label=_("Votes"), required=False, max_length=200, help_text=_("With a vote: e.g. 3 for, 1 against.")
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Jurors who took part"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, award_round, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        from conference.review.models import PanelMember

        self.fields["winners"].queryset = candidates
        self.fields["participants"].queryset = PanelMember.objects.filter(
            round_id=award_round.review_round_id
        ).select_related("user")
        self.fields["participants"].label_from_instance = lambda m: m.user.get_full_name() or m.user.email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == DecisionMethod.VOTES and not cleaned.get("votes_note"):
            self.add_error("votes_note", _("Give the result of the vote."))
        return cleaned


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Merge this candidate"), queryset=None)
    target = forms.ModelChoiceField(label=_("into this candidate"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = candidates
        self.fields["target"].queryset = candidates

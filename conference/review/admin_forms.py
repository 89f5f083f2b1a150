"""The forms of the reviewer pages in the admin: the conflict declaration, the score form (one
group per criterion, built from the round's criteria) and the organisers' panel forms. They
check input; the changes themselves are made by ``services``."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.network.models import Institution, Municipality

NO_CONFLICT = "none"
CONFLICT = "conflict"


class DeclarationForm(forms.Form):
    """No conflict, or a conflict with a reason (the reason is required for a conflict)."""

    conflict = forms.ChoiceField(
        label=_("Conflict of interest"),
        choices=[(NO_CONFLICT, _("I have no conflict of interest")), (CONFLICT, _("I have a conflict of interest"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you have a conflict of interest.")},
    )
    reason = forms.CharField(
        label=_("Reason (required for a conflict)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Briefly, e.g. “Co-author on an earlier project”. Seen only by the chair and the organisers."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("conflict") == CONFLICT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Describe the conflict of interest briefly."))
        return cleaned

    @property
    def has_conflict(self) -> bool:
        return self.cleaned_data["conflict"] == CONFLICT


class DeclareManyForm(forms.Form):
    """ "No conflict" for several undeclared items at once; items with a likely conflict are
    not offered (they are declared one by one)."""

    items = forms.TypedMultipleChoiceField(
        label=_("Items without a conflict of interest"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one item.")},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = choices
        self.initial.setdefault("items", [pk for pk, _label in choices])


class ScoreForm(forms.Form):
    """One score (radio buttons within the criterion's scale) and a comment per criterion.
    "Save" keeps what is filled in; "Submit" requires a score for every criterion."""

    SAVE = "save"
    SUBMIT = "submit"

    def __init__(self, *args, criteria, scores=None, **kwargs):
        self.criteria = list(criteria)
        scores = scores or {}
        initial = {}
        for criterion in self.criteria:
            existing = scores.get(criterion.pk)
            if existing is not None:
                initial[f"score_{criterion.pk}"] = existing.value
                initial[f"comment_{criterion.pk}"] = existing.comment
        super().__init__(*args, initial=initial, **kwargs)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Score for %(criterion)s") % {"criterion": criterion.name},
                choices=[(value, str(value)) for value in range(criterion.scale_min, criterion.scale_max + 1)],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose a score from %(min)s to %(max)s.")
                    % {"min": criterion.scale_min, "max": criterion.scale_max}
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @property
    def action(self) -> str:
        return self.SUBMIT if self.data.get("action") == self.SUBMIT else self.SAVE

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            value = cleaned.get(f"score_{criterion.pk}")
            if f"score_{criterion.pk}" in self.errors:
                continue
            if value is None and self.action == self.SUBMIT:
                self.add_error(f"score_{criterion.pk}", _("Choose a score before you submit."))
            elif value is None and (cleaned.get(f"comment_{criterion.pk}") or "").strip():
                self.add_error(f"score_{criterion.pk}", _("Choose a score to save the comment."))
        return cleaned

    def groups(self):
        """(criterion, score field, comment field) for the template, in the criteria's order."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def entries(self):
        """``[(criterion, value, comment), …]`` for ``services.save_review``."""
        return [
            (c, self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        ]


class AffiliationFields(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        help_text=_("Used to flag likely conflicts of interest."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        help_text=_("Used to flag likely conflicts of interest."),
    )
    is_chair = forms.BooleanField(label=_("Chair of the panel"), required=False)


class AddMemberForm(AffiliationFields):
    """An existing, active user onto the panel."""

    user = forms.ModelChoiceField(label=_("User"), queryset=get_user_model().objects.none())

    field_order = ["user", "institution", "municipality", "is_chair"]

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(review_panels__round=round)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.email})" if user.get_full_name() else user.email or user.get_username()
        )


class InviteForm(AffiliationFields):
    """Someone by e-mail: a new person gets a one-time link to choose a password."""

    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    field_order = ["email", "first_name", "last_name", "institution", "municipality", "is_chair"]

    def __init__(self, *args, round, **kwargs):
        self.round = round
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if self.round.panel.filter(user__email__iexact=email).exists():
            raise ValidationError(_("This person is already on the panel."))
        return email


class ChairForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Chair"), queryset=None, empty_label=None)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = round.panel.select_related("user").order_by("-is_chair", "pk")
        self.fields["member"].label_from_instance = lambda m: m.user.get_full_name() or m.user.email
        chair = next((m for m in self.fields["member"].queryset if m.is_chair), None)
        if chair is not None:
            self.initial.setdefault("member", chair.pk)

"""Forms of the organisers' poster tools in the admin (decisions, e-mail preview, board numbers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.inquiries.models import ProjectPage

from .enums import SubmissionState

DECISION_CHOICES = [
    (SubmissionState.ACCEPTED, SubmissionState.ACCEPTED.label),
    (SubmissionState.CHANGES_REQUESTED, SubmissionState.CHANGES_REQUESTED.label),
    (SubmissionState.REJECTED, SubmissionState.REJECTED.label),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note to the authors"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown in the decision e-mail. Required when you accept with changes."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == SubmissionState.CHANGES_REQUESTED and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Tell the authors which changes you ask for."))
        return cleaned


class PreviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES)
    submission = forms.TypedChoiceField(label=_("Poster"), coerce=int)

    def __init__(self, *args, submissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission"].choices = [(s.pk, s.title) for s in submissions]


class BoardNumbersForm(forms.Form):
    """One number field per accepted poster; duplicates are reported on each field that has one."""

    def __init__(self, *args, submissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.submissions = list(submissions)
        for submission in self.submissions:
            self.fields[f"board_{submission.pk}"] = forms.IntegerField(
                label=submission.title,
                required=False,
                min_value=1,
                max_value=9999,
                initial=submission.board_number,
            )

    def clean(self):
        cleaned = super().clean()
        seen: dict[int, str] = {}
        for submission in self.submissions:
            name = f"board_{submission.pk}"
            number = cleaned.get(name)
            if number is None:
                continue
            if number in seen:
                self.add_error(
                    name,
                    _("Board number %(number)s is already given to “%(title)s”.")
                    % {"number": number, "title": seen[number]},
                )
            else:
                seen[number] = submission.title
        return cleaned

    def numbers(self) -> dict[int, int | None]:
        return {s.pk: self.cleaned_data.get(f"board_{s.pk}") for s in self.submissions}


class ProjectLinkForm(forms.Form):
    """The organisers choose the registry project a poster presents (published projects only)."""

    project = forms.ModelChoiceField(
        label=_("Project in the registry"),
        queryset=None,
        required=False,
        empty_label=_("No project"),
        help_text=_("The project page and the poster in the gallery then link to each other."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = ProjectPage.objects.live().order_by("title")

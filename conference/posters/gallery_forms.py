"""Forms of the public gallery routes: the filter (GET) and the two ways to vote for the poster
prize. They take their choices from the call page, so they import no model of this app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.core.forms import DesignsystemetFormMixin, PublicForm


class GalleryFilterForm(DesignsystemetFormMixin, forms.Form):
    """Filter by topic and municipality. Works as a plain GET form without JavaScript; an
    unknown value is reported and ignored."""

    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    municipality = forms.TypedChoiceField(label=_("Municipality"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, topics=(), municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *[(t.pk, t.name) for t in topics]]
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *[(m.pk, m.name) for m in municipalities],
        ]


class VoteForm(PublicForm):
    """The participant's choice among the published posters (radio buttons in a fieldset)."""

    poster = forms.TypedChoiceField(
        label=_("Which poster gets your vote?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a poster.")},
    )

    def __init__(self, *args, posters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["poster"].choices = [
            (p.pk, f"{p.board_number}. {p.title}" if p.board_number else p.title) for p in posters
        ]


class BoardVoteForm(PublicForm):
    """Voting from the QR code on a poster board: the participant proves who they are with the
    reference on their ticket and the e-mail address they registered with."""

    reference = forms.CharField(
        label=_("Ticket reference"),
        max_length=20,
        help_text=_("On your ticket, e.g. KK2028-00042."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("E-mail address you registered with"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_reference(self):
        value = self.cleaned_data["reference"].strip().upper()
        if not value.startswith("KK") or "-" not in value:
            raise ValidationError(_("Write the reference as it is on your ticket, e.g. KK2028-00042."), code="format")
        return value

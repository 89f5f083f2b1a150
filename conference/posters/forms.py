"""The public poster forms. They check the input and show every problem at once; the rules
are decided again under lock by ``services`` (the deadline, the word limit, one presenter).

The submission is one ``SubmissionForm`` and an ``AuthorFormSet`` (ordered rows). Without
JavaScript, "Add another author" and each row's "Remove" are submit buttons: the view rebuilds
the rows (``rebuild_author_data``) and shows the form again, keeping everything typed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.forms import DesignsystemetFormMixin, PublicForm, error_summary
from cms.core.uploads import PrivatePDFField
from cms.network.models import Institution, member_municipalities
from conference.registration.forms import DSCheckboxSelectMultiple, DSRadioSelect

from .models import FINAL_PDF_MAX_BYTES, count_words
from .services import AuthorDetails

AUTHOR_PREFIX = "authors"
MAX_AUTHORS = 30
PART_MAX_CHARS = 6000
ABSTRACT_PARTS = ("background", "method", "results", "relevance")
REQUIRED_TO_SUBMIT = _("required to send in")


def affiliation_choices(today=None):
    """Institutions of the network and its member municipalities today, as groups of one select;
    values "i-<pk>" and "m-<pk>". Empty means "other" (free text)."""
    today = today or timezone.localdate()
    institutions = [(f"i-{pk}", name) for pk, name in Institution.objects.order_by("name").values_list("pk", "name")]
    municipalities = [
        (f"m-{pk}", name) for pk, name in member_municipalities(today).order_by("name").values_list("pk", "name")
    ]
    return [
        ("", _("Other (write it below)")),
        (_("Institutions"), institutions),
        (_("Municipalities"), municipalities),
    ]


def _text(label, max_length=200, autocomplete=None, required=False, help_text=""):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=help_text, widget=forms.TextInput(attrs=attrs)
    )


def _part(label, help_text):
    return forms.CharField(
        label=label,
        max_length=PART_MAX_CHARS,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4, "data-word-count": ""}),
    )


class SubmissionForm(PublicForm):
    """Contact, title, abstract, topic, municipalities and consent. ``submitting`` says which
    button was pressed: a draft needs only contact and title."""

    contact_name = _text(_("Your name"), 200, "name", required=True)
    contact_email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("We send the link to your submission here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    title = _text(_("Title of the poster"), 250, "off", required=True)
    background = _part(_("Background"), _("Why the project was started; what was known."))
    method = _part(_("Method"), _("How you worked: design, participants, data."))
    results = _part(_("Results or status"), _("What you found, or how far the project has come."))
    relevance = _part(_("Relevance for the municipalities"), _("What the health and care services can use it for."))
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=None, required=False, widget=DSRadioSelect, empty_label=None
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Collaborating municipalities"),
        queryset=None,
        required=False,
        widget=DSCheckboxSelectMultiple,
        help_text=_("The municipalities of the network that took part in the project, if any."),
    )
    consent_to_publish = forms.BooleanField(
        label=_("The poster, its abstract and the authors' names may be published on the website if it is accepted."),
        required=False,
    )

    def __init__(self, *args, call, submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.submitting = submitting
        self.fields["topic"].queryset = call.topics.all()
        self.fields["municipalities"].queryset = member_municipalities(timezone.localdate()).order_by("name")
        for name in (*ABSTRACT_PARTS, "topic"):
            self.fields[name].conditionally_required = REQUIRED_TO_SUBMIT
        self.fields["background"].help_text = _(
            "%(help)s The four parts together may have at most %(limit)s words."
        ) % {"help": self.fields["background"].help_text, "limit": call.abstract_word_limit}
        for name in ABSTRACT_PARTS:
            self.fields[name].widget.attrs["data-word-limit"] = str(call.abstract_word_limit)
        if not call.topics.exists():
            del self.fields["topic"]

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for name in (*ABSTRACT_PARTS, "topic"):
                if name in self.fields and not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, ValidationError(self.fields[name].error_messages["required"], "required"))
            words = self.word_count
            if words > self.call.abstract_word_limit and "background" not in self.errors:
                self.add_error(
                    "background",
                    ValidationError(
                        _("The abstract has %(count)s words; it may have at most %(limit)s (the four parts together).")
                        % {"count": words, "limit": self.call.abstract_word_limit},
                        code="too_many_words",
                    ),
                )
        return cleaned

    @property
    def word_count(self) -> int:
        source = self.cleaned_data if hasattr(self, "cleaned_data") else self.initial
        return count_words(*(source.get(name) or "" for name in ABSTRACT_PARTS))

    def details(self) -> dict:
        data = {name: self.cleaned_data.get(name) or "" for name in ("contact_name", "title", *ABSTRACT_PARTS)}
        data["contact_email"] = self.cleaned_data["contact_email"].lower()
        data["topic"] = self.cleaned_data.get("topic")
        data["consent_to_publish"] = self.cleaned_data.get("consent_to_publish", False)
        return data


class AuthorForm(DesignsystemetFormMixin, forms.Form):
    name = _text(_("Name"), 200, "off")
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    affiliation = forms.ChoiceField(label=_("Affiliation"), required=False)
    affiliation_other = _text(
        _("Other affiliation"), 250, "off", help_text=_("If the institution or municipality is not in the list.")
    )
    is_presenting = forms.BooleanField(label=_("Presents the poster at the conference"), required=False)

    def __init__(self, *args, affiliation_choices=(), submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["affiliation"].choices = affiliation_choices
        self.fields["name"].conditionally_required = REQUIRED_TO_SUBMIT

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(n) for n in ("name", "email", "affiliation", "affiliation_other", "is_presenting"))

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        if not cleaned.get("name") and "name" not in self.errors:
            self.add_error("name", _("Give the author's name, or empty the row."))
        if self.submitting and not cleaned.get("affiliation") and not cleaned.get("affiliation_other"):
            self.add_error("affiliation", _("Choose an institution or municipality, or write the affiliation below."))
        return cleaned

    def author(self) -> AuthorDetails:
        data = self.cleaned_data
        choice = data.get("affiliation") or ""
        kind, _sep, pk = choice.partition("-")
        return AuthorDetails(
            name=data["name"],
            email=(data.get("email") or "").lower(),
            institution=Institution.objects.filter(pk=pk).first() if kind == "i" and pk.isdigit() else None,
            municipality=member_municipalities(timezone.localdate()).filter(pk=pk).first()
            if kind == "m" and pk.isdigit()
            else None,
            affiliation_other="" if choice else data.get("affiliation_other", ""),
            is_presenting=data.get("is_presenting", False),
        )


class BaseAuthorFormSet(forms.BaseFormSet):
    """Ordered author rows; empty rows are ignored; exactly one presenting author to send in."""

    def __init__(self, *args, submitting=True, **kwargs):
        self.submitting = submitting
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        rows = [f for f in self.forms if not f.is_blank()]
        if not self.submitting:
            return
        if not rows:
            raise ValidationError(_("Give at least one author."), code="no_authors")
        presenting = sum(1 for f in rows if f.cleaned_data.get("is_presenting"))
        if presenting == 0:
            raise ValidationError(_("Mark the author who presents the poster."), code="no_presenter")
        if presenting > 1:
            raise ValidationError(
                _("Only one author can present the poster: untick the others."), code="two_presenters"
            )

    def authors(self) -> list[AuthorDetails]:
        return [f.author() for f in self.forms if not f.is_blank()]


AuthorFormSet = forms.formset_factory(
    AuthorForm, formset=BaseAuthorFormSet, extra=0, min_num=1, max_num=MAX_AUTHORS, absolute_max=MAX_AUTHORS
)


def author_formset(data=None, *, initial=None, submitting=True):
    return AuthorFormSet(
        data,
        initial=initial,
        prefix=AUTHOR_PREFIX,
        submitting=submitting,
        form_kwargs={"affiliation_choices": affiliation_choices(), "submitting": submitting},
    )


def _int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def rebuild_author_rows(data, *, add=False, remove=None) -> list[dict]:
    """The author rows as posted, with one row added at the end or row ``remove`` taken out (the
    rows after it move up): the initial data of a fresh formset that keeps what was typed."""
    total = min(max(_int(data.get(f"{AUTHOR_PREFIX}-TOTAL_FORMS"), 1), 1), MAX_AUTHORS)
    fields = ("name", "email", "affiliation", "affiliation_other")
    rows = []
    for i in range(total):
        row = {f: data.get(f"{AUTHOR_PREFIX}-{i}-{f}", "") for f in fields}
        row["is_presenting"] = bool(data.get(f"{AUTHOR_PREFIX}-{i}-is_presenting"))
        rows.append(row)
    if remove is not None and 0 <= remove < len(rows) and len(rows) > 1:
        rows.pop(remove)
    if add and len(rows) < MAX_AUTHORS:
        rows.append({})
    return rows


def combined_error_summary(form, formset) -> list[tuple[str, str]]:
    """The form's errors, then each author row's (named "Author 2: …"), then the rows' shared
    errors (linked to the first "presents" box), in page order, for one error summary."""
    items = error_summary(form)
    for index, author_form in enumerate(formset.forms, start=1):
        for anchor, message in error_summary(author_form):
            items.append((anchor, _("Author %(number)s: %(message)s") % {"number": index, "message": message}))
    if formset.non_form_errors():
        anchor = formset.forms[0]["is_presenting"].id_for_label if formset.forms else ""
        for error in formset.non_form_errors():
            items.append((anchor, str(error)))
    return items


class ResendLinkForm(PublicForm):
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("The address you gave as contact when you submitted."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class FinalPosterForm(PublicForm):
    pdf = PrivatePDFField(label=_("Final poster (PDF)"), max_bytes=FINAL_PDF_MAX_BYTES)

    def __init__(self, *args, max_bytes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if max_bytes:
            self.fields["pdf"] = PrivatePDFField(label=_("Final poster (PDF)"), max_bytes=max_bytes)

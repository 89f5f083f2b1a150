"""Form conventions for every public form: Designsystemet markup, an error summary linked to
the fields, and a honeypot against spam bots."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """Renders ``{{ form }}`` and ``{{ field.as_field_group }}`` with the project's templates."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def summary_anchor(bound_field) -> str:
    """The id the error summary links to: the input itself, or the first option of a radio or
    checkbox group (the group's own id is on a ``<div>``, which cannot take focus)."""
    if bound_field.field.widget.use_fieldset:
        for option in bound_field.subwidgets:
            return option.id_for_label
    return bound_field.id_for_label or bound_field.auto_id


def error_summary(form) -> list[tuple[str, str]]:
    """(anchor, message) pairs for a form's error summary, in the order the fields come in the
    form (not the order the errors were found). Errors that belong to no visible field come first,
    without a link. A field's message names the field unless it is a tick box, whose message says
    what to do on its own (its label is a whole sentence)."""
    items = [("", str(error)) for error in form.non_field_errors()]
    if any(bound_field.errors for bound_field in form.hidden_fields()):
        # Django's "(Hidden field form_token) This field is required." means nothing to people.
        items.append(("", str(_("Part of the form was missing when it was sent. Please check it and send it again."))))
    for bound_field in form.visible_fields():
        for error in bound_field.errors:
            if bound_field.widget_type == "checkbox" or not bound_field.label:
                message = str(error)
            else:
                label = str(bound_field.label).rstrip(" .:?")
                message = _("%(field)s: %(error)s") % {"field": label, "error": error}
            items.append((summary_anchor(bound_field), message))
    return items


def formset_error_summary(formset, row_label, anchor="") -> list[tuple[str, str]]:
    """(anchor, message) pairs for a formset, to list after its form's in one error summary
    (``{% include "includes/error_summary.html" with form=form extra_errors=... %}``).
    ``row_label`` names a row, e.g. "Participant %(number)s"; errors of the formset as a whole
    link to ``anchor`` (the id of the element around the rows)."""
    items = [(anchor, str(error)) for error in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, 1):
        label = row_label % {"number": number}
        items += [(link, f"{label}: {message}") for link, message in error_summary(form)]
    return items


class DesignsystemetFormMixin:
    """Styles widgets with Designsystemet classes. Django ties help texts and error messages to
    their fields (``aria-describedby`` and ``aria-invalid``); ``templates/forms/field.html``
    renders the elements those ids name, and ``error_summary()`` lists the errors in field order."""

    honeypot_field_name = "website_url"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.HiddenInput):
                continue
            # Designsystemet styles inputs, selects, text areas, radios and tick boxes alike
            # through ``ds-input``; one class keeps every tick box looking the same.
            field.widget.attrs.setdefault("class", "ds-input")


class HoneypotMixin:
    """Adds a field that people never see or fill in; bots that fill it are rejected."""

    honeypot_field_name = "website_url"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "honeypot-input"}),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.honeypot_field_name):
            raise ValidationError(_("The form could not be sent. Please try again."), code="honeypot")
        return cleaned


class PublicForm(HoneypotMixin, DesignsystemetFormMixin, forms.Form):
    """Base class for public forms: honeypot, Designsystemet markup and error summary."""


class PublicModelForm(HoneypotMixin, DesignsystemetFormMixin, forms.ModelForm):
    """Base class for public model forms."""

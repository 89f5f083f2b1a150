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


class DesignsystemetFormMixin:
    """Styles widgets with Designsystemet classes and ties error messages to their fields
    (``aria-describedby``), so screen readers read the error together with the field."""

    honeypot_field_name = "website_url"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            css = "ds-checkbox" if isinstance(widget, forms.CheckboxInput) else "ds-input"
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "ds-input"
            widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                field = self[name]
                described = [f"{field.auto_id}_error"]
                if self.fields[name].help_text:
                    described.append(f"{field.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def error_summary(self):
        """(anchor, message) pairs for the error summary at the top of the form."""
        items = []
        for error in self.non_field_errors():
            items.append(("", error))
        for name, errors in self.errors.items():
            if name == "__all__" or name not in self.fields:
                continue
            for error in errors:
                items.append((self[name].auto_id, f"{self[name].label}: {error}"))
        return items


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

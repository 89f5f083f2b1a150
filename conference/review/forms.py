from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.core.forms import PublicForm


class SetPasswordForm(PublicForm):
    """The invited panel member chooses a password; Django's password validators decide what is
    strong enough (length, common passwords, similarity to the name and e-mail)."""

    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Avoid common words and your name."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise ValidationError(_("The two passwords are not the same."), code="password_mismatch")
        if password2:
            try:
                password_validation.validate_password(password2, self.user)
            except ValidationError as exc:
                raise ValidationError([self._translated(error) for error in exc.error_list]) from exc
        return password2

    @staticmethod
    def _translated(error: ValidationError) -> ValidationError:
        # Django 5.2 changed this message, and its bokmål catalogue still has the old wording.
        if error.code == "password_too_short":
            length = error.params["min_length"]
            message = ngettext(
                "The password is too short. It must have at least %(length)d character.",
                "The password is too short. It must have at least %(length)d characters.",
                length,
            ) % {"length": length}
            return ValidationError(message, code=error.code)
        return error

"""The filter form of the governance document index. Unknown or odd values never cause an
error page: they are reported to the visitor, under the filter they belong to, and that filter
is ignored."""

from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from cms.core.forms import DesignsystemetFormMixin
from cms.governance.enums import DocumentKind, DocumentStatus
from cms.network.models import Body


class DocumentFilterForm(DesignsystemetFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    body = forms.ChoiceField(label=_("Body"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["kind"].choices = every + list(DocumentKind.choices)
        self.fields["status"].choices = every + list(DocumentStatus.choices)
        self.fields["body"].choices = every + [(body.slug, body.name) for body in Body.objects.only("slug", "name")]
        years = (
            documents.exclude(effective_date__isnull=True)
            .annotate(year=ExtractYear("effective_date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = every + [(str(year), str(year)) for year in years]

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def apply(self, documents):
        """Filter ``documents`` by the valid fields and return them. A value that cannot be used
        is ignored, and the field's error says so in words (shown under the field and in the
        error summary) instead of Django's "Select a valid choice"."""
        if not self.is_bound:
            return documents
        self.is_valid()
        for name, field in self.fields.items():
            raw = self.data.get(name, "")
            if name in self.errors:
                self.errors[name] = self.error_class(
                    [
                        _("We have no %(filter)s called “%(value)s”; that filter is ignored.")
                        % {"filter": str(field.label).lower(), "value": raw[:40]}
                    ],
                    renderer=self.renderer,
                )
                continue
            value = self.cleaned_data.get(name)
            if not value:
                continue
            if name == "kind":
                documents = documents.filter(kind=value)
            elif name == "status":
                documents = documents.filter(status=value)
            elif name == "body":
                documents = documents.filter(owner_body__slug=value)
            elif name == "year":
                documents = documents.filter(effective_date__year=int(value))
        return documents

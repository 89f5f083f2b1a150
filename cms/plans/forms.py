"""Admin forms of the plans app."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


class PlanPageForm(WagtailAdminPageForm):
    """Refuses to remove a focus area that still has measures (they would be orphaned)."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("focus_areas")
        if formset is not None:
            for form in formset.forms:
                if not form.instance.pk or not form.is_valid() or not formset._should_delete_form(form):
                    continue
                if form.instance.measures.exists():
                    form.add_error(
                        None,
                        _("This focus area still has measures. Move or delete its measures before removing it."),
                    )
                    self.add_error(None, _("A focus area with measures cannot be removed."))
        return cleaned_data


class MeasureForm(WagtailAdminModelForm):
    """Shows each focus area with its plan in the chooser, in one query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "focus_area" in self.fields:
            field = self.fields["focus_area"]
            field.queryset = field.queryset.select_related("plan").order_by("plan__period_start", "sort_order")

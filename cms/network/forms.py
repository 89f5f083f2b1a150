"""Admin forms of the network snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

OVERLAP_MESSAGE = _("This period overlaps another membership period of the same municipality.")


def periods_overlap(first, second) -> bool:
    """Whether two ``(start, end)`` periods share a day; an empty end means still running."""
    (start_a, end_a), (start_b, end_b) = first, second
    return (end_b is None or start_a <= end_b) and (end_a is None or start_b <= end_a)


class MunicipalityForm(WagtailAdminModelForm):
    """Refuses overlapping membership periods. Checked on the submitted rows, not in the
    models: the periods are saved together after the municipality is cleaned, and an editor
    must be able to shorten one period and add the next in one save."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("membership_periods")
        if formset is None:
            return cleaned_data
        kept = [
            form
            for form in formset.forms
            if form.is_valid() and form.cleaned_data.get("start_date") and not form.cleaned_data.get("DELETE")
        ]
        for index, form in enumerate(kept):
            period = (form.cleaned_data["start_date"], form.cleaned_data.get("end_date"))
            for earlier in kept[:index]:
                if periods_overlap(period, (earlier.cleaned_data["start_date"], earlier.cleaned_data.get("end_date"))):
                    form.add_error("start_date", OVERLAP_MESSAGE)
                    break
        return cleaned_data

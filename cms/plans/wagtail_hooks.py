"""Measures in the admin: a "Tiltak" snippet listing filtered by plan, focus area and
responsible party, exportable as CSV, where editors keep each measure's status history."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet

from cms.core.viewsets import ExportingSnippetViewSet
from cms.plans.models import FocusArea, Measure, MeasureStatus, PlanPage


class MeasureFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(label=_("Plan"), queryset=PlanPage.objects.order_by("-period_start"))
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Focus area"), queryset=FocusArea.objects.select_related("plan").order_by("plan", "sort_order")
    )

    class Meta:
        model = Measure
        fields = ["plan", "focus_area", "live"]


class MeasureViewSet(ExportingSnippetViewSet):
    model = Measure
    icon = "list-ol"
    menu_label = _("Measures")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["number", "title", "plan", "responsible", "current_status"]
    list_export = ["plan", "number", "title", "responsible", "cost_estimate", "current_status"]
    export_filename = "tiltak"
    filterset_class = MeasureFilterSet
    search_fields = ["title", "number"]
    ordering = ["plan", "number"]

    def get_queryset(self, request):
        return Measure.objects.select_related("plan").prefetch_related(
            Prefetch("statuses", queryset=MeasureStatus.objects.order_by("date", "pk"))
        )


register_snippet(MeasureViewSet)

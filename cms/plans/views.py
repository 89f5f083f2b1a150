"""The status report of a plan: every measure with the status it had on a chosen date, as a
printable page or as CSV."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.core.exports import Column, csv_response
from cms.network.dates import parse_date_param


def status_report(request, plan):
    today = timezone.localdate()
    date, date_error = parse_date_param(request.GET.get("dato"), default=today)
    areas = plan.focus_areas_with_measures(date)
    if request.GET.get("format") == "csv" and not date_error:
        return status_report_csv(plan, areas, date)
    context = Page.get_context(plan, request)
    context.update(
        {
            "areas": areas,
            "date": date,
            "date_error": date_error,
            "is_today": date == today,
            "csv_query": f"dato={date:%Y-%m-%d}&format=csv",
        }
    )
    return TemplateResponse(request, "plans/status_report.html", context)


def status_report_csv(plan, areas, date) -> HttpResponse:
    """The report as CSV for Norwegian Excel (``cms.core.exports``): one row per measure."""
    columns = [
        Column(_("Focus area"), lambda r: f"{r[0].number} {r[0].title}"),
        Column(_("Number"), lambda r: r[1].measure.number),
        Column(_("Measure"), lambda r: r[1].measure.title),
        Column(_("Responsible"), lambda r: r[1].measure.responsible),
        Column(_("Cost estimate (NOK)"), lambda r: r[1].measure.cost_estimate, kind="number"),
        Column(_("Status"), lambda r: r[1].status_label),
        Column(_("Status date"), lambda r: r[1].entry.date if r[1].entry else None, kind="date"),
        Column(_("Comment"), lambda r: r[1].entry.comment if r[1].entry else ""),
    ]
    rows = [(area, row) for area in areas for row in area.measure_rows]
    return csv_response(f"statusrapport-{plan.slug}-{date:%Y-%m-%d}", columns, rows)

"""The status report of a plan: every measure with the status it had on a chosen date, as a
printable page or as CSV."""

import csv

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statusrapport-{plan.slug}-{date:%Y-%m-%d}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Focus area"),
            _("Number"),
            _("Measure"),
            _("Responsible"),
            _("Cost estimate (NOK)"),
            _("Status"),
            _("Status date"),
            _("Comment"),
        ]
    )
    for area in areas:
        for row in area.measure_rows:
            measure, entry = row.measure, row.entry
            writer.writerow(
                [
                    f"{area.number} {area.title}",
                    measure.number,
                    measure.title,
                    measure.responsible,
                    measure.cost_estimate if measure.cost_estimate is not None else "",
                    row.status_label,
                    entry.date.isoformat() if entry else "",
                    entry.comment if entry else "",
                ]
            )
    return response

"""An inquiry as a record for the municipality's archive (journalføring): a PDF for people and
a JSON file for the archive system, both holding what the researcher sent and the routing's
history. Served only by views that asked ``visibility`` first."""

from __future__ import annotations

import io
import json
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from .models import Inquiry, InquiryRouting


def _local(value):
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def record_data(routing: InquiryRouting) -> dict:
    """The machine-readable record of one routing of an inquiry."""
    inquiry: Inquiry = routing.inquiry
    return {
        "reference": inquiry.reference,
        "submitted_at": timezone.localtime(inquiry.submitted_at).isoformat(),
        "municipality": routing.municipality.name,
        "municipality_number": routing.municipality.number,
        "department": routing.department,
        "status": routing.state,
        "researcher": {
            "name": inquiry.full_name,
            "email": inquiry.email,
            "phone": inquiry.phone,
            "institution": inquiry.institution_name,
            "role": inquiry.role,
            "supervisor": inquiry.supervisor_name,
            "supervisor_email": inquiry.supervisor_email,
        },
        "project": {
            "title": inquiry.title,
            "summary": inquiry.summary,
            "kind": inquiry.kind,
            "method": inquiry.method,
            "participants_needed": inquiry.participants_needed,
            "services_request": inquiry.services_request,
            "services_time": inquiry.services_time,
            "start_date": inquiry.start_date.isoformat(),
            "end_date": inquiry.end_date.isoformat(),
            "sikt": {"status": inquiry.sikt_status, "reference": inquiry.sikt_reference},
            "rek": {"status": inquiry.rek_status, "reference": inquiry.rek_reference},
            "service_areas": list(inquiry.service_areas),
        },
        "attachments": [a.original_name for a in inquiry.attachments.all()],
        "history": [
            {
                "at": timezone.localtime(change.at).isoformat(),
                "from": change.from_state,
                "to": change.to_state,
                "source": change.source,
                "note": change.note,
            }
            for change in routing.history.all()
        ],
    }


def json_response(routing: InquiryRouting) -> HttpResponse:
    body = json.dumps(record_data(routing), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{routing.inquiry.reference}-{routing.municipality.slug}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def record_pdf(routing: InquiryRouting) -> bytes:
    inquiry = routing.inquiry
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    with translation.override("nb"):
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title=inquiry.reference)
        para = lambda text, style="BodyText": Paragraph(escape(str(text)).replace("\n", "<br/>"), styles[style])  # noqa: E731
        rows = [
            (_("Reference"), inquiry.reference),
            (_("Sent"), _local(inquiry.submitted_at)),
            (_("Municipality"), routing.where),
            (_("Status"), routing.get_state_display()),
            (_("Name"), inquiry.full_name),
            (_("E-mail"), inquiry.email),
            (_("Mobile"), inquiry.phone),
            (_("Institution"), inquiry.institution_name),
            (_("Role"), inquiry.get_role_display()),
            (_("Supervisor"), inquiry.supervisor_name),
            (_("Kind of project"), inquiry.get_kind_display()),
            (_("Period"), f"{inquiry.start_date:%d.%m.%Y} – {inquiry.end_date:%d.%m.%Y}"),
            (_("Sikt assessment"), f"{inquiry.get_sikt_status_display()} {inquiry.sikt_reference}".strip()),
            (_("REK approval"), f"{inquiry.get_rek_status_display()} {inquiry.rek_reference}".strip()),
        ]
        story = [
            para(f"{_('Research inquiry')} {inquiry.reference}", "Title"),
            para(inquiry.title, "Heading2"),
            Table([[para(k), para(v)] for k, v in rows], colWidths=[50 * mm, 120 * mm]),
            Spacer(1, 6 * mm),
        ]
        for label, text in (
            (_("Summary"), inquiry.summary),
            (_("Method"), inquiry.method),
            (_("Data or participants needed"), inquiry.participants_needed),
            (_("What is asked of the services"), inquiry.services_request),
            (_("Time asked of the services"), inquiry.services_time),
        ):
            story += [para(label, "Heading3"), para(text)]
        story.append(para(_("History"), "Heading3"))
        for change in routing.history.all():
            story.append(
                para(f"{_local(change.at)}: {change.get_source_display()} – {change.to_label()}. {change.note}")
            )
        doc.build(story)
    return buffer.getvalue()


def pdf_response(routing: InquiryRouting) -> HttpResponse:
    response = HttpResponse(record_pdf(routing), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{routing.inquiry.reference}-{routing.municipality.slug}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response

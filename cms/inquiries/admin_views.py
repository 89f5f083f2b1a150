"""The FoU-contacts' and advisers' views in the Wagtail admin: the list of inquiries, one
inquiry with its answer and forward forms, attachment downloads, the archive record (PDF/JSON),
exports and statistics. Each one asks ``visibility`` what the user may see (404 otherwise) and
changes state only through ``services``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.exports import Column, Export
from cms.core.pagination import paginate
from cms.core.uploads import serve_private_file

from . import records, services, statistics
from .enums import FINAL_STATUSES, Status
from .forms import AnswerForm, ForwardForm
from .models import InquiryAttachment
from .visibility import is_adviser, may_use_portal, routing_or_404, visible_routings


class PortalAccessMixin:
    """Only FoU-contacts and advisers; anyone else gets 404 (nothing to learn)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_use_portal(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class InquiryListView(PortalAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "inquiries/admin/list.html"
    page_title = gettext_lazy("Research inquiries")
    header_icon = "mail"

    def get_queryset(self):
        routings = visible_routings(self.request.user).select_related("inquiry", "municipality")
        state = self.request.GET.get("status", "open")
        if state == "open":
            routings = routings.exclude(state__in=FINAL_STATUSES)
        elif state in Status.values:
            routings = routings.filter(state=state)
        query = self.request.GET.get("q", "").strip()[:100]
        if query:
            # Searches only within what the user may see.
            routings = routings.filter(Q(inquiry__title__icontains=query) | Q(inquiry__last_name__icontains=query))
        return routings.order_by("-inquiry__submitted_at", "municipality__name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj, page_message = paginate(self.request, self.get_queryset(), 25)
        state = self.request.GET.get("status", "open")
        context.update(
            page_obj=page_obj,
            page_message=page_message,
            status=state,
            status_choices=[("open", _("Open")), *Status.choices, ("all", _("All"))],
            query=self.request.GET.get("q", "").strip()[:100],
            query_string=urlencode({"status": state, "q": self.request.GET.get("q", "").strip()[:100]}),
            is_adviser=is_adviser(self.request.user),
        )
        return context


class InquiryDetailView(PortalAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "inquiries/admin/detail.html"
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.routing = None

    def get_page_title(self):
        return str(self.routing.inquiry.reference) if self.routing else _("Research inquiry")

    def get_routing(self):
        self.routing = routing_or_404(self.request.user, self.kwargs["pk"])
        return self.routing

    def get(self, request, *args, **kwargs):
        self.get_routing()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        routing = self.get_routing()
        action = request.POST.get("action")
        answer_form = forward_form = None
        try:
            if action == "answer":
                answer_form = AnswerForm(request.POST, current_state=routing.state)
                if answer_form.is_valid():
                    services.answer(
                        routing.pk,
                        answer_form.cleaned_data["state"],
                        answer_form.cleaned_data["message"],
                        actor=request.user,
                    )
                    messages.success(request, _("The answer has been sent to the researcher."))
                    return redirect("inquiries_admin:detail", routing.pk)
            elif action == "forward":
                forward_form = ForwardForm(request.POST)
                if forward_form.is_valid():
                    data = forward_form.cleaned_data
                    services.forward(
                        routing.pk, data["municipality"], data["department"], data["message"], actor=request.user
                    )
                    messages.success(request, _("The inquiry has been forwarded."))
                    if visible_routings(request.user).filter(pk=routing.pk).exists():
                        return redirect("inquiries_admin:detail", routing.pk)
                    return redirect("inquiries_admin:list")
        except services.InquiryError as exc:
            messages.error(request, str(exc))
            return redirect("inquiries_admin:detail", routing.pk)
        return self.render_to_response(self.get_context_data(answer_form=answer_form, forward_form=forward_form))

    def get_context_data(self, answer_form=None, forward_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        routing = self.routing
        inquiry = routing.inquiry
        is_open = routing.state not in FINAL_STATUSES
        others = inquiry.routings.exclude(pk=routing.pk).select_related("municipality")
        context.update(
            routing=routing,
            inquiry=inquiry,
            attachments=inquiry.attachments.all(),
            history=routing.history.select_related("actor"),
            others=others,
            answer_form=answer_form or (AnswerForm(current_state=routing.state) if is_open else None),
            forward_form=forward_form
            or (ForwardForm(initial={"municipality": routing.municipality}) if is_open else None),
            waited=services.waited_working_days(routing),
        )
        return context


class AttachmentView(PortalAccessMixin, View):
    def get(self, request, pk, attachment_pk):
        routing = routing_or_404(request.user, pk)
        attachment = get_object_or_404(InquiryAttachment, pk=attachment_pk, inquiry_id=routing.inquiry_id)
        return serve_private_file(
            request, attachment.file, filename=attachment.original_name, content_type="application/pdf"
        )


class RecordView(PortalAccessMixin, View):
    """The inquiry for the municipality's archive (journalføring): PDF or JSON."""

    def get(self, request, pk, fmt):
        routing = routing_or_404(request.user, pk)
        if fmt == "pdf":
            return records.pdf_response(routing)
        if fmt == "json":
            return records.json_response(routing)
        raise Http404


def export_columns():
    return [
        Column(_("Reference"), lambda r: r.inquiry.reference),
        Column(_("Sent"), "inquiry.submitted_at", kind="datetime"),
        Column(_("Municipality"), lambda r: r.where),
        Column(_("Status"), lambda r: r.get_state_display()),
        Column(_("Project title"), "inquiry.title"),
        Column(_("Kind"), lambda r: r.inquiry.get_kind_display()),
        Column(_("Role"), lambda r: r.inquiry.get_role_display()),
        Column(_("Institution"), lambda r: r.inquiry.institution_name),
        Column(_("Name"), lambda r: r.inquiry.full_name),
        Column(_("E-mail"), "inquiry.email"),
        Column(_("First answer"), "first_answer_at", kind="datetime"),
        Column(_("Decided"), "decided_at", kind="datetime"),
    ]


class ExportView(PortalAccessMixin, View):
    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        routings = visible_routings(request.user).select_related("inquiry", "inquiry__institution", "municipality")
        return Export(_("Research inquiries"), export_columns(), routings.order_by("-inquiry__submitted_at")).response(
            f"forskningshenvendelser-{timezone.localdate():%Y-%m-%d}", fmt
        )


# The statistics tables' keys are English identifiers; the downloaded files get bokmål names.
STATISTICS_FILE_NAMES = {
    "year": "per-ar",
    "time": "svartid",
    "municipality": "per-kommune",
    "kind": "per-type",
    "role": "per-rolle",
}


class StatisticsView(PortalAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "inquiries/admin/statistics.html"
    page_title = gettext_lazy("Inquiry statistics")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        tables = statistics.tables(visible_routings(request.user))
        if fmt in ("csv", "xlsx"):
            name = request.GET.get("table", "")
            table = next((t for t in tables if t.key == name), None)
            if table is None:
                raise Http404
            name = STATISTICS_FILE_NAMES.get(table.key, table.key)
            return table.export().response(f"statistikk-{name}-{timezone.localdate():%Y-%m-%d}", fmt)
        return self.render_to_response(
            self.get_context_data(tables=tables, export_url=reverse("inquiries_admin:statistics"))
        )

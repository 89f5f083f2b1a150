"""Public pages of the portal: the inquiry form, the receipt, the researcher's status page
(through the private link) with reply, withdrawal, consent and project updates, and the list of
FoU-contacts. Views only read; every change goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from cms.core.tokens import get_by_token_or_404

from . import listings, services
from .enums import Status
from .forms import ConsentForm, InquiryForm, ProjectUpdateForm, ReplyForm, WithdrawForm
from .models import Inquiry, InquiryAttachment, ProjectIndexPage, ProjectPage


def post_rate_limit(rate):
    """django-ratelimit per IP on POST; over the limit the site's 429 page is shown."""
    return ratelimit(key="ip", rate=rate, method="POST", block=True)


def _by_token(token) -> Inquiry:
    return get_by_token_or_404(Inquiry.objects.select_related("institution"), "token", token)


@never_cache
# Generous: students of one class may send from one university IP; it still stops floods.
@post_rate_limit("20/h")
def inquiry_form(request):
    if request.method == "POST":
        form = InquiryForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            attachments = [
                (InquiryAttachment.Kind.DESCRIPTION, data.get("project_description")),
                (InquiryAttachment.Kind.APPROVAL, data.get("approval")),
            ]
            try:
                result = services.submit_inquiry(data, attachments=attachments)
            except services.InquiryError as exc:
                form.add_error("municipalities", str(exc))
            else:
                return redirect("inquiries:receipt", result.inquiry.token)
    else:
        form = InquiryForm()
    return render(
        request, "inquiries/inquiry_form.html", {"form": form, "registry": ProjectIndexPage.objects.live().first()}
    )


@never_cache
def receipt(request, token):
    inquiry = _by_token(token)
    return render(
        request,
        "inquiries/receipt.html",
        {"inquiry": inquiry, "routings": inquiry.routings.select_related("municipality")},
    )


def _status_context(inquiry, **forms):
    routings = list(
        inquiry.routings.select_related("municipality").prefetch_related("history").order_by("municipality__name")
    )
    waiting = [r for r in routings if r.state == Status.NEEDS_INFO]
    project = ProjectPage.objects.filter(inquiry=inquiry).first()
    is_accepted = any(r.state == Status.ACCEPTED for r in routings)
    is_open = any(r.state in (Status.RECEIVED, Status.ASSESSING, Status.NEEDS_INFO) for r in routings)
    context = {
        "inquiry": inquiry,
        "routings": routings,
        "attachments": inquiry.attachments.all(),
        "reply_form": forms.get("reply_form") or (ReplyForm(routings=waiting, auto_id="reply-%s") if waiting else None),
        "withdraw_form": forms.get("withdraw_form") or (WithdrawForm(auto_id="withdraw-%s") if is_open else None),
        "project": project,
        "consent_form": forms.get("consent_form")
        or (ConsentForm(auto_id="consent-%s") if is_accepted and project is None else None),
        "project_form": None,
    }
    if project is not None:
        latest = project.get_latest_revision_as_object()
        context["project_pending"] = project.has_unpublished_changes
        context["project_form"] = forms.get("project_form") or ProjectUpdateForm(
            auto_id="project-%s",
            initial={
                "description": latest.description,
                "project_status": latest.project_status,
                "end_date": latest.end_date,
                "results": latest.results,
                "publications": latest.publications,
            },
        )
    return context


@never_cache
@post_rate_limit("30/m")
def status(request, token):
    """The researcher's page: every municipality's status and answers, and what to do next."""
    inquiry = _by_token(token)
    forms = {}
    if request.method == "POST":
        action = request.POST.get("action")
        routings = list(inquiry.routings.filter(state=Status.NEEDS_INFO).select_related("municipality"))
        try:
            if action == "reply" and routings:
                form = ReplyForm(request.POST, routings=routings, auto_id="reply-%s")
                if form.is_valid():
                    services.researcher_reply(inquiry, form.cleaned_data["routing"], form.cleaned_data["message"])
                    messages.success(request, _("Your answer has been sent."))
                    return redirect("inquiries:status", token)
                forms["reply_form"] = form
            elif action == "withdraw":
                form = WithdrawForm(request.POST, auto_id="withdraw-%s")
                if form.is_valid():
                    services.withdraw(inquiry)
                    messages.success(request, _("The inquiry has been withdrawn."))
                    return redirect("inquiries:status", token)
                forms["withdraw_form"] = form
            elif action == "consent":
                form = ConsentForm(request.POST, auto_id="consent-%s")
                if form.is_valid():
                    services.consent_to_publish(inquiry)
                    messages.success(
                        request,
                        _("Thank you. The secretariat checks the project before it is published in the registry."),
                    )
                    return redirect("inquiries:status", token)
                forms["consent_form"] = form
            elif action == "project":
                project = ProjectPage.objects.filter(inquiry=inquiry).first()
                form = ProjectUpdateForm(request.POST, auto_id="project-%s")
                if project is not None and form.is_valid():
                    services.propose_project_update(project, form.cleaned_data)
                    messages.success(
                        request,
                        _("Your changes have been saved. They are published when the secretariat has approved them."),
                    )
                    return redirect("inquiries:status", token)
                forms["project_form"] = form
            else:
                return redirect("inquiries:status", token)
        except services.InquiryError as exc:
            messages.error(request, str(exc))
            return redirect("inquiries:status", token)
    context = _status_context(inquiry, **forms)
    return render(request, "inquiries/status.html", context)


def fou_contacts(request):
    """Every member municipality's FoU-contact(s): name, role and department; e-mail only where
    the contact has agreed to publish it."""
    return render(request, "inquiries/fou_contacts.html", listings.fou_contacts_context())

"""The public poster pages, served as routes of ``PosterCallPage``: the submission form, the
private status page (the token link) with edit, withdraw and final upload, and "send me my
link again". Views only read; every change goes through ``services``.

A private page answers 404 for a wrong or tampered token (``get_by_token_or_404``) and is never
cached (``never_cache``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from cms.core.tokens import get_by_token_or_404

from . import services
from .enums import DECISION_STATES, SubmissionState
from .forms import (
    AUTHOR_PREFIX,
    FinalPosterForm,
    ResendLinkForm,
    SubmissionForm,
    author_formset,
    combined_error_summary,
    rebuild_author_rows,
)
from .models import PosterSubmission

State = SubmissionState

# Per IP, on POST only. Generous for the form (a municipality's staff may share one address),
# tight for "send my link again" (it sends e-mail). Over the limit: the designed 429 page.
FORM_RATE = "30/m"
LINK_RATE = "5/m"


def _post_rate_limit(rate):
    return ratelimit(key="ip", rate=rate, method="POST", block=True)


def _private(view):
    """Personal pages: never stored by any cache."""

    def wrapper(*args, **kwargs):
        response = view(*args, **kwargs)
        add_never_cache_headers(response)
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _by_token(call, token) -> PosterSubmission:
    queryset = PosterSubmission.objects.filter(call=call).select_related("call", "topic")
    return get_by_token_or_404(queryset, "token", token)


def _url(call, name, **kwargs) -> str:
    # ``call.url`` is None in the admin preview of a page not yet published.
    return (call.url or "") + call.reverse_subpage(name, kwargs=kwargs or None)


def _render(request, call, template, context, status=200):
    return TemplateResponse(request, template, {"page": call, "call": call, **context}, status=status)


def call_state(call, now=None) -> dict:
    now = now or timezone.now()
    return {"is_open": call.is_open(now), "not_yet": now < call.opens_at, "closed": now >= call.closes_at}


def call_context(request, call) -> dict:
    """Extra context of the call page itself (its index route)."""
    return {
        "state": call_state(call),
        "topics": list(call.topics.all()),
        "link_form": ResendLinkForm(),
        "submit_url": _url(call, "submit"),
        "resend_url": _url(call, "resend_link"),
    }


def _closed(request, call, status):
    return _render(request, call, "posters/closed.html", {"state": call_state(call)}, status=status)


def _initial_from_post(data) -> dict:
    initial = {name: data.get(name, "") for name in SubmissionForm.base_fields if name != "municipalities"}
    initial["municipalities"] = data.getlist("municipalities")
    initial["consent_to_publish"] = bool(data.get("consent_to_publish"))
    return initial


def _initial_from_submission(submission) -> tuple[dict, list[dict]]:
    initial = {name: getattr(submission, name) for name in services.DETAIL_FIELDS}
    initial["topic"] = submission.topic_id
    initial["municipalities"] = [m.pk for m in submission.municipalities.all()]
    initial["consent_to_publish"] = submission.consent_to_publish
    rows = []
    for author in submission.authors.all():
        if author.institution_id:
            affiliation = f"i-{author.institution_id}"
        elif author.municipality_id:
            affiliation = f"m-{author.municipality_id}"
        else:
            affiliation = ""
        rows.append(
            {
                "name": author.name,
                "email": author.email,
                "affiliation": affiliation,
                "affiliation_other": author.affiliation_other,
                "is_presenting": author.is_presenting,
            }
        )
    return initial, rows


def _form_page(request, call, submission=None):
    """The submission form for a new submission or an editable one. Buttons (``action``):
    "draft", "submit", "add_author", "remove_author:<n>"."""
    now = timezone.now()
    if not call.is_open(now):
        if submission is not None:
            return redirect(_url(call, "submission", token=submission.token))
        return _closed(request, call, 403 if request.method == "POST" else 200)
    was_submitted = submission is not None and submission.state == services.State.SUBMITTED
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ("submit", "add_author") and not action.startswith("remove_author:"):
        action = "draft"
    if was_submitted and action == "draft":
        action = "submit"  # a poster already sent in cannot go back to being a draft
    if action in ("draft", "submit"):
        submitting = action == "submit"
        form = SubmissionForm(request.POST, call=call, submitting=submitting)
        formset = author_formset(request.POST, submitting=submitting)
        if form.is_valid() and formset.is_valid():
            try:
                saved = services.save_submission(
                    call,
                    form.details(),
                    formset.authors(),
                    municipalities=form.cleaned_data.get("municipalities") or [],
                    submit=submitting,
                    submission=submission,
                    now=now,
                )
            except services.CallClosed:
                return _closed(request, call, 403)
            except services.SubmissionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                if submitting and not was_submitted:
                    messages.success(
                        request, _("Thank you! Your poster has been submitted. We have sent a receipt by e-mail.")
                    )
                elif submitting:
                    messages.success(request, _("Your changes have been saved."))
                else:
                    messages.success(
                        request, _("The draft is saved. Keep the link to this page: we have sent it to you by e-mail.")
                    )
                return redirect(_url(call, "submission", token=saved.token))
    elif action == "add_author" or action.startswith("remove_author:"):
        remove = action.partition(":")[2]
        rows = rebuild_author_rows(
            request.POST, add=action == "add_author", remove=int(remove) if remove.isdigit() else None
        )
        form = SubmissionForm(initial=_initial_from_post(request.POST), call=call)
        formset = author_formset(initial=rows)
    elif submission is not None:
        initial, rows = _initial_from_submission(submission)
        form = SubmissionForm(initial=initial, call=call)
        formset = author_formset(initial=rows or None)
    else:
        form = SubmissionForm(call=call)
        formset = author_formset()
    errors = combined_error_summary(form, formset) if form.is_bound else []
    context = {
        "form": form,
        "formset": formset,
        "errors": errors,
        "submission": submission,
        "was_submitted": was_submitted,
        "state": call_state(call, now),
        "author_prefix": AUTHOR_PREFIX,
        "action_url": _url(call, "edit", token=submission.token) if submission else _url(call, "submit"),
    }
    return _render(request, call, "posters/submit.html", context)


@_private
@_post_rate_limit(FORM_RATE)
def submit(request, call):
    return _form_page(request, call)


@_private
@_post_rate_limit(FORM_RATE)
def edit(request, call, token):
    submission = _by_token(call, token)
    if not submission.can_edit():
        return redirect(_url(call, "submission", token=token))
    return _form_page(request, call, submission)


def author_state(submission) -> str:
    """The state as the authors may know it: a decision only once its e-mail has gone out."""
    if submission.state in DECISION_STATES and not submission.decision_is_public_to_author:
        return _("Submitted – under review")
    return submission.get_state_display()


def history_lines(submission) -> list[tuple]:
    """The history in plain words for the authors (decisions only once sent)."""
    lines = []
    for change in submission.history.all():
        if change.to_state in DECISION_STATES and not submission.decision_is_public_to_author:
            continue
        if change.from_state == change.to_state:
            text = _(change.note or services.NOTE_CHANGED)
        elif change.to_state == State.DRAFT:
            text = _("The draft was saved for the first time.")
        elif change.to_state == State.SUBMITTED:
            text = _("The poster was sent in.")
        elif change.to_state == State.WITHDRAWN:
            text = _("The submission was withdrawn.")
        else:
            text = _("Decision: %(state)s.") % {"state": State(change.to_state).label}
        lines.append((change.at, text))
    return lines


@_private
def submission(request, call, token):
    submission = _by_token(call, token)
    authors = list(submission.authors.select_related("institution", "municipality"))
    context = {
        "submission": submission,
        "authors": authors,
        "municipalities": list(submission.municipalities.all()),
        "history": history_lines(submission),
        "author_state": author_state(submission),
        "can_edit": submission.can_edit(),
        "can_upload_final": submission.can_upload_final(),
        "decision_visible": submission.decision_is_public_to_author,
        "state": call_state(call),
    }
    return _render(request, call, "posters/submission.html", context)


@_private
@_post_rate_limit("10/m")
def withdraw(request, call, token):
    submission = _by_token(call, token)
    if not submission.can_edit():
        return redirect(_url(call, "submission", token=token))
    if request.method == "POST":
        try:
            services.withdraw(submission)
        except services.SubmissionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The submission has been withdrawn."))
        return redirect(_url(call, "submission", token=token))
    return _render(request, call, "posters/withdraw.html", {"submission": submission})


@_private
@_post_rate_limit("10/m")
def upload_final(request, call, token):
    submission = _by_token(call, token)
    if not submission.is_accepted or not submission.decision_is_public_to_author:
        raise Http404("Not accepted.")
    error = None
    if not submission.can_upload_final():
        error = str(services.FinalUploadClosed(submission))
        form = None
    elif request.method == "POST":
        form = FinalPosterForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.upload_final(submission, form.cleaned_data["pdf"])
            except services.SubmissionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Thank you! We have received the final poster."))
                return redirect(_url(call, "submission", token=token))
    else:
        form = FinalPosterForm()
    status = 403 if error and request.method == "POST" else 200
    return _render(
        request, call, "posters/final.html", {"submission": submission, "form": form, "error": error}, status
    )


@_private
@_post_rate_limit(LINK_RATE)
@ratelimit(key="post:email", rate="5/h", method="POST", block=True)
def resend_link(request, call):
    """Same answer whether or not the address has a submission, so nobody can find out who
    submitted; at most one e-mail per submission an hour (``services.resend_links``)."""
    if request.method != "POST":
        return redirect(call.url)
    form = ResendLinkForm(request.POST)
    if form.is_valid():
        services.resend_links(call, form.cleaned_data["email"])
        messages.success(
            request,
            _(
                "If %(email)s has a submission to this call, we have sent the link to it. Check the inbox (and the spam folder)."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect(call.url + "#send-lenke")
    context = call.get_context(request)
    context["link_form"] = form
    return TemplateResponse(request, call.get_template(request), context, status=400)

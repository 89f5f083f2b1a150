"""Public award pages: the nomination form (no account), the nominator's private page (see and
edit until nominations close), the nominee's private page (see, decline), and the attachment
downloads: the nominator's own through the private link, the jury's through the review engine's
visibility rule. Views only read; every change goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from cms.core.tokens import get_by_token_or_404
from cms.core.uploads import serve_private_file
from conference.review.visibility import require_content

from . import services
from .enums import NominationState
from .forms import DeclineForm, NominationForm
from .models import AwardRound, Nomination, NominationAttachment


def post_rate_limit(rate):
    """Per IP on POST; over the limit the site's 429 page (RatelimitMiddleware)."""
    return ratelimit(key="ip", rate=rate, method="POST", block=True)


def _round(year) -> AwardRound:
    award_round = services.round_for_year(year)
    if award_round is None:
        raise Http404("No award round")
    return award_round


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@post_rate_limit("10/m")
def nominate(request, year):
    award_round = _round(year)
    if not award_round.nominations_are_open():
        status = 403 if request.method == "POST" else 200
        return render(request, "award/closed.html", {"award_round": award_round}, status=status)
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, award_round=award_round)
        if form.is_valid():
            try:
                nomination = services.submit_nomination(
                    award_round, form.nomination_data(), form.cleaned_data["attachments"]
                )
            except services.AwardError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Thank you! The nomination is received. We have sent a receipt with a link to it by e-mail."),
                )
                return redirect("award:manage", nomination.token)
    else:
        form = NominationForm(award_round=award_round)
    return render(request, "award/nominate.html", {"award_round": award_round, "form": form})


def _nomination(token, field="token") -> Nomination:
    return get_by_token_or_404(
        Nomination.objects.select_related(
            "award_round__edition", "nominator_institution", "nominator_municipality"
        ).prefetch_related("attachments"),
        field,
        token,
    )


@never_cache
@post_rate_limit("20/m")
def manage(request, token):
    """The nominator's page: the nomination as sent, and the form to change it until the deadline."""
    nomination = _nomination(token)
    form = None
    if nomination.can_edit():
        if request.method == "POST":
            form = NominationForm(
                request.POST, request.FILES, award_round=nomination.award_round, nomination=nomination
            )
            if form.is_valid():
                try:
                    services.update_nomination(
                        nomination,
                        form.nomination_data(),
                        form.cleaned_data["attachments"],
                        form.removed_attachments(),
                    )
                except services.AwardError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("Your changes are saved."))
                    return redirect("award:manage", nomination.token)
        else:
            form = NominationForm(award_round=nomination.award_round, nomination=nomination)
    elif request.method == "POST":
        return _private(render(request, "award/manage.html", {"nomination": nomination, "form": None}, status=403))
    return _private(render(request, "award/manage.html", {"nomination": nomination, "form": form}))


@never_cache
def manage_attachment(request, token, pk):
    nomination = _nomination(token)
    attachment = get_object_or_404(NominationAttachment, pk=pk, nomination=nomination)
    return serve_private_file(request, attachment.file, filename=attachment.original_name)


@never_cache
@post_rate_limit("20/m")
def nominee(request, token):
    """The nominee's page: what was sent about them, and the choice to decline."""
    nomination = _nomination(token, "nominee_token")
    if nomination.nominee_told_at is None:
        raise Http404("Not told yet")
    form = None
    if nomination.state == NominationState.SUBMITTED:
        form = DeclineForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.decline_nomination(nomination, form.cleaned_data["reason"])
            except services.AwardError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("You have declined the nomination. It has been withdrawn."))
                return redirect("award:nominee", nomination.nominee_token)
    return _private(render(request, "award/nominee.html", {"nomination": nomination, "form": form}))


@never_cache
@login_required
def jury_attachment(request, pk):
    """A supporting PDF for the jury: only for someone who may open the candidate's content
    (a recused juror, another round's juror and an outsider get 404)."""
    attachment = get_object_or_404(
        NominationAttachment.objects.select_related("nomination__candidate"),
        pk=pk,
        nomination__state=NominationState.SUBMITTED,
        nomination__candidate__isnull=False,
    )
    require_content(request.user, attachment.nomination.candidate, now=timezone.now())
    return serve_private_file(request, attachment.file, filename=attachment.original_name)

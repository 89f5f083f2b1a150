"""The organisers' poster tools in the Wagtail admin: the ranked table of a call with the
decisions, the preview of the decision e-mails, the batch that sends them, board numbers, the
committee's poster prize and the printable QR codes for the poster boards.

Every view needs ``posters.manage_posters``. They read freely and change submissions only
through ``decisions``."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.outbox import absolute_url
from conference.review import services as review_services

from . import decisions, votes
from .admin_forms import BoardNumbersForm, DecisionForm, PreviewForm, ProjectLinkForm
from .enums import ACCEPTED_STATES, DECISION_STATES, PrizeMode
from .models import PosterCallPage, PosterSubmission

MANAGE_PERMISSION = "posters.manage_posters"


class PosterAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_PERMISSION):
            raise PermissionDenied
        if "call_pk" in kwargs:
            self.call = get_object_or_404(PosterCallPage, pk=kwargs["call_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        call = getattr(self, "call", None)
        return str(call.get_parent().title) if call else ""

    def get_breadcrumbs_items(self):
        items = [*super().get_breadcrumbs_items(), {"url": reverse("posters_admin:index"), "label": _("Posters")}]
        call = getattr(self, "call", None)
        if call is not None:
            items.append({"url": reverse("posters_admin:call", args=[call.pk]), "label": str(call.get_parent().title)})
        return [*items, {"url": "", "label": self.get_page_title()}]

    def call_url(self):
        return reverse("posters_admin:call", args=[self.call.pk])


class CallIndexView(PosterAdminMixin, TemplateView):
    template_name = "posters/admin/index.html"
    page_title = gettext_lazy("Poster decisions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calls"] = PosterCallPage.objects.all().order_by("-opens_at")
        return context


class CallView(PosterAdminMixin, TemplateView):
    """The ranked table of a call: every submission under review with its score and state."""

    template_name = "posters/admin/call.html"
    page_title = gettext_lazy("Ranking and decisions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submissions = list(
            PosterSubmission.objects.under_review()
            .filter(call=self.call)
            .select_related("topic", "review_round")
            .order_by("pk")
        )
        rows = []
        by_round: dict[int, list] = {}
        for submission in submissions:
            by_round.setdefault(submission.review_round_id, []).append(submission)
        for items in by_round.values():
            rows.extend(review_services.ranking(items[0].review_round, items))
        rows.sort(key=lambda r: (r.mean is None, -(r.mean or 0)))
        published = set(PosterSubmission.objects.published().filter(call=self.call).values_list("pk", flat=True))
        for row in rows:
            row.item.is_published = row.item.pk in published
        context.update(
            call=self.call,
            rows=rows,
            pending=decisions.pending_decisions(self.call).count(),
            preview_form=PreviewForm(submissions=submissions, initial={"kind": "accepted"}),
            results=votes.results(self.call),
            is_committee=self.call.prize_mode == PrizeMode.COMMITTEE,
        )
        return context


class DecideView(PosterAdminMixin, TemplateView):
    template_name = "posters/admin/decide.html"
    page_title = gettext_lazy("Decide")

    def get_submission(self):
        return get_object_or_404(
            PosterSubmission.objects.under_review().select_related("topic"), call=self.call, pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = kwargs.get("submission") or self.get_submission()
        initial = {"note": submission.decision_note}
        if submission.state in DECISION_STATES:
            initial["decision"] = submission.state
        context.update(
            call=self.call,
            submission=submission,
            form=kwargs.get("form") or DecisionForm(initial=initial),
        )
        return context

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decisions.decide(
                    submission, form.cleaned_data["decision"], note=form.cleaned_data["note"], actor=request.user
                )
            except decisions.DecisionError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Decision saved for “%(title)s”. It is sent with the next batch.") % {"title": submission.title},
                )
                return redirect(self.call_url())
        return self.render_to_response(self.get_context_data(submission=submission, form=form))


class PreviewView(PosterAdminMixin, TemplateView):
    """The decision e-mail of one kind, rendered for a chosen submission (nothing is saved)."""

    template_name = "posters/admin/preview.html"
    page_title = gettext_lazy("Preview of the decision e-mail")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submissions = list(PosterSubmission.objects.under_review().filter(call=self.call).order_by("title"))
        form = PreviewForm(self.request.GET or None, submissions=submissions)
        message = None
        if form.is_bound and form.is_valid():
            submission = next(s for s in submissions if s.pk == form.cleaned_data["submission"])
            message = decisions.preview_decision(submission, form.cleaned_data["kind"])
        context.update(call=self.call, form=form, message=message)
        return context


class SendView(PosterAdminMixin, View):
    """Send every pending decision of the call in one batch (POST only; a repeat sends nothing)."""

    def post(self, request, call_pk):
        sent = decisions.send_decisions(self.call, actor=request.user)
        if sent:
            messages.success(
                request,
                ngettext("%(count)s decision e-mail sent.", "%(count)s decision e-mails sent.", sent) % {"count": sent},
            )
        else:
            messages.info(request, _("There were no unsent decisions."))
        return redirect(self.call_url())


class ProjectLinkView(PosterAdminMixin, TemplateView):
    """Link a poster under review to the project it presents in the registry."""

    template_name = "posters/admin/project_link.html"
    page_title = gettext_lazy("Project in the registry")

    def get_submission(self):
        return get_object_or_404(PosterSubmission.objects.under_review(), call=self.call, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = kwargs.get("submission") or self.get_submission()
        form = kwargs.get("form") or ProjectLinkForm(initial={"project": submission.registry_project_id})
        context.update(call=self.call, submission=submission, form=form)
        return context

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        form = ProjectLinkForm(request.POST)
        if form.is_valid():
            try:
                decisions.set_project(submission, form.cleaned_data["project"], actor=request.user)
            except decisions.DecisionError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The project link of “%(title)s” is saved.") % {"title": submission.title})
                return redirect(self.call_url())
        return self.render_to_response(self.get_context_data(submission=submission, form=form))


class BoardNumbersView(PosterAdminMixin, TemplateView):
    template_name = "posters/admin/board_numbers.html"
    page_title = gettext_lazy("Board numbers")

    def accepted(self):
        return list(
            PosterSubmission.objects.filter(call=self.call, state__in=ACCEPTED_STATES)
            .select_related("topic")
            .order_by("board_number", "title")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(call=self.call, form=kwargs.get("form") or BoardNumbersForm(submissions=self.accepted()))
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "auto":
            count = decisions.assign_board_numbers(self.call, actor=request.user)
            messages.success(
                request,
                ngettext("%(count)s poster got a board number.", "%(count)s posters got a board number.", count)
                % {"count": count},
            )
            return redirect(reverse("posters_admin:board_numbers", args=[self.call.pk]))
        form = BoardNumbersForm(request.POST, submissions=self.accepted())
        if form.is_valid():
            try:
                count = decisions.set_board_numbers(self.call, form.numbers(), actor=request.user)
            except decisions.DecisionError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Board numbers saved (%(count)s changed).") % {"count": count})
                return redirect(reverse("posters_admin:board_numbers", args=[self.call.pk]))
        return self.render_to_response(self.get_context_data(form=form))


class PrizeView(PosterAdminMixin, View):
    """The committee marks (or unmarks) a published poster as the poster prize winner."""

    def post(self, request, call_pk, pk):
        submission = get_object_or_404(PosterSubmission, call=self.call, pk=pk)
        try:
            decisions.set_prize_winner(submission, request.POST.get("winner") == "1", actor=request.user)
        except decisions.DecisionError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The poster prize has been updated."))
        return redirect(self.call_url())


def qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=20, border=2)
    # Decorative for screen readers: the page prints the same link under the code.
    return image.to_string(encoding="unicode").replace("<svg ", '<svg class="kk-qr" aria-hidden="true" ', 1)


class QRCodesView(PosterAdminMixin, TemplateView):
    """One printable A4 page per poster board with a QR code to vote for that poster."""

    template_name = "posters/admin/qr_codes.html"
    page_title = gettext_lazy("QR codes for the poster boards")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        boards = []
        if self.call.url:
            for poster in self.call.published_posters():
                if poster.board_number:
                    url = absolute_url(
                        self.call.url + self.call.reverse_subpage("board_vote", kwargs={"board": poster.board_number})
                    )
                    boards.append({"poster": poster, "url": url, "svg": qr_svg(url)})
        context.update(call=self.call, boards=boards, is_vote=self.call.prize_mode == PrizeMode.VOTE)
        return context

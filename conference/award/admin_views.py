"""The jury's and organisers' award pages in the admin: an overview of the user's rounds, the
chair's decision page (with the engine's ranking), each participating juror's confirmation, and
the organisers' merging of candidates. Each view checks its own right to the object and
answers 404 for the wrong person; changes go through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from conference.review import services as review_services
from conference.review.models import PanelMember
from conference.review.registry import items_of
from conference.review.visibility import MANAGE_PERMISSION

from . import services
from .forms import DecisionForm, MergeForm
from .models import AwardRound, Candidate, Decision, Nomination


def _is_organiser(user) -> bool:
    return user.has_perm(MANAGE_PERMISSION)


class AwardAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "pick"

    def get_round(self) -> AwardRound:
        return get_object_or_404(AwardRound.objects.select_related("edition", "review_round"), pk=self.kwargs["pk"])


class JuryHomeView(AwardAdminView):
    """Every award round the user is on the jury of (all of them for organisers)."""

    template_name = "award/admin/home.html"
    page_title = gettext_lazy("Award jury")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rounds = AwardRound.objects.select_related("edition", "review_round").order_by("-edition__year")
        if not _is_organiser(user):
            rounds = rounds.filter(review_round__panel__user=user)
        rows = []
        for award_round in rounds:
            decision = Decision.objects.filter(award_round=award_round).first()
            rows.append(
                {
                    "round": award_round,
                    "may_decide": services.may_decide(user, award_round),
                    "decision": decision,
                    "must_confirm": decision is not None
                    and decision.participants.filter(user=user).exists()
                    and not decision.confirmations.filter(member__user=user).exists(),
                }
            )
        context.update(rows=rows, is_organiser=_is_organiser(user))
        return context


class DecisionView(AwardAdminView):
    """The chair records the decision; organisers may too. Anyone else: 404."""

    template_name = "award/admin/decision.html"
    page_title = gettext_lazy("Jury decision")

    def dispatch(self, request, *args, **kwargs):
        self.award_round = self.get_round()
        if not services.may_decide(request.user, self.award_round):
            raise Http404("No such round")
        return super().dispatch(request, *args, **kwargs)

    def candidates(self):
        items = items_of(self.award_round.review_round) if self.award_round.review_round_id else None
        return items if items is not None else Candidate.objects.none()

    def get_form(self):
        decision = Decision.objects.filter(award_round=self.award_round).first()
        initial = {}
        if decision is not None:
            initial = {
                "winners": list(decision.winners.all()),
                "justification": decision.justification,
                "method": decision.method,
                "votes_note": decision.votes_note,
                "participants": list(decision.participants.all()),
            }
        return DecisionForm(
            self.request.POST or None,
            award_round=self.award_round,
            candidates=Candidate.objects.filter(pk__in=self.candidates().values("pk")),
            initial=initial,
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                services.record_decision(
                    self.award_round,
                    winners=form.cleaned_data["winners"],
                    justification=form.cleaned_data["justification"],
                    method=form.cleaned_data["method"],
                    votes_note=form.cleaned_data["votes_note"],
                    participants=form.cleaned_data["participants"],
                    actor=request.user,
                )
            except services.AwardError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The decision is recorded. Each juror who took part must now confirm it."))
                return redirect("award_admin:decision", self.award_round.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review_round = self.award_round.review_round
        ranked = review_services.ranking(review_round, self.candidates()) if review_round else []
        decision = Decision.objects.filter(award_round=self.award_round).first()
        context.update(
            award_round=self.award_round,
            ranking=ranked,
            form=kwargs.get("form") or self.get_form(),
            decision=decision,
            confirmations=({c.member_id: c for c in decision.confirmations.all()} if decision is not None else {}),
            participants=list(decision.participants.select_related("user")) if decision else [],
        )
        return context


class ConfirmView(AwardAdminView):
    """A juror who took part confirms the decision as recorded. Anyone else: 404."""

    template_name = "award/admin/confirm.html"
    page_title = gettext_lazy("Confirm the jury's decision")

    def dispatch(self, request, *args, **kwargs):
        self.award_round = self.get_round()
        self.decision = Decision.objects.filter(award_round=self.award_round).first()
        if self.decision is None or not self.decision.participants.filter(user=request.user).exists():
            raise Http404("No decision to confirm")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.confirm_decision(self.decision, request.user)
        except services.AwardError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you. Your confirmation is recorded."))
        return redirect("award_admin:confirm", self.award_round.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            award_round=self.award_round,
            decision=self.decision,
            confirmed=self.decision.confirmations.filter(member__user=self.request.user).first(),
        )
        return context


class CandidatesView(AwardAdminView):
    """Organisers merge nominations of the same nominee into one candidate, or split one off."""

    template_name = "award/admin/candidates.html"
    page_title = gettext_lazy("Candidates")

    def dispatch(self, request, *args, **kwargs):
        if not _is_organiser(request.user):
            raise Http404("No such round")
        self.award_round = self.get_round()
        return super().dispatch(request, *args, **kwargs)

    def candidates(self):
        return Candidate.objects.filter(award_round=self.award_round).prefetch_related("nominations")

    def post(self, request, *args, **kwargs):
        if "split" in request.POST:
            nomination = get_object_or_404(Nomination, pk=request.POST.get("split"), award_round=self.award_round)
            services.split_nomination(nomination, actor=request.user)
            messages.success(request, _("The nomination is now a candidate of its own."))
            return redirect("award_admin:candidates", self.award_round.pk)
        form = MergeForm(request.POST, candidates=self.candidates())
        if form.is_valid():
            try:
                services.merge_candidates(form.cleaned_data["source"], form.cleaned_data["target"], actor=request.user)
            except services.AwardError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The candidates are merged. The jury declares conflicts again."))
                return redirect("award_admin:candidates", self.award_round.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            award_round=self.award_round,
            candidates=self.candidates(),
            form=kwargs.get("form") or MergeForm(candidates=self.candidates()),
        )
        return context


def user_is_on_an_award_jury(user) -> bool:
    return PanelMember.objects.filter(Q(round__award_round__isnull=False), user=user).exists()

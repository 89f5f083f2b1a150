"""The engine's pages in the Wagtail admin, the same for every feature (posters, the award):
a panel member's rounds, a round's items with the conflict declaration, an item with its score
form, and for the chair and organisers the ranking, progress, logs, exports and the panel.

Who may open what:

- every page of a round answers 404 to someone who is neither on its panel nor an organiser
  (``review.manage_round``), exactly as for a round that does not exist;
- an item's page, its score form and everything showing its content go through
  ``visibility.require_content`` (404 before declaring, when recused, or for an outsider);
- the ranking, progress, declaration log and the ranking export are for the chair and the
  organisers; the rows come from ``visibility.what_may_see_many``, so a chair sees (and
  exports) an item's place only after submitting their own review of it, and never one they
  declared a conflict for;
- the full audit trail and the panel management are for organisers.

Every change goes through ``services``; a refusal (``ReviewError``) is shown as a form error.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.exports import Column, Export
from cms.core.pagination import paginate
from cms.core.text import slugify_nb

from . import registry, reports, services, visibility
from .admin_forms import AddMemberForm, ChairForm, DeclarationForm, DeclareManyForm, InviteForm, ScoreForm
from .models import ConflictDeclaration, PanelMember, ReviewLogEntry, Round, Score

LOG_PER_PAGE = 50


def is_organiser(user) -> bool:
    return user.has_perm(visibility.MANAGE_PERMISSION)


def rounds_for(user):
    """The rounds a user works on: every round for organisers, their panels' for members."""
    rounds = Round.objects.select_related("edition").prefetch_related("panel")
    if is_organiser(user):
        return rounds
    return rounds.filter(panel__user=user, panel__user__is_active=True).distinct()


class ReviewAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("review_admin:index"), "label": gettext_lazy("Review")},
        ]


# --- My rounds ----------------------------------------------------------------------------------


class RoundListView(ReviewAdminMixin, TemplateView):
    template_name = "review/admin/rounds.html"
    page_title = gettext_lazy("Review")

    def get_breadcrumbs_items(self):
        return [*WagtailAdminTemplateMixin.get_breadcrumbs_items(self), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rounds = list(rounds_for(user))
        with_items = [(r, _items(r)) for r in rounds]
        progress = reports.rounds_progress(with_items, user)
        rows = []
        for round, items in with_items:
            member = next((m for m in round.panel.all() if m.user_id == user.pk), None)
            rows.append(
                {
                    "round": round,
                    "member": member,
                    "progress": progress[round.pk],
                    "served": registry.source_for(round.kind) is not None,
                    "items": len(items),
                    "members": len(round.panel.all()),
                }
            )
        context["rows"] = rows
        context["is_organiser"] = is_organiser(user)
        return context


def _items(round) -> list:
    items = registry.items_of(round)
    return list(items) if items is not None else []


# --- A round ------------------------------------------------------------------------------------


class RoundMixin(ReviewAdminMixin):
    """Loads the round and the user's place on it; 404 for anyone without one."""

    #: who may open the view: "panel" (members and organisers), "lead" (chair and organisers)
    #: or "organiser"
    audience = "panel"

    def dispatch(self, request, *args, round_id, **kwargs):
        self.round = get_object_or_404(Round.objects.select_related("edition"), pk=round_id)
        self.member = (
            PanelMember.objects.filter(round=self.round, user=request.user).select_related("round", "user").first()
        )
        self.organiser = is_organiser(request.user)
        if not self.allowed():
            raise Http404("No such round.")
        self.source = registry.source_for(self.round.kind)
        return super().dispatch(request, *args, **kwargs)

    def allowed(self) -> bool:
        if self.audience == "organiser":
            return self.organiser
        if self.audience == "lead":
            return self.organiser or (self.member is not None and self.member.is_chair)
        return self.organiser or self.member is not None

    @property
    def is_lead(self) -> bool:
        return self.organiser or (self.member is not None and self.member.is_chair)

    @cached_property
    def items(self) -> list:
        return _items(self.round)

    def item_label(self):
        return (self.source.item_label if self.source else "") or _("item")

    def title_of(self, item, access) -> str:
        return self.source.title(item, access) if self.source else str(item.pk)

    def get_page_subtitle(self):
        return self.round.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("review_admin:round", args=[self.round.pk]), "label": self.round.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            round=self.round,
            member=self.member,
            is_organiser=self.organiser,
            is_lead=self.is_lead,
            item_label=self.item_label(),
            served=self.source is not None,
        )
        return context


class RoundView(RoundMixin, TemplateView):
    """A member's list: per item its declaration state; undeclared items show only their title
    and the likely-conflict flags with the declaration form. Organisers see the panel's counts."""

    template_name = "review/admin/round.html"

    def get_page_title(self):
        return self.round.title

    def get_breadcrumbs_items(self):
        return [*ReviewAdminMixin.get_breadcrumbs_items(self), {"url": "", "label": self.round.title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        items = self.items
        accesses = visibility.what_may_see_many(user, self.round, items)
        declarations, reviews = {}, {}
        if self.member is not None and items:
            which = {"item_type": items[0].review_item_type(), "item_id__in": [i.pk for i in items]}
            declarations = {d.item_id: d for d in ConflictDeclaration.objects.filter(member=self.member, **which)}
            reviews = {r.item_id: r for r in self.member.reviews.filter(**which)}
        counts = reports.item_counts(self.round, items) if self.organiser else {}
        rows = []
        for item in items:
            access = accesses[item.pk]
            declaration = declarations.get(item.pk)
            review = reviews.get(item.pk)
            row = {
                "item": item,
                "access": access,
                "title": self.title_of(item, access),
                "declaration": declaration,
                "review": review,
                "counts": counts.get(item.pk),
            }
            if self.member is not None and declaration is None:
                row["flags"] = services.likely_conflicts(self.member, item)
                if access.can_declare:
                    row["form"] = DeclarationForm(auto_id=f"id_item{item.pk}_%s")
            rows.append(row)
        context["rows"] = rows
        bulk = [(row["item"].pk, row["title"]) for row in rows if row.get("form") and not row["flags"]]
        if len(bulk) > 1:
            context["bulk_form"] = DeclareManyForm(choices=bulk, auto_id="id_bulk_%s")
        context["progress"] = (
            reports.member_progress(self.round, items, [self.member])[self.member.pk] if self.member else None
        )
        context["declarations_open"] = self.round.declarations_are_open()
        context["scoring_open"] = self.round.scoring_is_open()
        return context


class DeclareManyView(RoundMixin, View):
    """ "No conflict" for several undeclared items at once. Only items the member may declare,
    has not declared and has no likely conflict with are accepted (checked again here)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.member is None:
            raise Http404("Only panel members declare.")
        items = self.items
        accesses = visibility.what_may_see_many(request.user, self.round, items)
        declared = set(
            ConflictDeclaration.objects.filter(member=self.member, item_id__in=[i.pk for i in items]).values_list(
                "item_type", "item_id"
            )
        )
        eligible = {
            item.pk: item
            for item in items
            if accesses[item.pk].can_declare
            and (item.review_item_type(), item.pk) not in declared
            and not services.likely_conflicts(self.member, item)
        }
        form = DeclareManyForm(
            request.POST, choices=[(pk, self.title_of(item, accesses[pk])) for pk, item in eligible.items()]
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("review_admin:round", self.round.pk)
        chosen = [eligible[pk] for pk in form.cleaned_data["items"]]
        try:
            services.declare_no_conflict_for(self.member, chosen)
        except services.ReviewError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Declared no conflict of interest for %(count)d item.",
                    "Declared no conflict of interest for %(count)d items.",
                    len(chosen),
                )
                % {"count": len(chosen)},
            )
        return redirect("review_admin:round", self.round.pk)


class ItemMixin(RoundMixin):
    def dispatch(self, request, *args, round_id, item_id, **kwargs):
        self.item_id = item_id
        return super().dispatch(request, *args, round_id=round_id, **kwargs)

    @cached_property
    def item(self):
        return registry.get_item_or_404(self.round, self.item_id)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]


class DeclareView(ItemMixin, TemplateView):
    """The declaration for one item (the list's inline form posts here; errors are shown here
    with the input kept). Only for a panel member while declarations are open; others get 404."""

    template_name = "review/admin/declare.html"

    def get_page_title(self):
        return _("Declare conflict of interest")

    def check(self):
        self.access = visibility.what_may_see(self.request.user, self.item)
        if self.member is None or not self.access.can_declare:
            raise Http404("No such item.")

    def get(self, request, *args, **kwargs):
        self.check()
        return self.render_to_response(self.get_context_data(form=DeclarationForm()))

    def post(self, request, *args, **kwargs):
        self.check()
        form = DeclarationForm(request.POST)
        if form.is_valid():
            try:
                services.declare(self.member, self.item, form.has_conflict, form.cleaned_data["reason"])
            except services.ReviewError as exc:
                form.add_error(None, exc.messages)
            else:
                if form.has_conflict:
                    messages.success(request, _("Your conflict of interest is recorded. You will not see this item."))
                    return redirect("review_admin:round", self.round.pk)
                messages.success(request, _("Declared: no conflict of interest. You can now read the item."))
                return redirect("review_admin:item", self.round.pk, self.item.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["title"] = self.title_of(self.item, self.access)
        context["flags"] = services.likely_conflicts(self.member, self.item)
        context["declaration"] = ConflictDeclaration.objects.filter(
            member=self.member, item_type=self.item.review_item_type(), item_id=self.item.pk
        ).first()
        return context


class ItemView(ItemMixin, TemplateView):
    """The item's content (the feature's template), the score form, and the scores the user
    may read. 404 unless ``require_content`` allows the content."""

    template_name = "review/admin/item.html"

    def get_page_title(self):
        return self.title

    def setup_item(self):
        self.access = visibility.require_content(self.request.user, self.item)
        self.title = self.title_of(self.item, self.access)

    def own_scores(self) -> dict[int, Score]:
        if self.member is None:
            return {}
        return {
            s.criterion_id: s
            for s in Score.objects.filter(
                member=self.member, item_type=self.item.review_item_type(), item_id=self.item.pk
            )
        }

    def get(self, request, *args, **kwargs):
        self.setup_item()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.setup_item()
        if self.member is None:
            raise Http404("Only panel members score.")
        form = ScoreForm(request.POST, criteria=self.round.criteria.all(), scores=self.own_scores())
        if form.is_valid():
            try:
                services.save_review(self.member, self.item, form.entries(), submit=form.action == ScoreForm.SUBMIT)
            except services.ReviewError as exc:
                form.add_error(None, exc.messages)
            else:
                if form.action == ScoreForm.SUBMIT:
                    messages.success(request, _("Your review is submitted. You can now see the others' scores."))
                else:
                    messages.success(request, _("Your scores are saved. Submit when you have scored every criterion."))
                return redirect("review_admin:item", self.round.pk, self.item.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        criteria = list(self.round.criteria.all())
        own = self.own_scores()
        access = self.access
        if form is None and self.member is not None and access.can_score:
            form = ScoreForm(criteria=criteria, scores=own)
        visible = visibility.scores_visible_to(self.request.user, self.item)
        recused = set(
            ConflictDeclaration.objects.filter(
                member__round=self.round,
                item_type=self.item.review_item_type(),
                item_id=self.item.pk,
                has_conflict=True,
            ).values_list("member_id", flat=True)
        )
        others = {}
        for score in visible:
            if self.member is not None and score.member_id == self.member.pk:
                continue
            others.setdefault(score.member_id, {"member": score.member, "scores": {}, "recused": False})
            others[score.member_id]["scores"][score.criterion_id] = score
            others[score.member_id]["recused"] = score.member_id in recused
        context.update(
            item=self.item,
            access=access,
            title=self.title,
            content_template=self.source.content_template,
            criteria=criteria,
            form=form,
            own_scores=[(c, own.get(c.pk)) for c in criteria],
            has_own_scores=bool(own),
            submitted=self._submitted(),
            others=[
                {**row, "cells": [row["scores"].get(c.pk) for c in criteria]}
                for row in sorted(others.values(), key=lambda r: r["member"].pk)
            ],
            scoring_open=self.round.scoring_is_open(),
        )
        return context

    def _submitted(self) -> bool:
        if self.member is None:
            return False
        return self.member.reviews.filter(
            item_type=self.item.review_item_type(), item_id=self.item.pk, submitted_at__isnull=False
        ).exists()


# --- The chair's and organisers' pages ----------------------------------------------------------


class RankingMixin(RoundMixin):
    audience = "lead"

    def ranked(self):
        """The ranking of the items this user may see ranked (``can_see_others_scores``), and
        how many are left out for them."""
        items = self.items
        accesses = visibility.what_may_see_many(self.request.user, self.round, items)
        visible = [item for item in items if accesses[item.pk].can_see_others_scores]
        ranked = services.ranking(self.round, visible)
        for position, row in enumerate(ranked, start=1):
            row.position = position if row.mean is not None else None
            row.title = self.title_of(row.item, accesses[row.item.pk])
        return ranked, len(items) - len(visible)


class RankingView(RankingMixin, TemplateView):
    template_name = "review/admin/ranking.html"

    def get_page_title(self):
        return _("Ranking")

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ranked, left_out = self.ranked()
        members = reports.member_rows(self.round)
        progress = reports.member_progress(self.round, self.items, members)
        context.update(
            ranked=ranked,
            left_out=left_out,
            total=len(self.items),
            progress=[(m, progress[m.pk]) for m in members],
        )
        return context


class RankingExportView(RankingMixin, View):
    """The ranking as CSV or XLSX: the same rows as the page (``what_may_see_many``)."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in ("csv", "xlsx"):
            raise Http404("No such format.")
        ranked, _left_out = self.ranked()
        columns = [
            Column(_("Place"), "position", kind="number"),
            Column(_("Title"), "title"),
            Column(_("Weighted mean"), lambda r: round(r.mean, 2) if r.mean is not None else None, kind="number"),
            Column(_("Spread"), lambda r: round(r.spread, 2) if r.spread is not None else None, kind="number"),
            Column(_("Reviews"), "reviews", kind="number"),
            Column(_("Recused members"), "recused", kind="number"),
            Column(_("ID"), "item.pk", kind="number"),
        ]
        title = _("Ranking %(round)s") % {"round": self.round.title}
        filename = f"rangering-{slugify_nb(self.round.title)}-{self.round.edition.year}"
        return Export(title, columns, ranked).response(filename, fmt)


class LogMixin(RoundMixin):
    def titles(self) -> dict[tuple[str, int], str]:
        accesses = visibility.what_may_see_many(self.request.user, self.round, self.items)
        return {(i.review_item_type(), i.pk): self.title_of(i, accesses[i.pk]) for i in self.items}

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def entries(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, page_message = paginate(self.request, self.entries(), LOG_PER_PAGE)
        titles = self.titles()
        for entry in page:
            entry.item_title = titles.get((entry.item_type, entry.item_id), "") if entry.item_id else ""
        context.update(page=page, page_message=page_message)
        return context


class DeclarationLogView(LogMixin, TemplateView):
    """Every declaration and change of it, with reasons: the chair and the organisers."""

    audience = "lead"
    template_name = "review/admin/declarations.html"

    def get_page_title(self):
        return _("Declaration log")

    def entries(self):
        return visibility.declaration_log(self.request.user, self.round).order_by("-at", "-pk")


class AuditLogView(LogMixin, TemplateView):
    """The round's whole audit trail: organisers."""

    audience = "organiser"
    template_name = "review/admin/log.html"

    def get_page_title(self):
        return _("Audit trail")

    def entries(self):
        return (
            ReviewLogEntry.objects.filter(round=self.round)
            .select_related("actor", "member__user", "criterion")
            .order_by("-at", "-pk")
        )


class PanelView(RoundMixin, TemplateView):
    """The organisers' panel: add an existing user, invite by e-mail, set the chair."""

    audience = "organiser"
    template_name = "review/admin/panel.html"

    def get_page_title(self):
        return _("Panel")

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def forms(self, data=None, action=None):
        return {
            "add_form": AddMemberForm(data if action == "add" else None, round=self.round, prefix="add"),
            "invite_form": InviteForm(data if action == "invite" else None, round=self.round, prefix="invite"),
            "chair_form": ChairForm(data if action == "chair" else None, round=self.round, prefix="chair"),
        }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**self.forms()))

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        forms = self.forms(request.POST, action)
        form = forms.get(f"{action}_form")
        if form is None:
            messages.error(request, _("Unknown action."))
            return redirect("review_admin:panel", self.round.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "add":
                    services.add_member(
                        self.round,
                        data["user"],
                        is_chair=data["is_chair"],
                        institution=data["institution"],
                        municipality=data["municipality"],
                        actor=request.user,
                    )
                    messages.success(request, _("%(name)s is on the panel.") % {"name": _name(data["user"])})
                elif action == "invite":
                    invitation = services.invite_member(
                        self.round,
                        data["email"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        is_chair=data["is_chair"],
                        institution=data["institution"],
                        municipality=data["municipality"],
                        actor=request.user,
                    )
                    if invitation is None:
                        messages.success(
                            request,
                            _("%(email)s already had an account, is on the panel and has been told by e-mail.")
                            % {"email": data["email"]},
                        )
                    else:
                        messages.success(
                            request,
                            _("The invitation is sent to %(email)s. The link is valid for 14 days.")
                            % {"email": data["email"]},
                        )
                else:
                    services.set_chair(data["member"], actor=request.user)
                    messages.success(request, _("%(name)s is the chair.") % {"name": _name(data["member"].user)})
            except services.ReviewError as exc:
                form.add_error(None, exc.messages)
            else:
                return redirect("review_admin:panel", self.round.pk)
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = reports.member_rows(self.round)
        progress = reports.member_progress(self.round, self.items, members)
        pending = set(
            self.round.panel.filter(invitations__accepted_at__isnull=True, user__is_active=False).values_list(
                "pk", flat=True
            )
        )
        context["members"] = [(m, progress[m.pk], m.pk in pending) for m in members]
        context["total"] = len(self.items)
        return context


def _name(user) -> str:
    return user.get_full_name() or user.email or user.get_username()

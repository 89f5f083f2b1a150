"""Public routes of the call page after the review: the gallery, its files, the poster prize
vote, and the committee's download of a poster's PDF.

``GalleryRoutesMixin`` is mixed into ``PosterCallPage``. What is public is decided in one place,
``PosterSubmission.objects.published()`` (accepted, consented, decision sent, final PDF in):
every public route looks the poster up in that queryset of *this* call and answers 404
otherwise, so no file of a rejected, unconsented or undecided poster has a public URL. The
committee's route asks the review engine (``visibility.require_content``): a recused reviewer
or an outsider gets 404 too.

The mixin reaches submissions and votes through the page's relations (``self.submissions``,
``self.votes``, ``self.topics``) and never imports ``models``, which imports this module.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit
from wagtail.contrib.routable_page.models import path

from cms.core.page_cache import limit_page_cache
from cms.core.pagination import paginate
from cms.core.tokens import get_by_token_or_404
from cms.core.uploads import serve_private_file
from cms.inquiries.models import ProjectPage
from cms.network.models import Municipality
from conference.registration.lookup import registration_for_reference
from conference.registration.models import Registration
from conference.review.visibility import require_content

from . import votes
from .gallery_forms import BoardVoteForm, GalleryFilterForm, VoteForm

GALLERY_PER_PAGE = 12


def attach_projects(posters, request=None) -> None:
    """Set ``poster.project_link`` to the (title, URL) of the registry project each poster
    presents, or ``None``: only a live, public project page is linked. One query for a page of
    posters."""
    posters = list(posters)
    wanted = {p.registry_project_id for p in posters if p.registry_project_id}
    projects = ProjectPage.objects.live().public().in_bulk(wanted) if wanted else {}
    for poster in posters:
        project = projects.get(poster.registry_project_id)
        poster.project_link = (project.title, project.get_url(request)) if project else None


post_rate_limit = method_decorator(ratelimit(key="ip", rate="10/m", method="POST", block=True))


class GalleryRoutesMixin:
    """Routes of ``PosterCallPage``: ``galleri/``, ``galleri/<pk>/`` with its ``bilde/`` (the
    preview PNG) and ``pdf/``, ``stem/<manage token>/``, ``<board>/stem/`` and ``komite/<pk>/pdf/``.
    (Wagtail's page routes end in a slash, so the files are named by Content-Disposition.)"""

    # --- what is public -------------------------------------------------------------------

    def published_posters(self):
        """This call's gallery, with everything a card shows loaded in a fixed number of queries."""
        author_model = self.submissions.model._meta.get_field("authors").related_model
        authors = author_model.objects.select_related("institution", "municipality").order_by("sort_order", "pk")
        return (
            self.submissions.published()
            .select_related("topic")
            .prefetch_related(Prefetch("authors", queryset=authors), "municipalities")
            .order_by("board_number", "title", "pk")
        )

    def published_poster_or_404(self, pk):
        poster = self.published_posters().filter(pk=pk).first()
        if poster is None:
            raise Http404("No such poster.")
        return poster

    def has_gallery(self) -> bool:
        return self.submissions.published().exists()

    def gallery_url(self) -> str:
        return self.url + self.reverse_subpage("gallery")

    def poster_url(self, poster) -> str:
        return self.url + self.reverse_subpage("gallery_poster", kwargs={"pk": poster.pk})

    # --- the gallery ----------------------------------------------------------------------

    @path("galleri/", name="gallery")
    def gallery(self, request):
        topics = list(self.topics.all())
        municipalities = (
            Municipality.objects.filter(poster_submissions__in=self.submissions.published().values("pk"))
            .distinct()
            .order_by("name")
        )
        form = GalleryFilterForm(request.GET or None, topics=topics, municipalities=municipalities)
        posters = self.published_posters()
        filters = {}
        if form.is_bound and form.is_valid():
            if form.cleaned_data["topic"]:
                posters = posters.filter(topic_id=form.cleaned_data["topic"])
                filters["topic"] = form.cleaned_data["topic"]
            if form.cleaned_data["municipality"]:
                posters = posters.filter(municipalities=form.cleaned_data["municipality"]).distinct()
                filters["municipality"] = form.cleaned_data["municipality"]
        page_obj, page_message = paginate(request, posters, GALLERY_PER_PAGE)
        if self.voting_is_open() and self.voting_closes_at:
            # The result appears when voting closes: a cached copy must not outlive the vote.
            limit_page_cache(request, max(1, int((self.voting_closes_at - timezone.now()).total_seconds())))
        winners = votes.prize_winners(self)
        winner_pks = {p.pk for p in winners}
        for poster in page_obj.object_list:
            poster.is_winner = poster.pk in winner_pks
        attach_projects(page_obj.object_list, request)
        return TemplateResponse(
            request,
            "posters/gallery.html",
            {
                **self.get_context(request),
                "form": form,
                "page_obj": page_obj,
                "page_message": page_message,
                "query_string": urlencode(filters),
                "is_filtered": bool(filters),
                "winners": winners,
            },
        )

    @path("galleri/<int:pk>/", name="gallery_poster")
    def gallery_poster(self, request, pk):
        poster = self.published_poster_or_404(pk)
        poster.is_winner = poster.pk in {p.pk for p in votes.prize_winners(self)}
        attach_projects([poster], request)
        return TemplateResponse(request, "posters/gallery_poster.html", {**self.get_context(request), "poster": poster})

    @path("galleri/<int:pk>/bilde/", name="gallery_preview")
    def gallery_preview(self, request, pk):
        poster = self.published_poster_or_404(pk)
        return serve_private_file(request, poster.preview, filename=f"plakat-{poster.pk}.png", content_type="image/png")

    @path("galleri/<int:pk>/pdf/", name="gallery_pdf")
    def gallery_pdf(self, request, pk):
        poster = self.published_poster_or_404(pk)
        return serve_private_file(
            request, poster.final_pdf, filename=poster.download_name, content_type="application/pdf"
        )

    # --- the committee's copy ----------------------------------------------------------------

    @path("komite/<int:pk>/pdf/", name="committee_pdf")
    def committee_pdf(self, request, pk):
        """The final PDF for the poster committee and the organisers, whatever the poster's
        publication: the review engine decides (recused or not on the panel → 404)."""
        poster = self.submissions.under_review().filter(pk=pk).first()
        if poster is None:
            raise Http404("No such poster.")
        require_content(request.user, poster)
        return serve_private_file(
            request, poster.final_pdf, filename=poster.download_name, content_type="application/pdf"
        )

    # --- the participants' vote ---------------------------------------------------------------

    def _vote_context(self, request, **extra):
        posters = list(self.published_posters())
        return {
            **self.get_context(request),
            "posters": posters,
            "results": votes.results(self),
            "winners": votes.prize_winners(self),
            **extra,
        }

    @path("stem/<str:token>/", name="vote")
    @method_decorator(never_cache)
    @post_rate_limit
    def vote(self, request, token):
        """The participant's vote, reached from their registration's manage page."""
        registration = get_by_token_or_404(Registration.objects.select_related("edition"), "manage_token", token)
        if registration.edition_id != votes.edition_of(self).pk:
            raise Http404("Another edition's registration.")
        problem = ""
        try:
            votes.check_voting_open(self)
            votes.check_voter(self, registration)
        except votes.VoteError as exc:
            problem = exc.messages[0]
        current = votes.current_vote(self, registration)
        posters = list(self.published_posters())
        form = None
        if not problem:
            initial = {"poster": current.submission_id} if current else {}
            form = VoteForm(request.POST if request.method == "POST" else None, posters=posters, initial=initial)
            if request.method == "POST" and form.is_valid():
                try:
                    vote, changed = votes.cast_vote(self, registration, form.cleaned_data["poster"])
                except votes.VoteError as exc:
                    form.add_error(None, exc)
                else:
                    if changed:
                        messages.success(
                            request, _("Your vote has been changed to “%(title)s”.") % {"title": vote.submission.title}
                        )
                    else:
                        messages.success(
                            request,
                            _("Thank you! Your vote for “%(title)s” is registered.") % {"title": vote.submission.title},
                        )
                    return redirect(self.url + self.reverse_subpage("vote", kwargs={"token": token}))
        return TemplateResponse(
            request,
            "posters/vote.html",
            {
                **self._vote_context(request),
                "form": form,
                "problem": problem,
                "current": current,
                "registration": registration,
            },
        )

    @path("<int:board>/stem/", name="board_vote")
    @method_decorator(never_cache)
    @post_rate_limit
    def board_vote(self, request, board):
        """Voting for the poster on board ``board``, reached by the QR code on the board."""
        poster = self.published_posters().filter(board_number=board).first()
        if poster is None:
            raise Http404("No poster on this board.")
        problem = ""
        try:
            votes.check_voting_open(self)
        except votes.VoteError as exc:
            problem = exc.messages[0]
        form = None
        if not problem:
            form = BoardVoteForm(request.POST if request.method == "POST" else None)
            if request.method == "POST" and form.is_valid():
                registration = registration_for_reference(form.cleaned_data["reference"], votes.edition_of(self))
                if registration is None or registration.email.lower() != form.cleaned_data["email"].lower():
                    form.add_error(
                        None,
                        _("We found no registration with this reference and e-mail address. Check your ticket."),
                    )
                else:
                    try:
                        vote, changed = votes.cast_vote(self, registration, poster.pk)
                    except votes.VoteError as exc:
                        form.add_error(None, exc)
                    else:
                        messages.success(
                            request,
                            _("Thank you! Your vote for “%(title)s” is registered.") % {"title": vote.submission.title},
                        )
                        return redirect(self.url + self.reverse_subpage("board_vote", kwargs={"board": board}))
        return TemplateResponse(
            request,
            "posters/board_vote.html",
            {**self.get_context(request), "poster": poster, "form": form, "problem": problem},
        )

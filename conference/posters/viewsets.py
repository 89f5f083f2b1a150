"""Poster submissions in the admin ("Conference" menu), for organisers: a filtered list and a
read-only page per submission with its authors and history. Nothing is edited here: the
authors change their submission through the private link, and decisions get their own views
(through ``services``)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from conference.editions.admin_menu import CONFERENCE_MENU_HOOK

from .enums import SubmissionState
from .models import PosterCallPage, PosterSubmission, PosterTopic


class OrganiserReadOnlyPolicy(ModelPermissionPolicy):
    """Organisers may look (``view`` and ``posters.manage_posters``); nobody adds, edits or
    deletes a submission here."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, "view") and user.has_perm("posters.manage_posters")


class SubmissionFilterSet(WagtailFilterSet):
    call = django_filters.ModelChoiceFilter(
        label=_("Call"), queryset=PosterCallPage.objects.order_by("-first_published_at")
    )
    state = django_filters.MultipleChoiceFilter(label=_("Status"), choices=SubmissionState.choices)
    topic = django_filters.ModelChoiceFilter(label=_("Topic"), queryset=PosterTopic.objects.select_related("page"))

    class Meta:
        model = PosterSubmission
        fields = ["call", "state", "topic"]


class SubmissionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("call", "topic")


class SubmissionInspectView(generic.InspectView):
    template_name = "posters/admin/inspect.html"

    def get_authors_display_value(self):
        authors = self.object.authors.select_related("institution", "municipality")
        return (
            "; ".join(
                f"{a.name}{', ' + a.affiliation if a.affiliation else ''}{' (' + str(_('presents')) + ')' if a.is_presenting else ''}"
                for a in authors
            )
            or "–"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.object.history.select_related("actor")
        return context


class PosterSubmissionViewSet(ModelViewSet):
    model = PosterSubmission
    url_prefix = "posters/submissions"
    url_namespace = "poster_submissions"
    icon = "doc-full"
    menu_label = _("Poster submissions")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 40
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = SubmissionFilterSet
    list_display = [
        "title",
        Column("contact_name", label=_("Contact person")),
        Column("state", label=_("Status"), accessor="get_state_display"),
        Column("topic", label=_("Topic")),
        Column("call", label=_("Call")),
        DateColumn("submitted_at", label=_("Submitted")),
    ]
    inspect_view_fields = [
        "title",
        "state",
        "call",
        "contact_name",
        "contact_email",
        "authors",
        "topic",
        "municipalities",
        "background",
        "method",
        "results",
        "relevance",
        "consent_to_publish",
        "created_at",
        "submitted_at",
        "review_round",
        "decision_note",
        "decision_sent_at",
        "final_uploaded_at",
        "board_number",
    ]
    form_fields = ["title"]  # never shown: nobody may add or change (the permission policy)

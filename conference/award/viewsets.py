"""The award in the admin's "Conference" menu: rounds (saved through ``services.save_round``
so the engine round follows), winners (the public record), and nominations (read only: they
change through their private links and ``services``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.readonly_admin import ReadOnlyModelViewSet
from conference.editions.admin_menu import CONFERENCE_MENU_HOOK

from . import services
from .models import AwardRound, AwardWinner, Nomination


class AwardRoundCreateView(generic.CreateView):
    def save_instance(self):
        return services.save_round(self.form.save(commit=False))


class AwardRoundEditView(generic.EditView):
    def save_instance(self):
        return services.save_round(self.form.save(commit=False))


class AwardRoundViewSet(ModelViewSet):
    model = AwardRound
    add_view_class = AwardRoundCreateView
    edit_view_class = AwardRoundEditView
    url_prefix = "award/rounds"
    url_namespace = "award_rounds"
    icon = "pick"
    menu_label = _("Award rounds")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 40
    list_display = ["edition", "nominations_open", "nominations_close", "publish_at"]
    copy_view_enabled = False


class AwardWinnerViewSet(ModelViewSet):
    model = AwardWinner
    url_prefix = "award/winners"
    url_namespace = "award_winners"
    icon = "pick"
    menu_label = _("Award winners")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 41
    list_display = ["name", "edition", "project", "publish_at"]
    list_filter = ["edition"]
    copy_view_enabled = False


class NominationViewSet(ReadOnlyModelViewSet):
    model = Nomination
    url_prefix = "award/nominations"
    url_namespace = "award_nominations"
    icon = "pick"
    menu_label = _("Nominations")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 42
    list_display = ["nominee_name", "nominator_name", "candidate", "state", "created_at"]
    list_filter = ["award_round", "state"]
    inspect_view_fields = [
        "award_round",
        "candidate",
        "state",
        "nominator_name",
        "nominator_email",
        "nominator_institution",
        "nominator_municipality",
        "nominee_kind",
        "nominee_name",
        "nominee_affiliation",
        "nominee_email",
        "projects",
        "registry_project",
        "justification",
        "nominee_knows",
        "may_contact",
        "nominee_told_at",
        "decline_reason",
        "created_at",
        "updated_at",
    ]

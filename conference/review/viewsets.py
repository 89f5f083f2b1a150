"""Review rounds in the admin ("Conference" menu): a round with its criteria inline. Panels,
invitations and scores go through ``services``; they get their own views with the features."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from conference.editions.admin_menu import CONFERENCE_MENU_HOOK

from .models import Round


class RoundViewSet(ModelViewSet):
    model = Round
    url_prefix = "review/rounds"
    url_namespace = "review_rounds"
    icon = "tasks"
    menu_label = _("Review rounds")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 30
    list_display = ["title", "edition", "kind", "blind_review", "scoring_opens", "scoring_closes"]
    list_filter = ["edition", "kind"]
    copy_view_enabled = False

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from conference.editions.admin_menu import CONFERENCE_MENU_HOOK
from conference.review.visibility import MANAGE_PERMISSION, PANEL_PERMISSION

from . import admin_urls
from .admin_views import user_is_on_an_award_jury
from .viewsets import AwardRoundViewSet, AwardWinnerViewSet, NominationViewSet


@hooks.register("register_admin_viewset")
def register_award_viewsets():
    return [AwardRoundViewSet(), AwardWinnerViewSet(), NominationViewSet()]


@hooks.register("register_admin_urls")
def register_award_admin_urls():
    return [path("award/jury/", include(admin_urls, namespace="award_admin"))]


class JuryMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        # The panel permission comes from the permission cache: only panel members pay the query.
        return user.has_perm(MANAGE_PERMISSION) or (user.has_perm(PANEL_PERMISSION) and user_is_on_an_award_jury(user))


@hooks.register(CONFERENCE_MENU_HOOK)
def jury_menu_item():
    return JuryMenuItem(_("Award jury"), reverse("award_admin:home"), icon_name="pick", order=39, name="award-jury")

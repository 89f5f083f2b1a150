"""Wagtail hooks of the organisers' poster tools (decisions, board numbers, prize, QR codes).
(Published posters are found by the site search through ``search.sources``.)

Imported from ``PostersConfig.ready()`` (this app's ``wagtail_hooks`` belongs to the
submission side); Wagtail reads registered hooks whenever they were registered."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from conference.editions.admin_menu import CONFERENCE_MENU_HOOK

from . import admin_urls
from .admin_views import MANAGE_PERMISSION


@hooks.register("register_admin_urls")
def register_poster_admin_urls():
    return [path("poster-decisions/", include(admin_urls, namespace="posters_admin"))]


class PosterDecisionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_PERMISSION)


@hooks.register(CONFERENCE_MENU_HOOK)
def poster_decisions_menu_item():
    return PosterDecisionsMenuItem(
        _("Poster decisions"), reverse("posters_admin:index"), icon_name="doc-full", order=40, name="poster-decisions"
    )

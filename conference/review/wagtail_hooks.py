"""The engine in the admin: review rounds in the Conference menu (organisers), and a top-level
"Review" menu item with the reviewer pages for panel members and organisers (``admin_urls``).

Panel members get into the admin only through their round's group (``services.panel_group``:
the ``access_admin`` permission and nothing else), so the admin shows them these pages and
their own account, nothing more."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_urls
from .admin_views import rounds_for
from .viewsets import RoundViewSet
from .visibility import MANAGE_PERMISSION, PANEL_PERMISSION


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    return [RoundViewSet()]


@hooks.register("register_admin_urls")
def register_review_admin_urls():
    return [path("reviewing/", include(admin_urls, namespace="review_admin"))]


def works_on_reviews(user) -> bool:
    """From the permission cache (no query of its own on every admin page): organisers, and
    members through their panel group's ``sit_on_panel``; the pages check membership again."""
    return user.has_perm(MANAGE_PERMISSION) or user.has_perm(PANEL_PERMISSION)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return works_on_reviews(request.user)


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return ReviewMenuItem(_("Review"), reverse("review_admin:index"), icon_name="tasks", order=260, name="review")


@hooks.register("insert_global_admin_css")
def review_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/review-admin.css"))


class ReviewRoundsPanel(Component):
    """On the admin's home page: the rounds the user works on, with their scoring deadline."""

    name = "review_rounds"
    order = 50
    template_name = "review/admin/home_panel.html"

    def __init__(self, rounds):
        self.rounds = rounds

    def get_context_data(self, parent_context):
        return {"rounds": self.rounds}


@hooks.register("construct_homepage_panels")
def review_home_panel(request, panels):
    if works_on_reviews(request.user):
        panels.append(ReviewRoundsPanel(list(rounds_for(request.user)[:10])))

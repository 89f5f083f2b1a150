"""The "Forskningshenvendelser" admin menu item and URLs (shown to FoU-contacts and advisers)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .visibility import may_see_portal_menu


@hooks.register("register_admin_urls")
def register_inquiry_admin_urls():
    return [path("inquiries/", include(admin_urls, namespace="inquiries_admin"))]


class PortalMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_portal_menu(request.user)


@hooks.register("register_admin_menu_item")
def inquiries_menu_item():
    return PortalMenuItem(
        _("Research inquiries"), reverse("inquiries_admin:list"), icon_name="mail", order=240, name="inquiries"
    )

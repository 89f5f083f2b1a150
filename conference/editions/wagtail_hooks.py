from wagtail import hooks

from .admin_menu import ConferenceMenuGroup


@hooks.register("register_admin_viewset")
def register_conference_menu():
    return ConferenceMenuGroup()

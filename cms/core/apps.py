from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import checks  # noqa: F401  (registers the project's system checks)
        from .page_cache import connect_signals as connect_page_cache_signals
        from .permissions import grant_new_permissions_to_administrator
        from .templatetags.navigation_tags import invalidate_main_menu

        # After every app's migrations (and permission creation): the Administrator group gets
        # the permissions of models added since it was created.
        post_migrate.connect(grant_new_permissions_to_administrator, dispatch_uid="kk_administrator_permissions")

        # The cached main menu follows every change to the page tree.
        for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_main_menu, dispatch_uid=f"kk-main-menu-{id(signal)}")

        # The anonymous page cache follows every change to content that pages show.
        connect_page_cache_signals()

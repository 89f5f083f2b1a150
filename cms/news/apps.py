from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "cms.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from .permissions import grant_new_permissions_to_administrator

        # Runs after every app's migrations (and permission creation), once per migrate.
        post_migrate.connect(grant_new_permissions_to_administrator, dispatch_uid="kk_administrator_permissions")

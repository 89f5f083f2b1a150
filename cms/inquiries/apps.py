from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.inquiries"
    label = "inquiries"
    verbose_name = _("Research inquiries")

    def ready(self):
        from . import groups, listings

        groups.connect()
        listings.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    name = "conference.posters"
    label = "posters"
    verbose_name = _("Posters")

    def ready(self):
        from . import review

        review.register_with_engine()

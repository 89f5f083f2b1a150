from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    name = "conference.posters"
    label = "posters"
    verbose_name = _("Posters")

    def ready(self):
        from conference.programme import extras

        from . import admin_hooks, programme, review  # noqa: F401 - admin_hooks registers on import

        review.register_with_engine()
        extras.register("posters", programme.poster_extras)

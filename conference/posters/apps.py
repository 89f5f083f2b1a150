from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    name = "conference.posters"
    label = "posters"
    verbose_name = _("Posters")

    def ready(self):
        from cms.core import related as related_content
        from conference.programme import extras
        from conference.registration import manage_links

        from . import admin_hooks, links, programme, related, review  # noqa: F401 - admin_hooks registers on import

        review.register_with_engine()
        extras.register("posters", programme.poster_extras)
        manage_links.register("poster_vote", links.vote_links)
        related_content.register("inquiries.ProjectPage", "posters", related.project_posters)

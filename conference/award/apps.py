from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardConfig(AppConfig):
    name = "conference.award"
    label = "award"
    verbose_name = _("Research and innovation award")

    def ready(self):
        from cms.core import related as related_content

        from . import related, review

        review.register_with_engine()
        related_content.register("inquiries.ProjectPage", "award", related.project_award)

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class BannerImageMixin(models.Model):
    """A wide picture at the top of a page (the home page, the network page, a conference
    edition), with the text alternative that goes with it on this page. The alternative text
    lives on the page, not the image, because what a picture says depends on where it is
    shown; it is required whenever there is a picture."""

    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide picture (at least 1600 × 900 pixels) shown at the top of the page."),
    )
    banner_image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for those who cannot see it. Required with an image."),
    )

    banner_panels = [
        MultiFieldPanel([FieldPanel("banner_image"), FieldPanel("banner_image_alt")], heading=_("Banner image")),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.banner_image_id and not self.banner_image_alt.strip():
            raise ValidationError({"banner_image_alt": _("Describe the banner image for visitors who cannot see it.")})

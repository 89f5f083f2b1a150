from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and links shown in the footer of every page."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Kunnskapskommunen Helse Omsorg Vest"
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("An organisation number has nine digits."))],
    )
    contact_email = models.EmailField(_("contact e-mail"), default="kunnskapskommunen@bergen.kommune.no")
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    visiting_address = models.TextField(_("visiting address"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_page_intro = models.CharField(_("search help text"), max_length=250, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_number")], heading=_("Organisation")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
                FieldPanel("visiting_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("linkedin_url"), FieldPanel("facebook_url")], heading=_("Social media")),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("accessibility_page")], heading=_("Footer links")),
        FieldPanel("search_page_intro"),
    ]

    class Meta:
        verbose_name = _("site settings")

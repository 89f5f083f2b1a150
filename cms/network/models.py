"""The network: municipalities, institutions and people.

Only the core records live here so far; bodies, memberships and FoU-contacts build on them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index


class Municipality(RevisionMixin, index.Indexed, models.Model):
    """A municipality (kommune). Membership of the network is dated, never a fixed flag."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    number = models.CharField(
        _("municipality number"), max_length=4, blank=True, help_text=_("Four digits, e.g. 4601 for Bergen.")
    )
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("number"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class Institution(RevisionMixin, index.Indexed, models.Model):
    """A research, education or health institution (UiB, HVL, Helse Bergen …)."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University or university college")
        RESEARCH = "research", _("Research institute")
        HOSPITAL = "hospital", _("Hospital or health trust")
        PUBLIC_BODY = "public_body", _("Public body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("kind"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.SearchField("short_name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.short_name and f"{self.name} ({self.short_name})" or self.name


class Person(RevisionMixin, index.Indexed, models.Model):
    """A person who appears on the site: a body member, a speaker, a contact."""

    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("As it should be shown, e.g. 'Bergen kommune'.")
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    bio = models.TextField(_("short biography"), blank=True, max_length=1500)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt_text = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("Alternative text for the photo, e.g. 'Portrait of Kari Nordmann'."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("institution"), FieldPanel("municipality")],
            heading=_("Affiliation"),
        ),
        FieldPanel("email"),
        FieldPanel("bio"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading=_("Photo")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.SearchField("job_title"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.photo_id and not self.photo_alt_text.strip():
            raise ValidationError({"photo_alt_text": _("Describe the photo for people who cannot see it.")})

"""The network: municipalities, institutions, people, the bodies they sit in and the
FoU-contacts who answer research inquiries.

Everything that changes over time is dated (membership periods, mergers, terms), so the site
can answer "who was a member on this date?" instead of keeping a fixed list.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import RevisionMixin
from wagtail.search import index

from cms.core.models import BannerImageMixin, BasePage
from cms.network.forms import MunicipalityForm


def active_on(date: datetime.date, start: str = "start_date", end: str = "end_date") -> Q:
    """Rows whose period [start, end] contains ``date``; an empty end means still running."""
    return Q(**{f"{start}__lte": date}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": date}))


def add_two_years(date: datetime.date) -> datetime.date:
    """The last day of a two-year term that starts on ``date``."""
    try:
        return date.replace(year=date.year + 2) - datetime.timedelta(days=1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 2, day=28)


class Municipality(RevisionMixin, index.Indexed, ClusterableModel):
    """A municipality (kommune). Membership of the network is dated, never a fixed flag; a
    merged municipality points to the one it became part of, with the date of the merger."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    number = models.CharField(
        _("municipality number"), max_length=4, blank=True, help_text=_("Four digits, e.g. 4601 for Bergen.")
    )
    website = models.URLField(_("website"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        help_text=_("The municipality this one became part of, e.g. Lindås into Alver."),
    )
    merged_on = models.DateField(
        _("merger date"), null=True, blank=True, help_text=_("The first day of the new municipality.")
    )

    panels = [
        # The slug fills in (transliterated) as the name is typed, as a page's does from its title.
        TitleFieldPanel("name", placeholder=None),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("number"),
        FieldPanel("website"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("merged_into"), FieldPanel("merged_on")])], heading=_("Merger")),
        InlinePanel("membership_periods", heading=_("Membership of the network"), label=_("Membership period")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = MunicipalityForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.merged_into_id and not self.merged_on:
            raise ValidationError({"merged_on": _("Give the date of the merger.")})
        if self.merged_on and not self.merged_into_id:
            raise ValidationError({"merged_into": _("Choose the municipality it merged into.")})
        if self.pk and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": _("A municipality cannot merge into itself.")})

    def is_member_on(self, date: datetime.date) -> bool:
        return any(period.covers(date) for period in self.membership_periods.all())


class MunicipalityMembershipPeriod(models.Model):
    """A period in which a municipality took part in the network."""

    municipality = ParentalKey(Municipality, on_delete=models.CASCADE, related_name="membership_periods")
    start_date = models.DateField(_("member from"))
    end_date = models.DateField(_("member until"), null=True, blank=True, help_text=_("Empty while still a member."))
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("E.g. the agreement it joined under."))

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("note")]

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")

    def __str__(self):
        return f"{self.municipality}: {self.start_date} – {self.end_date or ''}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def covers(self, date: datetime.date) -> bool:
        return self.start_date <= date and (self.end_date is None or self.end_date >= date)


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
    partner_since = models.DateField(
        _("partner since"), null=True, blank=True, help_text=_("Empty if the institution is not a partner.")
    )
    partner_until = models.DateField(_("partner until"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("partner_since"), FieldPanel("partner_until")], heading=_("Partnership")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("short_name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.short_name and f"{self.name} ({self.short_name})" or self.name

    def clean(self):
        super().clean()
        if self.partner_until and not self.partner_since:
            raise ValidationError({"partner_since": _("Give the start of the partnership too.")})
        if self.partner_since and self.partner_until and self.partner_until < self.partner_since:
            raise ValidationError({"partner_until": _("The end date cannot be before the start date.")})


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


class Body(RevisionMixin, index.Indexed, models.Model):
    """A governing or working body of the network (styringsgruppe, referansegruppe …)."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steering group")
        PROJECT_GROUP = "project_group", _("Project or reference group")
        MUNICIPALITY_GROUP = "municipality_group", _("Municipality group")
        EXPERT_GROUP = "expert_group", _("Expert group")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    mandate_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("mandate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page with the body's mandate, usually a governance document."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the network page"), default=0)

    panels = [
        # The slug fills in (transliterated) as the name is typed, as a page's does from its title.
        TitleFieldPanel("name", placeholder=None),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("mandate_page"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self):
        return self.name


class Membership(RevisionMixin, models.Model):
    """A person's seat in a body for a term. Terms of the same person in the same body never
    overlap; an empty end date is filled in as a two-year term, the network's usual length."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy member")
        SECRETARY = "secretary", _("Secretary")
        OBSERVER = "observer", _("Observer")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(
        _("represents"), max_length=200, blank=True, help_text=_("E.g. 'Bergen kommune' or 'UiB'.")
    )
    term_start = models.DateField(_("term starts"), default=datetime.date.today)
    term_end = models.DateField(
        _("term ends"), null=True, blank=True, help_text=_("Leave empty for the usual two-year term.")
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("body"),
        FieldPanel("role"),
        FieldPanel("represents"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")], heading=_("Term")),
    ]

    class Meta:
        ordering = ["body__sort_order", "body__name", "role", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.person} – {self.body} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.term_start and not self.term_end:
            self.term_end = add_two_years(self.term_start)
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})
        if self.person_id and self.body_id and self.term_start and self.term_end:
            overlapping = (
                Membership.objects.filter(person_id=self.person_id, body_id=self.body_id)
                .filter(term_start__lte=self.term_end, term_end__gte=self.term_start)
                .exclude(pk=self.pk)
                .first()
            )
            if overlapping is not None:
                raise ValidationError(
                    {
                        "term_start": _(
                            "%(person)s already has a term in %(body)s from %(start)s to %(end)s. "
                            "Terms in the same body cannot overlap: end the earlier term first."
                        )
                        % {
                            "person": self.person,
                            "body": self.body,
                            "start": overlapping.term_start.strftime("%d.%m.%Y"),
                            "end": overlapping.term_end.strftime("%d.%m.%Y"),
                        }
                    }
                )

    def save(self, *args, **kwargs):
        if self.term_start and not self.term_end:
            self.term_end = add_two_years(self.term_start)
        super().save(*args, **kwargs)

    def is_active_on(self, date: datetime.date) -> bool:
        return self.term_start <= date and (self.term_end is None or self.term_end >= date)


class FouContact(RevisionMixin, models.Model):
    """The person who receives and answers research inquiries for a municipality, or for one
    service department (etat) in Bergen."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="fou_roles")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="fou_contacts"
    )
    department = models.CharField(
        _("service department"),
        max_length=150,
        blank=True,
        help_text=_("Only where a municipality has one contact per department (etat), as Bergen does."),
    )
    email = models.EmailField(_("inquiry e-mail"), blank=True, help_text=_("Defaults to the person's e-mail."))
    publish_email = models.BooleanField(
        _("show the e-mail on the website"),
        default=False,
        help_text=_("Without this the public pages show only the name, role and department."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fou_contacts",
        help_text=_("The login with which this contact answers inquiries in the admin."),
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("municipality"),
        FieldPanel("department"),
        FieldPanel("email"),
        FieldPanel("publish_email"),
        FieldPanel("user"),
    ]

    class Meta:
        ordering = ["municipality__name", "department"]
        verbose_name = _("FoU-contact")
        verbose_name_plural = _("FoU-contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "department"],
                name="network_one_fou_contact_per_department",
                violation_error_message=_("This municipality (or department) already has a FoU-contact."),
            )
        ]

    def __str__(self):
        where = f"{self.municipality}, {self.department}" if self.department else str(self.municipality)
        return f"{self.person} ({where})"

    @property
    def contact_email(self) -> str:
        return self.email or self.person.email


class NetworkPage(BannerImageMixin, BasePage):
    """Nettverket: the current members of each body, the member municipalities and the partner
    institutions; ``?dato=YYYY-MM-DD`` shows the network as it was on that day."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), *BannerImageMixin.banner_panels]
    parent_page_types = ["core.StandardPage", "home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "network/network_page.html"
    search_result_label = _("Network")

    class Meta:
        verbose_name = _("network page")

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        from cms.network.dates import parse_date_param

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        date, date_error = parse_date_param(request.GET.get("dato"), default=today)
        context.update(network_snapshot(date))
        context.update({"date": date, "date_error": date_error, "is_today": date == today, "today": today})
        return context


def member_municipalities(date: datetime.date):
    """The municipalities that were members of the network on ``date``."""
    return Municipality.objects.filter(
        pk__in=MunicipalityMembershipPeriod.objects.filter(active_on(date)).values("municipality_id")
    )


def network_snapshot(date: datetime.date) -> dict:
    """Who belonged to the network on ``date``: bodies with their members, municipalities (with
    what they merged from) and partner institutions. A fixed number of queries."""
    memberships = (
        Membership.objects.filter(active_on(date, "term_start", "term_end"))
        .select_related("person", "body")
        .order_by("role", "person__name")
    )
    by_body: dict[int, list] = {}
    for membership in memberships:
        by_body.setdefault(membership.body_id, []).append(membership)
    bodies = [(body, by_body.get(body.pk, [])) for body in Body.objects.select_related("mandate_page")]
    municipalities = list(member_municipalities(date).prefetch_related("merged_from"))
    institutions = list(Institution.objects.filter(active_on(date, "partner_since", "partner_until")))
    return {
        "bodies": bodies,
        "municipalities": municipalities,
        "institutions": institutions,
        "fou_contacts": fou_contacts_by_municipality(municipalities),
    }


def fou_contacts_by_municipality(municipalities) -> list[tuple]:
    """(municipality, [FouContact …]) for each of ``municipalities`` that has a contact, in one
    query: what the public pages show (name, role, department; e-mail only where published)."""
    by_municipality: dict[int, list] = {}
    contacts = FouContact.objects.filter(municipality__in=[m.pk for m in municipalities]).select_related("person")
    for contact in contacts:
        by_municipality.setdefault(contact.municipality_id, []).append(contact)
    return [(m, by_municipality[m.pk]) for m in municipalities if m.pk in by_municipality]

"""Research inquiries ("Portalen") and the public project registry.

An inquiry is sent once, from a public form, and goes to one or more municipalities: each
(inquiry, municipality) pair is an :class:`InquiryRouting` with its own status, its own history
and its own FoU-contact(s), because Bergen may accept what Askøy declines. Every state change is
made by ``cms.inquiries.services`` under a row lock on the routing; who may see a routing is
decided by ``cms.inquiries.visibility`` alone.

A project in the registry is a Wagtail page (``ProjectPage``), so drafts, revisions, publishing
and site search come from Wagtail: the researcher's changes are saved as a draft revision and the
secretariat approves them by publishing.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from cms.core import related
from cms.core.history import AbstractStateChange
from cms.core.models import BasePage
from cms.core.outbox import AbstractEmailOutbox
from cms.core.tokens import SecretTokenField
from cms.core.uploads import pdf_validators, private_storage
from cms.network.models import Institution, Municipality
from cms.news.models import NewsPage
from cms.plans.models import FocusArea

from .enums import EthicsStatus, Kind, ProjectStatus, Role, Status

SUMMARY_MAX_LENGTH = 2000


class Inquiry(models.Model):
    """One inquiry as the researcher sent it. ``form_token`` is unique, so sending the same
    form twice (a double click, a reload) stores one inquiry."""

    token = SecretTokenField(_("status link"))
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)

    # Who
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("mobile"), max_length=30)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL
    )
    institution_other = models.CharField(_("other institution"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    supervisor_name = models.CharField(_("supervisor"), max_length=200, blank=True)
    supervisor_email = models.EmailField(_("supervisor's e-mail"), blank=True)

    # The project
    title = models.CharField(_("project title"), max_length=250)
    summary = models.TextField(_("summary"), validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)])
    kind = models.CharField(_("kind of project"), max_length=20, choices=Kind.choices)
    method = models.TextField(_("method"), max_length=2000)
    participants_needed = models.TextField(_("data or participants needed"), max_length=2000)
    services_request = models.TextField(_("what is asked of the services"), max_length=2000)
    services_time = models.CharField(_("time asked of the services"), max_length=300)
    start_date = models.DateField(_("planned start"))
    end_date = models.DateField(_("planned end"))
    sikt_status = models.CharField(_("Sikt assessment"), max_length=20, choices=EthicsStatus.choices)
    sikt_reference = models.CharField(_("Sikt reference"), max_length=100, blank=True)
    rek_status = models.CharField(_("REK approval"), max_length=20, choices=EthicsStatus.choices)
    rek_reference = models.CharField(_("REK reference"), max_length=100, blank=True)
    service_areas = models.JSONField(_("service areas"), default=list, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("research inquiry")
        verbose_name_plural = _("research inquiries")
        permissions = [
            ("see_all_inquiries", _("Can see and answer every research inquiry (adviser)")),
            # Held by the FoU-kontakter group so the admin menu can ask the permission cache; which
            # inquiries a contact sees still comes from their FouContact (visibility.py).
            ("answer_own_inquiries", _("Can answer the research inquiries of their own municipality (FoU-contact)")),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"FH-{timezone.localtime(self.submitted_at).year}-{self.pk or 0:04d}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def institution_name(self) -> str:
        return str(self.institution) if self.institution_id else self.institution_other

    def service_area_labels(self) -> list[str]:
        from .enums import ServiceArea

        labels = dict(ServiceArea.choices)
        return [str(labels.get(value, value)) for value in self.service_areas]


def attachment_path(instance, filename):
    return f"inquiries/{instance.inquiry.form_token}/{filename}"


class InquiryAttachment(models.Model):
    """A PDF sent with an inquiry (project description, approval). Private: served only by a
    view that asked ``visibility`` first."""

    class Kind(models.TextChoices):
        DESCRIPTION = "description", _("Project description")
        APPROVAL = "approval", _("Approval (Sikt or REK)")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, validators=pdf_validators())
    original_name = models.CharField(_("file name"), max_length=200)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class InquiryRouting(models.Model):
    """The inquiry as one municipality (and, where it routes per department, one department)
    handles it. Its status is changed only by ``services``."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="routings")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="inquiry_routings"
    )
    department = models.CharField(_("service department"), max_length=150, blank=True)
    state = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    waiting_since = models.DateTimeField(_("waiting for the municipality since"), default=timezone.now)
    first_answer_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        ordering = ["-inquiry__submitted_at", "municipality__name"]
        verbose_name = _("inquiry to a municipality")
        verbose_name_plural = _("inquiries to municipalities")
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "municipality"], name="inquiries_one_routing_per_municipality")
        ]

    def __str__(self):
        where = f"{self.municipality}, {self.department}" if self.department else str(self.municipality)
        return f"{self.inquiry.reference} → {where}"

    @property
    def where(self) -> str:
        return f"{self.municipality}, {self.department}" if self.department else str(self.municipality)


class InquiryStateChange(AbstractStateChange):
    """A routing's history. The ``note`` of a change by a contact is the written answer the
    researcher sees; the note of a researcher's reply is what the contact reads."""

    owner_field = "routing"

    class Source(models.TextChoices):
        RESEARCHER = "researcher", _("Researcher")
        CONTACT = "contact", _("FoU-contact")
        TASK = "task", _("Scheduled task")
        SYSTEM = "system", _("System")

    routing = models.ForeignKey(InquiryRouting, on_delete=models.CASCADE, related_name="history")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    class Meta(AbstractStateChange.Meta):
        verbose_name = _("inquiry history entry")
        verbose_name_plural = _("inquiry history")

    def to_label(self) -> str:
        return str(dict(Status.choices).get(self.to_state, self.to_state))


class InquiryEmail(AbstractEmailOutbox):
    """An e-mail about an inquiry (``cms.core.outbox``), built by ``emails.build_message``."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        NEW = "new", _("New inquiry (to the contact)")
        STATUS = "status", _("Status change (to the researcher)")
        REPLY = "reply", _("Researcher's reply (to the contact)")
        REMINDER = "reminder", _("Reminder (to the contact)")
        DIGEST = "digest", _("Weekly digest (to the contact)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    inquiry = models.ForeignKey(Inquiry, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    routing = models.ForeignKey(InquiryRouting, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    select_related_for_delivery = ("inquiry", "routing__municipality")
    message_builder = "cms.inquiries.emails.build_message"

    class Meta(AbstractEmailOutbox.Meta):
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="inquiryemail_pending")]


# --- The public project registry ----------------------------------------------------------------


class ProjectIndexPage(BasePage):
    """Prosjekter: the searchable catalogue of projects that came through the portal."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "core.StandardPage"]
    subpage_types = ["inquiries.ProjectPage"]
    max_count = 1
    template = "inquiries/project_index_page.html"
    search_result_label = _("Projects")

    class Meta:
        verbose_name = _("project registry")

    def get_context(self, request, *args, **kwargs):
        from cms.core.pagination import paginate

        from .forms import ProjectFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ProjectFilterForm(request.GET or None)
        projects = (
            ProjectPage.objects.child_of(self)
            .live()
            .public()
            .select_related("institution", "focus_area")
            .prefetch_related("municipalities")
            .order_by("-start_date", "title")
        )
        if form.is_valid():
            projects = form.filter(projects)
        page_obj, page_message = paginate(request, projects, 20)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {"form": form, "page_obj": page_obj, "page_message": page_message, "query_string": query.urlencode()}
        )
        return context


class ProjectPage(BasePage):
    """A project in the registry. Made (as a draft) from an accepted inquiry when the researcher
    consents; the researcher's later changes are draft revisions the secretariat publishes."""

    description = models.TextField(_("about the project"), max_length=SUMMARY_MAX_LENGTH)
    kind = models.CharField(_("kind of project"), max_length=20, choices=Kind.choices)
    project_status = models.CharField(
        _("project status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    project_lead = models.CharField(_("project lead"), max_length=200)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    municipalities = ParentalManyToManyField(Municipality, verbose_name=_("municipalities"), blank=True)
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area of the plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True, max_length=4000)
    publications = models.TextField(
        _("publications"), blank=True, max_length=4000, help_text=_("One publication or link per line.")
    )
    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("project_status")]),
                FieldPanel("project_lead"),
                FieldPanel("institution"),
                FieldPanel("municipalities"),
                FieldPanel("focus_area"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("results"),
        FieldPanel("publications"),
        FieldPanel("inquiry", read_only=True),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("project_lead"),
        index.SearchField("results"),
        index.FilterField("kind"),
        index.FilterField("project_status"),
    ]
    parent_page_types = ["inquiries.ProjectIndexPage"]
    subpage_types: list[str] = []
    template = "inquiries/project_page.html"
    search_result_label = _("Project")
    # Where a news item lists this page among its related pages, it goes under this heading.
    related_link_heading = _("Projects")

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def publication_lines(self) -> list[str]:
        return [line.strip() for line in self.publications.splitlines() if line.strip()]

    def related_news(self):
        """The published, public news items that name this project among their related pages,
        newest first."""
        return (
            NewsPage.objects.live()
            .public()
            .filter(related_pages__related_page=self)
            .distinct()
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_groups"] = self.related_groups(request)
        return context

    def related_groups(self, request=None) -> list:
        """What concerns this project, for its page: its news, then what other features add
        through ``cms.core.related`` (the conference's posters and award winners). A new page
        being previewed has none."""
        if self.pk is None:
            return []
        news = [
            related.RelatedItem(item.title, item.get_url(request), date_format(item.date, "j. F Y"))
            for item in self.related_news()
        ]
        groups = [related.RelatedGroup("news", _("News"), news)] if news else []
        return groups + related.groups_for(self, request)

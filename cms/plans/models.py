"""Plans with measure follow-up ("Bedre kunnskap – bedre helse").

Design: the plan and its focus areas are a page (FocusArea is an ordered inline of PlanPage),
because they are adopted once and change with a revision of the plan. Measures are snippets
(with drafts, revisions and their own status-history and link inlines) because they are
followed up continuously, one at a time and by different editors: updating one measure's
status should not mean opening, locking and republishing a page with 32 measures and hundreds
of form fields. The plan page reads the published measures through its focus areas.
"""

import datetime
import re

from django.contrib.admin import display
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock
from cms.core.models import BasePage
from cms.plans.forms import MeasureForm, PlanPageForm

NUMBER_RE = re.compile(r"^\d+(\.\d+)*$")


def number_key(number: str) -> tuple:
    """Sort "6.1.10" after "6.1.9" (numbers are compared part by part, not as text)."""
    return tuple(int(part) if part.isdigit() else 0 for part in number.split("."))


class MeasureStatusChoice(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")


class PlanIndexPage(BasePage):
    """Planer: the network's plans, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["plans.PlanPage"]
    max_count_per_parent = 1
    template = "plans/plan_index_page.html"
    search_result_label = _("Plans")

    class Meta:
        verbose_name = _("plan index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = PlanPage.objects.child_of(self).live().public().order_by("-period_start")
        return context


class PlanPage(RoutablePageMixin, BasePage):
    """One plan: its adoption, vision and budget target, its focus areas (inline) and the
    progress of its measures (snippets), with a status report for any date."""

    subtitle = models.CharField(_("subtitle"), max_length=250, blank=True)
    period_start = models.PositiveIntegerField(_("first year"), validators=[MinValueValidator(2000)])
    period_end = models.PositiveIntegerField(_("last year"), validators=[MinValueValidator(2000)])
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True, help_text=_("E.g. 'Bergen bystyre'."))
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=40, blank=True, help_text=_("E.g. 119/22."))
    revision_interval_years = models.PositiveSmallIntegerField(_("revised every (years)"), null=True, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    budget_target = models.CharField(
        _("budget target"),
        max_length=250,
        blank=True,
        # xgettext:no-python-format
        help_text=_("E.g. '0.1 % of the health and care budget'."),
    )
    body = StreamField(StandardStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("adopted_by"),
                FieldRowPanel([FieldPanel("decision_date"), FieldPanel("case_number")]),
                FieldPanel("revision_interval_years"),
            ],
            heading=_("Period and adoption"),
        ),
        FieldPanel("vision"),
        FieldPanel("budget_target"),
        FieldPanel("body"),
        InlinePanel("focus_areas", heading=_("Focus areas"), label=_("Focus area")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("vision"),
        index.SearchField("body"),
    ]
    parent_page_types = ["plans.PlanIndexPage"]
    subpage_types: list[str] = []
    template = "plans/plan_page.html"
    search_result_label = _("Plan")
    base_form_class = PlanPageForm

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.title

    @property
    def result_date(self):
        return self.decision_date or self.last_published_at

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The plan cannot end before it starts.")})

    def focus_areas_with_measures(self, on_date: datetime.date | None = None) -> list["FocusArea"]:
        """The focus areas in order, each with ``measure_rows``: its published measures in
        number order, with the status they had on ``on_date`` (today when empty). Four queries
        whatever the size of the plan."""
        from django.db.models import Prefetch

        on_date = on_date or datetime.date.today()
        measures = Measure.objects.filter(live=True).prefetch_related(
            "statuses", Prefetch("links", queryset=MeasureLink.objects.select_related("page"))
        )
        areas = list(self.focus_areas.all().prefetch_related(Prefetch("measures", queryset=measures)))
        for area in areas:
            area.measure_rows = sorted(
                (MeasureRow(measure, measure.status_entry_on(on_date)) for measure in area.measures.all()),
                key=lambda row: number_key(row.measure.number),
            )
            area.progress = Progress([row.status for row in area.measure_rows])
        return areas

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context.update({"today": today, "focus_areas": self.focus_areas_with_measures(today)})
        return context

    @path("statusrapport/")
    def status_report(self, request):
        from cms.plans.views import status_report

        return status_report(request, self)


class FocusArea(Orderable, ClusterableModel):
    """A satsingsområde of a plan, e.g. "6.3 Kunnskapsbasert innovasjon"."""

    plan = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="focus_areas")
    number = models.CharField(_("number"), max_length=10, help_text=_("E.g. 6.3"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("title")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        plan = getattr(self, "plan", None)
        return f"{self.number} {self.title}" + (f" ({plan.title})" if plan else "")

    def clean(self):
        if self.number and not NUMBER_RE.match(self.number):
            raise ValidationError({"number": _("Use digits separated by dots, e.g. 6.3.")})


class MeasureRow:
    """A measure with the status entry that applied on the chosen date."""

    def __init__(self, measure: "Measure", entry: "MeasureStatus | None"):
        self.measure = measure
        self.entry = entry
        self.status = entry.status if entry else MeasureStatusChoice.PLANNED
        self.status_label = entry.get_status_display() if entry else _("No status yet")


class Progress:
    """Counts of measures per status, for the at-a-glance bar."""

    ORDER = [
        MeasureStatusChoice.DONE,
        MeasureStatusChoice.IN_PROGRESS,
        MeasureStatusChoice.PAUSED,
        MeasureStatusChoice.PLANNED,
    ]

    def __init__(self, statuses: list):
        self.total = len(statuses)
        self.cells = sorted(
            (status or MeasureStatusChoice.PLANNED for status in statuses),
            key=lambda s: self.ORDER.index(s),
        )
        self.counts = [(choice.value, choice.label, self.cells.count(choice)) for choice in self.ORDER]

    @property
    def done(self) -> int:
        return self.cells.count(MeasureStatusChoice.DONE)


class Measure(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A numbered measure (tiltak) of a plan. Its number is data (editors may correct it) but
    is unique within a plan; its status is the latest entry of its dated status history."""

    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focus area"), on_delete=models.PROTECT, related_name="measures"
    )
    # Copied from the focus area on save so the database can keep numbers unique per plan.
    plan = models.ForeignKey(PlanPage, on_delete=models.CASCADE, related_name="measures", editable=False)
    number = models.CharField(_("number"), max_length=20, help_text=_("E.g. 6.3.3"))
    title = models.CharField(_("title"), max_length=250)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    responsible = models.CharField(
        _("responsible"), max_length=200, blank=True, help_text=_("Who is responsible, e.g. 'Etat for helsetjenester'.")
    )
    cost_estimate = models.PositiveIntegerField(
        _("cost estimate (NOK)"), null=True, blank=True, help_text=_("Whole kroner; leave empty if not estimated.")
    )
    cost_note = models.CharField(
        _("cost note"), max_length=200, blank=True, help_text=_("E.g. 'per year, for 3 years'.")
    )

    panels = [
        FieldPanel("focus_area"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("responsible")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("cost_estimate"), FieldPanel("cost_note")], heading=_("Cost")),
        InlinePanel("statuses", heading=_("Status history"), label=_("Status entry")),
        InlinePanel("links", heading=_("News and events that served this measure"), label=_("Link")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("number"),
        index.SearchField("description"),
        index.SearchField("responsible"),
    ]
    base_form_class = MeasureForm

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plans_measure_number_unique_in_plan",
                violation_error_message=_("This plan already has a measure with this number."),
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def clean(self):
        super().clean()
        if self.number and not NUMBER_RE.match(self.number):
            raise ValidationError({"number": _("Use digits separated by dots, e.g. 6.3.3.")})
        if self.focus_area_id and self.number:
            plan_id = FocusArea.objects.filter(pk=self.focus_area_id).values_list("plan_id", flat=True).first()
            clash = Measure.objects.filter(plan_id=plan_id, number=self.number).exclude(pk=self.pk).first()
            if clash is not None:
                raise ValidationError(
                    {
                        "number": _(
                            "Measure %(number)s already exists in this plan (“%(title)s”). Choose another number."
                        )
                        % {"number": self.number, "title": clash.title}
                    }
                )

    def save(self, *args, **kwargs):
        if self.focus_area_id:
            self.plan_id = FocusArea.objects.filter(pk=self.focus_area_id).values_list("plan_id", flat=True).first()
        super().save(*args, **kwargs)

    @property
    def cost_display(self) -> str:
        """The cost with Norwegian thousands separators (narrow no-break spaces): 435 000."""
        return f"{self.cost_estimate:,}".replace(",", "\u202f") if self.cost_estimate is not None else ""

    def status_entry_on(self, date: datetime.date) -> "MeasureStatus | None":
        """The latest status entry dated on or before ``date`` (uses prefetched statuses)."""
        entries = [entry for entry in self.statuses.all() if entry.date <= date]
        return max(entries, key=lambda entry: (entry.date, entry.pk or 0)) if entries else None

    def status_on(self, date: datetime.date) -> str | None:
        entry = self.status_entry_on(date)
        return entry.status if entry else None

    @property
    @display(description=_("current status"))
    def current_status(self) -> str:
        status = self.status_on(datetime.date.today())
        return MeasureStatusChoice(status).label if status else _("No status yet")


class MeasureStatus(models.Model):
    """One dated entry of a measure's status history, with an optional comment."""

    measure = ParentalKey(Measure, on_delete=models.CASCADE, related_name="statuses")
    date = models.DateField(_("date"), default=datetime.date.today)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatusChoice.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("status")]), FieldPanel("comment")]

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("status entry")
        verbose_name_plural = _("status entries")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.get_status_display()}"


# A measure links to the news and events that served it.
LINKABLE_PAGE_TYPES = ["news.NewsPage", "events.EventPage"]


class MeasureLink(Orderable):
    """A news item or event that served a measure."""

    measure = ParentalKey(Measure, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", page_type=LINKABLE_PAGE_TYPES)]

    def clean(self):
        super().clean()
        if self.page_id and self.page.specific_class._meta.label not in LINKABLE_PAGE_TYPES:
            raise ValidationError({"page": _("Choose a news item or an event.")})

    class Meta(Orderable.Meta):
        verbose_name = _("link")
        verbose_name_plural = _("links")

"""Governance documents: mandates, agreements, minutes, plans and status reports, published as
HTML first (an accessible PDF is optional), with kind, owning body, status and parties."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import StandardStreamBlock
from cms.core.models import BasePage
from cms.core.pagination import paginate
from cms.governance.enums import DocumentKind, DocumentStatus
from cms.governance.forms import DocumentFilterForm


class GovernanceDocumentIndexPage(BasePage):
    """Styringsdokumenter: every governance document, filterable by kind, body, year and status."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["governance.GovernanceDocumentPage"]
    max_count_per_parent = 1
    template = "governance/governance_document_index_page.html"
    search_result_label = _("Governance documents")
    per_page = 20

    class Meta:
        verbose_name = _("governance document index")

    def documents(self):
        return (
            GovernanceDocumentPage.objects.child_of(self)
            .live()
            .public()
            .select_related("owner_body")
            .order_by("-effective_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        form = DocumentFilterForm(request.GET or None, documents=documents)
        documents = form.apply(documents)
        page_obj, page_problem = paginate(request, documents, self.per_page)
        problems = [page_problem] if page_problem else []
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "filter_form": form,
                "filter_problems": problems,
                "page_obj": page_obj,
                "documents": page_obj.object_list,
                "query_string": query.urlencode(),
                "is_filtered": form.is_filtered,
            }
        )
        return context


class GovernanceDocumentPage(BasePage):
    """One governance document. A superseded document says which document replaced it."""

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    owner_body = models.ForeignKey(
        "network.Body",
        verbose_name=_("owning body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    status = models.CharField(_("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    superseded_by = models.ForeignKey(
        "governance.GovernanceDocumentPage",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        help_text=_("Required when the status is 'superseded'."),
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    party_municipalities = ParentalManyToManyField(
        "network.Municipality", verbose_name=_("municipalities"), blank=True, related_name="documents"
    )
    party_institutions = ParentalManyToManyField(
        "network.Institution", verbose_name=_("institutions"), blank=True, related_name="documents"
    )
    summary_text = models.TextField(_("summary"), blank=True)
    body = StreamField(StandardStreamBlock(), verbose_name=_("text"), blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. The HTML text above is the main version; the PDF must be accessible."),
    )
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("E.g. the plan page for a plan document."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("owner_body")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("superseded_by")]),
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("valid_until")]),
            ],
            heading=_("About the document"),
        ),
        MultiFieldPanel(
            [FieldPanel("party_municipalities"), FieldPanel("party_institutions")],
            heading=_("Parties"),
        ),
        FieldPanel("summary_text"),
        FieldPanel("body"),
        FieldPanel("pdf"),
        FieldPanel("related_page"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary_text"), index.SearchField("body")]
    parent_page_types = ["governance.GovernanceDocumentIndexPage"]
    subpage_types: list[str] = []
    template = "governance/governance_document_page.html"
    search_result_label = _("Governance document")

    class Meta:
        verbose_name = _("governance document")
        verbose_name_plural = _("governance documents")

    @property
    def result_date(self):
        return self.effective_date or self.last_published_at

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    def clean(self):
        super().clean()
        if self.status == DocumentStatus.SUPERSEDED and not self.superseded_by_id:
            raise ValidationError({"superseded_by": _("Choose the document that replaced this one.")})
        if self.superseded_by_id and self.status != DocumentStatus.SUPERSEDED:
            raise ValidationError({"status": _("A document that has been replaced must have the status 'superseded'.")})
        if self.superseded_by_id and self.pk and self.superseded_by_id == self.pk:
            raise ValidationError({"superseded_by": _("A document cannot supersede itself.")})
        if self.effective_date and self.valid_until and self.valid_until < self.effective_date:
            raise ValidationError({"valid_until": _("The end date cannot be before the effective date.")})

"""The "Nettverket" admin menu: one SnippetViewSet per record type of the network, each with
filters, search and CSV/XLSX export."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.core.viewsets import ExportingSnippetViewSet
from cms.network.models import Body, FouContact, Institution, Membership, Municipality, Person


class MunicipalityViewSet(ExportingSnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name", "number", "merged_into", "merged_on"]
    list_filter = ["merged_into"]
    list_export = ["name", "slug", "number", "website", "merged_into", "merged_on"]
    export_filename = "kommuner"
    search_fields = ["name"]
    copy_view_enabled = False


class InstitutionViewSet(ExportingSnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = _("Institutions")
    list_display = ["name", "short_name", "kind", "partner_since", "partner_until"]
    list_filter = ["kind"]
    list_export = ["name", "short_name", "kind", "website", "partner_since", "partner_until"]
    export_filename = "institusjoner"
    search_fields = ["name", "short_name"]


class PersonViewSet(ExportingSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "job_title", "organisation", "municipality"]
    list_filter = ["municipality", "institution"]
    list_export = ["name", "job_title", "organisation", "institution", "municipality", "email"]
    export_filename = "personer"
    search_fields = ["name", "organisation", "job_title"]


class BodyViewSet(ExportingSnippetViewSet):
    model = Body
    icon = "clipboard-list"
    menu_label = _("Bodies")
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]
    list_export = ["name", "kind", "description"]
    export_filename = "organer"
    search_fields = ["name", "description"]


class MembershipFilterSet(WagtailFilterSet):
    class Meta:
        model = Membership
        fields = {"body": ["exact"], "role": ["exact"], "term_start": ["gte"], "term_end": ["lte"]}


class MembershipViewSet(ExportingSnippetViewSet):
    model = Membership
    icon = "link"
    menu_label = _("Memberships")
    list_display = ["person", "body", "role", "represents", "term_start", "term_end"]
    filterset_class = MembershipFilterSet
    list_export = ["person", "body", "role", "represents", "term_start", "term_end"]
    export_filename = "medlemskap"
    search_fields = None  # not indexed; filter by body and role instead

    def get_queryset(self, request):
        return Membership.objects.select_related("person", "body")


class FouContactViewSet(ExportingSnippetViewSet):
    model = FouContact
    icon = "mail"
    menu_label = _("FoU-contacts")
    list_display = ["person", "municipality", "department", "contact_email"]
    list_filter = ["municipality"]
    list_export = ["person", "municipality", "department", "contact_email"]
    export_filename = "fou-kontakter"

    def get_queryset(self, request):
        return FouContact.objects.select_related("person", "municipality")


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (
        MunicipalityViewSet,
        InstitutionViewSet,
        BodyViewSet,
        MembershipViewSet,
        PersonViewSet,
        FouContactViewSet,
    )
    menu_icon = "group"
    menu_label = _("Network")
    menu_name = "network"
    menu_order = 250


register_snippet(NetworkViewSetGroup)

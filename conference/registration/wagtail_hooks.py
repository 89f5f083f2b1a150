"""The organisers' side of registration in the Wagtail admin, in the "Conference" menu
(defined in ``conference.editions.admin_menu``): the registrations list (search, filters,
export), ticket types, add-ons, settings (``viewsets``), the dashboard, manual registration,
bulk e-mail and check-in.

Permissions are Django's model permissions on ``Registration``: *view* for the dashboard,
lists and exports, *change* for editing, cancelling, check-in and bulk e-mail, *add* for
manual registration. Nobody deletes registrations here (the history and the finance office
need them; the retention command anonymises them)."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.core.exports import NorwegianSpreadsheetExportMixin
from cms.network.models import Municipality
from conference.editions.admin_menu import CONFERENCE_MENU_HOOK
from conference.editions.models import ConferenceEditionPage

from . import admin_urls, services
from . import fields as registration_fields
from .admin_forms import CancelForm, InvoiceStatusForm, RegistrationDetailsForm
from .admin_views import can_view_special_needs
from .lookup import registration_for_reference
from .models import Registration, RegistrationStateChange, TicketType, format_nok
from .viewsets import AddOnViewSet, RegistrationSettingsViewSet, TicketTypeViewSet


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody may delete (history and accounting depend on it)."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Registration, NoDeletePermissionPolicy(Registration))


# --- Registrations -----------------------------------------------------------------------------


class RegistrationFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        label=_("Edition"), queryset=ConferenceEditionPage.objects.order_by("-year")
    )
    state = django_filters.MultipleChoiceFilter(label=_("State"), choices=Registration.State.choices)
    ticket_type = django_filters.ModelChoiceFilter(
        label=_("Ticket type"), queryset=TicketType.objects.select_related("edition").order_by("-edition__year")
    )
    payment_method = django_filters.ChoiceFilter(label=_("Payment method"), choices=Registration.PaymentMethod.choices)
    invoice_status = django_filters.ChoiceFilter(
        label=_("Invoice status"), choices=[c for c in Registration.InvoiceStatus.choices if c[0]]
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    checked_in = django_filters.BooleanFilter(
        label=_("Checked in"), field_name="checked_in_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Registration
        fields = []


class RegistrationIndexView(NorwegianSpreadsheetExportMixin, generic.IndexView):
    """The list, and its CSV/XLSX export by the site's rules (formula guard: names and
    organisations come from a public form; semicolons + BOM; Oslo times; phone as text)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("edition", "ticket_type", "municipality")

    def search_queryset(self, queryset):
        # A reference such as KK2028-00042 finds that registration directly.
        registration = registration_for_reference(self.search_query or "")
        if registration is not None:
            return queryset.filter(pk=registration.pk)
        return super().search_queryset(queryset)

    def get_add_url(self):
        if self.user_has_permission("add"):
            return reverse("registration_admin:add")
        return None

    def get_filename(self):
        """ "pameldinger-2028" when the list is filtered to one edition, else with today's date."""
        filters = getattr(self, "filters", None)
        edition = filters.form.cleaned_data.get("edition") if filters is not None and filters.is_valid() else None
        return f"{self.export_filename}-{edition.year if edition else timezone.localdate().isoformat()}"


class RegistrationEditView(generic.EditView):
    """Edit of personal and invoice details through ``services.update_details``."""

    def save_instance(self):
        changes = self.form.changes()
        return services.update_details(
            self.object.pk, changes, source=RegistrationStateChange.Source.ORGANISER, actor=self.request.user
        )

    def get_success_url(self):
        return reverse("registrations:inspect", args=[self.object.pk])

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not can_view_special_needs(self.request.user):
            for name in ("dietary_needs", "accessibility_needs", "special_needs_consent"):
                form.fields.pop(name, None)
        return form


class RegistrationInspectView(generic.InspectView):
    """The registration with its whole history, e-mails and card payments, plus the actions."""

    template_name = "registration/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Registration.objects.select_related("edition", "ticket_type", "municipality", "created_by"),
            pk=self.pk,
        )

    def get_fields(self):
        contact = [name for name in registration_fields.PERSON if name not in ("first_name", "last_name")]
        if can_view_special_needs(self.request.user):
            contact += registration_fields.SPECIAL_NEEDS  # special-category data: only with the permission
        fields = [
            "state",
            "ticket_type",
            "add_ons",
            *contact,
            *registration_fields.CONSENTS,
            "payment_method",
            "amount_ore",
            "invoice_status",
            *registration_fields.INVOICE,
            "created_at",
            "confirmed_at",
            "hold_expires_at",
            "offer_expires_at",
            "cancelled_at",
            "checked_in_at",
            "created_by",
        ]
        return fields

    def get_amount_ore_display_value(self):
        return self.object.amount_display

    def get_add_ons_display_value(self):
        return ", ".join(a.name for a in self.object.add_ons.all()) or "–"

    def get_page_subtitle(self):
        return f"{self.object.full_name} ({self.object.reference})"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        context["registration"] = registration
        states = dict(Registration.State.choices)
        history = list(registration.history.select_related("actor").order_by("at", "pk"))
        for change in history:
            change.from_label = states.get(change.from_state, change.from_state)
            change.to_label = states.get(change.to_state, change.to_state)
        payments = list(registration.payments.order_by("created_at", "pk"))
        for payment in payments:
            payment.amount_display = format_nok(payment.amount_ore)
        context["history"] = history
        context["emails"] = registration.emails.order_by("created_at", "pk")
        context["payments"] = payments
        can_change = self.permission_policy.user_has_permission(self.request.user, "change")
        context["can_change"] = can_change
        context["can_cancel"] = can_change and registration.state in Registration.ACTIVE_STATES
        context["certificate"] = getattr(registration, "certificate", None)
        context["can_issue_certificate"] = (
            can_change and registration.state == Registration.State.CONFIRMED and context["certificate"] is None
        )
        context["cancel_form"] = CancelForm()
        context["invoice_form"] = (
            InvoiceStatusForm(initial={"invoice_status": registration.invoice_status})
            if can_change and registration.payment_method == Registration.PaymentMethod.INVOICE
            else None
        )
        return context


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "registrations"
    icon = "group"
    menu_label = _("Registrations")
    menu_hook = CONFERENCE_MENU_HOOK
    menu_order = 1
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    inspect_view_class = RegistrationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = list(RegistrationDetailsForm._meta.fields)
    list_display = [
        Column("reference", label=_("Reference")),
        Column("full_name", label=_("Name")),
        Column("organisation", label=_("Organisation")),
        Column("ticket_type", label=_("Ticket type")),
        Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
        Column("payment_method", label=_("Payment"), accessor="get_payment_method_display"),
        DateColumn("created_at", label=_("Registered"), sort_key="created_at"),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["first_name", "last_name", "email", "organisation"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_export = [
        "reference",
        "edition",
        "first_name",
        "last_name",
        "email",
        "phone",
        "organisation",
        "municipality_display",
        "job_title",
        "ticket_type",
        "get_state_display",
        "get_payment_method_display",
        "amount_ore",
        "get_invoice_status_display",
        "participant_list_consent",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "checked_in_at",
    ]
    export_headings = {
        "reference": _("Reference"),
        "municipality_display": _("Municipality"),
        "get_state_display": _("State"),
        "get_payment_method_display": _("Payment method"),
        "get_invoice_status_display": _("Invoice status"),
    }
    export_filename = "pameldinger"

    def get_form_class(self, for_update=False):
        return RegistrationDetailsForm

    def get_urlpatterns(self):
        # Registrations are only created by ``services.create_registration``: the generic
        # "add" view is replaced by a redirect to the organisers' registration form.
        patterns = [p for p in super().get_urlpatterns() if getattr(p, "name", None) != "add"]
        return [
            *patterns,
            path("new/", RedirectView.as_view(pattern_name="registration_admin:add", query_string=True), name="add"),
        ]


@hooks.register("register_admin_viewset")
def register_registration_viewsets():
    return [RegistrationViewSet(), TicketTypeViewSet(), AddOnViewSet(), RegistrationSettingsViewSet()]


# --- Custom views (dashboard, manual registration, bulk e-mail, check-in, exports) ----------


@hooks.register("register_admin_urls")
def register_registration_admin_urls():
    return [path("registration-tools/", include(admin_urls, namespace="registration_admin"))]


class RegistrationPermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(f"registration.{self.permission}_registration")


@hooks.register(CONFERENCE_MENU_HOOK)
def dashboard_menu_item():
    return RegistrationPermissionMenuItem(
        _("Registration dashboard"),
        reverse("registration_admin:dashboard"),
        icon_name="view",
        order=2,
        permission="view",
        name="registration-dashboard",
    )


@hooks.register(CONFERENCE_MENU_HOOK)
def checkin_menu_item():
    return RegistrationPermissionMenuItem(
        _("Check-in"),
        reverse("registration_admin:checkin"),
        icon_name="tick",
        order=3,
        permission="change",
        name="registration-checkin",
    )


@hooks.register(CONFERENCE_MENU_HOOK)
def manual_registration_menu_item():
    return RegistrationPermissionMenuItem(
        _("Register someone"),
        reverse("registration_admin:add"),
        icon_name="user",
        order=4,
        permission="add",
        name="registration-add",
    )


@hooks.register(CONFERENCE_MENU_HOOK)
def bulk_email_menu_item():
    return RegistrationPermissionMenuItem(
        _("E-mail to attendees"),
        reverse("registration_admin:bulk_email"),
        icon_name="mail",
        order=5,
        permission="change",
        name="registration-email",
    )


@hooks.register("insert_global_admin_css")
def registration_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/registration-admin.css"))

"""Admin URLs of the organisers' registration tools (registered by ``wagtail_hooks``)."""

from django.urls import path

from . import admin_views

app_name = "registration_admin"

urlpatterns = [
    path("", admin_views.DashboardView.as_view(), name="dashboard"),
    path("new/", admin_views.ManualRegistrationView.as_view(), name="add"),
    path("offer-free-seats/", admin_views.OfferFreeSeatsView.as_view(), name="offer_free_seats"),
    path("checkin/", admin_views.CheckInView.as_view(), name="checkin"),
    path("sessions/", admin_views.SessionNumbersView.as_view(), name="sessions"),
    path("feedback/", admin_views.FeedbackResultsView.as_view(), name="feedback"),
    path("checkin/count.json", admin_views.CheckInCountView.as_view(), name="checkin_count"),
    path("email/", admin_views.BulkEmailView.as_view(), name="bulk_email"),
    path("export/<slug:kind>.<slug:fmt>", admin_views.ExportView.as_view(), name="export"),
    path("<int:pk>/cancel/", admin_views.CancelView.as_view(), name="cancel"),
    path("<int:pk>/invoice-status/", admin_views.InvoiceStatusView.as_view(), name="invoice_status"),
    path("<int:pk>/certificate/", admin_views.IssueCertificateView.as_view(), name="issue_certificate"),
]

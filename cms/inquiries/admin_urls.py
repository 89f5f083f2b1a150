"""Admin URLs of the portal (registered by ``wagtail_hooks``)."""

from django.urls import path

from . import admin_views

app_name = "inquiries_admin"

urlpatterns = [
    path("", admin_views.InquiryListView.as_view(), name="list"),
    path("statistics/", admin_views.StatisticsView.as_view(), name="statistics"),
    path("export.<slug:fmt>", admin_views.ExportView.as_view(), name="export"),
    path("<int:pk>/", admin_views.InquiryDetailView.as_view(), name="detail"),
    path("<int:pk>/attachment/<int:attachment_pk>/", admin_views.AttachmentView.as_view(), name="attachment"),
    path("<int:pk>/record.<slug:fmt>", admin_views.RecordView.as_view(), name="record"),
]

"""Admin URLs of the reviewer pages (registered by ``wagtail_hooks`` under ``/admin/reviewing/``)."""

from django.urls import path

from . import admin_views

app_name = "review_admin"

urlpatterns = [
    path("", admin_views.RoundListView.as_view(), name="index"),
    path("<int:round_id>/", admin_views.RoundView.as_view(), name="round"),
    path("<int:round_id>/declare-many/", admin_views.DeclareManyView.as_view(), name="declare_many"),
    path("<int:round_id>/items/<int:item_id>/", admin_views.ItemView.as_view(), name="item"),
    path("<int:round_id>/items/<int:item_id>/declare/", admin_views.DeclareView.as_view(), name="declare"),
    path("<int:round_id>/ranking/", admin_views.RankingView.as_view(), name="ranking"),
    path("<int:round_id>/ranking.<slug:fmt>", admin_views.RankingExportView.as_view(), name="ranking_export"),
    path("<int:round_id>/declarations/", admin_views.DeclarationLogView.as_view(), name="declarations"),
    path("<int:round_id>/log/", admin_views.AuditLogView.as_view(), name="log"),
    path("<int:round_id>/panel/", admin_views.PanelView.as_view(), name="panel"),
]

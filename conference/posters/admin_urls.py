"""Admin URLs of the organisers' poster tools (registered by ``admin_hooks``)."""

from django.urls import path

from . import admin_views

app_name = "posters_admin"

urlpatterns = [
    path("", admin_views.CallIndexView.as_view(), name="index"),
    path("<int:call_pk>/", admin_views.CallView.as_view(), name="call"),
    path("<int:call_pk>/<int:pk>/decide/", admin_views.DecideView.as_view(), name="decide"),
    path("<int:call_pk>/<int:pk>/project/", admin_views.ProjectLinkView.as_view(), name="project"),
    path("<int:call_pk>/<int:pk>/prize/", admin_views.PrizeView.as_view(), name="prize"),
    path("<int:call_pk>/preview/", admin_views.PreviewView.as_view(), name="preview"),
    path("<int:call_pk>/send/", admin_views.SendView.as_view(), name="send"),
    path("<int:call_pk>/board-numbers/", admin_views.BoardNumbersView.as_view(), name="board_numbers"),
    path("<int:call_pk>/qr/", admin_views.QRCodesView.as_view(), name="qr_codes"),
]

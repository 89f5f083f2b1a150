"""Public registration URLs (bokmål paths; under /en/ in English)."""

from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("pamelding/<int:year>/", views.register, name="register"),
    path("pamelding/<int:year>/venteliste/", views.register, {"waiting_list": True}, name="waiting_list"),
    path("pamelding/kvittering/<str:token>/", views.receipt, name="receipt"),
    path("pamelding/p/<str:token>/", views.manage, name="manage"),
    path("pamelding/p/<str:token>/avbestill/", views.cancel, name="cancel"),
    path("pamelding/p/<str:token>/betal/", views.pay, name="pay"),
    path("pamelding/p/<str:token>/billett.pdf", views.ticket, name="ticket"),
    path("pamelding/p/<str:token>/kvittering.pdf", views.receipt_document, name="receipt_pdf"),
    path("pamelding/tilbud/<str:token>/", views.offer, name="offer"),
]

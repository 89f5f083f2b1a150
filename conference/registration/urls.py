"""Public registration URLs (bokmål paths; under /en/ in English)."""

from django.urls import path

from . import group_views, views

app_name = "registration"

urlpatterns = [
    path("pamelding/<int:year>/", views.register, name="register"),
    path("pamelding/<int:year>/venteliste/", views.register, {"waiting_list": True}, name="waiting_list"),
    path("pamelding/kvittering/<str:token>/", views.receipt, name="receipt"),
    path("pamelding/p/<str:token>/", views.manage, name="manage"),
    path("pamelding/p/<str:token>/program/", views.choose_sessions, name="choose_sessions"),
    path("pamelding/p/<str:token>/mitt-program.ics", views.personal_calendar, name="personal_calendar"),
    path("pamelding/p/<str:token>/avbestill/", views.cancel, name="cancel"),
    path("pamelding/p/<str:token>/betal/", views.pay, name="pay"),
    path("pamelding/p/<str:token>/billett.pdf", views.ticket, name="ticket"),
    path("pamelding/p/<str:token>/kvittering.pdf", views.receipt_document, name="receipt_pdf"),
    path("pamelding/p/<str:token>/ordrebekreftelse.pdf", views.order_confirmation, name="order_confirmation"),
    path("pamelding/p/<str:token>/konferansen.ics", views.calendar, name="calendar"),
    path("pamelding/tilbud/<str:token>/", views.offer, name="offer"),
    path("pamelding/<int:year>/gruppe/", group_views.group_register, name="group_register"),
    path("pamelding/bestilling/<str:token>/", group_views.group_order, name="group_order"),
    path("pamelding/bestilling/<str:token>/betal/", group_views.group_pay, name="group_pay"),
    path("pamelding/bestilling/<str:token>/avbestill/", group_views.group_cancel_order, name="group_cancel_order"),
    path("pamelding/bestilling/<str:token>/avbestill/<int:pk>/", group_views.group_cancel, name="group_cancel"),
    path("pamelding/bestilling/<str:token>/overfor/<int:pk>/", group_views.group_transfer, name="group_transfer"),
    path("pamelding/p/<str:token>/overfor/", group_views.transfer, name="transfer"),
    path("pamelding/p/<str:token>/kursbevis.pdf", views.certificate, name="certificate"),
    path("kursbevis/<str:code>/", views.verify_certificate, name="verify_certificate"),
    path("pamelding/evaluering/<str:token>/", group_views.feedback, name="feedback"),
]

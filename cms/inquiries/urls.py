"""Public URLs of the portal (bokmål paths; under /en/ in English)."""

from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("forskningshenvendelse/", views.inquiry_form, name="form"),
    path("forskningshenvendelse/fou-kontakter/", views.fou_contacts, name="fou_contacts"),
    path("forskningshenvendelse/kvittering/<str:token>/", views.receipt, name="receipt"),
    path("forskningshenvendelse/s/<str:token>/", views.status, name="status"),
]

"""Public review URLs (bokmål paths). Include in ``cms/urls.py`` inside ``i18n_patterns``:
``path("", include("conference.review.urls"))``."""

from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("vurdering/invitasjon/<str:token>/", views.accept_invitation, name="accept_invitation"),
]

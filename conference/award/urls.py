"""Public award URLs (bokmål paths). Include in ``cms/urls.py`` inside ``i18n_patterns``:
``path("", include("conference.award.urls"))``."""

from django.urls import path

from . import views

app_name = "award"

urlpatterns = [
    path("prisen/<int:year>/nominer/", views.nominate, name="nominate"),
    path("prisen/nominasjon/<str:token>/", views.manage, name="manage"),
    path("prisen/nominasjon/<str:token>/vedlegg/<int:pk>/", views.manage_attachment, name="manage_attachment"),
    path("prisen/nominert/<str:token>/", views.nominee, name="nominee"),
    path("prisen/jury/vedlegg/<int:pk>/", views.jury_attachment, name="jury_attachment"),
]

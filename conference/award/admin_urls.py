from django.urls import path

from . import admin_views

app_name = "award_admin"

urlpatterns = [
    path("", admin_views.JuryHomeView.as_view(), name="home"),
    path("<int:pk>/decision/", admin_views.DecisionView.as_view(), name="decision"),
    path("<int:pk>/confirm/", admin_views.ConfirmView.as_view(), name="confirm"),
    path("<int:pk>/candidates/", admin_views.CandidatesView.as_view(), name="candidates"),
]

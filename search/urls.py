"""The search page, included by ``cms.urls`` by name (search reaches into conference content,
which ``cms`` itself may not import)."""

from django.urls import path

from search import views

urlpatterns = [path("sok/", views.search, name="search")]

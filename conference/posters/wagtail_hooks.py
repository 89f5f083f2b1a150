"""Posters in the admin's "Conference" menu (``viewsets``)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import PosterSubmission
from .viewsets import OrganiserReadOnlyPolicy, PosterSubmissionViewSet

register_permission_policy(PosterSubmission, OrganiserReadOnlyPolicy(PosterSubmission))


@hooks.register("register_admin_viewset")
def register_poster_viewsets():
    return [PosterSubmissionViewSet()]

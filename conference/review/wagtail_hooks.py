from wagtail import hooks

from .viewsets import RoundViewSet


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    return [RoundViewSet()]

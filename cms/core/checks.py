"""Project rules enforced as Django system checks, so they hold as the site grows."""

from django.apps import apps
from django.core import checks

PROJECT_PACKAGES = ("cms.", "home.", "conference.", "search.")


@checks.register(checks.Tags.models)
def pages_declare_their_place_in_the_tree(app_configs, **kwargs):
    """Every page type of this project states where it may be created (``parent_page_types``),
    so editors are never offered a page type where it makes no sense."""
    from wagtail.models import Page

    errors = []
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page or model._meta.abstract:
            continue
        if not model.__module__.startswith(PROJECT_PACKAGES):
            continue
        if "parent_page_types" not in model.__dict__:
            errors.append(
                checks.Error(
                    f"{model.__name__} does not declare parent_page_types.",
                    hint="Set parent_page_types on the page class.",
                    obj=model,
                    id="cms.E001",
                )
            )
    return errors

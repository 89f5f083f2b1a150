"""Keep the Administrator group complete: permissions of models added after the group was
created (by later migrations of any content app) are granted after every ``migrate``."""

from django.apps import apps as global_apps

ADMINISTRATOR = "Administrator"


def grant_new_permissions_to_administrator(sender=None, using="default", apps=global_apps, **kwargs):
    from importlib import import_module

    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    group = Group.objects.using(using).filter(name=ADMINISTRATOR).first()
    if group is None:
        return
    app_labels = import_module("cms.core.migrations.0002_editorial_groups").ADMINISTRATOR_APPS
    wanted = Permission.objects.using(using).filter(content_type__app_label__in=app_labels)
    missing = wanted.exclude(group=group)
    if missing.exists():
        group.permissions.add(*missing)

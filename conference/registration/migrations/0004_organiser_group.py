"""The Arrangør (organiser) group: the Wagtail admin and the organisers' registration work —
the dashboard, lists and exports (view), editing, cancelling, check-in and bulk e-mail
(change), manual registration (add), ticket types, add-ons and settings. Not the dietary and
accessibility needs (``view_special_needs``): those are granted person by person."""

from django.db import migrations

ARRANGOR = "Arrangør"
MODELS = ["registration", "tickettype", "addon", "registrationsettings"]


def create_group(apps, schema_editor):
    # The same helper the editorial groups use: permissions exist only after all migrations.
    from importlib import import_module

    import_module("cms.core.migrations.0002_editorial_groups").ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ARRANGOR)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    codenames = [f"{action}_{model}" for model in MODELS for action in ("view", "add", "change")]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="registration", codename__in=codenames))


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ARRANGOR).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0003_emailoutbox_sending_until"),
        ("core", "0002_editorial_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]

"""The Arrangør (organiser) group manages review rounds: it sees every round, its ranking, logs
and panel (``review.manage_round``) and edits rounds and their criteria in the admin."""

from django.db import migrations

ARRANGOR = "Arrangør"
CODENAMES = ["manage_round", "view_round", "add_round", "change_round"]


def grant(apps, schema_editor):
    from importlib import import_module

    import_module("cms.core.migrations.0002_editorial_groups").ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ARRANGOR)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    group.permissions.add(*Permission.objects.filter(content_type__app_label="review", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ARRANGOR).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="review", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("core", "0002_editorial_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""The panel groups' permission to open the reviewer pages (``sit_on_panel``, given to each
round's group by ``services.panel_group``; it shows the menu, membership still decides), and
the Arrangør (organiser) group managing review rounds: it sees every round, its ranking, logs
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
    # Panel groups made before this migration get the new permission too.
    sit = Permission.objects.filter(content_type__app_label="review", codename="sit_on_panel").first()
    Round = apps.get_model("review", "Round")
    for group_id in Round.objects.exclude(panel_group=None).values_list("panel_group_id", flat=True):
        Group.objects.get(pk=group_id).permissions.add(sit)


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

    operations = [
        migrations.AlterModelOptions(
            name='round',
            options={'ordering': ['-edition__year', 'kind', 'title'], 'permissions': [('manage_round', 'Can manage review rounds and see everything in them'), ('sit_on_panel', 'Can open the reviewer pages of their own panels')], 'verbose_name': 'review round', 'verbose_name_plural': 'review rounds'},
        ),
        migrations.RunPython(grant, revoke),
    ]

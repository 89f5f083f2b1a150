"""Give the editorial groups rights on the network snippets. The groups are fetched or created
by name, so this works whichever migration (this one or cms.core's) creates them first."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["municipality", "institution", "person", "body", "membership", "foucontact"]
GROUP_ACTIONS = {
    "Redaktør": ["add", "change", "view"],
    "Publisist": ["add", "change", "view", "delete"],
    "Administrator": ["add", "change", "view", "delete"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("network")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, actions in GROUP_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [f"{action}_{model}" for model in MODELS for action in actions]
        group.permissions.add(*Permission.objects.filter(content_type__app_label="network", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="network")
    for group in Group.objects.filter(name__in=GROUP_ACTIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("network", "0002_dated_membership_bodies_fou_contacts"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

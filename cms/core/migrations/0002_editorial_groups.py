"""Editorial groups and the approval workflow.

- Redaktør: Wagtail admin, add and edit pages (submit for approval), but not publish.
- Publisist: as Redaktør, and publish, lock and unlock pages (approves in the workflow).
- Administrator: every permission of the site's content, settings and snippets.

Each group gets page permissions on the tree's root page and image/document permissions on the
root collection. The workflow "Godkjenning før publisering" with one group-approval task for
Publisist is created here; the news and document sections are assigned to it when they exist
(the demo loaders do that, by the workflow's name).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REDAKTOR, PUBLISIST, ADMINISTRATOR = "Redaktør", "Publisist", "Administrator"
WORKFLOW_NAME = "Godkjenning før publisering"
TASK_NAME = "Godkjenning av publisist"

PAGE_PERMISSIONS = {
    REDAKTOR: ["add_page", "change_page"],
    PUBLISIST: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ADMINISTRATOR: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    REDAKTOR: ["add", "change", "choose"],
    PUBLISIST: ["add", "change", "delete", "choose"],
    ADMINISTRATOR: ["add", "change", "delete", "choose"],
}
# Snippets editors keep up to date in the daily work (the news topics).
SNIPPET_PERMISSIONS = {
    REDAKTOR: [("news", "add_topic"), ("news", "change_topic")],
    PUBLISIST: [("news", "add_topic"), ("news", "change_topic"), ("news", "delete_topic")],
}
# The Administrator gets every permission of these apps (content, snippets, settings, users).
ADMINISTRATOR_APPS = [
    "wagtailadmin",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsnippets",
    "wagtailredirects",
    "wagtailforms",
    "wagtailusers",
    "wagtaillocales",
    "simple_translation",
    "taggit",
    "core",
    "home",
    "news",
    "events",
    "network",
    "plans",
    "governance",
]


def ensure_permissions(apps):
    # Permissions are normally made after all migrations; make them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    groups = {}
    for name in (REDAKTOR, PUBLISIST, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[name]:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection is not None:
            for action in COLLECTION_PERMISSIONS[name]:
                for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                    permission = Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
        for app_label, codename in SNIPPET_PERMISSIONS.get(name, []):
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    groups[ADMINISTRATOR].permissions.add(*Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS))

    task_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_content_type, active=True)
    task.groups.add(groups[PUBLISIST])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove_groups(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[REDAKTOR, PUBLISIST, ADMINISTRATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("news", "0001_initial"),
        ("events", "0001_initial"),
        ("network", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

"""Retire what Wagtail installs by default for moderation: the "Moderators approval" workflow on
the root page (it would send every submission to a group nobody is in) and the empty default
groups "Moderators" and "Editors", which Redaktør / Publisist / Administrator replace.
Approval is the workflow "Godkjenning før publisering" on the sections that need it."""

from django.db import migrations

DEFAULT_WORKFLOW = "Moderators approval"
DEFAULT_GROUPS = ["Moderators", "Editors"]


def retire(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Group = apps.get_model("auth", "Group")
    WorkflowPage.objects.filter(workflow__name=DEFAULT_WORKFLOW, page__depth=1).delete()
    Workflow.objects.filter(name=DEFAULT_WORKFLOW).update(active=False)
    # Only groups nobody has been put in: never take rights away from a real user.
    Group.objects.filter(name__in=DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_editorial_groups")]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]

"""The editorial approval workflow shared by every section that needs it (news, documents)."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

# The same names as the migration core.0002 that creates them.
WORKFLOW_NAME = "Godkjenning før publisering"
TASK_NAME = "Godkjenning av publisist"
PUBLISHER_GROUP = "Publisist"


def ensure_approval_workflow(section) -> Workflow:
    """Put ``section`` (and every page under it) under "Godkjenning før publisering": a
    Publisist must approve what a Redaktør submits. Found by name, so sections share one
    workflow with one task; the task is recreated only if it is missing (e.g. a flushed test
    database)."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first() or GroupApprovalTask.objects.create(
            name=TASK_NAME
        )
        task.groups.add(Group.objects.get_or_create(name=PUBLISHER_GROUP)[0])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
    return workflow

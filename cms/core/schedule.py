"""The site's own periodic jobs (see ``cms.core.scheduler``)."""

from cms.core.scheduler import register

register("publish-scheduled", "cms.core.maintenance.publish_scheduled", every=60)
register("clear-sessions", "cms.core.maintenance.clear_expired_sessions", daily="03:05")
register("prune-task-results", "cms.core.maintenance.prune_task_results", daily="03:10")

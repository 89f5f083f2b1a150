import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 otherwise (for load balancers).

    Our ``SELECT 1`` is itself a connection health check, so Django's own (another ``SELECT 1``
    before the first query on a reused connection, CONN_HEALTH_CHECKS) is skipped: one round trip
    instead of two. A stale connection fails this probe once and is closed at the end of the
    request (Django closes connections that saw errors); the next probe reconnects."""
    connection.health_check_done = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check failed: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render the designed 500 page without touching the database, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": request}), status=500)


def rate_limited(request, exception=None):
    return render(request, "429.html", status=429)

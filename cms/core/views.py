from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.core.health import database_answers


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 otherwise (for load balancers). Under
    gunicorn (``cms.wsgi``) the same probe is answered before the middleware stack by
    ``cms.core.health.HealthzShortcut``; this view answers it everywhere else."""
    if not database_answers():
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

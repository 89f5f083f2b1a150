import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from cms.core.health import HealthzShortcut  # noqa: E402  (after the settings are chosen)

# /healthz (load balancer and Varnish probes) skips the middleware stack: cms/core/health.py.
application = HealthzShortcut(get_wsgi_application())

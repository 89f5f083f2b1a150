"""gunicorn settings for production (systemd unit kk-web.service and `make serve`).
Every value can be overridden from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then so a slow leak never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
# Load the app once in the master; workers fork with it ready (faster start, less memory).
preload_app = True
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "true").lower() in {"1", "true", "yes", "on"} else None
errorlog = "-"
# Behind nginx/Varnish on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

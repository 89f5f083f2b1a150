#!/usr/bin/env bash
# Print an environment for `make serve` on this machine (written once to .env.serve, kept out
# of git): production settings over plain HTTP on 127.0.0.1, the local PostgreSQL and Redis,
# e-mails as files in sent-emails/, media served by Django.
set -euo pipefail
PORT=${PORT:-8000}
secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
cat <<ENV
DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=$secret
ALLOWED_HOSTS=127.0.0.1,localhost
WAGTAILADMIN_BASE_URL=http://127.0.0.1:$PORT
DATABASE_URL=postgres://postgres@127.0.0.1:5432/kunnskapskommunen
REDIS_URL=redis://127.0.0.1:6379/0
SECURE_SSL_REDIRECT=false
EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
SERVE_MEDIA=true
GUNICORN_BIND=127.0.0.1:$PORT
GUNICORN_WORKERS=3
ENV

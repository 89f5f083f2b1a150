"""A hello-world WSGI app: the floor for /healthz, served by the same gunicorn in bench.targets."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]

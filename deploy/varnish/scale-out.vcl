# Scale-out: one Varnish in front of two (or more) stateless app servers, balanced round-robin.
# The caching and purge rules are default.vcl's, included below; only the backends differ.
# Copy both files to /etc/varnish/, point varnishd at this one, and list every app server
# (another machine: its address instead of 127.0.0.1). Each app server's FRONTEND_CACHE_URL
# names this Varnish, so a publish on any of them purges the shared cache. `make bench`
# (bench/targets.py) fills in the two ports and measures this setup.
vcl 4.1;

import directors;

backend web1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

backend web2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web1);
    app.add_backend(web2);
}

sub vcl_recv {
    # Runs before default.vcl's vcl_recv (same-named subroutines are concatenated in order).
    set req.backend_hint = app.backend();
}

# default.vcl's own "default" backend stays unused here.
include "./default.vcl";

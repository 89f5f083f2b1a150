# Varnish in front of gunicorn: caches what the site marks public, never what is personal, and
# obeys the site's purges (docs/caching.md). Debian: apt install varnish; point
# /etc/varnish/default.vcl here; set FRONTEND_CACHE_URL=http://127.0.0.1:6081 for the site.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Only the app servers may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Any content change bumps the site's generation; the site then purges this path,
        # which drops every object of the host (the same invalidation as the page cache).
        if (req.url == "/.purge-all") {
            ban("req.http.host == " + req.http.host);
            return (synth(200, "Banned"));
        }
        return (purge);
    }

    # Personal and operational paths: straight to the site.
    if (req.url ~ "^/(admin|django-admin|documents|i18n|stripe)/"
        || req.url ~ "^/(en/)?pamelding/"
        || req.url ~ "^/healthz") {
        return (pass);
    }

    # A session or a pending message makes a visitor personal; any other cookie (csrftoken,
    # analytics) does not change a public page, so it is dropped for GET and HEAD (never for
    # POST: CSRF needs it).
    if (req.method == "GET" || req.method == "HEAD") {
        if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
            return (pass);
        }
        unset req.http.Cookie;
    }
    # Everything else: Varnish's built-in rules (only GET/HEAD are looked up).
}

sub vcl_backend_response {
    # The site decides: public pages say public + max-age (seats-left pages a short one);
    # personal ones private/no-store or set a cookie, which the built-in rules never cache.
    # No grace: a page past its max-age (e.g. seats left) is never served stale.
    set beresp.grace = 0s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}

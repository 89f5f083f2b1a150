from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.core import views as core_views

# Language-neutral endpoints: operations, admin and machine-readable files.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    # App endpoints that must not carry a language prefix (webhooks, feeds for machines).
    path("", include("conference.payments.urls")),
]

# Public pages: bokmål without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("cms.news.urls")),
    path("", include("cms.plans.urls")),
    path("", include("cms.governance.urls")),
    path("", include("cms.network.urls")),
    path("", include("cms.events.urls")),
    path("", include("cms.inquiries.urls")),
    path("", include("conference.editions.urls")),
    path("", include("conference.registration.urls")),
    path("", include("conference.review.urls")),
    path("", include("conference.award.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
elif settings.SERVE_MEDIA:
    # One machine without a web server in front (`make serve`): the public media only.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns = [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ] + urlpatterns

handler404 = "cms.core.views.page_not_found"
handler500 = "cms.core.views.server_error"

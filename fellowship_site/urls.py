from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cohorts.opendata import feeds
from cohorts.opendata.api import api
from cohorts.outcomes.export import cohort_outcomes_csv
from home.throttling import ThrottledPasswordResetView
from search import views as search_views

handler500 = "home.views.server_error"

urlpatterns = [
    # Before Wagtail's admin URLs, so that it replaces Wagtail's own view.
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/", api.urls),
    path(
        "cohorts/<int:cohort_id>/outcomes.csv",
        cohort_outcomes_csv,
        name="cohort_outcomes_csv",
    ),
    path("feeds/", include((feeds.urlpatterns, "feeds"))),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "fellowship_site.views.server_error"

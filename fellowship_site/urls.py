from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cohorts.access.accounts import AccountSettingsView
from cohorts.access.scope import scoped_to_roles
from cohorts.opendata import feeds
from cohorts.opendata.api import api
from cohorts.outcomes.export import cohort_outcomes_csv
from cohorts.spreadsheets import formula_safe_exports
from search import views as search_views

# Wagtail's admin, with three changes, each explained where it is defined:
# - fellows and coaches open only the views listed in cohorts/access/scope.py;
# - Wagtail's own spreadsheet exports escape formulas (cohorts/spreadsheets.py);
# - fellows and coaches do not change their own email (cohorts/access/accounts.py).
# The last two answer in place of Wagtail's own views, at the same addresses.
admin_urlpatterns = scoped_to_roles(
    [
        path(
            "",
            include(
                (formula_safe_exports(wagtailadmin_urls.urlpatterns), "formula_safe")
            ),
        ),
        path(
            "account/",
            never_cache(require_admin_access(AccountSettingsView.as_view())),
            name="wagtailadmin_account",
        ),
        *wagtailadmin_urls.urlpatterns,
    ]
)

urlpatterns = [
    path("admin/", include(admin_urlpatterns)),
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

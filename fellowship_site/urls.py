from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action import index as bulk_actions
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cohorts.access.accounts import AccountSettingsView
from cohorts.access.scope import scoped_to_roles
from cohorts.goodpractice import views as good_practice
from cohorts.ids import ids_in_range
from cohorts.opendata import feeds
from cohorts.opendata.api import api
from cohorts.outcomes.export import cohort_outcomes_csv
from cohorts.spreadsheets import formula_safe_exports
from fellowship_site.views import healthz
from home.throttling import (
    ThrottledPasswordResetView,
    UnlockingPasswordResetConfirmView,
)
from home.views import ExternalLinkView
from search import views as search_views


def admin_view(view_class):
    """A view served as Wagtail serves its own admin views."""
    return never_cache(require_admin_access(view_class.as_view()))


# Wagtail's admin, with these changes, each explained where it is defined:
# - fellows and coaches open only the views listed in cohorts/access/scope.py;
# - Wagtail's own spreadsheet exports escape formulas (cohorts/spreadsheets.py);
# - fellows and coaches do not change their own email (cohorts/access/accounts.py);
# - the external-link chooser refuses a post without its URL (home/views.py);
# - password reset requests are throttled, and a reset ends the account's
#   sign-in lockout (home/throttling.py);
# - a bulk action's ids are checked before it reads them (cohorts/ids.py).
# The last six answer in place of Wagtail's own views, at the same addresses.
admin_urlpatterns = scoped_to_roles(
    [
        path(
            "",
            include(
                (formula_safe_exports(wagtailadmin_urls.urlpatterns), "formula_safe")
            ),
        ),
        path(
            "password_reset/",
            ThrottledPasswordResetView.as_view(),
            name="wagtailadmin_password_reset",
        ),
        path(
            "password_reset/confirm/<uidb64>/<token>/",
            UnlockingPasswordResetConfirmView.as_view(),
            name="wagtailadmin_password_reset_confirm",
        ),
        path("account/", admin_view(AccountSettingsView), name="wagtailadmin_account"),
        path(
            "choose-external-link/",
            admin_view(ExternalLinkView),
            name="wagtailadmin_choose_page_external_link",
        ),
        path(
            "bulk/<str:app_label>/<str:model_name>/<str:action>/",
            never_cache(require_admin_access(ids_in_range(bulk_actions))),
            name="wagtail_bulk_action",
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
        "cohorts/<id:cohort_id>/outcomes.csv",
        cohort_outcomes_csv,
        name="cohort_outcomes_csv",
    ),
    path("feeds/", include((feeds.urlpatterns, "feeds"))),
    path("share-good-practice/", include(good_practice.urlpatterns)),
    path("healthz", healthz, name="healthz"),
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

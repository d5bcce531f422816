from django.urls import include, path

from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_measure_urls():
    return [path("measures/", include((views.urlpatterns, "cohorts_measures")))]

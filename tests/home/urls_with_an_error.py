"""The site's URLs plus one that fails, to see the 500 page."""

from django.urls import path

from fellowship_site.urls import handler500, urlpatterns


def fail(request):
    raise RuntimeError("A bug")


urlpatterns = [path("fail/", fail), *urlpatterns]
__all__ = ["handler500", "urlpatterns"]

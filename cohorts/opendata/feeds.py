"""Atom feeds of published project updates (for the whole site, for one cohort
and for one project) and of published good practice. Mounted at /feeds/ by
fellowship_site/urls.py."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from wagtail.models import Page

from cohorts.models import (
    CohortPage,
    FellowProjectPage,
    GoodPracticePage,
    ProjectUpdatePage,
    parent_value,
)
from home.models import SiteSettings
from home.restrictions import not_restricted

ITEMS = 50
TITLE = "Project updates"


@dataclass(frozen=True)
class Source:
    """What one request's feed is about. Feed views are shared by every
    request, so anything per request travels in this object."""

    title: str
    link: str
    author: str
    page: Page | None = None


class SiteFeed(Feed):
    """An Atom feed of the whole site's ``heading``, by the organisation in the
    site settings."""

    feed_type = Atom1Feed
    heading = ""

    def get_object(self, request):
        name = SiteSettings.for_request(request).organisation_name
        return Source(title=f"{self.heading} – {name}", link="/", author=name)

    def title(self, source):
        return source.title

    def link(self, source):
        return source.link

    def author_name(self, source):
        return source.author


class UpdatesFeed(SiteFeed):
    """Every published project update, newest first."""

    heading = TITLE
    description = (
        "What fellows tried in their quality-improvement projects, "
        "and what they learned."
    )

    def items(self, source):
        updates = ProjectUpdatePage.objects.live().filter(not_restricted())
        if source.page is not None:
            updates = updates.descendant_of(source.page)
        return (
            updates.defer_streamfields()
            .annotate(project_title=parent_value(FellowProjectPage, "title"))
            .order_by("-date", "-first_published_at")[:ITEMS]
        )

    def item_title(self, update):
        """Updates of many projects share titles such as "Adapting the change
        after feedback", so each names its project."""
        return f"{update.project_title}: {update.title}"

    def item_description(self, update):
        return update.summary

    def item_link(self, update):
        return update.url

    def item_pubdate(self, update):
        return timezone.make_aware(
            datetime.datetime.combine(update.date, datetime.time())
        )

    def item_updateddate(self, update):
        """Atom requires every entry to have one."""
        return update.last_published_at or self.item_pubdate(update)


class PageUpdatesFeed(UpdatesFeed):
    """The updates published under one live page: a cohort or a project."""

    model = None

    def get_object(self, request, pk):
        page = get_object_or_404(
            self.model.objects.live().filter(not_restricted()), pk=pk
        )
        name = SiteSettings.for_request(request).organisation_name
        return Source(
            title=f"{TITLE}: {page.title}", link=page.url, author=name, page=page
        )


class CohortUpdatesFeed(PageUpdatesFeed):
    model = CohortPage


class ProjectUpdatesFeed(PageUpdatesFeed):
    model = FellowProjectPage

    def item_title(self, update):
        return update.title


class GoodPracticeFeed(SiteFeed):
    """Every published good-practice example, newest first (never its contact
    email)."""

    heading = "Good practice"
    description = "Good practice in healthcare education and quality improvement."

    def items(self, source):
        return GoodPracticePage.objects.for_listing()[:ITEMS]

    def item_title(self, example):
        return example.title

    def item_description(self, example):
        return example.summary

    def item_link(self, example):
        return example.url

    def item_categories(self, example):
        return [theme.name for theme in example.themes.all()]

    def item_pubdate(self, example):
        return example.first_published_at

    def item_updateddate(self, example):
        return example.last_published_at


urlpatterns = [
    path("updates/", UpdatesFeed(), name="updates"),
    path("cohorts/<id:pk>/", CohortUpdatesFeed(), name="cohort"),
    path("projects/<id:pk>/", ProjectUpdatesFeed(), name="project"),
    path("good-practice/", GoodPracticeFeed(), name="good_practice"),
]

from django.db import models
from django.db.models import F
from django.http import Http404

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cohorts.models import (
    CohortPage,
    FellowProjectPage,
    GoodPracticeIndexPage,
    ProgrammePage,
    ProjectUpdatePage,
    Theme,
    parent_value,
)
from home.restrictions import RestrictionsFromCache, not_restricted

from .blocks import BaseStreamBlock
from .forms import EditorPageForm


class HomePage(RestrictionsFromCache, Page):
    """What a reader came for: the outcomes in numbers, projects, what is new,
    the cohorts and the good practice, each a short list in a fixed number of
    queries."""

    FEATURED_PROJECTS = 3
    LATEST_UPDATES = 4
    LATEST_COHORTS = 4

    # The page cache (home/pagecache.py): it shows content from across the site.
    page_cache_follows_site = True
    intro = models.TextField(blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    base_form_class = EditorPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_projects",
            label="Featured project",
            heading="Featured projects",
            max_num=FEATURED_PROJECTS,
            help_text="Up to three projects to show first. With none chosen, the "
            "home page shows the latest published projects.",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cohorts.ProgrammePage",
        "cohorts.FellowIndexPage",
        "cohorts.GoodPracticeIndexPage",
        "modules.ModuleIndexPage",
        "home.StandardPage",
    ]
    max_count = 1

    def get_featured_projects(self):
        """The published projects staff chose, in their order; the latest
        published projects when they chose none (or none of theirs is live)."""
        chosen = list(self.featured_projects.values_list("project_id", flat=True))
        projects = FellowProjectPage.objects.for_listing()
        if chosen:
            order = {pk: position for position, pk in enumerate(chosen)}
            featured = sorted(projects.filter(pk__in=chosen), key=lambda p: order[p.pk])
            if featured:
                return featured
        latest = projects.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
        return list(latest[: self.FEATURED_PROJECTS])

    def get_latest_updates(self):
        """The newest published project updates, each with its project's title."""
        updates = (
            ProjectUpdatePage.objects.live()
            .filter(not_restricted())
            .defer_streamfields()
            .annotate(project_title=parent_value(FellowProjectPage, "title"))
            .order_by("-date", "-pk")
        )
        return updates[: self.LATEST_UPDATES]

    def get_cohorts(self):
        """The cohorts that started last, each named with its programme."""
        cohorts = (
            CohortPage.objects.live().filter(not_restricted()).with_programme_title()
        )
        return cohorts.order_by("-start_date", "title")[: self.LATEST_COHORTS]

    def get_programmes(self):
        return (
            ProgrammePage.objects.child_of(self)
            .live()
            .filter(not_restricted())
            .order_by("title")
        )

    def get_good_practice(self):
        """The good-practice section (None if there is none) and its themes: the
        home page links each theme to the section's examples under it, or, with
        no section, to the projects filed under it in search."""
        section = (
            GoodPracticeIndexPage.objects.child_of(self)
            .live()
            .filter(not_restricted())
            .first()
        )
        return section, Theme.objects.filter(good_practice=True).order_by("name")

    def route(self, request, path_components):
        """Find the deepest page on the path in one query (and its specific
        type in a second), instead of Wagtail's two queries per level of the
        tree; that page routes what is left of the path (a routable page's
        sub-page, or a 404). One difference from Wagtail's walk: a child page
        whose slug is also a sub-route of its routable parent is served as the
        child. The site root is this page, so every public URL comes this way."""
        if not path_components:
            return super().route(request, path_components)
        url_paths = [
            self.url_path + "".join(f"{part}/" for part in path_components[:end])
            for end in range(1, len(path_components) + 1)
        ]
        deepest = Page.objects.filter(url_path__in=url_paths).order_by("-depth").first()
        if deepest is None:
            raise Http404
        model = deepest.specific_class
        if model is None:  # its page type's model is gone: Wagtail's own fallback
            specific = deepest.specific
        else:  # as its page type reads a page it serves (for_serving, if it has one)
            queryset = model.objects.all()
            if hasattr(queryset, "for_serving"):
                queryset = queryset.for_serving()
            specific = queryset.get(pk=deepest.pk)
        return specific.route(request, path_components[deepest.depth - self.depth :])


class HomePageFeaturedProject(Orderable):
    """A project staff chose to show first on the home page."""

    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_projects"
    )
    project = models.ForeignKey(
        "cohorts.FellowProjectPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("project")]


class StandardPage(RestrictionsFromCache, Page):
    """About, contact, accessibility statement, privacy notice and the like."""

    intro = models.TextField(blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    base_form_class = EditorPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=120,
        default="Fellowship",
        help_text="Shown in the header of every page instead of a logo.",
    )
    organisation_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Never use the NHS logo.",
    )
    footer_text = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField(
        blank=True, help_text="A team inbox, shown on the public site."
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("organisation_name"), FieldPanel("organisation_logo")],
                heading="Header",
            ),
            ObjectList(
                [FieldPanel("footer_text"), FieldPanel("contact_email")],
                heading="Footer",
            ),
        ]
    )

    class Meta:
        verbose_name = "site settings"

"""The programme and its cohorts: the top of the programme tree, whose pages
list what is below them (cohorts, then projects and fellows). The project and
update pages, and what the pages share, are in pages.py."""

from django import forms
from django.db import models
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.forms import EditorPageForm
from home.pagination import paginate
from home.restrictions import RestrictionsFromCache, not_restricted

from .heads import subpage_head
from .kpis import KPIBoardRoutes
from .pages import FellowProjectPage, tabs
from .tree import parent_path, parent_value


class ProgrammePage(RestrictionsFromCache, KPIBoardRoutes, RoutablePageMixin, Page):
    intro = models.TextField(help_text="One or two sentences: what the programme is.")
    run_by = models.ForeignKey(
        "cohorts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="run by",
    )
    accreditation_partner = models.ForeignKey(
        "cohorts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The university that accredits the programme.",
    )
    body = StreamField(BaseStreamBlock(), blank=True)

    base_form_class = EditorPageForm
    edit_handler = tabs(
        [
            *Page.content_panels,
            FieldPanel("intro"),
            FieldRowPanel([FieldPanel("run_by"), FieldPanel("accreditation_partner")]),
            FieldPanel("body"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cohorts.CohortPage"]

    def get_cohorts(self):
        return (
            CohortPage.objects.child_of(self)
            .live()
            .filter(not_restricted())
            .order_by("-start_date")
        )

    @path("impact/", name="impact")
    def impact(self, request):
        """A printable summary of the programme's outcomes for funders."""
        return self.render(
            request,
            template="cohorts/programme_impact.html",
            context_overrides=subpage_head(
                self,
                request,
                "impact",
                title=f"Impact summary: {self.title}",
                description=f"Outcomes of {self.title}, cohort by cohort: fellows, "
                "projects, academic awards and outcome records.",
            ),
        )

    def get_sitemap_urls(self, request=None):
        url = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": url + self.reverse_subpage(route)}
                for route in ("impact", "how_we_are_doing")
            ),
            *(
                {"location": url + self.reverse_subpage("kpi", args=[pk])}
                for pk in self.kpis.values_list("pk", flat=True)
            ),
        ]


class CohortPageQuerySet(PageQuerySet):
    def with_programme_title(self):
        """Each cohort with its programme's title, in the same query, so that a
        list of cohorts gives each one's ``full_title`` without more queries."""
        return self.annotate(programme_title=parent_value(ProgrammePage, "title"))


class CohortPage(RestrictionsFromCache, RoutablePageMixin, Page):
    start_date = models.DateField()
    end_date = models.DateField()
    intro = models.TextField(blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    base_form_class = EditorPageForm
    edit_handler = tabs(
        [
            *Page.content_panels,
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("intro"),
            FieldPanel("body"),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    objects = PageManager.from_queryset(CohortPageQuerySet)()

    parent_page_types = ["cohorts.ProgrammePage"]
    subpage_types = ["cohorts.FellowProjectPage"]

    PROJECTS_PER_PAGE = 12
    FELLOWS_PER_PAGE = 12
    FELLOWS_PAGE_PARAM = "fellows-page"

    class Meta:
        verbose_name = "cohort"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise forms.ValidationError(
                {"end_date": "The cohort must end after it starts."}
            )

    @property
    def period(self):
        return f"{self.start_date:%B %Y} to {self.end_date:%B %Y}"

    @cached_property
    def full_title(self):
        """The programme's title, an en dash, then the cohort's: the cohort's
        name wherever it is shown outside its own programme's pages (facets,
        choosers, filters, reports, exports, imports), since two programmes may
        each have a "Cohort 2016/17". One query, or none after
        ``with_programme_title()``."""
        programme = getattr(self, "programme_title", None)
        if programme is None:
            programme = (
                ProgrammePage.objects.filter(path=parent_path(self.path))
                .values_list("title", flat=True)
                .first()
            )
        return f"{programme} \N{EN DASH} {self.title}" if programme else self.title

    def get_fellows(self):
        """Consented fellows only: this is what the public sees."""
        return self.fellows.public().for_cards()

    def get_projects(self):
        return FellowProjectPage.objects.child_of(self).for_listing()

    def get_module_sessions(self):
        return self.module_sessions.select_related("module").order_by("date")

    @path("")
    def index(self, request):
        """The cohort's projects first, then its fellows, a page of each at a
        time (``?page=`` and ``?fellows-page=``), then a summary of the
        outcomes and the module timetable."""
        return self.render(
            request,
            context_overrides={
                "projects": paginate(
                    request, self.get_projects(), self.PROJECTS_PER_PAGE
                ),
                "fellows": paginate(
                    request,
                    self.get_fellows(),
                    self.FELLOWS_PER_PAGE,
                    self.FELLOWS_PAGE_PARAM,
                ),
                "module_sessions": self.get_module_sessions(),
            },
        )

    @path("outcomes/", name="outcomes")
    def outcomes(self, request):
        """All the cohort's outcomes: the numbers, the charts and their tables."""
        return self.render(
            request,
            template="cohorts/cohort_outcomes.html",
            context_overrides=subpage_head(
                self,
                request,
                "outcomes",
                title=f"Outcomes: {self.full_title}",
                description=f"Outcomes of {self.full_title}: fellows, projects, "
                "academic awards, outcome records and measures, with charts and "
                "data tables.",
            ),
        )

    def get_sitemap_urls(self, request=None):
        return [
            *super().get_sitemap_urls(request),
            {"location": self.get_full_url(request) + self.reverse_subpage("outcomes")},
        ]

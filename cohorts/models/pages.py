"""The programme tree: Programme → Cohort → Fellow project → Project update.
This module has the project and update pages, and what all the pages share
(the admin tabs, the head of a routable sub-page); the programme and cohort
pages are in programmes.py, the fellows directory in fellow_index.py."""

from django import forms
from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    When,
    prefetch_related_objects,
)
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from cohorts.blocks import DriverDiagramBlock, PDSALogBlock
from cohorts.roles import ProjectPermissionsMixin
from home.blocks import BaseStreamBlock
from home.restrictions import RestrictionsFromCache, not_restricted

from .measures import PROGRESS_SCORES
from .snippets import Fellow
from .tree import parent_path


def tabs(content, extra=()):
    """The standard page tabs with the page's own content panels (and any extra
    tabs) first."""
    return TabbedInterface(
        [
            ObjectList(content, heading="Content"),
            *extra,
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )


# A project's organisation is published only when at least one of its fellows
# consented to be named (Fellow.public_consent). A project whose fellows all
# withheld consent is still public, but its organisation would give them away:
# with the cohort's "1 fellow who chose not to be named" it says where that
# fellow works. Staff still see and edit it in the admin. The rule is stated
# here once, as SQL (has_named_fellow, public_organisation_id) and for a page
# (FellowProjectPage.public_organisation, which reads the annotation of
# FellowProjectPageQuerySet.with_public_organisation); docs/security.md.


def named_fellow_links():
    """The links of projects to fellows who consented to be named."""
    return FellowProjectFellow.objects.filter(fellow__public_consent=True)


def has_named_fellow():
    """In a query of projects: whether the project has a fellow who consented
    to be named, so that its organisation may be published."""
    return Exists(named_fellow_links().filter(project=OuterRef("pk")))


def public_organisation_id():
    """In a query of projects: the id of the project's organisation where it
    may be published (has_named_fellow), else NULL."""
    return Case(When(has_named_fellow(), then=F("organisation_id")))


class FellowProjectPageQuerySet(PageQuerySet):
    LISTING_IMAGE_SPEC = "fill-400x225"

    def with_public_organisation(self):
        """The projects with their organisation and whether the public may see
        it, in the same query: ``public_organisation`` then costs no query."""
        return self.select_related("organisation").annotate(
            organisation_is_public=has_named_fellow()
        )

    def for_serving(self):
        """How HomePage.route reads a project it serves: with what its facts
        and JSON-LD show of its organisation."""
        return self.with_public_organisation()

    def for_listing(self):
        """Live public projects with what a card shows, in a fixed number of queries."""
        return (
            self.live()
            .filter(not_restricted())
            .defer_streamfields()
            .with_public_organisation()
            .prefetch_related(
                Prefetch(
                    "listing_image",
                    queryset=get_image_model().objects.prefetch_renditions(
                        self.LISTING_IMAGE_SPEC
                    ),
                ),
                Prefetch(
                    "project_fellows",
                    queryset=named_fellow_links().select_related("fellow"),
                ),
                "themes",
            )
            .order_by("title")
        )


class FellowProjectPage(RestrictionsFromCache, ProjectPermissionsMixin, Page):
    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        TESTING = "testing", "Testing changes"
        IMPLEMENTING = "implementing", "Implementing"
        SPREADING = "spreading", "Spreading"
        SUSTAINED = "sustained", "Sustained"
        CLOSED = "closed", "Closed"

    STATUS_TAG_COLOURS = {
        Status.PLANNING: "grey",
        Status.TESTING: "blue",
        Status.IMPLEMENTING: "purple",
        Status.SPREADING: "orange",
        Status.SUSTAINED: "green",
        Status.CLOSED: "white",
    }
    aim = models.TextField(
        "aim statement",
        help_text="SMART: how much, by when, for whom. "
        "E.g. 'Reduce falls on ward 7 by 30% by March 2015'.",
    )
    problem = models.TextField(help_text="What is the problem, and why does it matter?")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PLANNING
    )
    themes = ParentalManyToManyField(
        "cohorts.Theme", blank=True, related_name="projects"
    )
    clinical_area = models.CharField(max_length=120, blank=True)
    organisation = models.ForeignKey(
        "cohorts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    summary = models.TextField(help_text="Shown on cards and in search results.")
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True)
    driver_diagram = StreamField(
        DriverDiagramBlock(),
        blank=True,
        help_text="From the aim above: the primary drivers, their secondary "
        "drivers and the change ideas for each.",
    )

    objects = PageManager.from_queryset(FellowProjectPageQuerySet)()

    edit_handler = tabs(
        [
            *Page.content_panels,
            FieldPanel("summary"),
            FieldPanel("aim"),
            FieldPanel("problem"),
            FieldPanel("body"),
            FieldPanel("driver_diagram"),
        ],
        extra=[
            ObjectList(
                [InlinePanel("measures", label="Measure")],
                heading="Measures",
            ),
            ObjectList(
                [
                    InlinePanel("project_fellows", label="Fellow", min_num=1),
                    FieldPanel("status"),
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("clinical_area"),
                    FieldPanel("organisation"),
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldPanel("listing_image"),
                ],
                heading="Project details",
            ),
        ],
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("aim"),
        index.SearchField("problem"),
        index.SearchField("clinical_area"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]

    parent_page_types = ["cohorts.CohortPage"]
    subpage_types = ["cohorts.ProjectUpdatePage"]

    class Meta:
        verbose_name = "fellow project"

    @property
    def status_tag_colour(self):
        return self.STATUS_TAG_COLOURS[self.status]

    @cached_property
    def cohort(self):
        # Imported here: programmes.py imports this module to list projects.
        from .programmes import CohortPage

        return CohortPage.objects.filter(path=parent_path(self.path)).first()

    @cached_property
    def public_organisation(self):
        """The organisation as the public may see it: None unless one of the
        project's fellows consented to be named (has_named_fellow). Read from
        the queryset's annotation (with_public_organisation), else with one
        query (a preview, a page fetched some other way)."""
        if self.organisation_id is None:
            return None
        public = getattr(self, "organisation_is_public", None)
        if public is None:
            public = named_fellow_links().filter(project_id=self.pk).exists()
        return self.organisation if public else None

    def get_fellows(self):
        return Fellow.objects.public().filter(project_links__project=self).for_listing()

    def get_updates(self):
        return (
            ProjectUpdatePage.objects.child_of(self)
            .live()
            .filter(not_restricted())
            .defer_streamfields()
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], "themes")  # the facts and the JSON-LD
        context["fellows"] = self.get_fellows().select_related("coach")
        context["updates"] = self.get_updates()
        return context


class FellowProjectFellow(Orderable):
    project = ParentalKey(
        FellowProjectPage, on_delete=models.CASCADE, related_name="project_fellows"
    )
    fellow = models.ForeignKey(
        Fellow, on_delete=models.CASCADE, related_name="project_links"
    )

    panels = [FieldPanel("fellow")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fellow"], name="unique_project_fellow"
            )
        ]


class ProjectUpdatePage(RestrictionsFromCache, ProjectPermissionsMixin, Page):
    date = models.DateField()
    summary = models.TextField()
    body = StreamField(BaseStreamBlock(), blank=True)
    pdsa_cycles = StreamField(
        PDSALogBlock(),
        blank=True,
        verbose_name="PDSA cycles",
        help_text="The Plan-Do-Study-Act cycles this update reports. Each is "
        "shown as a dated marker on the project's charts.",
    )
    progress_score = models.DecimalField(
        "progress score at this update",
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        choices=PROGRESS_SCORES,
        help_text="Where the project is on the IHI progress scale (0.5 to 5) now.",
    )

    edit_handler = tabs(
        [
            *Page.content_panels,
            FieldPanel("date"),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("pdsa_cycles"),
            FieldPanel("progress_score"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cohorts.FellowProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = "project update"

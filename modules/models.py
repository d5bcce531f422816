from django.db import models
from django.template.defaultfilters import date as format_date
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.forms import EditorPageForm


class ModuleKind(models.TextChoices):
    IMPROVEMENT_SCIENCE = "improvement_science", "Improvement science"
    LEADERSHIP = "leadership", "Leadership"
    CHANGE = "change", "Change"
    SELF_DEVELOPMENT = "self_development", "Self-development"
    PERSONAL_IMPACT = "personal_impact", "Personal impact"
    INNOVATION = "innovation", "Innovation"
    SUSTAINING_SPREADING = "sustaining_spreading", "Sustaining and spreading"
    ACTION_LEARNING_SET = "action_learning_set", "Action learning set"
    COACHING = "coaching", "Coaching"
    EXTERNAL_VISIT = "external_visit", "External visit"


class ModuleIndexPage(Page):
    intro = models.TextField(blank=True)

    base_form_class = EditorPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["modules.LearningModulePage"]

    def get_modules_by_kind(self):
        """[(kind label, [modules])] in ModuleKind order, leaving out empty kinds."""
        modules = (
            LearningModulePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("title")
        )
        grouped = {kind: [] for kind in ModuleKind}
        for module in modules:
            grouped[module.kind].append(module)
        return [
            (ModuleKind(kind).label, items) for kind, items in grouped.items() if items
        ]


class LearningModulePage(Page):
    # The page cache (home/pagecache.py): it shows content from across the site.
    page_cache_follows_site = True
    # Its title is in every cohort's timetable.
    page_cache_edit_shows_site_wide = True
    kind = models.CharField(max_length=30, choices=ModuleKind.choices)
    summary = models.TextField()
    learning_outcomes = RichTextField(
        features=["bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text="What a fellow will be able to do afterwards, as a list.",
    )
    facilitators = models.CharField(max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    base_form_class = EditorPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("facilitators"),
        FieldPanel("body"),
        InlinePanel("sessions", label="Session"),
        InlinePanel("resources", label="Resource"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.SearchField("facilitators"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["modules.ModuleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "learning module"

    @cached_property
    def kind_label(self):
        return ModuleKind(self.kind).label

    def get_session_table(self):
        """The module's sessions, for components/table.html."""
        sessions = self.sessions.select_related("cohort").order_by("date")
        return {
            "caption": f"Sessions of {self.title}",
            "head": ["Cohort", "Date", "Place"],
            "rows": [
                [
                    session.cohort.title,
                    format_date(session.date, "j F Y"),
                    session.place,
                ]
                for session in sessions
            ],
        }

    def get_resources(self):
        return self.resources.select_related("document")


class LearningModuleSession(Orderable):
    """One run of a module for one cohort: the cohort timetable is built from these."""

    module = ParentalKey(
        LearningModulePage, on_delete=models.CASCADE, related_name="sessions"
    )
    cohort = models.ForeignKey(
        "cohorts.CohortPage", on_delete=models.CASCADE, related_name="module_sessions"
    )
    date = models.DateField()
    place = models.CharField(max_length=160)

    panels = [
        FieldPanel("cohort"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("place")]),
    ]

    def __str__(self):
        return f"{self.module.title}, {self.date:%d %B %Y}"


class LearningModuleResource(Orderable):
    module = ParentalKey(
        LearningModulePage, on_delete=models.CASCADE, related_name="resources"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

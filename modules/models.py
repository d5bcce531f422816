import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cohorts.models import CohortPage
from home.blocks import BaseStreamBlock
from home.forms import EditorPageForm
from home.restrictions import RestrictionsFromCache, not_restricted


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


class ModuleIndexPage(RestrictionsFromCache, Page):
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
            .filter(not_restricted())
            .defer_streamfields()
            .order_by("title")
        )
        grouped = {kind: [] for kind in ModuleKind}
        for module in modules:
            grouped[module.kind].append(module)
        return [
            (ModuleKind(kind).label, items) for kind, items in grouped.items() if items
        ]


class LearningModulePage(RestrictionsFromCache, Page):
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
    feedback_days = models.PositiveSmallIntegerField(
        "feedback window (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="For how many days after a session its fellows may give or "
        "change their feedback on it. A session may set its own closing date.",
    )

    base_form_class = EditorPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("facilitators"),
        FieldPanel("body"),
        FieldPanel("feedback_days"),
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

    def get_session_table(self, request):
        """The module's sessions, for components/table.html: each cohort named
        with its programme, linked to its page once that is published."""
        cohorts = CohortPage.objects.with_programme_title()
        sessions = self.sessions.prefetch_related(
            Prefetch("cohort", queryset=cohorts)
        ).order_by("date")
        return {
            "caption": f"Sessions of {self.title}",
            "head": ["Cohort", "Date", "Place"],
            "rows": [
                [
                    cohort_link(request, session.cohort),
                    format_date(session.date, "j F Y"),
                    session.place,
                ]
                for session in sessions
            ],
        }

    def get_resources(self):
        return self.resources.select_related("document").order_by("sort_order")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.get_session_table(request)
        context["resources"] = self.get_resources()
        return context


def cohort_link(request, cohort):
    """The cohort's full title, a link to its page if the public can read it."""
    if not cohort.live:
        return cohort.full_title
    return format_html(
        '<a href="{}">{}</a>', cohort.get_url(request), cohort.full_title
    )


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
    feedback_closes = models.DateField(
        "feedback closes",
        null=True,
        blank=True,
        help_text="The last day fellows may give or change feedback on this "
        "session. Leave empty for the module's feedback window.",
    )

    panels = [
        FieldPanel("cohort"),
        FieldRowPanel(
            [FieldPanel("date"), FieldPanel("place"), FieldPanel("feedback_closes")]
        ),
    ]

    def __str__(self):
        return f"{self.module.title}, {self.date:%d %B %Y}"

    @property
    def feedback_closes_on(self):
        """The last day of the session's feedback window."""
        if self.feedback_closes:
            return self.feedback_closes
        return self.date + datetime.timedelta(days=self.module.feedback_days)

    def feedback_state(self, today=None):
        """ "not yet" before the session's date has passed, "open" until the
        window closes (its last day included), "closed" after."""
        today = today or timezone.localdate()
        if today <= self.date:
            return "not yet"
        return "open" if today <= self.feedback_closes_on else "closed"


class LearningModuleResource(Orderable):
    module = ParentalKey(
        LearningModulePage, on_delete=models.CASCADE, related_name="resources"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
# The fixed questions: (field, the question as the fellow reads it, short name).
FEEDBACK_QUESTIONS = [
    ("overall", "Overall, how good was the session?", "Overall quality"),
    ("relevance", "How relevant was it to your project?", "Relevance to my project"),
    ("recommend", "Would you recommend it to another fellow?", "Would recommend"),
]


class SessionFeedback(models.Model):
    """A fellow's feedback on a module session of their cohort: three scores
    from 1 to 5 and a comment. One per fellow per session. Who may give it,
    and what anyone else sees of it, is cohorts/feedback's rule: scores only in
    totals of at least FEEDBACK_THRESHOLD responses, never with a name."""

    session = models.ForeignKey(
        LearningModuleSession, on_delete=models.CASCADE, related_name="feedback"
    )
    fellow = models.ForeignKey(
        "cohorts.Fellow", on_delete=models.CASCADE, related_name="session_feedback"
    )
    overall = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    relevance = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    recommend = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "session feedback"
        verbose_name_plural = "session feedback"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "fellow"], name="one_feedback_per_fellow_session"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                    name=f"feedback_{field}_1_to_5",
                )
                for field, _, _ in FEEDBACK_QUESTIONS
            ),
        ]

    def __str__(self):
        return f"Feedback on {self.session}"

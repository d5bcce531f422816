"""The good-practice collection: Home → Good practice (one index) → examples,
each filed under one or more of the four good-practice themes and linked by
staff to fellow projects and organisations.

An example's contact email is private: it is a field of the page for staff in
the admin, and no template, API schema, feed, search field or JSON-LD reads it.
Examples shared by the public come in through cohorts/goodpractice/."""

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404, QueryDict

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from home.forms import EditorPageForm
from home.restrictions import RestrictionsFromCache, not_restricted

from .pages import FellowProjectPage, tabs
from .snippets import Theme

# The longest each text may be, in the editor and in the public form alike.
TITLE_LENGTH = 150
SUMMARY_LENGTH = 500
TEXT_LENGTH = 5000
ORGANISATION_LENGTH = 160
LINK_LENGTH = 500
EXAMPLES_PER_PAGE = 12


class GoodPracticeIndexPage(RestrictionsFromCache, Page):
    """The "Good practice" section: lists the published examples, filtered by
    theme (GET ?theme=<slug>, several allowed), a page of them at a time."""

    intro = models.TextField(blank=True)

    base_form_class = EditorPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cohorts.GoodPracticePage"]
    max_count = 1

    class Meta:
        verbose_name = "good practice index"

    def get_themes(self):
        return Theme.objects.filter(good_practice=True).order_by("name")

    def get_examples(self, theme_slugs=()):
        examples = GoodPracticePage.objects.child_of(self).for_listing()
        if theme_slugs:
            examples = examples.filter(
                pk__in=GoodPracticePage.objects.filter(
                    themes__slug__in=theme_slugs
                ).values("pk")
            )
        return examples

    def get_context(self, request, *args, **kwargs):
        """The examples under the themes asked for (?theme=<slug>, any of them),
        a page at a time (?page=N). An unknown theme or page number is left out
        with a message; a page past the last is a 404."""
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.get_themes())
        asked = [value for value in request.GET.getlist("theme") if value]
        chosen = [
            value for value in dict.fromkeys(asked) if value in {t.slug for t in themes}
        ]
        messages = []
        if len(chosen) != len(set(asked)):
            messages.append("We ignored a theme that we did not recognise.")
        paginator = Paginator(self.get_examples(chosen), EXAMPLES_PER_PAGE)
        try:
            examples = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            messages.append("We did not recognise that page number, so here is page 1.")
            examples = paginator.page(1)
        except EmptyPage as error:
            raise Http404("There is no such page of examples.") from error
        params = QueryDict(mutable=True)
        params.setlist("theme", chosen)
        context.update(
            themes=[(theme, theme.slug in chosen) for theme in themes],
            examples=examples,
            query_string=params.urlencode(),
            messages_for_reader=messages,
        )
        return context


class GoodPracticePageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live public examples with what a card shows, in a fixed number of
        queries."""
        return (
            self.live()
            .filter(not_restricted())
            .select_related("organisation")
            .prefetch_related("themes")
            .order_by("-first_published_at", "title")
        )

    def for_project(self, project):
        """The examples linked to a project, or to its organisation where the
        public may see it (``public_organisation``): an example from the
        organisation would name it."""
        condition = Q(projects=project)
        if project.public_organisation:
            condition |= from_organisation(project.public_organisation.pk)
        return self.filter(pk__in=self.model.objects.filter(condition).values("pk"))

    def for_organisation(self, organisation_id):
        """The examples linked to an organisation."""
        condition = from_organisation(organisation_id)
        return self.filter(pk__in=self.model.objects.filter(condition).values("pk"))


def from_organisation(organisation_id):
    """An example's link to an organisation: the one it comes from, or one
    staff linked it to."""
    return Q(organisation=organisation_id) | Q(organisations=organisation_id)


class GoodPracticePage(RestrictionsFromCache, Page):
    # The page cache (home/pagecache.py): an example shows on the projects and
    # fellows' profiles it is linked to, as well as in its section; and it shows
    # the cards of its linked projects (their fellows' names, their organisation
    # while one of those fellows consents), which change from across the site.
    page_cache_edit_shows_site_wide = True
    page_cache_follows_site = True

    summary = models.TextField(
        max_length=SUMMARY_LENGTH, help_text="Shown on cards and in search results."
    )
    what_was_done = models.TextField("what was done", max_length=TEXT_LENGTH)
    evidence = models.TextField(
        "the evidence or outcome",
        max_length=TEXT_LENGTH,
        help_text="What changed, and how you know.",
    )
    themes = ParentalManyToManyField(
        "cohorts.Theme",
        related_name="good_practice_pages",
        limit_choices_to={"good_practice": True},
        help_text="One or more of the good-practice repository's themes.",
    )
    organisation = models.ForeignKey(
        "cohorts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_practice_pages",
        help_text="The organisation the example comes from, if it is in the "
        "programme records.",
    )
    organisation_name = models.CharField(
        "organisation name",
        max_length=ORGANISATION_LENGTH,
        blank=True,
        help_text="The organisation's name as given, when it is not in the records.",
    )
    link = models.URLField(
        max_length=LINK_LENGTH, blank=True, help_text="Where to read more."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    projects = ParentalManyToManyField(
        "cohorts.FellowProjectPage",
        blank=True,
        related_name="good_practice_pages",
        verbose_name="fellow projects",
        help_text="Fellow projects this example comes from or is used in. It is "
        "listed on their pages.",
    )
    organisations = ParentalManyToManyField(
        "cohorts.Organisation",
        blank=True,
        related_name="linked_good_practice_pages",
        verbose_name="linked organisations",
        help_text="Other organisations that use this example. It is listed "
        "wherever they are shown.",
    )
    contact_email = models.EmailField(
        "contact email",
        blank=True,
        help_text="Private: never shown publicly. The person who shared the "
        "example; they are emailed when it is first published.",
    )

    objects = PageManager.from_queryset(GoodPracticePageQuerySet)()

    base_form_class = EditorPageForm
    edit_handler = tabs(
        [
            *Page.content_panels,
            FieldPanel("summary"),
            FieldPanel("what_was_done"),
            FieldPanel("evidence"),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("link"),
            FieldPanel("document"),
        ],
        extra=[
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("organisation"), FieldPanel("organisation_name")],
                        heading="Where it comes from",
                    ),
                    FieldPanel("projects"),
                    FieldPanel("organisations"),
                    MultiFieldPanel(
                        [FieldPanel("contact_email")], heading="Private contact"
                    ),
                ],
                heading="Links and contact",
            )
        ],
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("what_was_done"),
        index.SearchField("evidence"),
        index.SearchField("organisation_name"),
    ]

    parent_page_types = ["cohorts.GoodPracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "good practice"
        verbose_name_plural = "good practice examples"

    @property
    def organisation_display(self):
        """Who the example comes from: the record's name, else the name given."""
        return self.organisation.name if self.organisation else self.organisation_name

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = FellowProjectPage.objects.filter(
            good_practice_pages=self
        ).for_listing()
        context["linked_organisations"] = self.organisations.order_by("name")
        return context

"""The fellows directory: lists the consented fellows, filtered by cohort,
profession and organisation, and serves each one's public profile at <slug>/."""

from django import forms
from django.db import models
from django.shortcuts import get_object_or_404

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home import pagecache
from home.forms import EditorPageForm
from home.pagination import paginate
from home.restrictions import RestrictionsFromCache, not_restricted

from .good_practice import GoodPracticePage
from .heads import subpage_head
from .pages import FellowProjectPage
from .programmes import CohortPage
from .snippets import Fellow, Organisation


class FellowFilters(forms.Form):
    """The directory's filters. Their choices come from the consented fellows
    only, so the form tells nothing about a fellow who did not consent: a
    cohort, profession or organisation with none of them is not offered."""

    cohort = forms.ChoiceField(required=False)
    profession = forms.ChoiceField(required=False)
    organisation = forms.ChoiceField(required=False)

    NOT_FOUND = "We found no fellows for that {}: choose one from the list."

    def __init__(self, data):
        super().__init__(data)
        fellows = Fellow.objects.public()
        cohorts = (
            CohortPage.objects.live()
            .filter(not_restricted())
            .with_programme_title()
            .filter(fellows__in=fellows)
            .distinct()
            .order_by("-start_date", "title")
        )
        professions = set(fellows.values_list("profession", flat=True))
        organisations = Organisation.objects.filter(fellows__in=fellows).distinct()
        self.fields["cohort"].choices = [
            ("", "Any cohort"),
            *((str(cohort.pk), cohort.full_title) for cohort in cohorts),
        ]
        self.fields["profession"].choices = [
            ("", "Any profession"),
            *(item for item in Fellow.Profession.choices if item[0] in professions),
        ]
        self.fields["organisation"].choices = [
            ("", "Any organisation"),
            *((str(org.pk), org.name) for org in organisations.order_by("name")),
        ]
        for name, field in self.fields.items():
            field.error_messages["invalid_choice"] = self.NOT_FOUND.format(name)

    def filter(self, fellows):
        """The fellows that match the chosen filters; none for a value that is
        not one of the choices."""
        if not self.is_valid():
            return fellows.none()
        chosen = self.cleaned_data
        lookups = {
            "cohort_id": chosen["cohort"],
            "profession": chosen["profession"],
            "organisation_id": chosen["organisation"],
        }
        return fellows.filter(**{key: value for key, value in lookups.items() if value})


class FellowIndexPage(RestrictionsFromCache, RoutablePageMixin, Page):
    """Lists the consented fellows and serves each one's profile at <slug>/."""

    # The page cache (home/pagecache.py): it shows content from across the site.
    page_cache_follows_site = True

    intro = models.TextField(blank=True)

    base_form_class = EditorPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    FELLOWS_PER_PAGE = 24

    class Meta:
        verbose_name = "fellow index"

    @classmethod
    def profile_url(cls, request, fellow):
        """The public profile URL of a consented fellow, or "". The fellow
        index's URL is kept in the cache until any page is published, moved or
        unpublished (``global``) or the site changes (``site``), and read once
        per request: a listing of any length costs no query."""
        if not hasattr(request, "fellow_index_url"):

            def index_url():
                index = cls.objects.live().filter(not_restricted()).first()
                return index.get_url(request) if index else ""

            request.fellow_index_url = pagecache.remember(
                f"fellow index url:{request.get_host()}",
                [pagecache.SITE, pagecache.GLOBAL],
                index_url,
            )
        if not request.fellow_index_url or not fellow.public_consent:
            return ""
        return f"{request.fellow_index_url}{fellow.slug}/"

    @path("")
    def index(self, request):
        filters = FellowFilters(request.GET)
        fellows = filters.filter(Fellow.objects.public().for_cards())
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "fellows": paginate(request, fellows, self.FELLOWS_PER_PAGE),
            },
        )

    @path("<slug:slug>/")
    def profile(self, request, slug):
        fellow = get_object_or_404(
            Fellow.objects.public()
            .with_cohort_title()
            .select_related("organisation", "coach", "photo"),
            slug=slug,
        )
        projects = FellowProjectPage.objects.filter(
            project_fellows__fellow=fellow
        ).for_listing()
        good_practice = (
            GoodPracticePage.objects.for_organisation(
                fellow.organisation_id
            ).for_listing()
            if fellow.organisation_id
            else GoodPracticePage.objects.none()
        )
        return self.render(
            request,
            template="cohorts/fellow_profile.html",
            context_overrides={
                "fellow": fellow,
                "projects": projects,
                "good_practice": good_practice,
                "outcomes": fellow.outcomes.order_by("-date"),
                **subpage_head(
                    self,
                    request,
                    "profile",
                    title=fellow.name,
                    description=", ".join(filter(None, [fellow.name, fellow.job_title]))
                    + ": quality improvement fellow.",
                    args=[fellow.slug],
                    image=fellow.photo,
                ),
            },
        )

    def get_sitemap_urls(self, request=None):
        base = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": f"{base}{fellow.slug}/"}
                for fellow in Fellow.objects.public().only("slug")
            ),
        ]

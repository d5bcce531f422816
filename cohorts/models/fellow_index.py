"""The fellows directory: lists the consented fellows and serves each one's
public profile at <slug>/."""

from django.db import models
from django.shortcuts import get_object_or_404

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.forms import EditorPageForm

from .pages import FellowProjectPage, subpage_head
from .snippets import Fellow


class FellowIndexPage(RoutablePageMixin, Page):
    """Lists the consented fellows and serves each one's profile at <slug>/."""

    # The page cache (home/pagecache.py): it shows content from across the site.
    page_cache_follows_site = True

    intro = models.TextField(blank=True)

    base_form_class = EditorPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "fellow index"

    @classmethod
    def profile_url(cls, request, fellow):
        """The public profile URL of a consented fellow, or "". The fellow index
        is looked up once per request, so a listing of any length costs one
        query."""
        if not hasattr(request, "fellow_index_url"):
            index = cls.objects.live().public().first()
            request.fellow_index_url = index.get_url(request) if index else None
        if request.fellow_index_url is None or not fellow.public_consent:
            return ""
        return f"{request.fellow_index_url}{fellow.slug}/"

    @path("")
    def index(self, request):
        fellows = Fellow.objects.public().for_listing().select_related("cohort")
        return self.render(request, context_overrides={"fellows": fellows})

    @path("<slug:slug>/")
    def profile(self, request, slug):
        fellow = get_object_or_404(
            Fellow.objects.public().select_related(
                "organisation", "cohort", "coach", "photo"
            ),
            slug=slug,
        )
        projects = FellowProjectPage.objects.filter(
            project_fellows__fellow=fellow
        ).for_listing()
        return self.render(
            request,
            template="cohorts/fellow_profile.html",
            context_overrides={
                "fellow": fellow,
                "projects": projects,
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

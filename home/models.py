from django.db import models
from django.http import Http404

from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .forms import EditorPageForm


class HomePage(Page):
    # The page cache (home/pagecache.py): it shows content from across the site.
    page_cache_follows_site = True
    intro = models.TextField(blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    base_form_class = EditorPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cohorts.ProgrammePage",
        "cohorts.FellowIndexPage",
        "modules.ModuleIndexPage",
        "home.StandardPage",
    ]
    max_count = 1

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
        return deepest.specific.route(
            request, path_components[deepest.depth - self.depth :]
        )

    def get_sections(self):
        """The live top-level pages, for the home page's signposts."""
        return self.get_children().live().public().in_menu().specific()


class StandardPage(Page):
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

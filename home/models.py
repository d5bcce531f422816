from django.db import models

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

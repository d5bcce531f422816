from django import template

from wagtail.models import Site

from home import pagecache, pagination
from home.models import SiteSettings
from home.restrictions import not_restricted

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header_context(context):
    """What the header and footer show: the organisation's name (never the NHS
    logo), the optional logo, and the site's top-level sections. Kept in the
    cache until the page cache's ``site`` tag is bumped (a top-level page, the
    site settings, an image or a view restriction changed), so a page renders
    it without a query."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return header_context(request, None)
    return pagecache.remember(
        f"site_header_context:{site.pk}",
        [pagecache.SITE],
        lambda: header_context(request, site),
    )


def header_context(request, site):
    site_settings = SiteSettings.for_site(site) if site else SiteSettings(site=None)
    root = site.root_page if site else None
    children = (
        root.get_children()
        .live()
        .filter(not_restricted())
        .only("title", "url_path", "show_in_menus")
        if root
        else []
    )
    return {
        "org_name": site_settings.organisation_name,
        "org_logo_url": (
            site_settings.organisation_logo.get_rendition("height-80").url
            if site_settings.organisation_logo
            else ""
        ),
        "home_url": root.get_url(request) if root else "/",
        "nav_items": [
            {"title": page.title, "url": page.get_url(request)}
            for page in children
            if page.show_in_menus
        ],
        "footer_links": [
            {"title": page.title, "url": page.get_url(request)}
            for page in children
            if not page.show_in_menus
        ],
        "footer_text": site_settings.footer_text,
        "contact_email": site_settings.contact_email,
    }


@register.simple_tag(takes_context=True)
def breadcrumb_items(context, page):
    """The page's ancestors below the site root, for the breadcrumbs component;
    on a routable sub-page, then the page serving it and the sub-pages above
    (the context's ``subpage_crumbs``, cohorts.models.heads)."""
    request = context["request"]
    ancestors = page.get_ancestors().filter(depth__gt=1).only("title", "url_path")
    return [
        *(
            {"title": ancestor.title, "url": ancestor.get_url(request)}
            for ancestor in ancestors
        ),
        *context.get("subpage_crumbs", ()),
    ]


@register.simple_tag(takes_context=True)
def query_without(context, *params):
    """The request's query string without ``params``: for the pagination
    component's ``query_string``."""
    return pagination.query_without(context["request"], *params)


@register.simple_tag
def organisation_name():
    """The organisation's name from the default site's settings: what emails
    (rendered without a request) are signed and titled with."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SiteSettings._meta.get_field("organisation_name").default
    return SiteSettings.for_site(site).organisation_name

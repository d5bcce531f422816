"""The head and breadcrumbs of a routable sub-page (a programme's impact
summary, its KPI board and each KPI, a cohort's outcomes, a fellow's
profile)."""


def subpage_head(
    page, request, route, title, description, args=(), image=None, parents=()
):
    """What base.html puts in the head of a routable sub-page: its own title,
    description, canonical URL and image, not those of the page serving it;
    and the crumbs after the page's ancestors (``subpage_crumbs``, read by
    home's ``breadcrumb_items``): the page itself, then ``parents``, the
    sub-pages above this one ({"title", "url"})."""
    return {
        "meta_title": title,
        "meta_description": description,
        "canonical_url": page.get_full_url(request)
        + page.reverse_subpage(route, args=args),
        "meta_image": image,
        "subpage_crumbs": [
            {"title": page.title, "url": page.get_url(request)},
            *parents,
        ],
    }

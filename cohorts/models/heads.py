"""The head of a routable sub-page (a programme's impact summary, its KPI
board, a fellow's profile)."""


def subpage_head(page, request, route, title, description, args=(), image=None):
    """What base.html puts in the head of a routable sub-page: its own title,
    description, canonical URL and image, not those of the page serving it."""
    return {
        "meta_title": title,
        "meta_description": description,
        "canonical_url": page.get_full_url(request)
        + page.reverse_subpage(route, args=args),
        "meta_image": image,
    }

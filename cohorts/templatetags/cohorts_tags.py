from django import template

from cohorts.models import FellowIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def fellow_url(context, fellow):
    """The public profile URL of a consented fellow. The fellow index is looked up
    once per request, so a listing of any length costs one query."""
    request = context["request"]
    if not hasattr(request, "fellow_index_url"):
        index = FellowIndexPage.objects.live().public().first()
        request.fellow_index_url = index.get_url(request) if index else None
    if request.fellow_index_url is None or not fellow.public_consent:
        return ""
    return f"{request.fellow_index_url}{fellow.slug}/"

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cohorts.measures import charts
from cohorts.models import FellowIndexPage
from cohorts.opendata.jsonld import structured_data
from cohorts.outcomes import counting, drawing

register = template.Library()


@register.simple_tag(takes_context=True)
def fellow_url(context, fellow):
    """The public profile URL of a consented fellow, or "" (one query per request)."""
    return FellowIndexPage.profile_url(context["request"], fellow)


@register.simple_tag(takes_context=True)
def project_qi(context, project):
    """The project's measures, charts, PDSA cycles and progress scores: approved
    data on the public page, pending data too in the editor's preview."""
    request = context.get("request")
    return charts.for_project(
        project, with_pending=getattr(request, "is_preview", False)
    )


@register.simple_tag
def cohort_outcomes(cohort):
    return counting.for_cohort(cohort)


@register.simple_tag
def programme_outcomes(programme):
    return counting.for_programme(programme)


@register.filter
def bar_charts(outcomes):
    return drawing.bar_charts(outcomes)


# The characters that could end a <script> element or start markup inside it,
# escaped as JSON allows (as Django's json_script filter does).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page, fellows=()):
    """The page's schema.org data as <script type="application/ld+json">: data,
    not a script, so a strict Content-Security-Policy allows it."""
    data = structured_data(context["request"], page, fellows)
    if data is None:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )

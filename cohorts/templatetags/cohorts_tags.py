import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from cohorts.feedback import results as feedback_results
from cohorts.kpis import board as kpi_charts
from cohorts.measures import charts
from cohorts.models import FellowIndexPage, GoodPracticePage
from cohorts.opendata.jsonld import structured_data
from cohorts.outcomes import counting, drawing

register = template.Library()


@register.simple_tag(takes_context=True)
def fellow_url(context, fellow):
    """The public profile URL of a consented fellow, or "" (one query per request)."""
    return FellowIndexPage.profile_url(context["request"], fellow)


# Rows for components/summary_list.html and components/table.html.


def link(request, page):
    return format_html('<a href="{}">{}</a>', page.get_url(request), page.title)


def filled(rows):
    """The (key, value) rows that have a value."""
    return [(key, value) for key, value in rows if value]


@register.simple_tag(takes_context=True)
def fellow_facts(context, fellow):
    """The summary of a fellow's public profile."""
    organisation, cohort = fellow.organisation, fellow.cohort
    return filled(
        [
            ("Job title", fellow.job_title),
            ("Profession", fellow.get_profession_display()),
            ("Organisation", organisation.name if organisation else ""),
            (
                "Cohort",
                format_html(
                    '<a href="{}">{}</a>',
                    cohort.get_url(context["request"]),
                    fellow.cohort_full_title,
                )
                if cohort
                else "",
            ),
        ]
    )


@register.simple_tag(takes_context=True)
def project_facts(context, project, fellows):
    """The "About the project" summary: the consented fellows (linked to their
    profiles), their coaches and the project's details (its organisation only
    where the public may see it: ``public_organisation``)."""
    request = context["request"]
    organisation = project.public_organisation
    fellows = list(fellows)
    names = format_html_join(
        mark_safe("<br>"),
        '<a href="{}">{}</a>{} ({})',
        (
            (
                FellowIndexPage.profile_url(request, fellow),
                fellow.name,
                f", {fellow.job_title}" if fellow.job_title else "",
                fellow.get_profession_display(),
            )
            for fellow in fellows
        ),
    )
    coaches = ", ".join(fellow.coach.name for fellow in fellows if fellow.coach)
    dates = ""
    if project.start_date:
        dates = format_date(project.start_date, "F Y")
        if project.end_date:
            dates += f" to {format_date(project.end_date, 'F Y')}"
    return filled(
        [
            (
                "Fellow" if len(fellows) == 1 else "Fellows",
                names or "Not listed publicly",
            ),
            ("Coach", coaches or "Not listed"),
            ("Organisation", organisation.name if organisation else ""),
            ("Clinical area", project.clinical_area),
            ("Themes", ", ".join(map(str, project.themes.all())) or "None given"),
            ("Dates", dates),
        ]
    )


@register.simple_tag(takes_context=True)
def good_practice_facts(context, page):
    """The "About this example" summary (never the contact email)."""
    document = page.document
    return filled(
        [
            ("Themes", ", ".join(map(str, page.themes.all()))),
            ("Organisation", page.organisation_display),
            (
                "Also used by",
                ", ".join(map(str, context.get("linked_organisations", ()))),
            ),
            ("Read more", format_html('<a href="{}">{}</a>', page.link, page.link))
            if page.link
            else ("", ""),
            (
                "Document",
                format_html(
                    '<a href="{}">{}</a> ({}, {})',
                    document.url,
                    document.title,
                    document.file_extension.upper(),
                    filesizeformat(document.get_file_size()),
                ),
            )
            if document
            else ("", ""),
            ("Published", format_date(page.first_published_at, "j F Y")),
        ]
    )


@register.simple_tag
def good_practice_for(project):
    """The published examples linked to a project, or to its organisation."""
    return GoodPracticePage.objects.for_project(project).for_listing()


@register.simple_tag
def project_byline(project):
    """The line under a project card's title: the names of its fellows who
    consented, then its organisation where the public may see it. A fellow
    who did not consent is left out here too, whatever the project's links
    were fetched with."""
    names = ", ".join(
        link.fellow.name
        for link in project.project_fellows.all()
        if link.fellow.public_consent
    )
    organisation = project.public_organisation
    organisation = organisation.name if organisation else ""
    return " · ".join(filter(None, [names, organisation]))


@register.simple_tag
def partner_facts(programme):
    """Who runs a programme and who accredits it."""
    partners = [
        ("Run by", programme.run_by),
        ("Accredited by", programme.accreditation_partner),
    ]
    return [(key, str(value)) for key, value in partners if value]


@register.simple_tag(takes_context=True)
def cohort_timetable(context, cohort, sessions):
    """A cohort's module sessions, for components/table.html."""
    return {
        "caption": f"Learning modules for {cohort.title}",
        "head": ["Date", "Module", "Place"],
        "rows": [
            [
                format_date(session.date, "j F Y"),
                link(context["request"], session.module),
                session.place,
            ]
            for session in sessions
        ],
    }


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


@register.simple_tag
def site_outcomes():
    return counting.for_site()


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


@register.simple_tag
def module_feedback(module):
    """The fellows' mean scores for a learning module's page, only over groups
    of at least five responses (cohorts.feedback.results)."""
    return feedback_results.for_module(module)


@register.simple_tag
def kpi_board(programme):
    """The programme's KPIs with their charts (cohorts.kpis.board)."""
    return kpi_charts.board(programme)


@register.simple_tag
def kpi_chart(kpi):
    """One KPI with its chart."""
    return kpi_charts.for_kpis(kpi.programme, [kpi])[0]


@register.simple_tag(takes_context=True)
def kpi_board_table(context, programme, items):
    """The board for components/table.html: one row per KPI, with its latest
    value, its icons and a link to its chart."""
    request = context["request"]
    rows = []
    for item in items:
        chart = item.chart
        if chart is None:
            variation = "No data yet"
        elif chart["type"] == "run":
            variation = "Run chart: icons from 12 points"
        else:
            variation = mark_safe(chart["variation_icon"])  # noqa: S308 (our SVG)
        rows.append(
            [
                format_html(
                    '<a href="{}">{}</a>',
                    programme.get_url(request)
                    + programme.reverse_subpage("kpi", args=[item.kpi.pk]),
                    item.kpi.name,
                ),
                item.latest or "None yet",
                variation,
                mark_safe(chart["assurance_icon"]) if chart else "",  # noqa: S308
            ]
        )
    return {
        "caption": "Key performance indicators",
        "head": ["Indicator", "Latest value", "Variation", "Assurance"],
        "rows": rows,
    }

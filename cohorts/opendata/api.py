"""The open-data API: read-only JSON about programmes, cohorts, projects, their
measures and outcomes. /api/ lists the endpoints; /api/docs/ documents them
(Swagger UI, served from django-ninja's own static files, so no third-party
host is involved); the OpenAPI 3.1 schema is at /api/openapi.json.

Why not Wagtail's API v3: it serves pages generically (every page type, with
write operations behind tokens), knows nothing of the snippets a project links
to, and would need each page's api_fields audited so no non-consented fellow
leaks through an inline. This API is small and explicit instead: every field
it returns is listed in a schema below, fellows come only from
``Fellow.objects.public()`` (never an email or an account), and pages only
from ``.live().public()``.

Every list is paginated (``limit``, ``offset``); successful responses may be
cached publicly for five minutes; a bad parameter is a 4xx JSON error. Every
absolute URL in a response is built from the request's host, like the
request's own URL."""

import datetime
from functools import wraps
from typing import Annotated, Literal

from ninja import Field, NinjaAPI, Query, Schema, Swagger
from ninja.pagination import LimitOffsetPagination, paginate

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control

from cohorts import qi
from cohorts.ids import MAX_ID
from cohorts.models import (
    CohortPage,
    FellowIndexPage,
    FellowProjectFellow,
    FellowProjectPage,
    ProgrammePage,
    ProjectMeasure,
    parent_value,
)
from cohorts.outcomes import counting as outcomes

CACHE_SECONDS = 300
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def cache_publicly(view):
    """Let browsers and proxies keep a successful response for a while."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    return wrapped


api = NinjaAPI(
    title="Fellowship open data",
    version="1",
    description=(
        "Read-only data about the fellowship's programmes, cohorts, quality-"
        "improvement projects and outcomes. Only fellows who have agreed to "
        "appear publicly are listed, and never with their email address.\n\n"
        "Statistical disclosure control: every count about fellows (by "
        "profession, by organisation, by accreditation status, awards completed, "
        "outcome records) counts only the fellows who agreed to be named. A "
        "fellow who did not agree is counted in the total `fellows` and in "
        "`fellows_not_named`, and nowhere else, so that no combination of the "
        "published numbers tells anything about them."
    ),
    urls_namespace="open_data",
    docs_url="/docs/",
    # With "ninja" in INSTALLED_APPS, Swagger UI comes from this site's static
    # files. No validator badge: it would call validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_decorator(cache_publicly, mode="view")


# Every id and offset the API reads: out of the database's range is a 422.
Id = Annotated[int, Field(ge=0, le=MAX_ID)]


class PageInput(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: Id = 0


class Pagination(LimitOffsetPagination):
    Input = PageInput


# Schemas: each lists exactly the fields that are public.


class FellowOut(Schema):
    name: str
    slug: str
    profession: str
    job_title: str
    organisation: str | None
    profile_url: str | None

    @staticmethod
    def resolve_profession(fellow):
        return fellow.get_profession_display()

    @staticmethod
    def resolve_organisation(fellow):
        return fellow.organisation.name if fellow.organisation else None

    @staticmethod
    def resolve_profile_url(fellow, context):
        request = context["request"]
        url = FellowIndexPage.profile_url(request, fellow)
        return request.build_absolute_uri(url) if url else None


class PageOut(Schema):
    """What every page in the API has: its id, title and full URL."""

    id: int
    title: str
    url: str

    @staticmethod
    def resolve_url(page, context):
        request = context["request"]
        return request.build_absolute_uri(page.get_url(request))


class ProgrammeOut(PageOut):
    intro: str
    run_by: str | None
    accreditation_partner: str | None

    @staticmethod
    def resolve_run_by(page):
        return page.run_by.name if page.run_by else None

    @staticmethod
    def resolve_accreditation_partner(page):
        partner = page.accreditation_partner
        return partner.name if partner else None


class CohortOut(PageOut):
    programme_id: int | None
    start_date: datetime.date
    end_date: datetime.date
    intro: str


class UpdateOut(PageOut):
    date: datetime.date
    summary: str


class ProjectOut(PageOut):
    cohort_id: int | None
    status: FellowProjectPage.Status
    summary: str
    clinical_area: str
    organisation: str | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    themes: list[str]
    fellows: list[FellowOut]

    @staticmethod
    def resolve_organisation(page):
        return page.organisation.name if page.organisation else None

    @staticmethod
    def resolve_themes(page):
        return [theme.name for theme in page.themes.all()]

    @staticmethod
    def resolve_fellows(page):
        # Prefetched with consenting fellows only: see projects().
        return [link.fellow for link in page.project_fellows.all()]


class ProjectDetailOut(ProjectOut):
    aim: str
    problem: str
    updates: list[UpdateOut]

    @staticmethod
    def resolve_updates(page):
        return page.get_updates()


NAMED_ONLY = "Counts the fellows who agreed to be named, and no one else."


class OutcomesOut(Schema):
    """Counts only; projects are the published ones. Every count about fellows
    but the two totals is of the fellows who agreed to be named (see the API's
    description and cohorts/outcomes/counting.py)."""

    fellows: int = Field(description="Every fellow, named or not.")
    fellows_not_named: int = Field(
        description="Fellows who chose not to be named: counted here and in "
        "`fellows` only."
    )
    projects: int
    awards_complete: int = Field(description="Named fellows only.")
    outcome_records: int = Field(description="Named fellows' records only.")
    measures: int = Field(description="Measures of published projects with data.")
    measures_with_sustained_improvement: int = Field(
        description="Of those, the outcome and process measures (never a "
        "balancing measure) whose chart shows a shift on the better side of the "
        "centre line that reaches the latest point, still shows without the "
        "points marked astronomical, and did not start before the project's "
        "first PDSA cycle (see the outcomes documentation)."
    )
    fellows_by_profession: dict[str, int] = Field(description=NAMED_ONLY)
    fellows_by_organisation: dict[str, int] = Field(description=NAMED_ONLY)
    projects_by_status: dict[str, int]
    accreditation_by_status: dict[str, int] = Field(description=NAMED_ONLY)
    outcome_records_by_kind: dict[str, int] = Field(description=NAMED_ONLY)

    @classmethod
    def from_outcomes(cls, outcomes):
        return cls(
            fellows=outcomes.fellows,
            fellows_not_named=outcomes.unnamed_fellows,
            projects=outcomes.projects,
            awards_complete=outcomes.awards_complete,
            outcome_records=outcomes.records,
            measures=outcomes.measures,
            measures_with_sustained_improvement=outcomes.improving_measures,
            fellows_by_profession=dict(outcomes.by_profession.rows),
            fellows_by_organisation=dict(outcomes.by_organisation.rows),
            projects_by_status=dict(outcomes.projects_by_status.rows),
            accreditation_by_status=dict(outcomes.accreditation_by_status.rows),
            outcome_records_by_kind=dict(outcomes.records_by_kind.rows),
        )


class CohortOutcomesOut(Schema):
    cohort: CohortOut
    outcomes: OutcomesOut


class CohortOutcomesPage(Schema):
    items: list[CohortOutcomesOut]
    count: int


class MeasureOut(Schema):
    id: int
    project_id: int
    name: str
    kind: ProjectMeasure.Kind
    operational_definition: str
    unit: str
    unit_kind: ProjectMeasure.UnitKind = Field(
        description="Percentage: the chart's limits stay between 0 and 100; "
        "count or rate: at or above 0; other: no bounds."
    )
    data_source: str
    frequency: ProjectMeasure.Frequency
    improvement_direction: ProjectMeasure.Direction
    baseline: float | None
    target: float | None


class PointOut(Schema):
    period: datetime.date
    value: float
    annotation: str
    rules: list[qi.Rule] = Field(description="The rules that flag this point.")
    label: qi.Label | None


class SignalOut(Schema):
    rule: qi.Rule
    label: qi.Label
    direction: qi.Direction | None
    start_period: datetime.date
    end_period: datetime.date
    length: int


NO_LIMITS = "None for a segment of one point: with no moving range it has no limits."


class SegmentOut(Schema):
    start_period: datetime.date
    end_period: datetime.date
    mean: float
    lower_limit: float | None = Field(description=NO_LIMITS)
    upper_limit: float | None = Field(description=NO_LIMITS)
    lower_limit_clipped: bool = Field(
        description="The limit would be below what the unit allows (0), so it "
        "is set to that bound."
    )
    upper_limit_clipped: bool = Field(
        description="The limit would be above what the unit allows (100 for a "
        "percentage), so it is set to that bound."
    )
    trial_limits: bool = Field(description="The segment has fewer than 12 points.")


class AnalysisOut(Schema):
    """The measure's chart analysis, as the project page draws it: a run chart
    (median, Perla/Provost/Murray rules) until there are enough points for an
    XmR chart (mean and limits, Making Data Count rules)."""

    chart: Literal["run", "spc"]
    median: float | None = Field(None, description="Run charts only.")
    rules_applied: bool = Field(
        description="False for a run chart of fewer than 10 points: drawn, no rules."
    )
    segments: list[SegmentOut] = Field(description="XmR charts only.")
    variation: qi.VariationState | None = None
    assurance: qi.Assurance | None = None
    signals: list[SignalOut]
    points: list[PointOut]

    @classmethod
    def for_points(cls, measure, points):
        analysis = measure.analyse(points)
        if isinstance(analysis, qi.SpcAnalysis):
            return cls(
                chart="spc",
                rules_applied=True,
                segments=analysis.segments,
                variation=analysis.variation,
                assurance=analysis.assurance,
                signals=analysis.signals,
                points=analysis.points,
            )
        return cls(
            chart="run",
            median=analysis.median,
            rules_applied=not analysis.too_few_points,
            segments=[],
            signals=analysis.signals,
            points=analysis.points,
        )


class MeasureDetailOut(MeasureOut):
    analysis: AnalysisOut | None = Field(
        description="None until the measure has approved data."
    )

    @staticmethod
    def resolve_analysis(measure):
        # Approved points only, like the public project page.
        points = list(measure.points.approved())
        return AnalysisOut.for_points(measure, points) if points else None


class MeasureFilter(Schema):
    project: Id | None = Field(None, description="Only this project's measures.")


class CohortFilter(Schema):
    programme: Id | None = Field(None, description="Only this programme's cohorts.")


class ProjectFilter(Schema):
    cohort: Id | None = Field(None, description="Only this cohort's projects.")
    status: FellowProjectPage.Status | None = None
    theme: str | None = Field(
        None, description="A theme's slug.", pattern=r"^[-a-zA-Z0-9_]+$"
    )


# Querysets: live, public pages only.


def programmes():
    return (
        ProgrammePage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("run_by", "accreditation_partner")
        .order_by("pk")
    )


def cohorts(filters):
    queryset = (
        CohortPage.objects.live()
        .public()
        .defer_streamfields()
        .annotate(programme_id=parent_value(ProgrammePage))
        .order_by("-start_date", "pk")
    )
    if filters.programme is not None:
        queryset = queryset.filter(programme_id=filters.programme)
    return queryset


def projects():
    consenting = (
        FellowProjectFellow.objects.filter(fellow__public_consent=True)
        .select_related("fellow__organisation")
        .order_by("sort_order")
    )
    return (
        FellowProjectPage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("organisation")
        .prefetch_related(Prefetch("project_fellows", queryset=consenting), "themes")
        .annotate(cohort_id=parent_value(CohortPage))
        .order_by("pk")
    )


def measures():
    """The measures of live public projects (a measure's rows are written when
    its project page is published)."""
    return ProjectMeasure.objects.filter(
        project__in=FellowProjectPage.objects.live().public()
    ).order_by("project_id", "sort_order", "pk")


# Endpoints

LISTS = ["programmes", "cohorts", "outcomes", "projects", "measures"]


class IndexOut(Schema):
    title: str
    description: str
    documentation: str = Field(description="This API's documentation.")
    openapi: str = Field(description="This API's OpenAPI 3.1 schema.")
    endpoints: dict[str, str] = Field(description="The URL of each list.")


@api.get("/", response=IndexOut, tags=["index"])
def index(request):
    """Where to start: the URL of each list, of the documentation and of the
    OpenAPI schema."""

    def url(name):
        return request.build_absolute_uri(reverse(f"{api.urls_namespace}:{name}"))

    return {
        "title": api.title,
        "description": api.description,
        "documentation": url("openapi-view"),
        "openapi": url("openapi-json"),
        "endpoints": {name: url(f"list_{name}") for name in LISTS},
    }


@api.get("/programmes/", response=list[ProgrammeOut], tags=["programmes"])
@paginate(Pagination)
def list_programmes(request):
    return programmes()


@api.get("/programmes/{programme_id}/", response=ProgrammeOut, tags=["programmes"])
def get_programme(request, programme_id: Id):
    return get_object_or_404(programmes(), pk=programme_id)


@api.get(
    "/programmes/{programme_id}/outcomes/", response=OutcomesOut, tags=["outcomes"]
)
def get_programme_outcomes(request, programme_id: Id):
    """The programme's outcomes: the sum of its published cohorts'."""
    programme = get_object_or_404(programmes(), pk=programme_id)
    return OutcomesOut.from_outcomes(outcomes.for_programme(programme).total)


@api.get("/cohorts/", response=list[CohortOut], tags=["cohorts"])
@paginate(Pagination)
def list_cohorts(request, filters: Query[CohortFilter]):
    return cohorts(filters)


@api.get("/cohorts/{cohort_id}/", response=CohortOut, tags=["cohorts"])
def get_cohort(request, cohort_id: Id):
    return get_object_or_404(cohorts(CohortFilter()), pk=cohort_id)


@api.get("/outcomes/", response=CohortOutcomesPage, tags=["outcomes"])
def list_outcomes(request, filters: Query[CohortFilter], page: Query[PageInput]):
    """Each published cohort's outcomes, counted from the records."""
    queryset = cohorts(filters)
    window = list(queryset[page.offset : page.offset + page.limit])
    per_cohort = outcomes.for_cohorts(window)
    return {
        "count": queryset.count(),
        "items": [
            {
                "cohort": cohort,
                "outcomes": OutcomesOut.from_outcomes(per_cohort[cohort.pk]),
            }
            for cohort in window
        ],
    }


@api.get("/projects/", response=list[ProjectOut], tags=["projects"])
@paginate(Pagination)
def list_projects(request, filters: Query[ProjectFilter]):
    queryset = projects()
    if filters.cohort is not None:
        queryset = queryset.filter(cohort_id=filters.cohort)
    if filters.status is not None:
        queryset = queryset.filter(status=filters.status)
    if filters.theme is not None:
        queryset = queryset.filter(themes__slug=filters.theme)
    return queryset


@api.get("/projects/{project_id}/", response=ProjectDetailOut, tags=["projects"])
def get_project(request, project_id: Id):
    return get_object_or_404(projects(), pk=project_id)


@api.get("/measures/", response=list[MeasureOut], tags=["measures"])
@paginate(Pagination)
def list_measures(request, filters: Query[MeasureFilter]):
    queryset = measures()
    if filters.project is not None:
        queryset = queryset.filter(project_id=filters.project)
    return queryset


@api.get("/measures/{measure_id}/", response=MeasureDetailOut, tags=["measures"])
def get_measure(request, measure_id: Id):
    """A measure with its data points and computed signals."""
    return get_object_or_404(measures(), pk=measure_id)

"""The open-data API: read-only JSON about programmes, cohorts, projects, their
measures and outcomes. /api/ lists the endpoints; /api/docs/ documents them
(Swagger UI, served from django-ninja's own static files, so no third-party
host is involved); the OpenAPI 3.1 schema is at /api/openapi.json.

Why not Wagtail's API v3: it serves pages generically (every page type, with
write operations behind tokens), knows nothing of the snippets a project links
to, and would need each page's api_fields audited so no non-consented fellow
leaks through an inline. This API is small and explicit instead: every field
it returns is listed in a schema (schemas.py), fellows come only from
``Fellow.objects.public()`` (never an email or an account), and pages only
from live pages no view restriction covers (``home.restrictions``).

Every list is paginated (``limit``, ``offset``); successful responses may be
cached publicly for five minutes; a bad parameter is a 4xx JSON error. Every
absolute URL in a response is built from the request's host, like the
request's own URL."""

from ninja import Field, NinjaAPI, Query, Schema, Swagger
from ninja.pagination import LimitOffsetPagination, paginate

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cohorts.models import (
    CohortPage,
    FellowProjectFellow,
    FellowProjectPage,
    GoodPracticePage,
    ProgrammePage,
    ProjectMeasure,
    parent_value,
)
from cohorts.outcomes import counting as outcomes
from home.restrictions import not_restricted

from .schemas import (
    CohortFilter,
    CohortOut,
    CohortOutcomesPage,
    GoodPracticeDetailOut,
    GoodPracticeFilter,
    GoodPracticeOut,
    Id,
    MeasureDetailOut,
    MeasureFilter,
    MeasureOut,
    OutcomesOut,
    PageInput,
    ProgrammeOut,
    ProjectDetailOut,
    ProjectFilter,
    ProjectOut,
)


class Docs(Swagger):
    """Swagger UI in a page that names its language and, without JavaScript,
    links to the endpoints and the OpenAPI description."""

    template = "cohorts/api_docs.html"


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
        "published numbers tells anything about them. For the same reason a "
        "project's `organisation` is given only when at least one of its "
        "fellows agreed to be named."
    ),
    urls_namespace="open_data",
    docs_url="/docs/",
    # With "ninja" in INSTALLED_APPS, Swagger UI comes from this site's static
    # files. No validator badge: it would call validator.swagger.io.
    docs=Docs(settings={"validatorUrl": None}),
)


class Pagination(LimitOffsetPagination):
    Input = PageInput


# Querysets: live, public pages only.


def programmes():
    return (
        ProgrammePage.objects.live()
        .filter(not_restricted())
        .defer_streamfields()
        .select_related("run_by", "accreditation_partner")
        .order_by("pk")
    )


def cohorts(filters):
    queryset = (
        CohortPage.objects.live()
        .filter(not_restricted())
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
        .filter(not_restricted())
        .defer_streamfields()
        .with_public_organisation()
        .prefetch_related(Prefetch("project_fellows", queryset=consenting), "themes")
        .annotate(cohort_id=parent_value(CohortPage))
        .order_by("pk")
    )


def measures():
    """The measures of live public projects (a measure's rows are written when
    its project page is published)."""
    return ProjectMeasure.objects.filter(
        project__in=FellowProjectPage.objects.live().filter(not_restricted())
    ).order_by("project_id", "sort_order", "pk")


def good_practice():
    return GoodPracticePage.objects.for_listing().order_by("pk")


# Endpoints

LISTS = ["programmes", "cohorts", "outcomes", "projects", "measures", "good_practice"]


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


@api.get("/good-practice/", response=list[GoodPracticeOut], tags=["good practice"])
@paginate(Pagination)
def list_good_practice(request, filters: Query[GoodPracticeFilter]):
    """Published good-practice examples, filed under the four themes."""
    queryset = good_practice()
    if filters.theme is not None:
        queryset = queryset.filter(
            pk__in=GoodPracticePage.objects.filter(themes__slug=filters.theme).values(
                "pk"
            )
        )
    return queryset


@api.get(
    "/good-practice/{example_id}/",
    response=GoodPracticeDetailOut,
    tags=["good practice"],
)
def get_good_practice(request, example_id: Id):
    return get_object_or_404(good_practice(), pk=example_id)

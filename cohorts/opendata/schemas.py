"""The open-data API's schemas: each lists exactly the fields that are public,
so a field reaches a response only when it is written here. api.py serves them."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from cohorts import qi
from cohorts.ids import MAX_ID
from cohorts.models import (
    FellowIndexPage,
    FellowProjectPage,
    GoodPracticePage,
    ProjectMeasure,
)
from home.restrictions import not_restricted

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


# Every id and offset the API reads: out of the database's range is a 422.
Id = Annotated[int, Field(ge=0, le=MAX_ID)]


class PageInput(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: Id = 0


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
    organisation: str | None = Field(
        description="Only for a project with a fellow who agreed to be named: "
        "otherwise it would say where a fellow who did not agree works."
    )
    start_date: datetime.date | None
    end_date: datetime.date | None
    themes: list[str]
    fellows: list[FellowOut]

    @staticmethod
    def resolve_organisation(page):
        organisation = page.public_organisation
        return organisation.name if organisation else None

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
    good_practice: list[PageOut] = Field(
        description="Published good-practice examples linked to the project or "
        "to its organisation (where `organisation` is given)."
    )

    @staticmethod
    def resolve_updates(page):
        return page.get_updates()

    @staticmethod
    def resolve_good_practice(page):
        return GoodPracticePage.objects.for_project(page).for_listing()


class GoodPracticeOut(PageOut):
    """A published good-practice example. Its contact email is never public."""

    summary: str
    themes: list[str]
    organisation: str | None = Field(description="Who the example comes from.")
    first_published_at: datetime.datetime

    @staticmethod
    def resolve_themes(page):
        return [theme.name for theme in page.themes.all()]

    @staticmethod
    def resolve_organisation(page):
        return page.organisation_display or None


class GoodPracticeDetailOut(GoodPracticeOut):
    what_was_done: str
    evidence: str
    link: str
    document_url: str | None
    linked_organisations: list[str] = Field(
        description="Other organisations that use the example."
    )
    projects: list[PageOut] = Field(description="Linked published fellow projects.")

    @staticmethod
    def resolve_document_url(page, context):
        document = page.document
        return context["request"].build_absolute_uri(document.url) if document else None

    @staticmethod
    def resolve_linked_organisations(page):
        return [organisation.name for organisation in page.organisations.all()]

    @staticmethod
    def resolve_projects(page):
        return (
            FellowProjectPage.objects.live()
            .filter(not_restricted())
            .filter(good_practice_pages=page)
        )


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


class GoodPracticeFilter(Schema):
    theme: str | None = Field(
        None, description="A theme's slug.", pattern=r"^[-a-zA-Z0-9_]+$"
    )


class ProjectFilter(Schema):
    cohort: Id | None = Field(None, description="Only this cohort's projects.")
    status: FellowProjectPage.Status | None = None
    theme: str | None = Field(
        None, description="A theme's slug.", pattern=r"^[-a-zA-Z0-9_]+$"
    )

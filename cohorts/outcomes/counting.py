"""Cohort and programme outcomes, computed from the records, never typed in.

What is counted (statistical disclosure control)
    Fellows: every fellow whose record names the cohort, whether or not they
    consent to public display ("70 fellows"). That total is the only number
    that includes a fellow who has not consented (``Fellow.public_consent``):
    everything counted about fellows (by profession, by organisation, by
    accreditation status, awards completed, outcome records by kind) counts
    only the fellows who consented, whose profiles already show it. The rest
    appear only as an unbroken number, "and N fellows who chose not to be
    named", so that no combination of the published numbers, subtracted from
    each other or from the public profiles, tells anything about one of them.
    Projects (by status): live, public project pages only, as the public sees
    them; drafts are not counted.
    Outcome records (by kind): the FellowOutcomes of the consenting fellows.
    Awards completed: consenting fellows whose accreditation status is marked
    ``award_complete``.
    Measures: the measures of those live projects that have approved data,
    and how many of them show a sustained improvement, as defined in
    cohorts/qi/improvement.py, on the chart of their approved points: never a
    balancing measure, not made by the points an editor marked astronomical,
    still holding at the latest point, and not started before the project's
    first PDSA cycle (the earliest start date among the cycles of its
    published updates).

Queries
    ``compute`` makes a fixed number of queries, whatever the number of
    cohorts, fellows, measures and points (see its docstring). The page, its
    charts, its tables and its CSV all read the same ``Outcomes`` object, so
    they cannot disagree. ``for_cohorts``, ``for_cohort`` and ``for_programme``
    are what the pages, the API and the CSV ask for.

Programme roll-up
    ``roll_up`` adds the cohorts' ``Outcomes`` together, so a programme's
    numbers are the sum of its cohorts' by construction.
"""

from collections import Counter
from dataclasses import dataclass, replace

from django.db.models import Count

from cohorts.models import (
    CohortPage,
    Fellow,
    FellowOutcome,
    FellowProjectPage,
    MeasurePoint,
    ParentPath,
    ProjectMeasure,
    ProjectUpdatePage,
)
from home import pagecache
from home.restrictions import not_restricted

from .signals import first_pdsa_dates, measure_signals
from .tally import (
    ACCREDITATION_BY_STATUS,
    BY_ORGANISATION,
    BY_PROFESSION,
    LAST,
    NOT_RECORDED,
    PROJECTS_BY_STATUS,
    RECORDS_BY_KIND,
    Tally,
)


def _plural(number, word):
    return f"{number} {word}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class Outcomes:
    """One cohort's outcomes, or the sum of several cohorts'."""

    cohorts: int
    since: int | None  # the year the earliest cohort started
    fellows: int  # every fellow, named or not
    named_fellows: int  # those who consented: the breakdowns count only them
    by_profession: Tally
    by_organisation: Tally
    projects_by_status: Tally
    accreditation_by_status: Tally
    records_by_kind: Tally
    awards_complete: int
    measures: int  # measures with approved data
    improving_measures: int  # of those, with a sustained improvement signal

    def __add__(self, other):
        years = [year for year in (self.since, other.since) if year is not None]
        return Outcomes(
            cohorts=self.cohorts + other.cohorts,
            since=min(years, default=None),
            fellows=self.fellows + other.fellows,
            named_fellows=self.named_fellows + other.named_fellows,
            by_profession=self.by_profession + other.by_profession,
            by_organisation=self.by_organisation + other.by_organisation,
            projects_by_status=self.projects_by_status + other.projects_by_status,
            accreditation_by_status=(
                self.accreditation_by_status + other.accreditation_by_status
            ),
            records_by_kind=self.records_by_kind + other.records_by_kind,
            awards_complete=self.awards_complete + other.awards_complete,
            measures=self.measures + other.measures,
            improving_measures=self.improving_measures + other.improving_measures,
        )

    @property
    def unnamed_fellows(self):
        """Fellows who did not consent: counted in ``fellows`` and nowhere else."""
        return self.fellows - self.named_fellows

    @property
    def disclosure_note(self):
        """What the counts about fellows count, in a sentence for the pages."""
        named = _plural(self.named_fellows, "fellow")
        if not self.unnamed_fellows:
            return f"The counts about fellows are of all {named}."
        return (
            f"The counts about fellows are of the {named} who agreed to be named; "
            f"the total of {_plural(self.fellows, 'fellow')} also counts "
            f"{_plural(self.unnamed_fellows, 'fellow')} who chose not to be named."
        )

    @property
    def projects(self):
        return self.projects_by_status.total

    @property
    def records(self):
        return self.records_by_kind.total

    @property
    def headline(self):
        """E.g. "70 fellows in 4 cohorts since 2012", or "18 fellows" for one
        cohort."""
        fellows = _plural(self.fellows, "fellow")
        if self.cohorts == 1:
            return fellows
        text = f"{fellows} in {_plural(self.cohorts, 'cohort')}"
        return f"{text} since {self.since}" if self.since else text

    @property
    def summary(self):
        """The headline numbers, as (label, number) pairs."""
        return [
            ("Fellows", self.fellows),
            ("Fellows who chose not to be named", self.unnamed_fellows),
            ("Published projects", self.projects),
            ("Accreditation awards completed (named fellows)", self.awards_complete),
            ("Outcome records (named fellows)", self.records),
            ("Measures with data", self.measures),
            ("Measures with a sustained improvement", self.improving_measures),
        ]

    @property
    def key_figures(self):
        """The numbers a reader looks for first (the cohort and home pages show
        these, with a link to the rest), as (label, number) pairs."""
        return [
            ("Fellows", self.fellows),
            ("Published projects", self.projects),
            ("Measures with a sustained improvement", self.improving_measures),
            ("Outcome records (named fellows)", self.records),
        ]

    @property
    def tallies(self):
        return [
            self.by_profession,
            self.by_organisation,
            self.projects_by_status,
            self.accreditation_by_status,
            self.records_by_kind,
        ]


NO_OUTCOMES = Outcomes(
    cohorts=0,
    since=None,
    fellows=0,
    named_fellows=0,
    by_profession=BY_PROFESSION,
    by_organisation=BY_ORGANISATION,
    projects_by_status=PROJECTS_BY_STATUS,
    accreditation_by_status=ACCREDITATION_BY_STATUS,
    records_by_kind=RECORDS_BY_KIND,
    awards_complete=0,
    measures=0,
    improving_measures=0,
)


def _choice_keys(choices):
    """value → (position, label) for a TextChoices class."""
    return {member.value: (i, str(member.label)) for i, member in enumerate(choices)}


def compute(cohorts, *, fellows, projects, records, measures, points, updates):
    """Each cohort's Outcomes, keyed by the cohort's pk.

    ``fellows``, ``projects``, ``records``, ``measures``, ``points`` and
    ``updates`` are the querysets to count (of Fellow, FellowProjectPage,
    FellowOutcome, ProjectMeasure, MeasurePoint and ProjectUpdatePage, whose
    PDSA cycles date each project's first change); the caller decides which
    rows count, e.g. only live public projects and approved points. Of the
    fellows, only those who consented are broken down, and only their outcome
    records counted (see the module docstring). Eight queries, however many
    cohorts, fellows, measures and points there are (plus whatever the
    querysets need, such as the view-restriction lookup of
    ``PageQuerySet.public()``); the measures' signals come from the cache
    (cohorts.measures.improvement.sustained_improvements).
    """
    cohorts = list(cohorts)
    counts = {
        cohort.pk: {
            name: Counter()
            for name in ("profession", "org", "accreditation", "status", "kind")
        }
        for cohort in cohorts
    }
    awards = Counter()
    professions = _choice_keys(fellows.model.Profession)
    statuses = _choice_keys(projects.model.Status)
    kinds = _choice_keys(records.model.Kind)

    fellows = fellows.filter(cohort__in=cohorts).order_by()
    totals = dict(
        fellows.values("cohort").annotate(n=Count("pk")).values_list("cohort", "n")
    )
    fellows = fellows.filter(public_consent=True)
    for cohort, profession, n in fellows.values_list("cohort", "profession").annotate(
        n=Count("pk")
    ):
        counts[cohort]["profession"][
            professions.get(profession, (LAST, profession))
        ] += n
    for cohort, name, n in fellows.values_list("cohort", "organisation__name").annotate(
        n=Count("pk")
    ):
        counts[cohort]["org"][(0, name) if name else (1, NOT_RECORDED)] += n
    for cohort, order, name, complete, n in fellows.values_list(
        "cohort",
        "accreditation_status__sort_order",
        "accreditation_status__name",
        "accreditation_status__award_complete",
    ).annotate(n=Count("pk")):
        key = (order, name) if name else (LAST, NOT_RECORDED)
        counts[cohort]["accreditation"][key] += n
        if complete:
            awards[cohort] += n

    cohort_by_path = {cohort.path: cohort.pk for cohort in cohorts}
    projects = projects.annotate(cohort_path=ParentPath()).filter(
        cohort_path__in=cohort_by_path
    )
    cohort_of_project = {}
    for pk, path, status in projects.values_list(
        "pk", "cohort_path", "status"
    ).order_by():
        cohort_of_project[pk] = cohort_by_path[path]
        counts[cohort_by_path[path]]["status"][statuses[status]] += 1

    improving = Counter()
    measure_counts = Counter()
    first_changes = first_pdsa_dates(updates, projects)
    for measure, signal in measure_signals(
        measures, points, projects, first_changes
    ).items():
        cohort = cohort_of_project[measure.project_id]
        measure_counts[cohort] += 1
        improving[cohort] += signal

    for cohort, kind, n in (
        records.filter(fellow__in=fellows)
        .values_list("fellow__cohort", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[cohort]["kind"][kinds.get(kind, (LAST, kind))] += n

    return {
        cohort.pk: Outcomes(
            cohorts=1,
            since=cohort.start_date.year,
            fellows=totals.get(cohort.pk, 0),
            named_fellows=counts[cohort.pk]["profession"].total(),
            by_profession=replace(
                BY_PROFESSION, counts=counts[cohort.pk]["profession"]
            ),
            by_organisation=replace(BY_ORGANISATION, counts=counts[cohort.pk]["org"]),
            projects_by_status=replace(
                PROJECTS_BY_STATUS,
                counts=counts[cohort.pk]["status"],
                shown=tuple(statuses.values()),
            ),
            accreditation_by_status=replace(
                ACCREDITATION_BY_STATUS, counts=counts[cohort.pk]["accreditation"]
            ),
            records_by_kind=replace(
                RECORDS_BY_KIND,
                counts=counts[cohort.pk]["kind"],
                shown=tuple(kinds.values()),
            ),
            awards_complete=awards[cohort.pk],
            measures=measure_counts[cohort.pk],
            improving_measures=improving[cohort.pk],
        )
        for cohort in cohorts
    }


@dataclass(frozen=True)
class ProgrammeOutcomes:
    total: Outcomes
    cohorts: list  # (cohort page, its Outcomes) pairs, in the given order

    @property
    def table_head(self):
        return ["Cohort", *(label for label, _ in self.total.summary)]

    @property
    def table_rows(self):
        """One row per cohort, then the programme's totals."""
        rows = [
            [cohort.title, *(number for _, number in outcomes.summary)]
            for cohort, outcomes in self.cohorts
        ]
        return [*rows, ["All cohorts", *(number for _, number in self.total.summary)]]


def roll_up(cohorts, per_cohort):
    """The programme's outcomes: the sum of its cohorts' (from ``compute``)."""
    rows = [(cohort, per_cohort[cohort.pk]) for cohort in cohorts]
    return ProgrammeOutcomes(
        total=sum((outcomes for _, outcomes in rows), NO_OUTCOMES), cohorts=rows
    )


def for_cohorts(cohorts):
    """Each cohort's outcomes (pk → Outcomes) in a fixed number of queries: all
    fellows and their outcome records, live public projects, their measures and
    approved data points. Kept in the cache until an edit bumps a page-cache
    tag of one of the cohorts (home/pagecache.py): its ``page:`` (the cohort
    itself), its ``listing:`` (its fellows, their records, its projects and
    their updates, measures and approved points) or ``site`` (organisations,
    accreditation statuses, view restrictions): exact, as the pages are."""
    cohorts = list(cohorts)
    tags = [pagecache.SITE]
    for cohort in cohorts:
        tags += [f"page:{cohort.path}", f"listing:{cohort.path}"]
    return pagecache.remember(
        "outcomes:" + ",".join(str(cohort.pk) for cohort in cohorts),
        tags,
        lambda: _compute_public(cohorts),
    )


def _compute_public(cohorts):
    return compute(
        cohorts,
        fellows=Fellow.objects.all(),
        projects=FellowProjectPage.objects.live().filter(not_restricted()),
        records=FellowOutcome.objects.all(),
        measures=ProjectMeasure.objects.all(),
        points=MeasurePoint.objects.approved(),
        updates=ProjectUpdatePage.objects.live().filter(not_restricted()),
    )


def for_cohort(cohort):
    return for_cohorts([cohort])[cohort.pk]


def for_programme(programme):
    """The programme's outcomes: the sum of its live cohorts' outcomes."""
    cohorts = list(programme.get_cohorts())
    return roll_up(cohorts, for_cohorts(cohorts))


def for_site():
    """Every programme's outcomes together: the sum of all live cohorts'. Kept
    in the cache until ``global`` is bumped (any page published, any fellow,
    outcome record or point saved) or ``site``."""

    def total():
        cohorts = list(CohortPage.objects.live().filter(not_restricted()))
        return roll_up(cohorts, for_cohorts(cohorts)).total

    return pagecache.remember(
        "site outcomes", [pagecache.SITE, pagecache.GLOBAL], total
    )

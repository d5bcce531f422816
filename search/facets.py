"""Faceted search over projects, consented fellows, good practice and other
pages.

Within a facet the chosen values are alternatives (OR); across facets they must
all hold (AND). Each facet's counts are taken with every *other* facet applied,
so a reader sees how many results each choice would give.

The work in Python is bounded, whatever the number of matches: what a search
matches stays in the database (subqueries of ids), the facets and result types
are counted there with aggregate queries (the projects, fellows and good
practice in one, the other pages in another), and only the page of results
shown is read, with what its cards show. The number of queries does not grow
with the number of results or of facet values.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Cast
from django.http import QueryDict

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from cohorts.models import (
    CohortPage,
    Fellow,
    FellowProjectPage,
    GoodPracticePage,
    Organisation,
    ParentPath,
    Theme,
    public_organisation_id,
)
from home import pagecache
from home.restrictions import not_restricted

from .results import FELLOW, GOOD_PRACTICE, PAGE, PROJECT, TYPE_LABELS, Results

MAX_QUERY_LENGTH = 200
# Characters no one types into a search box, bar tabs and line breaks (which
# count as spaces). A NUL byte would be a database error.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_search_text(text):
    """What a person typed, as a Wagtail search query that every backend runs
    safely: text between double quotes (or single quotes) is a phrase, an
    unmatched quote is dropped, and the rest is words that must all match. AND,
    OR, NOT, NEAR, *, (, -, ^ and the like are words, never operators, because
    the backends quote each word. A colon only separates words here: Wagtail
    would read `word:word` as a field filter, which this search has none of.
    Nothing left to search for (a lone quote) matches nothing."""
    _, query = parse_query_string(text.replace(":", " "))
    return query


@dataclass
class Facet:
    name: str
    label: str
    options: list  # [(value, label)]
    selected: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def choices(self):
        """[(value, label, count, checked)] for the template."""
        return [
            (value, label, self.counts.get(value, 0), value in self.selected)
            for value, label in self.options
        ]


@dataclass
class SearchOutcome:
    query: str
    facets: list
    results: list
    messages: list

    @property
    def active_filters(self):
        return any(facet.selected for facet in self.facets)

    def removable_filters(self, params):
        """(what the filter is, the query string without it) for each chosen
        filter: the links of the tags that remove one filter each."""
        filters = []
        for facet in self.facets:
            labels = dict(facet.options)
            for value in facet.selected:
                rest = params.copy()
                rest.pop("page", None)
                rest.setlist(
                    facet.name, [v for v in rest.getlist(facet.name) if v != value]
                )
                filters.append((f"{facet.label}: {labels[value]}", rest.urlencode()))
        return filters


def read_choices(params, name, allowed, messages, label):
    """The valid values of a multi-valued parameter; unknown ones are dropped
    with a message, never an error."""
    values = [value for value in params.getlist(name) if value]
    valid = [value for value in dict.fromkeys(values) if value in allowed]
    if len(valid) != len(set(values)):
        messages.append(f"We ignored a filter by {label} that we did not recognise.")
    return valid


# A project is filed under the professions of its consenting fellows only, so the
# profession filter never tells anything about a fellow who has not consented.
CONSENTED_PROFESSION = Case(
    When(
        project_fellows__fellow__public_consent=True,
        then=F("project_fellows__fellow__profession"),
    )
)


# The facets that good practice does not have.
OTHER_FACETS = ("cohort", "profession", "organisation", "status")

# What each facet counts a project or a fellow by.
PROJECT_FACET_VALUES = {
    "cohort": F("cohort_path"),
    "profession": CONSENTED_PROFESSION,
    "theme": F("themes__slug"),
    # Only where the public may see it: not for a project none of whose
    # fellows consented to be named (cohorts.models.public_organisation_id).
    "organisation": F("public_organisation_id"),
    "status": F("status"),
}
FELLOW_FACET_FIELDS = {
    "cohort": "cohort_id",
    "profession": "profession",
    "organisation": "organisation_id",
}


def facet_options():
    """The cohorts, themes and organisations a search can be narrowed to, kept
    in the cache until a page is published or a record saved (``global``) or
    the site changes (``site``). An organisation is offered for its consented
    fellows and for the projects that show it."""
    cohorts = list(
        CohortPage.objects.live()
        .filter(not_restricted())
        .with_programme_title()
        .order_by("-start_date", "title")
    )
    themes = list(Theme.objects.order_by("name"))
    shown_by_projects = FellowProjectPage.objects.annotate(
        public_organisation_id=public_organisation_id()
    ).values("public_organisation_id")
    organisations = list(
        Organisation.objects.filter(
            Q(pk__in=shown_by_projects) | Q(fellows__public_consent=True)
        )
        .distinct()
        .order_by("name")
    )
    return cohorts, themes, organisations


def search_ids(query, queryset):
    """The ids of the objects of ``queryset`` that match ``query``, as a
    subquery: the database search backend's results are a queryset
    (``get_queryset``), so the matches are never loaded into Python.
    Unordered, since the results are sorted by title."""
    results = get_search_backend().search(query, queryset, order_by_relevance=False)
    return results.get_queryset().order_by().values("pk")


def counted(queryset, facet, kind, value):
    """One part of the query that counts the facets: rows of (facet, kind,
    value, n), n the number of distinct ``kind`` objects of ``queryset`` with
    each ``value`` (a text, so that the parts combine)."""
    return (
        queryset.values(
            facet=Value(facet), kind=Value(kind), value=Cast(value, CharField())
        )
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )


class FacetedSearch:
    def __init__(self, params: QueryDict):
        self.messages = []
        text = params.get("q", "")
        if CONTROL_CHARACTERS.search(text):
            text = CONTROL_CHARACTERS.sub(" ", text)
            self.messages.append(
                "We left out characters that cannot be searched for, such as "
                "control characters."
            )
        query = " ".join(text.split())
        if len(query) > MAX_QUERY_LENGTH:
            query = query[:MAX_QUERY_LENGTH]
            self.messages.append(
                f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters."
            )
        self.query = query
        self.cohorts, self.themes, self.organisations = pagecache.remember(
            "search facet options", [pagecache.SITE, pagecache.GLOBAL], facet_options
        )
        self.facets = {
            "type": Facet("type", "Result type", list(TYPE_LABELS.items())),
            "cohort": Facet(
                "cohort", "Cohort", [(str(c.pk), c.full_title) for c in self.cohorts]
            ),
            "profession": Facet(
                "profession", "Profession", list(Fellow.Profession.choices)
            ),
            "theme": Facet("theme", "Theme", [(t.slug, t.name) for t in self.themes]),
            "organisation": Facet(
                "organisation",
                "Organisation",
                [(str(o.pk), o.name) for o in self.organisations],
            ),
            "status": Facet(
                "status", "Project status", list(FellowProjectPage.Status.choices)
            ),
        }
        for facet in self.facets.values():
            facet.selected = read_choices(
                params,
                facet.name,
                {value for value, _ in facet.options},
                self.messages,
                facet.label.lower(),
            )

    # The base sets, before facets: a search when there is a query, otherwise
    # the showcase (projects, and fellows when asked for).

    def matching(self):
        projects = FellowProjectPage.objects.live().filter(not_restricted())
        fellows = Fellow.objects.public()
        examples = GoodPracticePage.objects.live().filter(not_restricted())
        pages = (
            Page.objects.live()
            .filter(not_restricted())
            .filter(depth__gt=1)
            .not_type(FellowProjectPage, GoodPracticePage)
        )
        if self.query:
            query = parse_search_text(self.query)
            projects = projects.filter(pk__in=search_ids(query, projects))
            fellows = fellows.filter(pk__in=search_ids(query, fellows))
            examples = examples.filter(pk__in=search_ids(query, examples))
            pages = pages.filter(pk__in=search_ids(query, pages))
        return projects, fellows, examples, pages

    def project_filter(self, skip=None):
        """The chosen facets as a filter of projects that never repeats a
        project: a project's fellows and themes are tested in subqueries."""
        selected = {k: f.selected for k, f in self.facets.items() if k != skip}
        condition = Q()
        if selected.get("cohort"):
            paths = [c.path for c in self.cohorts if str(c.pk) in selected["cohort"]]
            condition &= Q(cohort_path__in=paths)
        if selected.get("profession"):
            with_fellows = FellowProjectPage.objects.filter(
                project_fellows__fellow__profession__in=selected["profession"],
                project_fellows__fellow__public_consent=True,
            )
            condition &= Q(pk__in=with_fellows.values("pk"))
        if selected.get("theme"):
            with_themes = FellowProjectPage.objects.filter(
                themes__slug__in=selected["theme"]
            )
            condition &= Q(pk__in=with_themes.values("pk"))
        if selected.get("organisation"):
            condition &= Q(public_organisation_id__in=selected["organisation"])
        if selected.get("status"):
            condition &= Q(status__in=selected["status"])
        return condition

    def fellow_filter(self, skip=None):
        """None when a chosen facet cannot apply to fellows (theme, status)."""
        selected = {k: f.selected for k, f in self.facets.items() if k != skip}
        if selected.get("theme") or selected.get("status"):
            return None
        condition = Q()
        if selected.get("cohort"):
            condition &= Q(cohort_id__in=selected["cohort"])
        if selected.get("profession"):
            condition &= Q(profession__in=selected["profession"])
        if selected.get("organisation"):
            condition &= Q(organisation_id__in=selected["organisation"])
        return condition

    def example_filter(self, skip=None):
        """Good practice has themes and no other facet: None when another
        facet is chosen."""
        selected = {k: f.selected for k, f in self.facets.items() if k != skip}
        if any(selected.get(k) for k in OTHER_FACETS):
            return None
        if selected.get("theme"):
            return Q(
                pk__in=GoodPracticePage.objects.filter(
                    themes__slug__in=selected["theme"]
                ).values("pk")
            )
        return Q()

    def pages_apply(self, skip=None):
        """Other pages have no facets: they show only while no facet is chosen."""
        return not any(
            f.selected for k, f in self.facets.items() if k not in {"type", skip}
        )

    def types(self, skip=None):
        chosen = [] if skip == "type" else self.facets["type"].selected
        if chosen:
            return set(chosen)
        return {PROJECT, FELLOW, GOOD_PRACTICE, PAGE} if self.query else {PROJECT}

    def run(self):
        projects, fellows, examples, pages = self.matching()
        projects = projects.annotate(
            cohort_path=ParentPath(), public_organisation_id=public_organisation_id()
        )
        self.count_facets(projects, fellows, examples, pages)

        types = self.types()
        chosen = {}
        if PROJECT in types:
            chosen[PROJECT] = projects.filter(self.project_filter())
        fellow_condition = self.fellow_filter()
        if FELLOW in types and fellow_condition is not None:
            chosen[FELLOW] = fellows.filter(fellow_condition)
        example_condition = self.example_filter()
        if GOOD_PRACTICE in types and example_condition is not None:
            chosen[GOOD_PRACTICE] = examples.filter(example_condition)
        if PAGE in types and self.pages_apply():
            chosen[PAGE] = pages
        counts = self.facets["type"].counts
        return SearchOutcome(
            query=self.query,
            facets=list(self.facets.values()),
            results=Results(
                [(kind, counts.get(kind, 0), found) for kind, found in chosen.items()]
            ),
            messages=self.messages,
        )

    def count_facets(self, projects, fellows, examples, pages):
        """Counts per facet value, each with the other facets applied, and of
        each result type: the projects, fellows and good practice in one
        query, the other pages (which have no facets) in a second. Counts are
        of distinct projects and fellows (a project with two nurses counts
        once)."""
        types = self.types()
        parts = []
        for name, key in PROJECT_FACET_VALUES.items():
            if PROJECT in types:
                chosen = projects.filter(self.project_filter(skip=name))
                parts.append(counted(chosen, name, PROJECT, key))
            fellow_condition = self.fellow_filter(skip=name)
            field = FELLOW_FACET_FIELDS.get(name)
            if FELLOW in types and fellow_condition is not None and field:
                chosen = fellows.filter(fellow_condition)
                parts.append(counted(chosen, name, FELLOW, F(field)))
        example_condition = self.example_filter(skip="theme")
        if GOOD_PRACTICE in types and example_condition is not None:
            chosen = examples.filter(example_condition)
            parts.append(counted(chosen, "theme", GOOD_PRACTICE, F("themes__slug")))

        # The result types: each counted whatever type is chosen.
        chosen = projects.filter(self.project_filter(skip="type"))
        parts.append(counted(chosen, "type", PROJECT, Value(PROJECT)))
        fellow_condition = self.fellow_filter()
        if fellow_condition is not None:
            chosen = fellows.filter(fellow_condition)
            parts.append(counted(chosen, "type", FELLOW, Value(FELLOW)))
        example_condition = self.example_filter()
        if example_condition is not None:
            chosen = examples.filter(example_condition)
            parts.append(counted(chosen, "type", GOOD_PRACTICE, Value(GOOD_PRACTICE)))

        path_to_id = {c.path: str(c.pk) for c in self.cohorts}
        counts = {name: {} for name in self.facets}
        for row in parts[0].union(*parts[1:], all=True):
            value = row["value"]
            if row["facet"] == "cohort" and row["kind"] == PROJECT:
                value = path_to_id.get(value)
            if value is not None:
                facet = counts[row["facet"]]
                facet[value] = facet.get(value, 0) + row["n"]
        # Apart: as a part of the query above, reading every page (most of
        # them project updates) made PostgreSQL run the whole query in parallel
        # workers, which was slower on a small server.
        if self.pages_apply():
            counts["type"][PAGE] = pages.count()
        for name, facet in self.facets.items():
            facet.counts = counts[name]

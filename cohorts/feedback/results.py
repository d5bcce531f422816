"""What anyone sees of the learner feedback: mean scores over enough responses
that no one fellow's answers can be picked out.

The threshold
    A group of responses (a session, a module, a cohort, a programme) shows
    its scores only when it holds at least FEEDBACK_THRESHOLD responses. A
    session with fewer is left out on its own, but its responses still count
    in its module's totals, which are under the same threshold. No response
    is ever shown with a name; the comments are for programme staff only
    (cohorts/reports/feedback.py).
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch

from cohorts.models import CohortPage
from modules.models import FEEDBACK_QUESTIONS, SessionFeedback

FEEDBACK_THRESHOLD = 5
FIELDS = [field for field, _, _ in FEEDBACK_QUESTIONS]
HEAD = [name for _, _, name in FEEDBACK_QUESTIONS]


@dataclass(frozen=True)
class Scores:
    """The responses of a group and their mean score per question."""

    key: object  # what identifies the group (a pk, a path)
    label: str
    responses: int
    means: tuple  # one float per question, in FEEDBACK_QUESTIONS order

    @property
    def shown(self):
        return self.responses >= FEEDBACK_THRESHOLD

    def row(self):
        """For components/table.html: the label, the number of responses and
        each mean, to one decimal place (out of 5)."""
        return [self.label, self.responses, *(f"{mean:.1f}" for mean in self.means)]


def grouped(feedback, by, labels):
    """Scores per group, for the groups with at least FEEDBACK_THRESHOLD
    responses, in the order of ``labels`` (value of ``by``, a lookup on
    SessionFeedback → the group's label). One query."""
    rows = {
        row[by]: row
        for row in feedback.values(by)
        .annotate(n=Count("pk"), **{field: Avg(field) for field in FIELDS})
        .order_by()
    }
    return [
        Scores(value, label, row["n"], tuple(row[field] for field in FIELDS))
        for value, label in labels.items()
        if (row := rows.get(value)) and row["n"] >= FEEDBACK_THRESHOLD
    ]


def total(feedback, label):
    """The scores of all of ``feedback`` together, or None under the threshold."""
    row = feedback.aggregate(n=Count("pk"), **{field: Avg(field) for field in FIELDS})
    scores = Scores(None, label, row["n"], tuple(row[field] for field in FIELDS))
    return scores if scores.shown else None


@dataclass(frozen=True)
class ModuleScores:
    """A module's public scores: each session with enough responses, and the
    module's total (every session's responses)."""

    sessions: list
    total: Scores | None

    @property
    def table(self):
        rows = [scores.row() for scores in self.sessions]
        if self.total:
            rows.append(self.total.row())
        return {
            "caption": "Fellows' feedback: mean score out of 5",
            "head": ["Sessions", "Responses", *HEAD],
            "rows": rows,
        }


def for_module(module):
    """The module's scores for its public page, in three queries."""
    feedback = SessionFeedback.objects.filter(session__module=module)
    sessions = {
        session.pk: session_label(session)
        for session in with_cohorts(module.sessions.order_by("date"))
    }
    return ModuleScores(
        grouped(feedback, "session", sessions), total(feedback, "All sessions")
    )


def with_cohorts(sessions):
    """The sessions with their cohorts named with their programme, in one more
    query."""
    cohorts = CohortPage.objects.with_programme_title()
    return sessions.prefetch_related(Prefetch("cohort", queryset=cohorts))


def session_label(session):
    """A session as it is named outside its programme's pages: its cohort's
    full title (with the programme's), then its date."""
    cohort = session.cohort.full_title
    return f"{cohort}, {session.date.day} {session.date:%B %Y}"

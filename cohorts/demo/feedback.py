"""The demo's learner feedback: most fellows of each past cohort rated each of
their module sessions, some with a comment; and one recent session of the demo
fellow's cohort, whose feedback window is still open, that the demo fellow has
not rated yet (their dashboard asks them to).

The scores come from a random generator seeded with the session's module,
cohort and place, so the demo is the same every time."""

import datetime
import random

from django.utils import timezone

from modules.models import LearningModuleSession, SessionFeedback

COMMENTS = [
    "The worked examples from other trusts were the most useful part.",
    "More time for questions about our own projects, please.",
    "The run chart exercise finally made the rules make sense.",
    "Too much in one day: two shorter sessions would work better.",
    "Good mix of theory and practice.",
    "The room was hard to hear in at the back.",
]


def score(rnd, mean):
    return max(1, min(5, round(rnd.gauss(mean, 0.8))))


def load_feedback(demo_fellow):
    """Creates the feedback and the recent session (if missing); returns how
    many objects it created."""
    sessions = LearningModuleSession.objects.select_related("module", "cohort")
    first = sessions.filter(cohort=demo_fellow.cohort).order_by("date").first()
    recent, created = LearningModuleSession.objects.get_or_create(
        module=first.module,
        cohort=demo_fellow.cohort,
        place="Alumni masterclass, Northbridge",
        defaults={"date": timezone.localdate() - datetime.timedelta(days=7)},
    )
    for session in sessions.order_by("date", "pk"):
        seed = f"{session.module.slug}/{session.cohort.slug}/{session.place}"
        rnd = random.Random(seed)  # noqa: S311
        mean = rnd.uniform(3.4, 4.6)
        for fellow in session.cohort.fellows.order_by("pk"):
            if rnd.random() < 0.2 or (session == recent and fellow == demo_fellow):
                continue
            _, made = SessionFeedback.objects.get_or_create(
                session=session,
                fellow=fellow,
                defaults={
                    "overall": score(rnd, mean),
                    "relevance": score(rnd, mean - 0.3),
                    "recommend": score(rnd, mean + 0.1),
                    "comment": rnd.choice(COMMENTS) if rnd.random() < 0.25 else "",
                },
            )
            created += made
    return created

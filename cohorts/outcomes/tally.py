"""A tally: counts by category, the data of one outcome chart and its table,
and the tallies every cohort's outcomes hold."""

from collections import Counter
from dataclasses import dataclass, field, replace

NOT_RECORDED = "Not recorded"
LAST = 1_000_000  # sort key that puts "Not recorded" after every real category


@dataclass(frozen=True)
class Tally:
    """Counts by category: the data of one chart and its table. Keys are
    (sort key, label) pairs, so the tallies of several cohorts add up."""

    title: str
    category: str  # the table's first column heading
    unit: str  # what is counted: the table's second column heading
    counts: Counter = field(default_factory=Counter)
    shown: tuple = ()  # keys listed even when their count is 0
    by_count: bool = False  # largest first, instead of the categories' order

    def __add__(self, other):
        return replace(
            self,
            counts=self.counts + other.counts,
            shown=tuple(dict.fromkeys(self.shown + other.shown)),
        )

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def rows(self):
        """(label, count) pairs in display order."""
        counts = dict.fromkeys(self.shown, 0)
        counts.update(self.counts)
        if self.by_count:
            keys = sorted(counts, key=lambda key: (-counts[key], key))
        else:
            keys = sorted(counts)
        return [(key[1], counts[key]) for key in keys]


BY_PROFESSION = Tally("Named fellows by profession", "Profession", "Fellows")
BY_ORGANISATION = Tally(
    "Named fellows by organisation", "Organisation", "Fellows", by_count=True
)
PROJECTS_BY_STATUS = Tally("Projects by status", "Status", "Projects")
ACCREDITATION_BY_STATUS = Tally(
    "Named fellows by accreditation status", "Status", "Fellows"
)
RECORDS_BY_KIND = Tally("Named fellows' outcome records by kind", "Kind", "Records")

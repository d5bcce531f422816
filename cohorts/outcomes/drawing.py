"""The outcome tallies drawn as horizontal bar charts
(templates/components/bar_chart.html): geometry only, no counting."""

from dataclasses import dataclass

from django.utils.text import slugify

# Each row is a label above its bar, so long organisation names are not squeezed into
# a margin; the count follows the bar.
CHART_WIDTH = 360  # narrow, so that its 14-unit text stays legible on a phone
ROW_HEIGHT = 48
BAR_HEIGHT = 18
COUNT_SPACE = 40  # room right of the longest bar for its count
LABEL_CHARS = 46  # longer labels are shortened in the chart (not in the table)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    label_y: int
    bar_y: int
    width: int
    count_x: int
    count_y: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    head: tuple
    rows: list
    bars: list
    width: int = CHART_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self):
        return len(self.bars) * ROW_HEIGHT + 4


def _shorten(label):
    return label if len(label) <= LABEL_CHARS else f"{label[: LABEL_CHARS - 1]}…"


def bar_chart(tally):
    rows = tally.rows
    scale = (CHART_WIDTH - COUNT_SPACE) / max([1, *(count for _, count in rows)])
    bars = []
    for i, (label, count) in enumerate(rows):
        top, width = i * ROW_HEIGHT, round(count * scale)
        bars.append(
            Bar(
                label=_shorten(label),
                count=count,
                label_y=top + 16,
                bar_y=top + 22,
                width=width,
                count_x=width + 6,
                count_y=top + 36,
            )
        )
    values = "; ".join(f"{label}: {count}" for label, count in rows)
    return BarChart(
        id=f"chart-{slugify(tally.title)}",
        title=tally.title,
        description=f"Bar chart. {tally.unit}, {tally.total} in total. {values}.",
        head=(tally.category, tally.unit),
        rows=rows,
        bars=bars,
    )


def bar_charts(outcomes):
    """One chart per tally of an Outcomes."""
    return [bar_chart(tally) for tally in outcomes.tallies]

"""Monthly test series for the chart analyses."""

from datetime import date

from cohorts.qi import Point


def series(values, start=date(2015, 1, 1)):
    """One point a month, from ``start``."""
    first = start.year * 12 + start.month - 1
    return [
        Point(date((first + i) // 12, (first + i) % 12 + 1, 1), value)
        for i, value in enumerate(values)
    ]

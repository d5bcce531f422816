"""Server-side, accessible SVG for run charts and XmR charts.

Every function returns an SVG document as a string, ready to inline in a
page. The output has no JavaScript and loads nothing, and the same input
always gives the same output.

Accessibility
    The chart is ``role="img"`` and ``aria-labelledby`` points at its
    ``<title>`` and ``<desc>``; the description gives the chart's findings in
    words (from ``summary``). Ids are made unique with ``id_prefix``. Special
    cause points differ by shape as well as colour (circle: no signal,
    diamond: improvement, triangle: concern, square: neutral), and a legend
    explains the shapes and lines (for a balancing measure: "no sign of harm"
    and "possible harm"). Every colour has at least 3:1 contrast
    against the white background (text at least 4.5:1). All text supplied by
    users is escaped. The chart has a ``viewBox`` and ``width="100%"`` so it
    scales down to a 320px-wide screen.

Layout
    Time runs left to right in proportion to the periods, so gaps in the
    series show as gaps. The value axis stops at the bounds of the
    analysis's ``unit_kind`` (0 and 100 for a percentage, 0 for a count or
    rate) unless a value lies beyond them. An XmR segment of one point has no
    limit lines. PDSA cycles are dated vertical markers numbered above the
    plot (in up to three rows); the date range widens to include them. A key
    under the chart gives each number's date and full label, wrapped onto as
    many lines as it needs, so every cycle can be read.

The variation and assurance icons are in ``icons``.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cohorts.qi.measure import MeasureRole, UnitKind
from cohorts.qi.run_chart import FlaggedPoint, Label, RunChartAnalysis
from cohorts.qi.spc import SpcAnalysis
from cohorts.qi.summary import (
    MONTHS,
    format_month,
    format_value,
    label_text,
    run_chart_summary,
    spc_summary,
)

WIDTH = 560
LEFT, RIGHT = 64, WIDTH - 40
TOP, BOTTOM = 72, 320
LEGEND_LEFT, LEGEND_COLUMN = 16, 272
LEGEND_TOP = BOTTOM + 56
LEGEND_ROW = 26
DATE_LABEL_SPACING = 96
PDSA_ROWS = 3
PDSA_CHAR_WIDTH = 7.8  # generous for 13px text
PDSA_KEY_ROW = 18
PDSA_KEY_INDENT = 3  # characters: wrapped lines hang under the text
PDSA_KEY_CHARS = int((WIDTH - 2 * LEGEND_LEFT) / PDSA_CHAR_WIDTH)
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

TEXT = "#0b0c0c"
COMMON = "#505a5f"
IMPROVEMENT = "#005eb8"
CONCERN = "#b45000"
NEUTRAL = "#4c2c92"
TWO_SIGMA = "#6f777b"
TARGET = "#00703c"
PDSA = "#912b88"

LINE_STYLES = {
    "centre": (TEXT, ""),
    "limits": (COMMON, "8 4"),
    "two_sigma": (TWO_SIGMA, "2 4"),
    "target": (TARGET, "12 6"),
}
MARKERS = {
    None: ("circle", COMMON),
    Label.IMPROVEMENT: ("diamond", IMPROVEMENT),
    Label.CONCERN: ("triangle", CONCERN),
    Label.NEUTRAL: ("square", NEUTRAL),
}

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Escape text for XML content and attributes; drop characters XML forbids."""
    text = _NOT_XML.sub("", text)
    for raw, entity in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&#39;"),
    ):
        text = text.replace(raw, entity)
    return text


def _n(number: float) -> str:
    return f"{number:.1f}"


def check_prefix(id_prefix: str) -> None:
    if not _ID.fullmatch(id_prefix):
        raise ValueError(
            "id_prefix must start with a letter and contain only letters, "
            "digits, '-' and '_'."
        )


def _short_month(period: date) -> str:
    return f"{MONTHS[period.month - 1][:3]} {period.year}"


@dataclass(frozen=True)
class _Line:
    """A horizontal line at ``value`` from ``start`` to ``end`` (default: the
    whole plot width)."""

    style: str
    value: float
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class _Scale:
    first: int
    last: int
    low: float
    high: float

    def x(self, period: date) -> float:
        if self.first == self.last:
            return (LEFT + RIGHT) / 2
        share = (period.toordinal() - self.first) / (self.last - self.first)
        return LEFT + share * (RIGHT - LEFT)

    def y(self, value: float) -> float:
        return BOTTOM - (value - self.low) / (self.high - self.low) * (BOTTOM - TOP)


def _ticks(
    low: float, high: float, bounds: tuple[float | None, float | None]
) -> tuple[list[float], int]:
    """About five round tick values covering low..high, and their decimals.

    No tick lies beyond a bound (``UnitKind.bounds``) that low..high keeps
    within. The bounds 0 and 100 are multiples of every step a range within
    them gets, so the ticks still cover low..high.
    """
    floor, ceiling = bounds
    floor = floor if floor is not None and low >= floor else -math.inf
    ceiling = ceiling if ceiling is not None and high <= ceiling else math.inf
    if low == high:
        low, high = low - 1, high + 1
    raw = (high - low) / 4
    exponent = math.floor(math.log10(raw))
    mantissa = next(m for m in (1, 2, 2.5, 5, 10) if m * 10.0**exponent >= raw)
    step = mantissa * 10.0**exponent
    decimals = max(0, (mantissa == 2.5) - (mantissa == 10) - exponent)
    first, last = math.floor(low / step), math.ceil(high / step)
    slack = step / 1e6
    ticks = [i * step for i in range(first, last + 1)]
    return [t for t in ticks if floor - slack <= t <= ceiling + slack], decimals


def _marker(kind: str, x: float, y: float, colour: str, css: str, tip: str) -> str:
    title = f"<title>{escape(tip)}</title>" if tip else ""
    attrs = f'class="{css}" fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if kind == "circle":
        return f'<circle {attrs} cx="{_n(x)}" cy="{_n(y)}" r="5">{title}</circle>'
    if kind == "square":
        return (
            f'<rect {attrs} x="{_n(x - 5.5)}" y="{_n(y - 5.5)}" '
            f'width="11" height="11">{title}</rect>'
        )
    if kind == "diamond":
        path = (
            f"M{_n(x)} {_n(y - 7.5)}L{_n(x + 7.5)} {_n(y)}"
            f"L{_n(x)} {_n(y + 7.5)}L{_n(x - 7.5)} {_n(y)}Z"
        )
    else:
        path = (
            f"M{_n(x)} {_n(y - 7.5)}L{_n(x + 7.5)} {_n(y + 6)}"
            f"L{_n(x - 7.5)} {_n(y + 6)}Z"
        )
    return f'<path {attrs} d="{path}">{title}</path>'


def _line_attrs(style: str) -> str:
    colour, dash = LINE_STYLES[style]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'stroke="{colour}" stroke-width="2"{dashes} fill="none"'


def _point_tip(point: FlaggedPoint, unit: str, role: MeasureRole) -> str:
    text = f"{format_month(point.period)}: {format_value(point.value)}{unit}"
    if point.label is not None:
        rules = ", ".join(rule.value.replace("_", " ") for rule in point.rules)
        text += f" ({label_text(point.label, role)}: {rules})"
    if point.annotation:
        text += f". {point.annotation}"
    return text


def _render(
    *,
    id_prefix: str,
    title: str,
    description: str,
    unit: str,
    points: Sequence[FlaggedPoint],
    lines: Sequence[_Line],
    legend: Sequence[tuple[str, str]],
    signal_word: str,
    pdsa_markers: Sequence[tuple[date, str]],
    role: MeasureRole,
    unit_kind: UnitKind,
) -> str:
    check_prefix(id_prefix)
    pdsa_markers = sorted(pdsa_markers)
    if pdsa_markers:
        description += " PDSA cycles: " + "; ".join(
            f"{format_month(day)}, {label}" for day, label in pdsa_markers
        )
        description += "."
    periods = [point.period for point in points] + [day for day, _ in pdsa_markers]
    values = [point.value for point in points] + [line.value for line in lines]
    ticks, decimals = _ticks(min(values), max(values), unit_kind.bounds)
    scale = _Scale(
        min(periods).toordinal(), max(periods).toordinal(), ticks[0], ticks[-1]
    )
    labels = {point.label for point in points}
    legend_items = [
        ("line", "Data"),
        *legend,
        *(
            (f"marker:{label}", f"{signal_word} ({label_text(label, role)})")
            for label in (Label.IMPROVEMENT, Label.CONCERN, Label.NEUTRAL)
            if label in labels
        ),
    ]
    if pdsa_markers:
        legend_items.append(("pdsa", "PDSA cycle"))
    legend_end = LEGEND_TOP + LEGEND_ROW * math.ceil(len(legend_items) / 2)
    key, height = _pdsa_key(pdsa_markers, legend_end)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{id_prefix}-title '
        f'{id_prefix}-desc" class="qi-chart" font-family="{FONT}" '
        f'font-size="15" fill="{TEXT}">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    out += _axes(scale, ticks, decimals, unit, points)
    out += _pdsa(scale, pdsa_markers)
    for line in lines:
        x1 = scale.x(line.start) if line.start else LEFT
        x2 = scale.x(line.end) if line.end else RIGHT
        y = _n(scale.y(line.value))
        out.append(
            f'<line class="qi-line qi-line--{line.style}" x1="{_n(x1)}" y1="{y}" '
            f'x2="{_n(x2)}" y2="{y}" {_line_attrs(line.style)}/>'
        )
    path = " ".join(
        f"{_n(scale.x(point.period))},{_n(scale.y(point.value))}" for point in points
    )
    out.append(
        f'<polyline class="qi-data" points="{path}" stroke="{COMMON}" '
        'stroke-width="2" fill="none"/>'
    )
    out.append('<g class="qi-points">')
    for point in points:
        kind, colour = MARKERS[point.label]
        out.append(
            _marker(
                kind,
                scale.x(point.period),
                scale.y(point.value),
                colour,
                f"qi-point qi-point--{kind}",
                _point_tip(point, unit, role),
            )
        )
    out.append("</g>")
    out += _legend(legend_items)
    out += key
    out.append("</svg>")
    return "\n".join(out)


def _axes(
    scale: _Scale,
    ticks: Sequence[float],
    decimals: int,
    unit: str,
    points: Sequence[FlaggedPoint],
) -> list[str]:
    out = [
        '<g class="qi-axes">',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="{TEXT}"/>',
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{TEXT}"/>',
    ]
    for tick in ticks:
        y = _n(scale.y(tick))
        out.append(
            f'<line x1="{LEFT - 5}" y1="{y}" x2="{LEFT}" y2="{y}" stroke="{TEXT}"/>'
        )
        out.append(
            f'<text class="qi-tick" x="{LEFT - 8}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{tick:,.{decimals}f}</text>'
        )
    if unit:
        out.append(
            f'<text class="qi-unit" x="{LEFT}" y="{TOP - 56}" '
            f'text-anchor="start">{escape(unit.strip())}</text>'
        )
    last_label = -math.inf
    for point in points:
        position = scale.x(point.period)
        if position - last_label < DATE_LABEL_SPACING:
            continue
        last_label = position
        x = _n(position)
        out.append(
            f'<line x1="{x}" y1="{BOTTOM}" x2="{x}" y2="{BOTTOM + 5}" stroke="{TEXT}"/>'
        )
        out.append(
            f'<text class="qi-date" x="{x}" y="{BOTTOM + 22}" '
            f'text-anchor="middle">{_short_month(point.period)}</text>'
        )
    out.append("</g>")
    return out


def _pdsa_text(number: int, day: date, label: str) -> str:
    return f"{number}. {_short_month(day)}: {label}"


def _pdsa(scale: _Scale, markers: Sequence[tuple[date, str]]) -> list[str]:
    """Dated vertical lines, numbered above the plot in up to three rows (the
    key under the chart gives each number's date and label)."""
    out = []
    row_ends = [-math.inf] * PDSA_ROWS
    for number, (day, label) in enumerate(markers, start=1):
        position = scale.x(day)
        width = len(str(number)) * PDSA_CHAR_WIDTH
        start = position - width / 2
        free = [row for row, end in enumerate(row_ends) if end < start]
        row = free[0] if free else row_ends.index(min(row_ends))
        row_ends[row] = start + width + 4
        y = TOP - 38 + 14 * row
        out.append(
            f'<g class="qi-pdsa"><title>{escape(_pdsa_text(number, day, label))}'
            f'</title><line x1="{_n(position)}" y1="{y + 4}" x2="{_n(position)}" '
            f'y2="{BOTTOM}" stroke="{PDSA}" stroke-width="1.5"/>'
            f'<text x="{_n(position)}" y="{y}" text-anchor="middle" '
            f'font-size="13" fill="{PDSA}">{number}</text></g>'
        )
    return out


def _pdsa_key(markers: Sequence[tuple[date, str]], top: float) -> tuple[list[str], int]:
    """The numbered key under the chart, each label wrapped in full; and the
    height of the whole chart with it."""
    if not markers:
        return [], math.ceil(top + 8)
    wrapper = textwrap.TextWrapper(
        PDSA_KEY_CHARS,
        subsequent_indent=" " * PDSA_KEY_INDENT,
        break_on_hyphens=False,
    )
    y = top + 8
    out = [
        '<g class="qi-pdsa-key" font-size="13">',
        f'<text class="qi-pdsa-key-heading" x="{LEGEND_LEFT}" y="{_n(y)}" '
        f'font-weight="bold">PDSA cycles</text>',
    ]
    for number, (day, label) in enumerate(markers, start=1):
        spans = []
        for index, line in enumerate(wrapper.wrap(_pdsa_text(number, day, label))):
            y += PDSA_KEY_ROW
            x = LEGEND_LEFT + (PDSA_KEY_INDENT * PDSA_CHAR_WIDTH if index else 0)
            spans.append(
                f'<tspan x="{_n(x)}" y="{_n(y)}">{escape(line.strip())}</tspan>'
            )
        out.append(f'<text class="qi-pdsa-key-entry">{"".join(spans)}</text>')
    out.append("</g>")
    return out, math.ceil(y + 10)


def _legend(items: Sequence[tuple[str, str]]) -> list[str]:
    out = ['<g class="qi-legend">']
    for number, (kind, text) in enumerate(items):
        x = LEGEND_LEFT + (number % 2) * LEGEND_COLUMN
        y = LEGEND_TOP + (number // 2) * LEGEND_ROW
        if kind.startswith("marker:"):
            shape, colour = MARKERS[Label(kind.removeprefix("marker:"))]
            out.append(_marker(shape, x + 12, y, colour, "qi-legend-marker", ""))
        elif kind == "pdsa":
            out.append(
                f'<line x1="{x + 12}" y1="{y - 9}" x2="{x + 12}" y2="{y + 9}" '
                f'stroke="{PDSA}" stroke-width="1.5"/>'
            )
        elif kind == "line":
            out.append(
                f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{COMMON}" '
                f'stroke-width="2"/>'
            )
            out.append(_marker("circle", x + 12, y, COMMON, "qi-legend-marker", ""))
        else:
            out.append(
                f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" {_line_attrs(kind)}/>'
            )
        out.append(
            f'<text x="{x + 34}" y="{y}" dominant-baseline="middle">'
            f"{escape(text)}</text>"
        )
    out.append("</g>")
    return out


def render_run_chart(
    analysis: RunChartAnalysis,
    *,
    title: str,
    unit: str = "",
    target: float | None = None,
    pdsa_markers: Sequence[tuple[date, str]] = (),
    id_prefix: str,
) -> str:
    """The run chart: data, median, optional target and PDSA markers.

    ``unit`` is appended to values as given (``"%"``, or ``" days"`` with a
    space); the axis shows it trimmed.
    """
    points = analysis.points
    lines = [_Line("centre", analysis.median, points[0].period, points[-1].period)]
    legend = [("centre", "Median")]
    if target is not None:
        lines.append(_Line("target", float(target)))
        legend.append(("target", "Target"))
    intro = (
        f"Run chart of {len(points)} points from {format_month(points[0].period)} "
        f"to {format_month(points[-1].period)}, "
        f"median {format_value(analysis.median)}{unit}"
    )
    if target is not None:
        intro += f", target {format_value(target)}{unit}"
    description = " ".join([f"{intro}.", *run_chart_summary(analysis)])
    return _render(
        id_prefix=id_prefix,
        title=title,
        description=description,
        unit=unit,
        points=points,
        lines=lines,
        legend=legend,
        signal_word="Signal",
        pdsa_markers=pdsa_markers,
        role=analysis.role,
        unit_kind=analysis.unit_kind,
    )


def render_spc_chart(
    analysis: SpcAnalysis,
    *,
    title: str,
    unit: str = "",
    pdsa_markers: Sequence[tuple[date, str]] = (),
    show_two_sigma: bool = True,
    id_prefix: str,
) -> str:
    """The XmR chart: data, mean and process limits for each segment, optional
    2-sigma lines, the target given to ``analyse_spc`` and PDSA markers.

    ``unit`` is used as in ``render_run_chart``.
    """
    lines = []
    for segment in analysis.segments:
        span = (segment.start_period, segment.end_period)
        lines.append(_Line("centre", segment.mean, *span))
        if not segment.has_limits:
            continue  # one point: no limits (the description says why)
        lines += [
            _Line("limits", segment.upper_limit, *span),
            _Line("limits", segment.lower_limit, *span),
        ]
        if show_two_sigma:
            lines += [
                _Line("two_sigma", segment.upper_two_sigma, *span),
                _Line("two_sigma", segment.lower_two_sigma, *span),
            ]
    legend = [("centre", "Mean"), ("limits", "Process limits")]
    if show_two_sigma:
        legend.append(("two_sigma", "2-sigma lines"))
    if analysis.target is not None:
        lines.append(_Line("target", analysis.target))
        legend.append(("target", "Target"))
    points = analysis.points
    description = " ".join(
        [
            f"XmR chart of {len(points)} points from "
            f"{format_month(points[0].period)} to "
            f"{format_month(points[-1].period)}.",
            *spc_summary(analysis),
        ]
    )
    return _render(
        id_prefix=id_prefix,
        title=title,
        description=description,
        unit=unit,
        points=points,
        lines=lines,
        legend=legend,
        signal_word="Special cause",
        pdsa_markers=pdsa_markers,
        role=analysis.role,
        unit_kind=analysis.unit_kind,
    )

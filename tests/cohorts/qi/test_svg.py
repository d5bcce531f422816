"""The SVG output: structure, accessibility, escaping and determinism."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from itertools import pairwise

import pytest

from cohorts.qi import (
    Assurance,
    Direction,
    ImprovementDirection,
    MeasureRole,
    Point,
    UnitKind,
    VariationState,
    analyse_run_chart,
    analyse_spc,
    assurance_icon,
    render_run_chart,
    render_spc_chart,
    variation_icon,
)

from .series import series

SVG = "{http://www.w3.org/2000/svg}"
HIGHER = ImprovementDirection.HIGHER_IS_BETTER


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted XML)


def by_class(root, name):
    return [el for el in root.iter() if name in el.get("class", "").split()]


def text_of(root):
    return " ".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))


# Shift above the median (improvement), then a lower run: both shapes appear.
RUN_VALUES = [12, 12, 8, 8, 8, 8, 8, 8, 12, 12, 12, 8, 12, 12]
SPC_VALUES = [9, 11] * 8 + [19] + [10, 11, 9] + [1] + [10, 11]


def run_svg(**kwargs):
    options = {"title": "Falls per 1,000 bed days", "unit": "", "id_prefix": "falls"}
    options.update(kwargs)
    analysis = analyse_run_chart(series(RUN_VALUES), HIGHER)
    return render_run_chart(analysis, **options)


def spc_svg(**kwargs):
    options = {"title": "Waits", "unit": " days", "id_prefix": "waits"}
    options.update(kwargs)
    analysis = analyse_spc(series(SPC_VALUES), HIGHER, target=20)
    return render_spc_chart(analysis, **options)


@pytest.mark.parametrize("svg", [run_svg(), spc_svg()], ids=["run", "spc"])
def test_chart_is_labelled_image(svg):
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text.strip()
    assert desc.text.strip()


@pytest.mark.parametrize("svg", [run_svg(), spc_svg()], ids=["run", "spc"])
def test_chart_scales_and_loads_nothing(svg):
    root = parse(svg)
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    assert "script" not in svg.lower()
    assert "href" not in svg
    assert "url(" not in svg
    assert re.findall(r"https?://[^\"\s]+", svg) == ["http://www.w3.org/2000/svg"]


def test_run_chart_one_marker_per_point():
    root = parse(run_svg())
    assert len(by_class(root, "qi-point")) == len(RUN_VALUES)


def test_spc_chart_one_marker_per_point():
    root = parse(spc_svg())
    assert len(by_class(root, "qi-point")) == len(SPC_VALUES)


def test_signal_shapes_differ_from_ordinary_points():
    root = parse(spc_svg())
    kinds = {
        name.removeprefix("qi-point--")
        for el in by_class(root, "qi-point")
        for name in el.get("class").split()
        if name.startswith("qi-point--")
    }
    # Ordinary points, the improvement above the limit, the concern below.
    assert kinds == {"circle", "diamond", "triangle"}
    tags = {
        kind: by_class(root, f"qi-point--{kind}")[0].tag
        for kind in ("circle", "diamond", "triangle")
    }
    assert tags["circle"] == f"{SVG}circle"
    assert by_class(root, "qi-point--diamond")[0].get("d") != by_class(
        root, "qi-point--triangle"
    )[0].get("d")


def test_neutral_signal_is_a_square():
    analysis = analyse_spc(series(SPC_VALUES))
    root = parse(render_spc_chart(analysis, title="t", id_prefix="n"))
    assert by_class(root, "qi-point--square")[0].tag == f"{SVG}rect"


def test_legend_explains_shapes_used():
    legend = by_class(parse(spc_svg()), "qi-legend")[0]
    text = " ".join(legend.itertext())
    assert "Special cause (improvement)" in text
    assert "Special cause (concern)" in text
    assert "Special cause (neutral)" not in text
    assert "Process limits" in text
    assert "Target" in text
    assert len(by_class(legend, "qi-legend-marker")) >= 3


def test_title_and_labels_are_escaped():
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    svg = run_svg(title=hostile, pdsa_markers=[(date(2015, 4, 1), "A & B <i>")])
    root = parse(svg)
    assert root.find(f"{SVG}title").text == hostile
    assert "<script" not in svg
    assert "<b>" not in svg
    assert "A &amp; B &lt;i&gt;" in svg


def test_control_characters_are_dropped():
    root = parse(run_svg(title="Bad\x00\x07title"))
    assert root.find(f"{SVG}title").text == "Badtitle"


def key_entries(root):
    """Each PDSA key entry's text, its wrapped lines joined by spaces."""
    (key,) = by_class(root, "qi-pdsa-key")
    return [
        " ".join(span.text for span in text.iter(f"{SVG}tspan"))
        for text in key.iter(f"{SVG}text")
        if "qi-pdsa-key-entry" in text.get("class", "")
    ]


def test_pdsa_markers_are_numbered_dated_and_listed_in_a_key():
    markers = [(date(2015, 9, 1), "Huddles"), (date(2015, 4, 1), "New triage form")]
    root = parse(spc_svg(pdsa_markers=markers))
    groups = by_class(root, "qi-pdsa")
    assert [g.find(f"{SVG}text").text for g in groups] == ["1", "2"]
    assert groups[0].find(f"{SVG}title").text == "1. Apr 2015: New triage form"
    assert groups[0].find(f"{SVG}line") is not None
    assert key_entries(root) == [
        "1. Apr 2015: New triage form",
        "2. Sep 2015: Huddles",
    ]
    assert "PDSA cycle" in text_of(root)
    desc = root.find(f"{SVG}desc").text
    assert desc.endswith(
        "PDSA cycles: April 2015, New triage form; September 2015, Huddles."
    )


def test_close_pdsa_numbers_use_separate_rows():
    markers = [(date(2015, 4, 1), "First change"), (date(2015, 4, 8), "Second")]
    groups = by_class(parse(run_svg(pdsa_markers=markers)), "qi-pdsa")
    assert len({g.find(f"{SVG}text").get("y") for g in groups}) == 2


# Issue 12: labels were cut at about 16 characters on the chart.
LONG_PDSA = [
    (
        date(2015, 3, 1),
        "Nurse-led falls risk assessment on admission for every patient",
    ),
    (date(2015, 5, 1), "Bed and chair sensor alarms trialled on ward 7 at night"),
    (
        date(2015, 6, 1),
        "Intentional rounding every hour, with a checklist at the bedside",
    ),
    (date(2015, 9, 1), "Non-slip socks"),
]


def test_every_pdsa_cycle_can_be_read_in_full():
    root = parse(run_svg(pdsa_markers=LONG_PDSA))
    entries = key_entries(root)
    months = ["Mar 2015", "May 2015", "Jun 2015", "Sep 2015"]
    assert entries == [
        f"{number}. {month}: {label}"
        for number, month, (_, label) in zip(
            range(1, 5), months, LONG_PDSA, strict=True
        )
    ]
    assert "…" not in "".join(root.itertext())
    (key,) = by_class(root, "qi-pdsa-key")
    width, height = map(float, root.get("viewBox").split()[2:])
    for span in key.iter(f"{SVG}tspan"):
        x, y = float(span.get("x")), float(span.get("y"))
        assert 0 < y < height
        assert x + len(span.text) * 7.8 <= width - 8  # generous glyph width
    lines = [float(span.get("y")) for span in key.iter(f"{SVG}tspan")]
    assert len(lines) > len(LONG_PDSA)  # the long labels wrap
    assert lines == sorted(set(lines))


def test_axes_have_date_and_value_labels():
    root = parse(run_svg())
    labels = by_class(root, "qi-date")
    assert [el.text for el in labels[:2]] == ["Jan 2015", "Apr 2015"]
    xs = [float(el.get("x")) for el in labels]
    assert all(b - a >= 90 for a, b in pairwise(xs))
    ticks = [float(el.text.replace(",", "")) for el in by_class(root, "qi-tick")]
    assert ticks == sorted(ticks)
    assert ticks[0] <= 8 and ticks[-1] >= 12


def test_target_line_is_dashed():
    root = parse(run_svg(target=11))
    (line,) = by_class(root, "qi-line--target")
    assert line.get("stroke-dasharray")
    assert "target 11" in root.find(f"{SVG}desc").text


def test_one_point_segment_draws_no_limits_and_says_why():
    values = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 12, 10, 11, 15]
    analysis = analyse_spc(
        series(values, date(2019, 1, 1)),
        HIGHER,
        target=14,
        change_date=date(2020, 2, 1),
    )
    root = parse(render_spc_chart(analysis, title="t", id_prefix="one"))
    first = analysis.segments[0]
    limits = by_class(root, "qi-line--limits")
    assert len(limits) == 2
    assert len(by_class(root, "qi-line--two_sigma")) == 2
    scale_xs = {line.get("x2") for line in limits}
    assert len(scale_xs) == 1  # both end where the first segment ends
    assert first.upper_limit is not None
    assert len({line.get("y1") for line in limits}) == 2  # not zero-width
    desc = root.find(f"{SVG}desc").text
    assert "From February 2020 there is only 1 point" in desc
    assert "no process limits and no assurance yet" in desc
    assert "Assurance:" not in desc


def ticks_of(root):
    return [float(el.text.replace(",", "")) for el in by_class(root, "qi-tick")]


def line_ys(root, style):
    return [float(line.get("y1")) for line in by_class(root, f"qi-line--{style}")]


def tick_y(root, value):
    (tick,) = [el for el in by_class(root, "qi-tick") if float(el.text) == value]
    return float(tick.get("y"))


# Percentages near 100: the upper limit would be above 100.
HIGH_PERCENTAGES = [95, 99, 96, 100, 97, 99, 94, 100, 98, 99, 96, 100]
# Small counts: the lower limit would be below 0.
SMALL_COUNTS = [0, 3, 1, 0, 2, 5, 0, 1, 4, 0, 2, 1]


def test_percentage_limits_and_axis_stop_at_100():
    analysis = analyse_spc(series(HIGH_PERCENTAGES), HIGHER, unit_kind="percentage")
    root = parse(render_spc_chart(analysis, title="t", unit="%", id_prefix="pc"))
    assert max(ticks_of(root)) == 100
    assert min(line_ys(root, "limits")) == tick_y(root, 100)
    desc = root.find(f"{SVG}desc").text
    assert "The upper process limit would be above 100" in desc


def test_count_limits_and_axis_stop_at_0():
    analysis = analyse_spc(series(SMALL_COUNTS), unit_kind="count")
    root = parse(render_spc_chart(analysis, title="t", id_prefix="ct"))
    assert min(ticks_of(root)) == 0
    assert max(line_ys(root, "limits")) == tick_y(root, 0)
    assert max(line_ys(root, "two_sigma")) <= tick_y(root, 0)


def test_run_chart_axis_of_a_count_stops_at_0():
    analysis = analyse_run_chart(series([0] * 12), unit_kind=UnitKind.COUNT)
    root = parse(render_run_chart(analysis, title="t", id_prefix="rc"))
    assert min(ticks_of(root)) == 0
    unbounded = parse(
        render_run_chart(analyse_run_chart(series([0] * 12)), title="t", id_prefix="rc")
    )
    assert min(ticks_of(unbounded)) < 0


def test_balancing_chart_never_says_improvement():
    analysis = analyse_spc(series(SPC_VALUES), HIGHER, target=20, role="balancing")
    svg = render_spc_chart(analysis, title="Readmissions", id_prefix="bal")
    root = parse(svg)
    assert "improvement" not in svg.lower()
    legend = " ".join(by_class(root, "qi-legend")[0].itertext())
    assert "Special cause (no sign of harm)" in legend
    assert "Special cause (possible harm)" in legend
    tip = by_class(root, "qi-point")[16].find(f"{SVG}title").text
    assert tip == "May 2016: 19 (no sign of harm: outside limits)"
    assert "Balancing measure: possible harm." in root.find(f"{SVG}desc").text


def test_balancing_variation_icon_reads_as_harm():
    icon = variation_icon(
        VariationState.SPECIAL_CAUSE_CONCERN,
        direction=Direction.UP,
        role=MeasureRole.BALANCING,
        id_prefix="v",
    )
    root = parse(icon)
    assert root.find(f"{SVG}title").text == (
        "Variation: special cause variation (possible harm), higher values"
    )
    assert root.find(f"{SVG}text").text == "Possible harm"
    good = variation_icon(
        VariationState.SPECIAL_CAUSE_IMPROVEMENT, role="balancing", id_prefix="v"
    )
    assert "improvement" not in good.lower()
    assert parse(good).find(f"{SVG}text").text == "No sign of harm"


def test_spc_lines_for_each_segment():
    analysis = analyse_spc(
        series([9, 11] * 6 + [19, 21] * 6), HIGHER, change_date=date(2016, 1, 1)
    )
    root = parse(render_spc_chart(analysis, title="t", id_prefix="seg"))
    assert len(by_class(root, "qi-line--centre")) == 2
    assert len(by_class(root, "qi-line--limits")) == 4
    assert len(by_class(root, "qi-line--two_sigma")) == 4
    plain = parse(
        render_spc_chart(analysis, title="t", id_prefix="seg", show_two_sigma=False)
    )
    assert by_class(plain, "qi-line--two_sigma") == []


def test_desc_contains_the_summary():
    desc = parse(spc_svg()).find(f"{SVG}desc").text
    assert desc.startswith("XmR chart of 23 points from January 2015 to November 2016.")
    assert "a point above the upper process limit in May 2016" in desc
    assert "Assurance:" in desc


def test_too_few_points_run_chart_desc():
    analysis = analyse_run_chart(series([1, 2, 3]))
    desc = parse(render_run_chart(analysis, title="t", id_prefix="few")).find(
        f"{SVG}desc"
    )
    assert "the run chart rules are not applied yet" in desc.text


def test_id_prefix_makes_ids_unique():
    first, second = parse(run_svg(id_prefix="a1")), parse(run_svg(id_prefix="b2"))
    assert first.find(f"{SVG}title").get("id") == "a1-title"
    assert second.find(f"{SVG}title").get("id") == "b2-title"


@pytest.mark.parametrize("prefix", ["", "1abc", "a b", 'a"b'])
def test_invalid_id_prefix_rejected(prefix):
    with pytest.raises(ValueError, match="id_prefix"):
        run_svg(id_prefix=prefix)


def test_output_is_deterministic():
    assert spc_svg() == spc_svg()
    assert run_svg() == run_svg()


def contrast_with_white(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


def test_colours_contrast_with_white():
    svg = spc_svg(pdsa_markers=[(date(2015, 4, 1), "x")]) + run_svg()
    icons = [variation_icon(state, id_prefix="v") for state in VariationState]
    icons += [assurance_icon(state, id_prefix="a") for state in Assurance]
    colours = set(re.findall(r"#[0-9a-fA-F]{6}", svg + "".join(icons)))
    colours -= {"#ffffff"}
    assert colours
    for colour in colours:
        assert contrast_with_white(colour) >= 3, colour
    text = parse(run_svg()).get("fill")
    assert contrast_with_white(text) >= 4.5


def test_points_on_a_gap_are_spaced_by_time():
    points = [
        Point(date(2015, 1, 1), 1),
        Point(date(2015, 2, 1), 2),
        Point(date(2015, 12, 1), 3),
    ]
    root = parse(render_run_chart(analyse_run_chart(points), title="t", id_prefix="g"))
    xs = [float(el.get("cx")) for el in by_class(root, "qi-point")]
    assert xs[2] - xs[1] > 5 * (xs[1] - xs[0])


def test_point_tooltip_names_rules_and_annotation():
    points = series(SPC_VALUES)
    points[16] = Point(points[16].period, 19, "Flu outbreak")
    analysis = analyse_spc(points, HIGHER)
    root = parse(render_spc_chart(analysis, title="t", unit="%", id_prefix="tip"))
    tip = by_class(root, "qi-point")[16].find(f"{SVG}title").text
    assert tip == "May 2016: 19% (improvement: outside limits). Flu outbreak"


@pytest.mark.parametrize("state", list(VariationState))
def test_variation_icon_labelled(state):
    root = parse(variation_icon(state, direction=Direction.UP, id_prefix="icon"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "icon-title"
    assert root.find(f"{SVG}title").text.startswith("Variation: ")
    assert root.find(f"{SVG}text").text


def test_variation_icons_differ_by_state_and_direction():
    icons = {variation_icon(state, id_prefix="i") for state in VariationState}
    assert len(icons) == len(VariationState)
    up = variation_icon(
        VariationState.SPECIAL_CAUSE_IMPROVEMENT, direction=Direction.UP, id_prefix="i"
    )
    down = variation_icon(
        VariationState.SPECIAL_CAUSE_IMPROVEMENT,
        direction=Direction.DOWN,
        id_prefix="i",
    )
    assert up != down
    assert "higher values" in parse(up).find(f"{SVG}title").text


@pytest.mark.parametrize("state", list(Assurance))
def test_assurance_icon_labelled(state):
    root = parse(assurance_icon(state, id_prefix="icon"))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text.startswith("Assurance: ")
    assert root.find(f"{SVG}text").text


def test_assurance_icons_differ():
    icons = {assurance_icon(state, id_prefix="i") for state in Assurance}
    assert len(icons) == len(Assurance)

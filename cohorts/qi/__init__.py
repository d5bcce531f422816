"""Quality-improvement chart analysis: run charts and XmR (SPC) charts.

Pure Python (standard library only). ``run_chart`` and ``spc`` analyse a
series of points, ``summary`` describes the result in plain English,
``svg`` draws it as an accessible SVG string (``icons`` its variation and
assurance icons) and ``improvement`` says whether it shows a sustained
improvement. ``measure`` holds what they need to know about the measure: its
role and its kind of unit.
"""

from cohorts.qi.icons import assurance_icon, variation_icon
from cohorts.qi.improvement import sustained_improvement
from cohorts.qi.measure import MeasureRole, UnitKind
from cohorts.qi.run_chart import (
    Direction,
    FlaggedPoint,
    ImprovementDirection,
    Label,
    Point,
    PointLike,
    Rule,
    RunChartAnalysis,
    Signal,
    analyse_run_chart,
    runs_limits,
)
from cohorts.qi.spc import (
    Assurance,
    Segment,
    SpcAnalysis,
    TwoOfThree,
    VariationState,
    analyse_spc,
)
from cohorts.qi.summary import run_chart_summary, spc_summary
from cohorts.qi.svg import render_run_chart, render_spc_chart

__all__ = [
    "Assurance",
    "Direction",
    "FlaggedPoint",
    "ImprovementDirection",
    "Label",
    "MeasureRole",
    "Point",
    "PointLike",
    "Rule",
    "RunChartAnalysis",
    "Segment",
    "Signal",
    "SpcAnalysis",
    "TwoOfThree",
    "UnitKind",
    "VariationState",
    "analyse_run_chart",
    "analyse_spc",
    "assurance_icon",
    "render_run_chart",
    "render_spc_chart",
    "run_chart_summary",
    "runs_limits",
    "spc_summary",
    "sustained_improvement",
    "variation_icon",
]

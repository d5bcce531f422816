"""The variation and assurance icons, as accessible SVG strings.

They are this project's own simple designs (a rounded square with an arrow,
wave, tick, cross or plus-minus glyph and a text label); they are not NHS
England's icons. For a balancing measure the variation icon reads as harm:
"Possible harm" or "No sign of harm", never "Improvement".
"""

from __future__ import annotations

from cohorts.qi.measure import MeasureRole
from cohorts.qi.run_chart import Direction
from cohorts.qi.spc import Assurance, VariationState
from cohorts.qi.summary import ASSURANCE_TEXT, variation_text
from cohorts.qi.svg import (
    COMMON,
    CONCERN,
    FONT,
    IMPROVEMENT,
    NEUTRAL,
    TEXT,
    check_prefix,
    escape,
)


def _icon(id_prefix: str, title: str, colour: str, glyph: str, caption: str) -> str:
    check_prefix(id_prefix)
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 84" '
            f'width="120" height="84" role="img" aria-labelledby="{id_prefix}-title" '
            f'class="qi-icon" font-family="{FONT}">',
            f'<title id="{id_prefix}-title">{escape(title)}</title>',
            f'<rect x="36" y="2" width="48" height="48" rx="10" fill="{colour}"/>',
            f'<g fill="none" stroke="#ffffff" stroke-width="5" '
            f'stroke-linecap="round" stroke-linejoin="round">{glyph}</g>',
            f'<text x="60" y="72" text-anchor="middle" font-size="13" '
            f'fill="{TEXT}">{escape(caption)}</text>',
            "</svg>",
        ]
    )


_ARROW_UP = '<path d="M60 40V13M48 25l12-12 12 12"/>'
_ARROW_DOWN = '<path d="M60 13v27M48 28l12 12 12-12"/>'
_WAVE = '<path d="M44 26c4-8 8-8 12 0s8 8 12 0 6-6 8-4"/>'
_DOT = '<circle cx="60" cy="26" r="6" fill="#ffffff"/>'


def variation_icon(
    state: VariationState,
    *,
    direction: Direction | None = None,
    role: MeasureRole | str = MeasureRole.OUTCOME,
    id_prefix: str,
) -> str:
    """Icon for the variation state (``SpcAnalysis.variation``).

    Special cause icons show an arrow for ``direction`` (pass
    ``SpcAnalysis.variation_direction``): up for above or rising, down for
    below or falling; without a direction they show a dot. ``role`` is the
    measure's (``SpcAnalysis.role``).
    """
    role = MeasureRole(role)
    balancing = role is MeasureRole.BALANCING
    colour, caption = {
        VariationState.COMMON_CAUSE: (COMMON, "Common cause"),
        VariationState.SPECIAL_CAUSE_IMPROVEMENT: (
            IMPROVEMENT,
            "No sign of harm" if balancing else "Improvement",
        ),
        VariationState.SPECIAL_CAUSE_CONCERN: (
            CONCERN,
            "Possible harm" if balancing else "Concern",
        ),
        VariationState.SPECIAL_CAUSE_NEUTRAL: (NEUTRAL, "Special cause"),
    }[state]
    way = ""
    if state is VariationState.COMMON_CAUSE:
        glyph = _WAVE
    elif direction is None:
        glyph = _DOT
    else:
        higher = direction in (Direction.ABOVE, Direction.UP)
        glyph = _ARROW_UP if higher else _ARROW_DOWN
        way = ", higher values" if higher else ", lower values"
    title = f"Variation: {variation_text(state, role)}{way}"
    return _icon(id_prefix, title, colour, glyph, caption)


def assurance_icon(assurance: Assurance, *, id_prefix: str) -> str:
    """Icon for the assurance state: tick, cross, or plus-minus."""
    colour, glyph, caption = {
        Assurance.CONSISTENTLY_PASS: (
            IMPROVEMENT,
            '<path d="M46 27l9 9 19-19"/>',
            "Pass",
        ),
        Assurance.CONSISTENTLY_FAIL: (
            CONCERN,
            '<path d="M48 14l24 24M72 14L48 38"/>',
            "Fail",
        ),
        Assurance.HIT_AND_MISS: (
            COMMON,
            '<path d="M60 12v16M52 20h16M52 38h16"/>',
            "Hit and miss",
        ),
    }[assurance]
    return _icon(
        id_prefix, f"Assurance: {ASSURANCE_TEXT[assurance]}", colour, glyph, caption
    )

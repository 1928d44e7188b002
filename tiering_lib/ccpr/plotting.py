"""Charts for the CCPR module: a case's timeline and the self-assessment radar.

Both take ``ax=None`` and return the Axes, so tests can inspect what was
drawn.  Call :func:`tiering_lib.use_chinese_fonts` first so labels render.
This module imports matplotlib, so ``tiering_lib`` loads it lazily.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from tiering_lib.ccpr.self_assessment import SelfAssessment, score_self_assessment
from tiering_lib.ccpr.standards import CCPR_STANDARDS, ccpr_standard
from tiering_lib.errors import TieringError

__all__ = ["plot_case_timeline", "plot_ccpr_radar", "timeline_figsize", "EFFECT_STYLE", "RADAR_FIGSIZE"]

#: Size (inches) of a new radar chart.
RADAR_FIGSIZE = (5.5, 5.5)

#: Marker, colour and legend label of each kind of event.
EFFECT_STYLE = {
    "breaks": {"marker": "X", "color": "#cf222e", "s": 150, "label": "违背标准"},
    "honours": {"marker": "o", "color": "#1a7f37", "s": 120, "label": "做到标准"},
    "neutral": {"marker": "o", "color": "#8c959f", "s": 60, "label": "其他事件"},
}


def timeline_figsize(n_touchpoints: int) -> tuple[float, float]:
    """Size (inches) of a new timeline chart with ``n_touchpoints`` rows.

    Examples
    --------
    >>> timeline_figsize(4)
    (10, 3.68)
    """
    return (10, round(1.2 + 0.62 * n_touchpoints, 2))


def _annotation(event: Any, show_standards: bool) -> str:
    text = f"{event.label}（{event.when}）"
    if show_standards:
        if event.breaks:
            text += "\n违背：" + "、".join(ccpr_standard(c).short_zh for c in event.breaks)
        if event.honours:
            text += "\n做到：" + "、".join(ccpr_standard(c).short_zh for c in event.honours)
    return text


def _label_events(ax: Any, xs: list, ys: list[int], events: Any, span: float, show_standards: bool) -> None:
    """Write each event's label beside its point; labels of nearby events on one lane are stacked."""
    placed: dict[int, list[tuple[float, float]]] = {}  # lane -> (x, offset below the last text line)
    for x, y, e in zip(xs, ys, events):
        text = _annotation(e, show_standards)
        near = [bottom for px, bottom in placed.get(y, []) if abs(x - px) < 0.2 * span]
        top = min(near) - 2 if near else -9
        placed.setdefault(y, []).append((x, top - 12 * (text.count("\n") + 1)))
        right_half = (x - min(xs)) > 0.6 * span
        ax.annotate(
            text, (x, y), xytext=(-9 if right_half else 9, top),
            textcoords="offset points", ha="right" if right_half else "left", va="top", fontsize=9,
            color=EFFECT_STYLE[e.effect]["color"] if e.effect != "neutral" else "#57606a",
        )


def plot_case_timeline(case: Any, ax: Any = None, show_standards: bool = False):
    """Draw a case's timeline: one row per touchpoint, elapsed time across, where a standard broke.

    Parameters
    ----------
    case : Case or LinScenario
        Anything with ``timeline`` (events), ``time_unit`` and ``title``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if omitted.
    show_standards : bool
        Also name the standard each event breaks or honours (off by default,
        so the chart does not give the quiz away).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> ax = plot_case_timeline(load_case("address"))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['网点柜台', '银行卡中心柜台', '卡中心电话', '转投他行']
    >>> plt.close(ax.figure)
    """
    events = case.timeline
    lanes = list(dict.fromkeys(e.touchpoint for e in events))
    if ax is None:
        _, ax = plt.subplots(figsize=timeline_figsize(len(lanes)))
    xs = [e.at for e in events]
    ys = [lanes.index(e.touchpoint) for e in events]
    ax.plot(xs, ys, color="#d0d7de", linewidth=1.5, zorder=1)
    for effect, style in EFFECT_STYLE.items():
        pts = [(x, y) for x, y, e in zip(xs, ys, events) if e.effect == effect]
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker=style["marker"], color=style["color"],
                   s=style["s"], zorder=3, label=style["label"])
    span = (max(xs) - min(xs)) or 1
    _label_events(ax, xs, ys, events, span, show_standards)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.35, -0.6)
    ax.set_xlim(min(xs) - 0.08 * span, max(xs) + 0.08 * span)
    ax.set_xlabel(f"经过时间（{case.time_unit}）")
    ax.set_title(case.title, loc="left")
    ax.grid(axis="x", color="#eaeef2")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Line2D([], [], linestyle="", marker=s["marker"], color=s["color"], markersize=8, label=s["label"])
               for s in EFFECT_STYLE.values()]
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=3, frameon=False, fontsize=9)
    return ax


def plot_ccpr_radar(assessment: SelfAssessment | Any, ax: Any = None):
    """Radar chart of a CCPR self-assessment (one spoke per standard, scale 1–5).

    Parameters
    ----------
    assessment : SelfAssessment or mapping
        A scored self-assessment, or ratings to score (see :func:`score_self_assessment`).
    ax : matplotlib polar Axes, optional
        Where to draw; a new polar figure is made if omitted.

    Returns
    -------
    matplotlib.projections.polar.PolarAxes

    Examples
    --------
    >>> from tiering_lib.ccpr.self_assessment import EXAMPLE_RATINGS
    >>> ax = plot_ccpr_radar(EXAMPLE_RATINGS)
    >>> [round(float(v), 2) for v in ax.lines[0].get_ydata()][:4]
    [3.33, 4.33, 2.67, 2.33]
    >>> plt.close(ax.figure)
    """
    if not isinstance(assessment, SelfAssessment):
        assessment = score_self_assessment(assessment)
    if ax is None:
        fig = plt.figure(figsize=RADAR_FIGSIZE)
        ax = fig.add_subplot(projection="polar")
    elif getattr(ax, "name", "") != "polar":
        raise TieringError("plot_ccpr_radar 需要极坐标的 Axes：fig.add_subplot(projection='polar')")
    n = len(CCPR_STANDARDS)
    angles = [2 * math.pi * i / n for i in range(n)]
    values = [float(assessment.scores[s.code]) for s in CCPR_STANDARDS]
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.plot(angles + angles[:1], values + values[:1], color="#0969da", linewidth=2)
    ax.fill(angles + angles[:1], values + values[:1], color="#0969da", alpha=0.2)
    weak = [i for i, s in enumerate(CCPR_STANDARDS) if s in assessment.tied_weakest]
    ax.scatter([angles[i] for i in weak], [values[i] for i in weak], color="#cf222e", s=80, zorder=3,
               label="最弱的标准")
    ax.set_xticks(angles, [f"{s.name_zh}\n{assessment.score_text(s.code)} 分" for s in CCPR_STANDARDS])
    for angle, label in zip(angles, ax.get_xticklabels()):  # side labels grow outwards, off the circle
        side = math.sin(angle)
        label.set_horizontalalignment("left" if side > 0.1 else "right" if side < -0.1 else "center")
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], color="#57606a", fontsize=8)
    ax.set_title("CCPR 自评（1 = 完全不符合，5 = 完全符合）", pad=24)
    return ax

"""Widgets of the CCPR notebook: a quiz per case, Ms Lin's intervention explorer, the self-assessment.

Each widget is thin: its callback calls one pure function
(:func:`~tiering_lib.ccpr.quiz.grade_standard` / :func:`~tiering_lib.ccpr.quiz.grade_touchpoint`,
:func:`~tiering_lib.ccpr.lin.lin_scenario`, :func:`~tiering_lib.ccpr.self_assessment.score_self_assessment`)
and shows the result in ``HTML`` and ``Image`` widgets.  Charts are drawn on
:class:`matplotlib.figure.Figure` objects that pyplot never sees, and sent as
PNG bytes, so nothing depends on the inline backend or an ``Output`` widget
(whose figures, drawn from a widget callback, sometimes arrived blank).
This module imports ipywidgets and matplotlib, so ``tiering_lib`` loads it lazily.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from tiering_lib.ccpr.lin import LIN_DECK_CALL_MONTH, lin_scenario
from tiering_lib.ccpr.plotting import RADAR_FIGSIZE, plot_case_timeline, plot_ccpr_radar, timeline_figsize
from tiering_lib.ccpr.quiz import grade_standard, grade_touchpoint, quiz_questions
from tiering_lib.ccpr.self_assessment import (
    EXAMPLE_RATINGS,
    RATING_LABELS,
    SELF_ASSESSMENT_STATEMENTS,
    score_self_assessment,
)
from tiering_lib.ccpr.standards import CCPR_STANDARDS
from tiering_lib.core.widget_picture import Interactive
from tiering_lib.display import escape, png_bytes

__all__ = ["case_quiz", "lin_explorer", "self_assessment_explorer"]

_NO_CALL = 0


def _question(text: str, options: tuple[str, ...], grade, css: str) -> widgets.VBox:
    buttons = widgets.ToggleButtons(options=list(options), value=None, style={"button_width": "auto"})
    feedback = widgets.HTML("")

    def on_change(change: dict) -> None:
        feedback.value = grade(change["new"])._repr_html_()

    buttons.observe(on_change, names="value")
    box = widgets.VBox([widgets.HTML(f"<b>{escape(text)}</b>"), buttons, feedback])
    box.add_class(css)
    return box


def case_quiz(case: Any) -> Interactive:
    """An interactive quiz on a case: which standard, at which touchpoint, with immediate feedback.

    Clicking an option shows whether it is right and the explanation
    (:func:`~tiering_lib.ccpr.quiz.grade_standard`, :func:`~tiering_lib.ccpr.quiz.grade_touchpoint`).

    Examples
    --------
    >>> from tiering_lib.ccpr.cases import load_case
    >>> quiz = case_quiz(load_case("address"))
    >>> std = quiz.children[1].children[1]
    >>> std.value = "方便"
    >>> "正确" in quiz.children[1].children[2].value
    True
    """
    questions = quiz_questions(case)
    box = widgets.VBox([
        widgets.HTML(f"<h4 style='margin:4px 0'>小测验：{escape(case.title)}</h4>"),
        _question(*questions["standard"], lambda a: grade_standard(case, a), "ccpr-quiz-standard"),
        _question(*questions["touchpoint"], lambda a: grade_touchpoint(case, a), "ccpr-quiz-touchpoint"),
    ])
    box.add_class("ccpr-quiz")
    return Interactive(box)


def lin_explorer() -> Interactive:
    """Ms Lin's case as an intervention explorer: send the statement, or phone in month X.

    The outcome and the timeline are recomputed with :func:`~tiering_lib.ccpr.lin.lin_scenario`
    at every change; the starting point is the deck's story (no statement, a call in April).

    Examples
    --------
    >>> from tiering_lib.core.fonts import use_chinese_fonts
    >>> use_chinese_fonts()
    >>> box = lin_explorer()
    >>> statement, call = box.children[0].children
    >>> call.value = 2
    >>> "正常受理" in box.children[1].value
    True
    """
    statement = widgets.Checkbox(value=False, description="一月账单按时寄到", indent=False)
    call = widgets.Dropdown(
        options=[("不打电话", _NO_CALL)] + [(f"{m}月", m) for m in range(1, 10)],
        value=LIN_DECK_CALL_MONTH, description="银行来电：",
    )
    outcome = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="820px"))

    def update(_: Any = None) -> None:
        scenario = lin_scenario(statement.value, call.value or None)
        outcome.value = scenario._repr_html_()
        fig = Figure(figsize=timeline_figsize(len({e.touchpoint for e in scenario.timeline})))
        plot_case_timeline(scenario, ax=fig.add_subplot(), show_standards=True)
        chart.value = png_bytes(fig, dpi=100, tight=True)

    statement.observe(update, names="value")
    call.observe(update, names="value")
    update()
    box = widgets.VBox([widgets.HBox([statement, call]), outcome, chart])
    box.add_class("ccpr-lin-explorer")
    return Interactive(box)


def self_assessment_explorer(ratings: dict | None = None) -> Interactive:
    """A CCPR self-assessment: rate each statement 1–5, see the radar and the weakest standard.

    Parameters
    ----------
    ratings : dict, optional
        Starting ratings (standard → ratings); :data:`EXAMPLE_RATINGS` by default.

    Examples
    --------
    >>> from tiering_lib.core.fonts import use_chinese_fonts
    >>> use_chinese_fonts()
    >>> box = self_assessment_explorer()
    >>> "最弱的是“立即响应”" in box.children[-1].children[1].value
    True
    """
    start = score_self_assessment(EXAMPLE_RATINGS if ratings is None else ratings)  # validates them
    sliders: dict[str, list[widgets.IntSlider]] = {}
    rows: list[widgets.Widget] = [
        widgets.HTML(escape("评分：" + "，".join(f"{k} = {v}" for k, v in RATING_LABELS.items())))
    ]
    for s in CCPR_STANDARDS:
        rows.append(widgets.HTML(f"<b>{escape(s.letter)} · {escape(s.name_zh)}</b>"))
        sliders[s.code] = []
        for text, value in zip(SELF_ASSESSMENT_STATEMENTS[s.code], start.ratings[s.code]):
            slider = widgets.IntSlider(value=value, min=1, max=5, layout=widgets.Layout(width="220px"))
            sliders[s.code].append(slider)
            rows.append(widgets.HBox([slider, widgets.HTML(escape(text))]))
    chart = widgets.Image(format="png", layout=widgets.Layout(width="440px"))
    verdict = widgets.HTML()

    def update(_: Any = None) -> None:
        result = score_self_assessment({code: [w.value for w in ws] for code, ws in sliders.items()})
        fig = Figure(figsize=RADAR_FIGSIZE)
        plot_ccpr_radar(result, ax=fig.add_subplot(projection="polar"))
        chart.value = png_bytes(fig, dpi=100, tight=True)
        verdict.value = result._repr_html_()

    for ws in sliders.values():
        for w in ws:
            w.observe(update, names="value")
    update()
    box = widgets.VBox([*rows, widgets.HBox([chart, verdict])])
    box.add_class("ccpr-self-assessment")
    return Interactive(box)

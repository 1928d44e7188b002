"""An exercise as a widget: answer by clicking or typing, press 检查, get a hint — no code.

``tl.exercise("03.4")`` shows the question, an answer box (options, or a number
box with its unit, or a text box), a 检查 button and a 显示答案 button.  A wrong
answer gets the exercise's next hint (never the answer); the answer is shown
through 显示答案 (offered in the feedback after two wrong tries) and is then
saved as shown.  A 先猜再运行 exercise has one button instead, 记下我的猜测: the
guess is saved first, and only then is the computed result revealed.  Every
result is saved in the learner's progress; a widget built again (after a kernel
restart) says how the learner did last time.

The callbacks only call :func:`~tiering_lib.course.exercises.judge` and the
progress store; both are tested without Jupyter.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from tiering_lib.core.widget_picture import Interactive
from tiering_lib.course.exercises import Exercise, get_exercise, judge
from tiering_lib.course.progress import mark, progress_store
from tiering_lib.display import escape, feedback_box
from tiering_lib.errors import TieringError

__all__ = ["exercise"]

def _input(ex: Exercise) -> tuple[widgets.Widget, Any]:
    """The answer box and a function reading what the learner entered."""
    kind = ex.answer.kind
    if kind == "choice":
        labels = [o.label for o in ex.answer.resolved()]
        box = widgets.RadioButtons(options=labels, value=None, layout=widgets.Layout(width="auto"))
        return box, lambda: box.value
    if kind == "number":
        text = widgets.Text(placeholder="填一个数", layout=widgets.Layout(width="160px"))
        return widgets.HBox([text, widgets.HTML(f"<span style='margin-left:4px'>{escape(ex.answer.unit)}</span>")]), lambda: text.value
    text = widgets.Text(placeholder=ex.answer.placeholder, layout=widgets.Layout(width="320px"))
    return text, lambda: text.value


def _last_time(record: dict | None, predict: bool) -> str:
    if not record or not (record.get("tries") or record.get("shown")):
        return ""
    what = {"✓": "已答对", "△": "猜过，没猜中", "◎": "看过答案", "✗": "还没答对"}[mark(record)]
    guess = f"，你当时猜的是“{escape(record['guess'])}”" if predict and record.get("guess") else ""
    return f"<div class='tl-exercise-last' style='color:#57606a'>上次的结果：{mark(record)} {what}{guess}（已保存）。</div>"


def _answer_html(ex: Exercise) -> str:
    expected = ex.expected()
    parts = [f"答案：<b>{escape(ex.answer_text(expected))}</b>。"]
    if getattr(ex.answer, "kind", "") == "choice":
        right = ex.answer.option_for(expected)
        if right is not None and right.explanation:
            parts.append(escape(right.explanation))
    if ex.explain:
        parts.append(escape(ex.explain(expected)))
    return " ".join(parts)


def _feedback(correct: bool | None, text_html: str) -> str:
    return feedback_box(correct, text_html, css_class="tl-exercise-feedback")


def exercise(exercise_id: str) -> Interactive:
    """The widget of a registered exercise (see :mod:`tiering_lib.course.exercises`).

    Examples
    --------
    >>> w = exercise("03.1")
    >>> [b.description for b in w.widget.children[2].children]
    ['检查', '显示答案']
    """
    ex = get_exercise(exercise_id)
    if ex.answer is None:
        raise TieringError(f"练习 {exercise_id} 只能用代码作答：请用 tl.check(\"{exercise_id}\", answer)。")
    store = progress_store()
    answer_box, read = _input(ex)
    title = widgets.HTML(
        f"<b>练习 {escape(ex.id)}</b>"
        + ("　<b style='color:#8250df'>先猜再运行</b>" if ex.predict else "")
        + f"<div style='margin:4px 0'>{escape(ex.question_zh)}</div>"
        + _last_time(store.get(ex.id), ex.predict)
    )
    feedback = widgets.HTML("")
    if ex.predict:
        buttons = _predict_buttons(ex, read, answer_box, feedback, store)
    else:
        buttons = _check_buttons(ex, read, feedback, store)
    box = widgets.VBox([title, answer_box, buttons, feedback])
    box.add_class("tl-exercise")
    box.add_class(f"tl-exercise-{ex.id.replace('.', '-')}")
    note = (
        "▶ 这是一道先猜再运行的练习。选中本单元格，按 Shift + Enter 运行后，写下你的猜测，再看结果。"
        if ex.predict else "▶ 这是一道练习。选中本单元格，按 Shift + Enter 运行后，就可以作答并点“检查”。"
    )
    return Interactive(box, note=note)


def _check_buttons(ex: Exercise, read, feedback: widgets.HTML, store) -> widgets.HBox:
    check = widgets.Button(description="检查", button_style="primary", tooltip="检查我的答案")
    show = widgets.Button(description="显示答案", tooltip="看答案和解释（会记录为“看过答案”）")
    check.add_class("tl-exercise-check")
    show.add_class("tl-exercise-show")
    wrong = {"n": 0}

    def on_check(_: Any) -> None:
        entered = read()
        verdict = judge(ex, entered, tries_before=wrong["n"])
        if verdict.correct is None:
            feedback.value = _feedback(None, escape(verdict.message_zh))
            return
        store.record_try(ex.id, str(entered), verdict.correct)
        if not verdict.correct:
            wrong["n"] += 1
        feedback.value = _feedback(verdict.correct, escape(verdict.message_zh))

    def on_show(_: Any) -> None:
        store.record_shown(ex.id)
        feedback.value = _feedback(None, _answer_html(ex) + "（已记录为“看过答案”。）")

    check.on_click(on_check)
    show.on_click(on_show)
    return widgets.HBox([check, show])


def _predict_buttons(ex: Exercise, read, answer_box, feedback: widgets.HTML, store) -> widgets.HBox:
    guess = widgets.Button(description="记下我的猜测，看结果", button_style="primary",
                           layout=widgets.Layout(width="auto"))
    guess.add_class("tl-exercise-check")

    def on_guess(_: Any) -> None:
        entered = read()
        verdict = judge(ex, entered)
        if verdict.correct is None:
            feedback.value = _feedback(None, escape(verdict.message_zh))
            return
        store.record_guess(ex.id, str(entered), verdict.correct)
        guess.disabled = True
        for child in [answer_box, *getattr(answer_box, "children", ())]:
            if hasattr(child, "disabled"):
                child.disabled = True
        said = "你猜对了！" if verdict.correct else "和你猜的不一样——这正是值得停下来想一想的地方。"
        feedback.value = _feedback(verdict.correct, f"{said} {_answer_html(ex)}") + (
            f"<div class='tl-exercise-reveal' style='margin-top:6px'>{ex.reveal()}</div>"
        )

    guess.on_click(on_guess)
    return widgets.HBox([guess])

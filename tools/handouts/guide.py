"""The facilitator guide (讲师手册), from the trainer edition: agenda, objectives, prompts, notes, answers.

* the day's agenda with timings — ``tl.workshop_schedule`` and ``tl.course_agenda`` (from the notebooks' headers);
* per chapter: learning objectives and time, discussion prompts (exercises marked 讨论), trainer notes
  (cells tagged ``trainer-note``);
* one answer key for every exercise: the expected answer *computed* through the exercise registry
  (``tiering_lib.course.exercises``), with its explanation, plus the model answers the notebooks hold in
  cells tagged ``solution`` (discussion questions);
* every case question's model answer (``tl.load_cases()``: quiz answer, discussion answers, good practice).
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from fractions import Fraction

from handouts import COURSE_TITLE
from handouts.pages import Chapter, shell
from handouts.render import markdown_to_html

_EXERCISE_ID = re.compile(r"练习\s*((?:\d\d|附录)\.\d+)")


def _e(text: object) -> str:
    return html.escape(str(text))


def _table(header: list[str], rows: list[list[str]], css: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='{css}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _agenda() -> str:
    import tiering_lib as tl

    schedule = tl.workshop_schedule()
    rows = [[_e(t), _e(r["内容"]), _e(r["时长（分钟）"])] for t, r in schedule.iterrows()]
    agenda = tl.course_agenda()
    totals = agenda.loc["合计"]
    return (
        "<section class='part'><h1>一日议程</h1>"
        "<p>时间由各章开头的“预计时长”加总而来（讲授 + 练习），茶歇和午餐插在两章之间。</p>"
        + _table(["时间", "内容", "时长（分钟）"], rows)
        + f"<p>合计：讲授 {int(totals.iloc[0])} 分钟，练习 {int(totals.iloc[1])} 分钟，共 {int(totals.iloc[2])} 分钟"
        "（不含茶歇和午餐）。</p></section>"
    )


def exercise_blocks(notebook: dict) -> dict[str, list[dict]]:
    """Each exercise id of a notebook with the cells that belong to it (heading up to the next heading)."""
    blocks: dict[str, list[dict]] = {}
    current = None
    for cell in notebook["cells"]:
        text = "".join(cell.get("source", ""))
        headings = [line for line in text.splitlines() if line.startswith("#")] if cell["cell_type"] == "markdown" else []
        if headings:
            found = [m.group(1) for line in headings for m in _EXERCISE_ID.finditer(line)]
            current = found[-1] if found else None
            if current:
                blocks.setdefault(current, [])
        if current:
            blocks[current].append(cell)
    return blocks


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _chapter_part(chapter: Chapter, diagram) -> str:
    objectives = "".join(f"<li>{_e(o)}</li>" for o in chapter.objectives)
    time = f"<p>预计时长：讲授 {chapter.minutes[0]} 分钟 · 练习 {chapter.minutes[1]} 分钟</p>" if chapter.minutes else ""
    prompts = []
    for ex_id, cells in exercise_blocks(chapter.notebook).items():
        lines = "".join(cells[0]["source"]).splitlines()
        if any(ex_id in line and "讨论" in line for line in lines if line.startswith("#")):
            text = "\n".join(line for line in lines if not line.startswith("#"))
            prompts.append(f"<li><b>练习 {_e(ex_id)}</b>：{markdown_to_html(text, diagram)}</li>")
    notes = [
        markdown_to_html("".join(c["source"]), diagram) for c in chapter.notebook["cells"] if "trainer-note" in _tags(c)
    ]
    return (
        f"<section class='chapter-notes'><h1>{_e(chapter.title)}</h1>"
        + (f"<h3>学习目标</h3><ul>{objectives}</ul>{time}" if objectives else "")
        + (f"<h3>讨论题</h3><ol class='prompts'>{''.join(prompts)}</ol>" if prompts else "")
        + (f"<h3>讲师提示</h3><div class='notes'>{''.join(notes)}</div>" if notes else "")
        + "</section>"
    )


def _registered_answer(ex_id: str) -> tuple[str, str, str]:
    """Question, answer and explanation of a registered exercise, the answer computed from data."""
    from tiering_lib.course.exercises import get_exercise

    ex = get_exercise(ex_id)
    expected = ex.expected()
    explanation = ex.explain(expected) if ex.explain else ""
    if ex.answer is not None:
        return ex.question_zh, ex.answer_text(expected), explanation
    # an exercise of the code route only: a plain value, with the tolerance the check allows
    text = str(expected)
    if isinstance(expected, (int, float, Decimal, Fraction)) and not isinstance(expected, bool):
        text = f"{float(expected):,.4f}".rstrip("0").rstrip(".")
    tolerance = (getattr(ex.compare, "__doc__", "") or "").removeprefix("within ")
    if tolerance.startswith("±"):
        text += f"（允许误差 {tolerance}）"
    return ex.question_zh, text, explanation


def _answer_rows(chapter: Chapter, diagram) -> list[list[str]]:
    from tiering_lib.course.exercises import exercise_ids

    blocks = exercise_blocks(chapter.notebook)
    registered = [i for i in exercise_ids() if i.split(".")[0] == chapter.number]
    rows = []
    for ex_id in sorted(set(blocks) | set(registered), key=lambda i: int(i.split(".")[1])):
        model = "".join(
            markdown_to_html("".join(c["source"]), diagram)
            for c in blocks.get(ex_id, []) if c["cell_type"] == "markdown" and "solution" in _tags(c)
        )
        if ex_id in registered:
            question, answer, explanation = _registered_answer(ex_id)
            cell = f"<b>{_e(answer)}</b>" + (f"<br>{_e(explanation)}" if explanation else "") + model
        else:
            heading = "".join(blocks[ex_id][0]["source"])
            question = " ".join(line for line in heading.splitlines() if line and not line.startswith("#"))
            cell = model or "（开放讨论题，无标准答案）"
        rows.append([f"<b>{_e(ex_id)}</b>", _e(question), cell])
    return rows


def _answer_key(chapters: list[Chapter], diagram) -> str:
    parts = []
    for chapter in chapters:
        rows = _answer_rows(chapter, diagram)
        if rows:
            parts.append(f"<h2>{_e(chapter.title)}</h2>" + _table(["练习", "题目", "答案与说明"], rows, "key"))
    return (
        "<section class='part answers'><h1>练习答案（全部）</h1>"
        "<p>有标准答案的练习，答案由工具库从课程数据当场算出，与学员在控件里核对的答案一致。</p>"
        + "".join(parts) + "</section>"
    )


def _case_answers() -> str:
    import tiering_lib as tl

    parts = []
    for case in tl.load_cases():
        standard = tl.ccpr_standard(case.quiz_standard)
        verb = "违背" if case.quiz_kind == "breaks" else "做到"
        qa = "".join(f"<li><i>{_e(q)}</i><br>{_e(a)}</li>" for q, a in zip(case.questions, case.model_answers))
        steps = "".join(f"<li>{_e(s)}</li>" for s in case.good_practice_steps)
        parts.append(
            f"<h2>{_e(case.title)}（{_e(case.source_label)}）</h2>"
            f"<p><b>小测验答案</b>：{verb}的标准是“{_e(standard.name_zh)}”（{_e(standard.short_zh)}），"
            f"接触点是“{_e(case.quiz_touchpoint)}”。{_e(case.quiz_explanation)}</p>"
            f"<p><b>根本原因</b>：{_e(case.root_cause)}</p>"
            f"<p><b>讨论题参考答案</b></p><ol>{qa}</ol>"
            f"<p><b>好的做法</b>：{_e(case.good_practice_summary)}</p><ol>{steps}</ol>"
        )
    return "<section class='part answers'><h1>案例参考答案</h1>" + "".join(parts) + "</section>"


def guide_html(chapters: list[Chapter], diagram) -> str:
    """The facilitator guide as one page (parts start new printed pages)."""
    toc = "".join(f"<li>{_e(c.title)}</li>" for c in chapters)
    cover = (
        "<section class='cover'><p class='org'>讲师专用 · 请勿发给学员</p>"
        f"<h1>讲师手册</h1><div class='band'></div><p class='lead'>{COURSE_TITLE}</p>"
        "<p>内容：一日议程；各章学习目标、讨论题和讲师提示；全部练习的答案；全部案例的参考答案。"
        "答案均由课程数据计算，随课程更新。</p>"
        f"<ol class='book-toc'>{toc}</ol></section>"
    )
    body = (
        "<main class='book guide'>" + cover + _agenda()
        + "".join(_chapter_part(c, diagram) for c in chapters)
        + _answer_key(chapters, diagram) + _case_answers() + "</main>"
    )
    return shell("讲师手册", body)

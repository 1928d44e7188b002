"""The action plan as files in the learner's workspace: an Excel workbook and a printable page.

:func:`export_action_plan` writes ``<workspace>/行动计划/<网点>_分层管理行动计划.xlsx``
(one sheet per section of :func:`~tiering_lib.course.action_plan.plan_sections`,
through the project's own writer :func:`~tiering_lib.io.xlsx_writer.write_xlsx`)
and ``….html`` (:func:`action_plan_html`: the same tables with the bundled
Chinese font, laid out for A4 printing from any browser).  Nothing is ever
overwritten: if a file of that name exists, the plan is saved as
``…（2）.xlsx`` / ``…（2）.html`` and so on.  Both files are written whole or not
at all.  The font file is copied beside the page once (it is never replaced).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Mapping

from tiering_lib.course.action_plan import ActionPlan, plan_problems, plan_sections
from tiering_lib.display import escape

__all__ = ["PLAN_FOLDER", "ExportedPlan", "action_plan_html", "sections_html", "export_action_plan"]

#: The folder of the learner's workspace that holds their plans.
PLAN_FOLDER = "行动计划"
_FONT = "NotoSansSC-Regular.otf"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')

_CSS = """
@font-face { font-family: "Noto Sans SC"; src: url("NotoSansSC-Regular.otf") format("opentype"); }
body { font-family: "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #1f2328;
       max-width: 180mm; margin: 12mm auto; font-size: 11pt; line-height: 1.5; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #d0d7de; }
p.meta { color: #57606a; margin: 0 0 8pt; }
table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
th, td { border: 1px solid #8c959f; padding: 3pt 6pt; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.todo { color: #9a6700; } .sign { margin-top: 24pt; display: flex; gap: 40pt; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


def sections_html(plan: ActionPlan, counts: Mapping[str, int] | None = None, heading: str = "h2") -> str:
    """The plan's tables as HTML (the body of the page and, with smaller ``heading``, of the form's preview).

    Examples
    --------
    >>> from tiering_lib.course.action_plan import ActionPlan, load_action_plan_template
    >>> "<h2>会议制度</h2>" in sections_html(ActionPlan.from_template(load_action_plan_template()))
    True
    """
    parts = []
    for title, header, rows in plan_sections(plan, counts):
        head = "".join(f'<th style="text-align:left">{escape(h)}</th>' for h in header)
        body = "".join("<tr>" + "".join(f'<td style="text-align:left">{escape(v)}</td>' for v in row) + "</tr>"
                       for row in rows)
        parts.append(f"<{heading}>{escape(title)}</{heading}><table style='margin-left:0'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    problems = plan_problems(plan, counts)
    if problems:
        items = "".join(f"<li>{escape(p)}</li>" for p in problems)
        parts.append(f'<{heading}>待补充</{heading}><ul class="todo" style="color:#9a6700">{items}</ul>')
    return "".join(parts)


def action_plan_html(plan: ActionPlan, counts: Mapping[str, int] | None = None, made_on: date | None = None) -> str:
    """A printable page (A4): the plan's tables, the bundled font, a line for the signatures.

    Examples
    --------
    >>> from tiering_lib.course.action_plan import ActionPlan, load_action_plan_template
    >>> page = action_plan_html(ActionPlan.from_template(load_action_plan_template(), "城东支局"), made_on=date(2026, 12, 1))
    >>> "@page" in page and "NotoSansSC-Regular.otf" in page and "2026-12-01" in page
    True
    """
    made = (made_on or date.today()).isoformat()
    branch = plan.branch.strip() or "本网点"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(branch)}：{escape(plan.title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(plan.title)}</h1><p class=\"meta\">网点：{escape(branch)}　制定日期：{made}</p>"
        f"{sections_html(plan, counts)}"
        '<div class="sign"><span>制定人：＿＿＿＿＿＿</span><span>支行行长：＿＿＿＿＿＿</span>'
        "<span>日期：＿＿＿＿＿＿</span></div></body></html>\n"
    )


@dataclass(frozen=True)
class ExportedPlan:
    """Where the plan was saved (``folder`` is the learner's workspace)."""

    xlsx: Path
    html: Path
    folder: Path

    def _repr_html_(self) -> str:
        names = [escape(p.relative_to(self.folder).as_posix()) for p in (self.xlsx, self.html)]
        return (f"<div class='tl-plan-saved'>已保存到你的练习文件夹：<b>{names[0]}</b>（Excel）和 "
                f"<b>{names[1]}</b>（打印页：用浏览器打开后按 Ctrl+P 打印）。</div>")

    def __repr__(self) -> str:
        return f"已保存：{self.xlsx.name}、{self.html.name}"


def _stem(plan: ActionPlan) -> str:
    branch = _UNSAFE.sub("", plan.branch).strip(" .") or "本网点"
    return f"{branch[:30]}_分层管理行动计划"


def _free_stem(folder: Path, stem: str) -> str:
    """``stem``, or ``stem（2）``, ``stem（3）``… so that neither file exists yet."""
    k, candidate = 1, stem
    while (folder / f"{candidate}.xlsx").exists() or (folder / f"{candidate}.html").exists():
        k += 1
        candidate = f"{stem}（{k}）"
    return candidate


def _write_new_text(path: Path, text: str) -> None:
    from tiering_lib.io.output_files import new_temp_file, publish

    fd, tmp = new_temp_file(path.parent, path.name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        publish(tmp, path, overwrite=False)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_action_plan(plan: ActionPlan, folder: str | Path | None = None, counts: Mapping[str, int] | None = None,
                       made_on: date | None = None) -> ExportedPlan:
    """Save the plan as ``.xlsx`` and printable ``.html`` in ``folder`` (``<workspace>/行动计划`` by default).

    Existing files are never replaced: a free name with （2）, （3）… is used instead.

    Examples
    --------
    >>> import tempfile
    >>> from tiering_lib.course.action_plan import ActionPlan, load_action_plan_template
    >>> plan = ActionPlan.from_template(load_action_plan_template(), "城东支局")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first, second = export_action_plan(plan, d), export_action_plan(plan, d)
    >>> first.xlsx.name, second.xlsx.name
    ('城东支局_分层管理行动计划.xlsx', '城东支局_分层管理行动计划（2）.xlsx')
    """
    from tiering_lib.core.fonts import chinese_font_path
    from tiering_lib.course.progress import workspace_dir
    from tiering_lib.io.xlsx_writer import Sheet, write_xlsx

    workspace = workspace_dir().resolve()
    target = Path(folder) if folder is not None else workspace / PLAN_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    target = target.resolve()
    stem = _free_stem(target, _stem(plan))
    sheets = [Sheet(title, header, rows, widths=[14] + [28] * (len(header) - 1))
              for title, header, rows in plan_sections(plan, counts)]
    problems = plan_problems(plan, counts)
    if problems:
        sheets.append(Sheet("待补充", ["还缺什么"], [[p] for p in problems], widths=[60]))
    xlsx = write_xlsx(target / f"{stem}.xlsx", sheets)
    html = target / f"{stem}.html"
    _write_new_text(html, action_plan_html(plan, counts, made_on))
    font = target / _FONT
    if not font.exists():  # the page's font, copied once, whole or not at all
        part = target / f".{_FONT}.part"
        shutil.copyfile(chinese_font_path(), part)
        os.replace(part, font)
    base = workspace if target.is_relative_to(workspace) else target
    return ExportedPlan(xlsx, html, base)

"""Save a maintenance plan as a file the learner can open in Excel (for notebook 08).

:func:`save_plan` is the plain function: it writes the plan into the learner's
workspace (the folder of the notebooks, :func:`~tiering_lib.course.progress.workspace_dir`)
under a name that is free, so an earlier file is never overwritten (``名称（2）.xlsx``).
:func:`plan_export` is the widget around it: two buttons and a Chinese message
saying which file was written and how to download it from JupyterLab.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiering_lib.core.widget_picture import Interactive
from tiering_lib.errors import DataError

__all__ = ["free_path", "save_plan", "plan_export"]

def free_path(folder: str | Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem（2）+suffix``, ``stem（3）+suffix`` … whichever does not exist yet.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = free_path(d, "计划", ".csv"); _ = first.write_text("x")
    ...     [first.name, free_path(d, "计划", ".csv").name]
    ['计划.csv', '计划（2）.csv']
    """
    folder = Path(folder)
    path, k = folder / f"{stem}{suffix}", 1
    while path.exists():
        k += 1
        path = folder / f"{stem}（{k}）{suffix}"
    return path


def save_plan(plan: Any, stem: str, suffix: str, folder: str | Path | None = None) -> tuple[Path, dict[str, int]]:
    """Write ``plan`` as ``.xlsx`` or ``.csv`` into ``folder`` (the workspace by default), never over a file.

    Returns the path written and the rows per part (:func:`~tiering_lib.service.plan_report.export_plan`).

    Raises
    ------
    DataError
        For a file type other than ``.xlsx`` or ``.csv``.

    Examples
    --------
    >>> import tempfile
    >>> from tiering_lib import maintenance_plan, synthesize_branch
    >>> plan = maintenance_plan(synthesize_branch(scale=20000), "RM01")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path, rows = save_plan(plan, "RM01_本周维护计划", ".csv", d)
    ...     path.name, rows["维护计划"] == len(plan.scheduled)
    ('RM01_本周维护计划.csv', True)
    """
    from tiering_lib.course.progress import workspace_dir
    from tiering_lib.service.plan_report import export_plan

    if suffix not in (".xlsx", ".csv"):
        raise DataError(f"{stem}{suffix}：维护计划只能保存为 Excel（.xlsx）或 CSV（.csv）文件")
    path = free_path(workspace_dir() if folder is None else folder, stem, suffix)
    return path, export_plan(plan, path)


def _saved_message(file_name: str, rows: dict[str, int]) -> str:
    from tiering_lib.display import escape

    parts = "，".join(f"{escape(part)} {n:,} 行" for part, n in rows.items())
    return (
        f"已保存到练习文件夹：<b>{escape(file_name)}</b>（{parts}）。"
        "在左边的文件列表里找到它（看不到时点列表上方的刷新按钮），右键点击，选“下载”，就能存到自己的电脑上，用 Excel 打开。"
    )


def plan_export(plan: Any, name: str = "维护计划"):
    """Two buttons that save ``plan`` as Excel or CSV in the learner's folder, and a message below.

    Parameters
    ----------
    plan : MaintenancePlan
    name : str
        The file name without its type, e.g. ``"RM02_本周维护计划"``.

    Examples
    --------
    >>> from tiering_lib import maintenance_plan, synthesize_branch
    >>> w = plan_export(maintenance_plan(synthesize_branch(scale=20000), "RM01"), "RM01_本周维护计划")
    >>> [b.description for b in w.children[0].children]
    ['保存为 Excel 文件', '保存为 CSV 文件']
    """
    import ipywidgets as widgets

    from tiering_lib.display import escape, feedback_box

    buttons = [widgets.Button(description=f"保存为 {kind} 文件", layout=widgets.Layout(width="180px"))
               for kind in ("Excel", "CSV")]
    message = widgets.HTML(
        f"<span style='color:#57606a'>文件名：{escape(name)}（已有同名文件时自动加编号，不会覆盖）。"
        "文件里只有客户号和层级，没有姓名、证件号或电话。</span>"
    )

    def saver(suffix: str):
        def save(_button: Any) -> None:
            try:
                path, rows = save_plan(plan, name, suffix)
            except (OSError, DataError) as err:
                message.value = feedback_box(False, escape(f"没有保存：{err}"))
                return
            message.value = feedback_box(True, _saved_message(path.name, rows))
        return save

    for button, suffix in zip(buttons, (".xlsx", ".csv")):
        button.on_click(saver(suffix))
    box = widgets.VBox([widgets.HBox(buttons), message])
    box.add_class("tl-plan-export")
    return Interactive(box, note="▶ 这是保存按钮的静态图。选中本单元格，按 Shift + Enter 运行后，就可以保存文件。")

"""Save a tiering report into the learner's own folder, from a button (notebook 09).

:func:`save_report` writes a :class:`~tiering_lib.io.report.TierReport` into the
learner's workspace (the folder JupyterLab shows on the left) and says, in
Chinese, what happened: saved (with a look inside the file, read back from it),
or not saved because a file of that name is already there — the report never
replaces an existing file unless asked — or because the name cannot be a file
name.  Messages name the file, never its folder.  :func:`report_saver` is the
widget around it: a file-name box, an 覆盖 checkbox and a 保存报告 button.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from tiering_lib.core.widget_picture import Interactive
from tiering_lib.display import PALETTE, escape
from tiering_lib.errors import TieringError

__all__ = ["SavedReport", "save_report", "report_saver", "default_report_name"]

#: Characters no file name may hold on Windows, macOS or Linux.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_COLOURS = {True: PALETTE["right"], False: PALETTE["wrong"]}


@dataclass(frozen=True)
class SavedReport:
    """What :func:`save_report` did: ``saved``, the file's ``path`` (None for a bad name) and a Chinese ``message``."""

    saved: bool
    path: Path | None
    message: str
    preview: Any = None

    def _repr_html_(self) -> str:
        box = (
            f'<div class="tl-report-saved" style="background:{_COLOURS[self.saved]};padding:8px 12px;'
            f'border-radius:4px">{escape(self.message)}</div>'
        )
        return box + (self.preview._repr_html_() if self.preview is not None else "")

    def __repr__(self) -> str:
        return self.message


def default_report_name(report: Any) -> str:
    """``分层报告_<the export's name>.xlsx``.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> default_report_name(tl.tier_report(tl.load_sample_export("messy")))
    '分层报告_branch_export_messy.xlsx'
    """
    return f"分层报告_{PurePath(report.result.source).stem}.xlsx"


def _file_name(name: str) -> str | None:
    """The name as a file name ending in ``.xlsx``, or None if it cannot be one."""
    name = name.strip()
    if not name or _FORBIDDEN.search(name) or name.strip(".") == "":
        return None
    return name if name.lower().endswith(".xlsx") else f"{name}.xlsx"


def save_report(
    report: Any, name: str | None = None, *, overwrite: bool = False, folder: str | Path | None = None,
    preview_rows: int = 5,
) -> SavedReport:
    """Save ``report`` as ``name`` in the learner's folder; never over an existing file unless ``overwrite``.

    Parameters
    ----------
    report : TierReport
        From :func:`tiering_lib.tier_report`.
    name : str, optional
        File name (``.xlsx`` is added if missing); :func:`default_report_name` by default.
    overwrite : bool
        Replace a file of the same name.
    folder : str or path, optional
        Where to save; the learner's workspace by default.
    preview_rows : int
        Rows of each sheet shown after saving.

    Examples
    --------
    >>> import tempfile
    >>> import tiering_lib as tl
    >>> report = tl.tier_report(tl.load_sample_export("messy"))
    >>> folder = tempfile.mkdtemp()
    >>> save_report(report, "网点报告", folder=folder).saved
    True
    >>> print(save_report(report, "网点报告", folder=folder))
    练习文件夹里已经有“网点报告.xlsx”，没有覆盖它。请换一个文件名；确实要用新报告替换旧报告时，选择“覆盖同名文件”后再保存。
    """
    from tiering_lib.course.progress import workspace_dir
    from tiering_lib.io.report_preview import report_preview

    wanted = default_report_name(report) if name is None else name
    file_name = _file_name(wanted)
    if file_name is None:
        return SavedReport(False, None, f"“{wanted}”不能用作文件名：文件名不能是空的，也不能含有 \\ / : * ? \" < > |。请换一个。")
    path = Path(folder) if folder is not None else workspace_dir()
    path = path / file_name
    try:
        report.save(path, overwrite=overwrite)
    except TieringError:
        if not path.exists():
            raise
        return SavedReport(
            False, path, f"练习文件夹里已经有“{file_name}”，没有覆盖它。请换一个文件名；"
            "确实要用新报告替换旧报告时，选择“覆盖同名文件”后再保存。",
        )
    replaced = "（替换了同名的旧文件）" if overwrite else ""
    return SavedReport(
        True, path,
        f"报告已保存到练习文件夹：“{file_name}”{replaced}。在左边的文件列表里右键点它，选“下载”，就可以用 Excel 或 WPS 打开。",
        report_preview(path, preview_rows),
    )


def report_saver(report: Any, name: str | None = None) -> Interactive:
    """A 保存报告 button with a file-name box and an 覆盖同名文件 checkbox; shows what :func:`save_report` did.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> saver = report_saver(tl.tier_report(tl.load_sample_export("messy")))
    >>> [type(w).__name__ for w in saver.children]
    ['HBox', 'HTML']
    """
    import ipywidgets as widgets

    file_name = widgets.Text(value=name or default_report_name(report), description="文件名",
                             layout=widgets.Layout(width="380px"))
    overwrite = widgets.Checkbox(value=False, description="覆盖同名文件", indent=False,
                                 layout=widgets.Layout(width="auto"))
    button = widgets.Button(description="保存报告", button_style="primary", icon="save")
    result = widgets.HTML("")
    box = widgets.VBox([widgets.HBox([file_name, overwrite, button]), result])
    box.add_class("tl-report-saver")

    def on_click(_: Any) -> None:
        result.value = save_report(report, file_name.value, overwrite=overwrite.value)._repr_html_()

    button.on_click(on_click)
    return Interactive(box, note="▶ 这是保存按钮的静态图。选中本单元格，按 Shift + Enter 运行后，点“保存报告”，报告就写进你的练习文件夹。")

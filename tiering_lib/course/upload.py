"""Bring a branch export into a notebook through an upload button (for notebook 09).

The file is read as bytes by :func:`~tiering_lib.io.loader.load_branch_export`,
so a GBK-encoded CSV or an Excel workbook never goes through JupyterLab's text
viewer (which only knows UTF-8).  :func:`load_upload` is the plain function;
:func:`upload_branch_export` the widget around it.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from tiering_lib.core.widget_picture import Interactive
from tiering_lib.errors import BranchFileError

__all__ = ["SUPPORTED_SUFFIXES", "load_upload", "upload_branch_export", "Upload"]

#: File types a branch export may come in.
SUPPORTED_SUFFIXES = (".csv", ".txt", ".xlsx")
_KNOWN = {".xls": "旧版 Excel（.xls）", ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".zip": "压缩包",
          ".rar": "压缩包", ".png": "图片", ".jpg": "图片", ".jpeg": "图片"}


def load_upload(content: bytes, name: str, **options: Any):
    """Load an uploaded branch export from its bytes; refuse a file type the loader does not read.

    Parameters
    ----------
    content : bytes
        The file's content, as the upload button received it.
    name : str
        The file's name (its suffix says what kind of file it is; messages name it).
    **options
        Passed to :func:`~tiering_lib.io.loader.load_branch_export` (``unit``, ``columns``, ``sheet``).

    Returns
    -------
    LoadResult

    Raises
    ------
    BranchFileError
        For a file type that is not a branch export (``kind="unsupported"``) and
        for everything :func:`~tiering_lib.io.loader.load_branch_export` refuses.

    Examples
    --------
    >>> r = load_upload("客户号,余额\\nK1,100\\n".encode("gbk"), "网点导出.csv")
    >>> r.n_accepted
    1
    >>> load_upload(b"%PDF-1.4", "报表.pdf")
    Traceback (most recent call last):
    ...
    tiering_lib.errors.BranchFileError: 报表.pdf：这是 PDF 文件，不能当作客户数据读取。请从业务系统导出 Excel（.xlsx）或 CSV 文件后再上传。
    """
    from tiering_lib.io.loader import load_branch_export

    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = _KNOWN.get(suffix, f"“{suffix or '没有扩展名'}”类型的")
        raise BranchFileError(
            name, "unsupported",
            f"这是 {kind} 文件，不能当作客户数据读取。请从业务系统导出 Excel（.xlsx）或 CSV 文件后再上传。",
        )
    return load_branch_export(bytes(content), name=name, **options)


def upload_branch_export(**options: Any):
    """An upload button for a branch export (.csv, .txt or .xlsx), with a Chinese message below.

    After a file is chosen, ``.result`` holds its
    :class:`~tiering_lib.io.load_result.LoadResult` and ``.name`` the file's
    name (``result`` stays ``None`` if it could not be read: the message says
    why and what to do).

    Examples
    --------
    >>> up = upload_branch_export()
    >>> up.result is None, up.children[0].description
    (True, '选择文件')
    """
    import ipywidgets as widgets

    from tiering_lib.display import escape, feedback_box

    button = widgets.FileUpload(accept=",".join(SUPPORTED_SUFFIXES), multiple=False, description="选择文件")
    message = widgets.HTML("<span style='color:#57606a'>支持 .csv、.txt 和 .xlsx；文件只在这台电脑上读取，不会上传到别处。</span>")
    box = widgets.VBox([button, message])
    box.add_class("tl-upload")
    upload = Upload(box)

    def on_upload(change: dict) -> None:
        if not change["new"]:
            return
        item = change["new"][0]
        try:
            upload.result, upload.name = load_upload(bytes(item["content"]), item["name"], **options), item["name"]
        except BranchFileError as err:
            upload.result = None
            message.value = feedback_box(False, escape(str(err)))
            return
        r = upload.result
        message.value = feedback_box(
            True, escape(f"已读入“{item['name']}”：采用 {r.n_accepted:,} 行，拒绝 {r.n_rejected:,} 行。请运行下面的单元格。")
        )

    button.observe(on_upload, names="value")
    return upload


class Upload(Interactive):
    """The upload widget (see :func:`upload_branch_export`); ``result`` and ``name`` of the loaded file."""

    def __init__(self, widget: Any) -> None:
        super().__init__(widget, note="▶ 这是上传按钮的静态图。选中本单元格，按 Shift + Enter 运行后，就可以选择文件。")
        self.result = None
        self.name: str | None = None

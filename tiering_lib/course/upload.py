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

__all__ = ["SUPPORTED_SUFFIXES", "UPLOAD_LIMIT_MB", "load_upload", "upload_branch_export", "Upload"]

#: File types a branch export may come in.
SUPPORTED_SUFFIXES = (".csv", ".txt", ".xlsx")
#: Largest file the upload button takes, in MB: the websocket limit set in ``lab_settings/jupyter_server_config.json``.
UPLOAD_LIMIT_MB = 100
_KNOWN = {".xls": "旧版 Excel（.xls）文件", ".pdf": "PDF 文件", ".doc": "Word 文件", ".docx": "Word 文件",
          ".zip": "压缩包", ".rar": "压缩包", ".7z": "压缩包", ".png": "图片", ".jpg": "图片", ".jpeg": "图片"}
_EXPORT_AGAIN = "请从业务系统导出 Excel（.xlsx）或 CSV 文件后再上传。"
_SAVE_AS_XLSX = "请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（.xlsx），再上传新文件。"


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
        kind = _KNOWN.get(suffix) or (f"“{suffix}”类型的文件" if suffix else "没有扩展名的文件")
        advice = _SAVE_AS_XLSX if suffix == ".xls" else _EXPORT_AGAIN
        space = " " if kind[0].isascii() else ""
        raise BranchFileError(name, "unsupported", f"这是{space}{kind}，不能当作客户数据读取。{advice}")
    return load_branch_export(bytes(content), name=name, **options)


_UNITS = (("自动识别", ""), ("元", "元"), ("万元", "万元"))
_INTRO = (
    f"支持 .xlsx、.csv 和 .txt（{UPLOAD_LIMIT_MB} MB 以内；更大的文件请放进练习文件夹，按文件名读入）。"
    "文件只在这台电脑上读取，不会上传到别处。"
)


def _message(err: BranchFileError, column: str) -> str:
    """What the upload widget says about a file it cannot use: the loader's words, with what to do in the widget."""
    text = str(err)
    if err.kind == "ambiguous_column":
        text = text.split("；请指定")[0] + "。请在上面的“余额列”框里填上要用的那一列的列名（照表头原样），按回车。"
    elif err.kind == "unknown_column":
        text = f"{err.source}：“余额列”框里填的“{column}”不在表头里；请照表头原样填写，或者清空这个框。"
    return text


def upload_branch_export(**options: Any):
    """An upload button for a branch export (.xlsx, .csv or .txt), with the balance unit and a Chinese message.

    After a file is chosen, ``.result`` holds its
    :class:`~tiering_lib.io.load_result.LoadResult` and ``.name`` the file's
    name (``result`` stays ``None`` if it could not be read: the message says
    why and what to do).  Changing 余额单位 (自动识别, 元, 万元) or 余额列 (the
    balance column, for a file with two balance-like columns) reads the same
    file again.  :meth:`Upload.or_sample` gives the uploaded file, or a sample
    export when nothing was uploaded.

    Examples
    --------
    >>> up = upload_branch_export()
    >>> up.result is None, up.children[0].children[0].description
    (True, '选择文件')
    """
    import ipywidgets as widgets

    from tiering_lib.display import escape, feedback_box

    button = widgets.FileUpload(accept=",".join(SUPPORTED_SUFFIXES), multiple=False, description="选择文件")
    unit = widgets.Dropdown(options=_UNITS, value="", description="余额单位", layout=widgets.Layout(width="200px"))
    column = widgets.Text(value="", placeholder="一般不用填", description="余额列", continuous_update=False,
                          layout=widgets.Layout(width="240px"))
    message = widgets.HTML(f"<span style='color:#57606a'>{_INTRO}</span>")
    box = widgets.VBox([widgets.HBox([button, unit, column]), message])
    box.add_class("tl-upload")
    upload = Upload(box)
    held: dict[str, Any] = {}

    def read(_: Any = None) -> None:
        if not held:
            return
        message.value = f"<span style='color:#57606a'>正在读取“{escape(held['name'])}”……文件大时要等一会儿。</span>"
        chosen = dict(options, unit=unit.value) if unit.value else dict(options)
        if column.value.strip():
            chosen["columns"] = {**chosen.get("columns", {}), "余额": column.value.strip()}
        try:
            upload.result, upload.name = load_upload(held["content"], held["name"], **chosen), held["name"]
        except BranchFileError as err:
            upload.result = None
            message.value = feedback_box(False, escape(_message(err, column.value.strip())), css_class="tl-upload-message")
            return
        r = upload.result
        message.value = feedback_box(True, escape(
            f"已读入“{upload.name}”：读取 {r.rows_read:,} 行 = 接受 {r.n_accepted:,} 行 + 拒绝 {r.n_rejected:,} 行"
            f"（余额单位：{r.unit}）。请运行下面的单元格。"
        ), css_class="tl-upload-message")

    def on_upload(change: dict) -> None:
        if not change["new"]:
            return
        item = change["new"][0]
        held.update(content=bytes(item["content"]), name=item["name"])
        read()

    button.observe(on_upload, names="value")
    unit.observe(read, names="value")
    column.observe(read, names="value")
    return upload


class Upload(Interactive):
    """The upload widget (see :func:`upload_branch_export`); ``result`` and ``name`` of the loaded file."""

    def __init__(self, widget: Any) -> None:
        super().__init__(widget, note="▶ 这是上传按钮的静态图。选中本单元格，按 Shift + Enter 运行后，就可以选择文件。")
        self.result = None
        self.name: str | None = None

    def or_sample(self, kind: str = "clean"):
        """The uploaded file as read, or the sample export ``kind`` when nothing has been uploaded (or it failed).

        Examples
        --------
        >>> upload_branch_export().or_sample("clean").source
        'branch_export_clean.csv'
        """
        if self.result is not None:
            return self.result
        from tiering_lib.io.loader import load_sample_export

        return load_sample_export(kind)

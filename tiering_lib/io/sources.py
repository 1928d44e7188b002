"""Where a branch export comes from: a file, a pipe, or bytes — each read once, with a size limit.

A regular file is streamed from disk (and may be opened again, for the rows
of duplicate customers; it is checked to be unchanged).  Anything else given
as a path — a pipe such as ``/dev/stdin``, a device — is read once into memory,
up to :data:`MAX_STREAM_BYTES`; an endless input (``/dev/zero``) stops there
with a clear error.  The kind of file is recognised by its content, not its
name: an ``.xlsx`` starts with a zip signature, an old ``.xls`` with the OLE
signature (refused with advice); anything else is read as text (CSV).
"""

from __future__ import annotations

import errno
import io
import os
import stat
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import IO

from tiering_lib.errors import BranchFileError

__all__ = ["Source", "open_source", "sniff_kind", "MAX_FILE_BYTES", "MAX_STREAM_BYTES", "SAVE_AS"]

#: Largest file read from disk (about 30 million rows).
MAX_FILE_BYTES = 2 * 1024**3
#: Largest input read from a pipe or a device (held in memory while it is read).
MAX_STREAM_BYTES = 256 * 1024**2
#: Advice when a file cannot be read as it is.
SAVE_AS = "请在 Excel 中“另存为”CSV UTF-8 或 .xlsx 后再试"

_READ = 1 << 20
_OS_ERRORS = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个文件夹",
    errno.EIO: "读取时出现输入输出错误",
}
_SIGNATURES = (
    (b"%PDF", "PDF 文件"),
    (b"\x1f\x8b", "gzip 压缩文件"),
    (b"7z\xbc\xaf", "7z 压缩文件"),
    (b"Rar!", "RAR 压缩文件"),
    (b"\x89PNG", "图片"),
    (b"\xff\xd8\xff", "图片"),
)


def _os_problem(err: OSError) -> str:
    return _OS_ERRORS.get(err.errno, f"系统错误 {errno.errorcode.get(err.errno, err.errno)}")


@dataclass(frozen=True)
class Source:
    """An input, opened once: its name for messages and reports, and its bytes or its file."""

    label: str
    display: str
    data: bytes | None = None
    path: Path | None = None
    stamp: tuple[int, ...] = ()

    def open(self) -> IO[bytes]:
        """A fresh binary stream over the whole input; a file changed since it was opened is refused."""
        if self.data is not None:
            return io.BytesIO(self.data)
        try:
            f = open(self.path, "rb")
            now = os.fstat(f.fileno())
        except OSError as err:
            raise BranchFileError(self.label, "unreadable", f"无法读取文件（{_os_problem(err)}）；请检查文件权限") from None
        if _stamp(now) != self.stamp:
            f.close()
            raise BranchFileError(self.label, "changed", "文件在读取期间被改动了；请等导出完成、关闭其他程序后再试")
        return f

    def head(self, size: int = 8192) -> bytes:
        """The first ``size`` bytes."""
        if self.data is not None:
            return self.data[:size]
        with self.open() as f:
            return f.read(size)


def _stamp(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _read_stream(path: Path, label: str) -> bytes:
    """All of a pipe or device, up to :data:`MAX_STREAM_BYTES`."""
    parts, total = [], 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(_READ):
                total += len(chunk)
                if total > MAX_STREAM_BYTES:
                    raise BranchFileError(
                        label, "too_large",
                        f"输入超过 {MAX_STREAM_BYTES // 2**20:,} MB 仍未结束；从管道读入的数据不能更大，"
                        "请把数据存成文件后给出文件名",
                    )
                parts.append(chunk)
    except OSError as err:
        raise BranchFileError(label, "unreadable", f"无法读取（{_os_problem(err)}）") from None
    return b"".join(parts)


def open_source(source: str | PathLike | bytes, name: str | None = None) -> Source:
    """The input as a :class:`Source`: bytes as they are, a regular file by path, anything else read once.

    Examples
    --------
    >>> src = open_source(b"a,b\\n", "t.csv")
    >>> src.label, src.head(3)
    ('t.csv', b'a,b')
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or "数据"
        return Source(label, label, data=bytes(source))
    path, label = Path(source), str(source)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise BranchFileError(label, "not_found", "找不到这个文件；请检查文件名和所在的文件夹") from None
    except OSError as err:
        raise BranchFileError(label, "unreadable", f"无法读取文件（{_os_problem(err)}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise BranchFileError(label, "unreadable", "这是一个文件夹，不是文件；请给出导出文件本身")
    display = name or path.name
    if not stat.S_ISREG(st.st_mode):
        return Source(label, display, data=_read_stream(path, label))
    if st.st_size > MAX_FILE_BYTES:
        raise BranchFileError(
            label, "too_large", f"文件有 {st.st_size / 2**30:.1f} GB，超过 {MAX_FILE_BYTES // 2**30} GB 的上限；请按网点或月份分开导出"
        )
    return Source(label, display, path=path, stamp=_stamp(st))


def sniff_kind(source: Source) -> str:
    """``"xlsx"`` or ``"csv"``; an empty file, an old ``.xls`` or a known non-table file raises.

    Examples
    --------
    >>> sniff_kind(open_source("余额\\n1\\n".encode("gbk"), "t.csv"))
    'csv'
    """
    head = source.head()
    if not head:
        raise BranchFileError(source.label, "empty", "文件是空的（0 字节）；请重新导出")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BranchFileError(
            source.label, "old_excel", "这是旧版 Excel（.xls）文件或加了密码的 Excel 文件，无法直接读取；请在 Excel 中去掉密码，" + SAVE_AS
        )
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise BranchFileError(source.label, "unreadable", f"这是{what}，不是表格；请给出导出的 CSV 或 .xlsx 文件")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if start.startswith((b"<html", b"<!doctype html", b"<table")) or b"urn:schemas-microsoft-com:office:spreadsheet" in head.lower():
        raise BranchFileError(
            source.label, "unreadable",
            "这是网页（HTML）或 XML 表格格式的导出（扩展名常是 .xls），不是 CSV 或 .xlsx；请在 Excel 中打开它，"
            "“另存为”CSV UTF-8 或 .xlsx 后再试",
        )
    return "csv"

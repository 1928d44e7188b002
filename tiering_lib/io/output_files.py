"""Writing an output file safely: never over an existing file unless asked, never half a file.

The content goes to a new temporary file beside the target, created with the
permissions the umask gives any new file; when it is complete it is linked
into place (which fails if the target appeared meanwhile) or, when replacing
is asked for, renamed over it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from tiering_lib.errors import TieringError

__all__ = ["new_temp_file", "publish", "refuse_existing"]


def new_temp_file(folder: Path, name: str) -> tuple[int, Path]:
    """A new temporary file beside the target, with the permissions the umask gives a new file."""
    while True:
        tmp = folder / f".{name}.{secrets.token_hex(6)}.part"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def refuse_existing(path: Path) -> TieringError:
    """The error for a target that exists (Chinese, naming the file)."""
    return TieringError(
        f"报告文件“{path}”已存在，没有覆盖它；请换一个文件名（命令行：--out 新文件名.xlsx），"
        "确实要覆盖时请明确要求（命令行：--force）"
    )


def publish(tmp: Path, path: Path, overwrite: bool) -> None:
    """Move the finished file into place; without ``overwrite``, never over an existing file."""
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # atomic: fails if the file exists
    except FileExistsError:
        raise refuse_existing(path) from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise refuse_existing(path) from None
        os.replace(tmp, path)
        return
    tmp.unlink()

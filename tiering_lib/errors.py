"""Every exception the library raises on input it anticipated, in one place.

All of them derive from :class:`TieringError`, so a caller (a notebook, the
command line) can catch one type and show its message, which names the tier,
file, row, column or field at fault and says what to do.  Messages never hold a
customer's name, ID, phone, card or account number.

Hierarchy::

    TieringError (ValueError)
    ├── SchemeError          a tier scheme is malformed
    ├── DataError            input data cannot be used
    │   ├── AmountError      one balance cell is not a usable amount (``reason``)
    │   ├── BranchFileError  a branch export cannot be used as a whole (``kind``)
    │   ├── CaseError        a case file is malformed (``file``, ``field``)
    │   └── ConfigError      a settings file is malformed (``file``, ``field``)
    ├── QueueError           queue settings that cannot be simulated
    └── PlanError            bad maintenance-plan settings

:class:`ColumnProblem` is internal: the branch-file loader raises it while
matching a header and turns it into a :class:`BranchFileError`.
"""

from __future__ import annotations

__all__ = [
    "TieringError",
    "SchemeError",
    "DataError",
    "AmountError",
    "BranchFileError",
    "CaseError",
    "ConfigError",
    "QueueError",
    "PlanError",
    "ColumnProblem",
]


class TieringError(ValueError):
    """Base class of every error raised by ``tiering_lib`` on bad input.

    In a notebook, IPython shows such an error as :meth:`_render_traceback_`
    returns it: one short Chinese box with the message (what went wrong and
    what to do), without the library's traceback.  Any other exception is a
    bug and keeps its full traceback.
    """

    def _render_traceback_(self) -> list[str]:
        """The lines IPython shows instead of a traceback (red heading, message, what to do next).

        Examples
        --------
        >>> TieringError("文件“a.csv”找不到：请检查文件名。")._render_traceback_()[1]
        '文件“a.csv”找不到：请检查文件名。'
        """
        return [
            "\x1b[1;31m出错了（不是程序故障）\x1b[0m",
            str(self),
            "\x1b[2m按上面的说明改好后，重新运行本单元格。\x1b[0m",
        ]


class SchemeError(TieringError):
    """A tier scheme is malformed (gap, overlap, duplicate code, bad bound...)."""


class DataError(TieringError):
    """Input data cannot be used (negative balance, bad band table, ...)."""


class AmountError(DataError):
    """A cell that is not a usable amount.

    Attributes
    ----------
    reason : str
        ``"missing_balance"``, ``"not_a_number"``, ``"scientific"``,
        ``"negative"``, ``"sub_fen"`` or ``"too_large"`` (the keys of
        :data:`tiering_lib.REJECT_REASONS`).
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class BranchFileError(DataError):
    """A branch export that cannot be used as a whole.

    The message names the file and says what to do.

    Attributes
    ----------
    source : str
        The file (as given) or the name of the data.
    kind : str
        ``"not_found"``, ``"empty"``, ``"no_rows"``, ``"encoding"``,
        ``"unreadable"``, ``"too_large"``, ``"changed"``, ``"old_excel"``,
        ``"no_sheet"``, ``"no_balance_column"``, ``"ambiguous_column"``,
        ``"unknown_column"``, ``"bad_mapping"`` or ``"bad_option"``.
    """

    def __init__(self, source: str, kind: str, message: str) -> None:
        super().__init__(f"{source}：{message}")
        self.source = source
        self.kind = kind


class _FileFieldError(DataError):
    """An error in one field of a structured file (YAML case or settings file)."""

    schema_doc = ""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        where = f"{file}：{field}：" if field else f"{file}："
        doc = f"（格式说明见 {self.schema_doc}）" if self.schema_doc else ""
        super().__init__(where + problem + doc)


class CaseError(_FileFieldError):
    """A case file is malformed; ``file`` and ``field`` say where.

    Attributes
    ----------
    file : str
        The file's name (e.g. ``"01_address.yaml"``).
    field : str
        The field at fault, as a path (``"timeline[2].at"``), or ``""`` for the whole file.
    problem : str
        What is wrong and what to do.
    """

    schema_doc = "casestudies/README.md"


class ConfigError(_FileFieldError):
    """A settings file of ``data/`` is malformed; ``file`` and ``field`` say where.

    Attributes
    ----------
    file, field, problem : str
        As for :class:`CaseError`.
    """

    schema_doc = "data/README.md"


class QueueError(TieringError):
    """A queue configuration or an arrival list that cannot be simulated."""


class PlanError(TieringError):
    """Bad plan settings, or a plan that breaks its own rules."""


class ColumnProblem(Exception):
    """Raised while matching a header to fields; the loader turns it into a :class:`BranchFileError`."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind

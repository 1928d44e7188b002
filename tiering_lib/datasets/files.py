"""The files shipped with the workbook, read as package data from any working directory.

* ``data/`` is installed as ``tiering_lib.datasets.data``: CSV tables of the
  deck, YAML settings and content, the sample branch exports
  (provenance of each: ``data/README.md``);
* ``casestudies/`` is installed as ``tiering_lib.datasets.cases``: one YAML
  file per CCPR case (schema: ``casestudies/README.md``).

Everything goes through :mod:`importlib.resources`, so the files are found the
same way in a source checkout, an editable install and an installed wheel.
"""

from __future__ import annotations

import copy
import csv
import io
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from tiering_lib.errors import DataError

__all__ = ["data_file", "read_bytes", "read_dataset", "load_yaml_dataset", "case_files"]

DATA_PACKAGE = "tiering_lib.datasets.data"
CASES_PACKAGE = "tiering_lib.datasets.cases"


def data_file(filename: str) -> Traversable:
    """The shipped file ``data/<filename>``.

    Raises
    ------
    DataError
        If the workbook ships no such file.

    Examples
    --------
    >>> data_file("suzhou_2012_02_bands.csv").name
    'suzhou_2012_02_bands.csv'
    """
    path = resources.files(DATA_PACKAGE).joinpath(filename)
    if not path.is_file():
        raise DataError(f"data/{filename}：工作手册没有附带这个数据文件")
    return path


def read_bytes(filename: str) -> bytes:
    """The bytes of ``data/<filename>`` (e.g. a sample branch export).

    Examples
    --------
    >>> read_bytes("branch_export_clean.csv")[:2] != b""
    True
    """
    return data_file(filename).read_bytes()


def read_dataset(filename: str, as_frame: bool = False):
    """Rows of a CSV file in ``data/`` as dicts of text (nothing converted).

    With ``as_frame=True`` the same text as a pandas DataFrame, for display.

    Raises
    ------
    DataError
        If there is no such file in ``data/``.

    Examples
    --------
    >>> read_dataset("suzhou_2012_02_classes.csv")[0]["amount_wan"]
    '296269.299'
    """
    text = data_file(filename).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if as_frame:
        import pandas as pd

        return pd.DataFrame(rows)
    return rows



@lru_cache(maxsize=None)
def _yaml(filename: str) -> Any:
    import yaml

    text = data_file(filename).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise DataError(f"data/{filename}：不是有效的 YAML（{err}）") from None
    if not isinstance(data, dict):
        raise DataError(f"data/{filename}：文件最外层应是 YAML 映射（mapping）")
    return data


def load_yaml_dataset(filename: str) -> dict[str, Any]:
    """A YAML file of ``data/`` as a fresh dict (a copy: changing it changes nothing else).

    Raises
    ------
    DataError
        If the file is missing or is not a YAML mapping.

    Examples
    --------
    >>> load_yaml_dataset("tier_services.yaml")["scheme"]
    'core_four_class'
    """
    return copy.deepcopy(_yaml(filename))


def case_files() -> list[Traversable]:
    """The shipped case files (``casestudies/*.yaml``), in file-name order.

    Examples
    --------
    >>> case_files()[0].name
    '01_address.yaml'
    """
    folder = resources.files(CASES_PACKAGE)
    return sorted((p for p in folder.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)

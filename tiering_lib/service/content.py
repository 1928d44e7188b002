"""The deck's service content (§5, §6, §7, §9) as structured data from ``data/*.yaml``.

Four files hold what the deck says about serving each tier:

* ``tier_services.yaml`` — the tier service matrix (§5), mass and VIP needs and
  strategies (§5), the differentiated services for quality customers (§9);
* ``wealth_segments.yaml`` — 客户经营ABC, the product shelf, the wealth segments
  and the private-adviser services (§6);
* ``growth_system.yaml`` — the customer growth ladder and the individual and
  group processes (§7);
* ``maintenance.yaml`` — purposes, principles, steps and process of customer
  maintenance (§9), with the workbook's default plan settings.

Files are read through :func:`tiering_lib.datasets.files.load_yaml_dataset`
(fresh copies, so a caller cannot change what the next caller reads) and checked.  Provenance: ``data/README.md``.
"""

from __future__ import annotations

from typing import Any

from tiering_lib.datasets.files import load_yaml_dataset, require
from tiering_lib.errors import DataError

__all__ = [
    "service_matrix",
    "service_matrix_table",
    "needs_strategies_table",
    "quality_services_table",
    "growth_system",
    "maintenance_guide",
    "maintenance_process_table",
]


def service_matrix() -> list[dict[str, Any]]:
    """The tier service matrix of §5, one dict per segment, highest first.

    Each dict has ``segment``, ``focus`` (管理重点), ``key_metric``,
    ``classes`` (``code`` and ``asset_level``) and ``service_keys``.  The
    file is checked against the built-in ``core_four_class`` scheme: the
    class codes, the segments, the key metrics and the service keys must
    agree, so the data and the scheme cannot drift apart.

    Raises
    ------
    DataError
        Naming the segment or class that disagrees with the scheme.

    Examples
    --------
    >>> [row["segment"] for row in service_matrix()]
    ['高端', '中端', '普通']
    """
    from tiering_lib.core.scheme_files import builtin_scheme
    from tiering_lib.core.schemes import SEGMENTS

    where = "data/tier_services.yaml"
    data = load_yaml_dataset("tier_services.yaml")
    scheme = builtin_scheme(require(data, "scheme", where))
    rows = require(data, "segments", where)
    seen: list[str] = []
    for row in rows:
        seg = require(row, "segment", where)
        here = f"{where}, segment {seg!r}"
        if require(row, "key_metric", here) != SEGMENTS.get(seg):
            raise DataError(f"{here}: key_metric {row['key_metric']!r} differs from the deck's {SEGMENTS.get(seg)!r}")
        for cls in require(row, "classes", here):
            code = require(cls, "code", here)
            if code not in scheme.codes:
                raise DataError(f"{here}: class {code!r} is not a tier of scheme {scheme.name!r}")
            tier = scheme.tier(code)
            if tier.segment != seg:
                raise DataError(f"{here}: class {code!r} belongs to segment {tier.segment!r} in the scheme")
            if tuple(require(row, "service_keys", here)) != tier.service_keys:
                raise DataError(f"{here}: service_keys differ from those of tier {code!r} in the scheme")
            seen.append(code)
    if sorted(seen) != sorted(scheme.codes):
        raise DataError(f"{where}: the classes {sorted(seen)} must list every tier {sorted(scheme.codes)} once")
    return rows


def service_matrix_table():
    """The §5 matrix as a DataFrame: 客户级别, 管理重点, 关键指标, 资产级别, 服务关键点.

    Examples
    --------
    >>> service_matrix_table().loc[0, "关键指标"]
    '客户总资产'
    """
    import pandas as pd

    records = []
    for row in service_matrix():
        records.append(
            {
                "客户级别": f"{row['segment']}客户",
                "管理重点": row["focus"],
                "关键指标": row["key_metric"],
                "资产级别": ";".join(
                    f"{c['code'][0]}类客户 {c['asset_level']}" for c in row["classes"]
                ),
                "服务关键点": "、".join(row["service_keys"]),
            }
        )
    return pd.DataFrame.from_records(records)


def needs_strategies_table():
    """Mass and VIP customers' needs and the service strategies (§5) as a DataFrame.

    Examples
    --------
    >>> list(needs_strategies_table().columns)
    ['客户', '客户觉得重要的', '我们的方案/策略']
    """
    import pandas as pd

    where = "data/tier_services.yaml"
    rows = require(load_yaml_dataset("tier_services.yaml"), "needs_and_strategies", where)
    return pd.DataFrame.from_records(
        [
            {
                "客户": require(r, "group", where),
                "客户觉得重要的": "、".join(require(r, "customer_values", where)),
                "我们的方案/策略": ";".join(require(r, "strategies", where)),
            }
            for r in rows
        ]
    )


def quality_services_table():
    """The differentiated services for quality customers (§9) as a DataFrame.

    Examples
    --------
    >>> quality_services_table().loc[0, "服务"]
    '柜台优先服务'
    """
    import pandas as pd

    where = "data/tier_services.yaml"
    rows = require(load_yaml_dataset("tier_services.yaml"), "quality_services", where)
    return pd.DataFrame.from_records(
        [
            {
                "服务": require(r, "name", where),
                "课件内容": require(r, "detail", where),
                "本手册中": r.get("in_workbook") or "—",
            }
            for r in rows
        ]
    )


def growth_system() -> dict[str, Any]:
    """The growth ladder and the individual and group processes of §7 (a fresh dict).

    Examples
    --------
    >>> [s["stage"] for s in growth_system()["growth_ladder"]["stages"]]
    ['顾客服务', '顾客关怀', '量身定做', '紧密合作']
    """
    where = "data/growth_system.yaml"
    data = load_yaml_dataset("growth_system.yaml")
    for key in ("crm", "growth_ladder", "individual_process", "group_process", "questions"):
        require(data, key, where)
    for part in ("individual_process", "group_process"):
        for term in ("short", "mid", "long", "research"):
            require(data[part], term, f"{where}, {part}")
    return data


def maintenance_guide() -> dict[str, Any]:
    """What the deck says about maintenance (§9): quote, purposes, principles, steps, process.

    Examples
    --------
    >>> [p["step"] for p in maintenance_guide()["process"]][0]
    '建立维护关系'
    """
    where = "data/maintenance.yaml"
    deck = require(load_yaml_dataset("maintenance.yaml"), "deck", where)
    for key in ("quote", "purposes", "principles", "steps", "process"):
        require(deck, key, f"{where}, deck")
    return deck


def maintenance_process_table():
    """The deck's maintenance process as a DataFrame: 流程步骤, 目的.

    Examples
    --------
    >>> maintenance_process_table().iloc[-1]["流程步骤"]
    '突发事件处理'
    """
    import pandas as pd

    where = "data/maintenance.yaml, deck.process"
    return pd.DataFrame.from_records(
        [{"流程步骤": require(p, "step", where), "目的": require(p, "purpose", where)} for p in maintenance_guide()["process"]]
    )

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

Each file is read and validated by :mod:`tiering_lib.service.content_schema`
(pydantic models, imported when a file is read); every call returns fresh
data, so a caller cannot change what the next caller reads.  Provenance:
``data/README.md``.
"""

from __future__ import annotations

from typing import Any

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
    ConfigError
        Naming the field of ``data/tier_services.yaml`` that disagrees with the scheme.

    Examples
    --------
    >>> [row["segment"] for row in service_matrix()]
    ['高端', '中端', '普通']
    """
    from tiering_lib.service.content_schema import load_tier_services

    return load_tier_services().model_dump(mode="json")["segments"]


def service_matrix_table():
    """The §5 matrix as a DataFrame: 客户级别, 管理重点, 关键指标, 资产级别, 服务关键点.

    Examples
    --------
    >>> service_matrix_table().loc["高端客户", "关键指标"]
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
                "资产级别": "；".join(
                    f"{c['code'][0]}类客户 {c['asset_level']}" for c in row["classes"]
                ),
                "服务关键点": "、".join(row["service_keys"]),
            }
        )
    return pd.DataFrame.from_records(records).set_index("客户级别")


def needs_strategies_table():
    """Mass and VIP customers' needs and the service strategies (§5) as a DataFrame.

    Examples
    --------
    >>> list(needs_strategies_table().columns)
    ['客户觉得重要的', '我们的方案/策略']
    """
    import pandas as pd

    from tiering_lib.service.content_schema import load_tier_services

    return pd.DataFrame.from_records(
        [
            {"客户": r.group, "客户觉得重要的": "、".join(r.customer_values), "我们的方案/策略": "；".join(r.strategies)}
            for r in load_tier_services().needs_and_strategies
        ]
    ).set_index("客户")


def quality_services_table():
    """The differentiated services for quality customers (§9) as a DataFrame.

    Examples
    --------
    >>> quality_services_table().index[0]
    '柜台优先服务'
    """
    import pandas as pd

    from tiering_lib.service.content_schema import load_tier_services

    return pd.DataFrame.from_records(
        [
            {"服务": r.name, "课件原文": r.detail, "本课程中": r.in_workbook or "—"}
            for r in load_tier_services().quality_services
        ]
    ).set_index("服务")


def growth_system() -> dict[str, Any]:
    """The growth ladder and the individual and group processes of §7 (a fresh dict).

    Examples
    --------
    >>> [s["stage"] for s in growth_system()["growth_ladder"]["stages"]]
    ['顾客服务', '顾客关怀', '量身定做', '紧密合作']
    """
    from tiering_lib.service.content_schema import load_growth_system

    return load_growth_system().model_dump(mode="json", by_alias=True)


def maintenance_guide() -> dict[str, Any]:
    """What the deck says about maintenance (§9): quote, purposes, principles, steps, process.

    Examples
    --------
    >>> [p["step"] for p in maintenance_guide()["process"]][0]
    '建立维护关系'
    """
    from tiering_lib.service.settings_schema import load_maintenance

    return load_maintenance().deck.model_dump(mode="json")


def maintenance_process_table():
    """The deck's maintenance process as a DataFrame: 流程步骤, 目的.

    Examples
    --------
    >>> maintenance_process_table().index[-1]
    '突发事件处理'
    """
    import pandas as pd

    return pd.DataFrame.from_records(
        [{"流程步骤": p["step"], "目的": p["purpose"]} for p in maintenance_guide()["process"]]
    ).set_index("流程步骤")

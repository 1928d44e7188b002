"""Reports around the maintenance plan: information by tier, incidents, the checklist, export.

* :func:`info_by_tier` — how complete customer information is, tier by tier;
* :func:`info_gaps` — the customers with the least complete information and what they lack;
* :func:`incident_list` — the churn warnings (large outflows) of a book;
* :func:`incident_checklist` — what to do about one, step by step, with
  deadlines (``data/maintenance.yaml``, designed from deck §8 R and §9);
* :func:`export_plan` — the plan as CSV (UTF-8 with BOM, so Excel opens the
  Chinese correctly) or as an Excel workbook with three sheets.

Exports hold synthetic customer ids (``C000123``) and tiers only: no name,
ID-card or phone number is ever written.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from tiering_lib.core.money import exact_sum, format_amount, to_decimal
from tiering_lib.display import with_thousands
from tiering_lib.errors import DataError
from tiering_lib.service.maintenance import PlanSettings, info_scores, info_weights, load_plan_settings, missing_info
from tiering_lib.service.plan import MaintenancePlan

__all__ = ["rm_books_table", "info_fields_table", "info_by_tier", "info_gaps", "incident_list", "incident_checklist",
           "export_plan"]


def rm_books_table(book: Any, order: tuple[str, ...] | None = None):
    """Per relationship manager: customers of each tier, in all, and their total assets (万元).

    Tiers are listed in ``order``, by default every tier of the book's scheme that
    has customers with a relationship manager, highest first.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> rm_books_table(synthesize_branch(scale=20000)).index[-1]
    '合计'
    """
    import pandas as pd

    managed = book.rm != ""
    if order is None:
        order = tuple(c for c in book.scheme.codes_top_down if (managed & (book.tier == c)).any())
    rows = []
    for rm in [*book.managers(), "合计"]:
        m = book.rm != "" if rm == "合计" else book.rm == rm
        row = {"客户经理": rm, **{f"{c}类（户）": int((m & (book.tier == c)).sum()) for c in order}}
        row["客户数（户）"] = int(m.sum())
        row["总资产（万元）"] = format_amount(exact_sum(book.aum[m]), "万元", 2)
        rows.append(row)
    return with_thousands(pd.DataFrame.from_records(rows).set_index("客户经理"))


def info_fields_table():
    """The customer-information fields and their weights in the completeness score.

    Examples
    --------
    >>> int(info_fields_table()["权重（分）"].sum())
    100
    """
    import pandas as pd

    return pd.DataFrame(list(info_weights().items()), columns=["客户信息", "权重（分）"]).set_index("客户信息")


def info_by_tier(book: Any, order: tuple[str, ...] | None = None):
    """Per tier: customers, average information score, and the share below the plan's threshold.

    Tiers are listed in ``order``, by default the book's scheme, highest first.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> list(info_by_tier(synthesize_branch(scale=20000)).columns)
    ['客户数（户）', '平均信息完整度（分）', '信息不全的客户占比']
    """
    import pandas as pd

    from tiering_lib.core.money import format_percent, round_half_up

    low = load_plan_settings().low_info_score
    scores = info_scores(book)
    rows = []
    for code in order or book.scheme.codes_top_down:
        m = book.tier == code
        n = int(m.sum())
        if not n:
            continue
        total = exact_sum(scores[m])
        rows.append(
            {
                "层级": code,
                "客户数（户）": n,
                "平均信息完整度（分）": str(round_half_up(to_decimal(Fraction(total, n)), 1)),
                "信息不全的客户占比": format_percent(to_decimal(Fraction(int((scores[m] < low).sum()), n)), 1),
            }
        )
    return with_thousands(pd.DataFrame.from_records(rows).set_index("层级"))


def info_gaps(book: Any, n: int = 5):
    """The ``n`` customers with the lowest information score, and what each lacks (heaviest first).

    Ties keep the book's order.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> t = info_gaps(synthesize_branch(scale=20000), 2)
    >>> t.index.name, list(t.columns)
    ('客户号', ['层级', '信息完整度（分）', '要补充的信息'])
    """
    import pandas as pd

    scores = info_scores(book)
    rows = [
        {"客户号": book.ids[i], "层级": book.tier[i], "信息完整度（分）": int(scores[i]),
         "要补充的信息": "、".join(missing_info(book, int(i)))}
        for i in np.argsort(scores, kind="stable")[:n]
    ]
    return pd.DataFrame.from_records(rows, columns=["客户号", "层级", "信息完整度（分）", "要补充的信息"]).set_index("客户号")


def incident_list(book: Any, settings: PlanSettings | None = None):
    """Customers with a churn warning: an outflow of at least the plan's minimum and share.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> t = incident_list(synthesize_branch(scale=20000))
    >>> t.index.name, list(t.columns)[:2]
    ('客户号', ['层级', '客户经理'])
    """
    import pandas as pd

    from tiering_lib.core.money import format_percent

    s = load_plan_settings() if settings is None else settings
    rows = []
    for i in np.flatnonzero(book.outflow > 0):
        out, before = int(book.outflow[i]), int(book.aum_prev[i])
        if out >= s.outflow_min and Fraction(out) >= s.outflow_share * before:
            rows.append(
                {
                    "客户号": book.ids[i],
                    "层级": book.tier[i],
                    "客户经理": book.rm[i] or "—",
                    "流出金额（万元）": format_amount(out, "万元", 2),
                    "占30天前总资产的比例": format_percent(to_decimal(Fraction(out, before)), 1),
                    "发生在几天前（天）": int(book.outflow_days_ago[i]),
                }
            )
    columns = ["客户号", "层级", "客户经理", "流出金额（万元）", "占30天前总资产的比例", "发生在几天前（天）"]
    return pd.DataFrame.from_records(rows, columns=columns).set_index("客户号")


def _deadline(days: int) -> str:
    if days == 0:
        return "当天"
    return "当月" if days >= 30 else f"{days} 天内"


def incident_checklist():
    """The incident-handling checklist for a large outflow (流失预警): step, deadline, owner, done.

    Examples
    --------
    >>> incident_checklist().iloc[0]["时限"]
    '当天'
    """
    import pandas as pd

    from tiering_lib.service.settings_schema import load_maintenance

    rows = [
        {"步骤": k, "做什么": st.step, "时限": _deadline(st.deadline_days), "负责人": st.owner, "完成": "☐"}
        for k, st in enumerate(load_maintenance().incident_checklist, start=1)
    ]
    return pd.DataFrame.from_records(rows).set_index("步骤")


def export_plan(plan: MaintenancePlan, path: str | Path) -> dict[str, int]:
    """Write a plan to ``.csv`` or ``.xlsx``; return the rows written per part.

    A CSV holds one table: the scheduled contacts, then the carried-over
    tasks (日程 = ``顺延``).  An Excel file holds three sheets: 维护计划,
    顺延事项 and 每日汇总.

    Raises
    ------
    DataError
        For any other file type.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from tiering_lib import synthesize_branch, maintenance_plan
    >>> plan = maintenance_plan(synthesize_branch(scale=20000), "RM01")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     rows = export_plan(plan, pathlib.Path(d) / "plan.csv")
    >>> rows["维护计划"] == len(plan.scheduled)
    True
    """
    import pandas as pd

    path = Path(path)
    scheduled, carried = plan.to_frame(), plan.carried_frame()
    counts = {"维护计划": len(scheduled), "顺延事项": len(carried)}
    if path.suffix.lower() == ".csv":
        carried_rows = carried.reset_index().assign(日程="顺延")
        both = pd.concat([scheduled, carried_rows[[c for c in scheduled.columns if c in carried_rows]]],
                         ignore_index=True)
        both.to_csv(path, index=False, encoding="utf-8-sig")
    elif path.suffix.lower() == ".xlsx":
        summary = plan.summary().reset_index()
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            scheduled.to_excel(writer, sheet_name="维护计划", index=False)
            carried.to_excel(writer, sheet_name="顺延事项")
            summary.to_excel(writer, sheet_name="每日汇总", index=False)
        counts["每日汇总"] = len(summary)
    else:
        raise DataError(f"{path.name}：维护计划只能导出为 .csv 或 .xlsx 文件")
    return counts

"""Tables and sentences that explain schemes and results to learners (Chinese text)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from tiering_lib.core.classify import as_balances, classify
from tiering_lib.core.money import fen_to_unit, format_percent, to_decimal
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.tables import DistributionTable

__all__ = ["describe_concentration", "scheme_frame", "tier_assignments"]


def describe_concentration(table: DistributionTable) -> str:
    """One sentence per tier: "x% 的户数持有 y% 的余额", top tier first, computed from the table.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> three = tl.reaggregate(tl.load_suzhou_bands(), tl.builtin_scheme("suzhou_three_class"))
    >>> print(describe_concentration(three).splitlines()[0])
    A类客户（20万以上）：0.114% 的户数持有 9.535% 的余额。
    """
    lines = []
    for tier in table.scheme.display_tiers():
        hh = format_percent(to_decimal(table.household_share(tier.code)), 3)
        amt = format_percent(to_decimal(table.amount_share(tier.code)), 3)
        lines.append(f"{tier.name_zh}：{hh} 的户数持有 {amt} 的余额。")
    return "\n".join(lines)


def _yuan(fen: int | None) -> str:
    return "—" if fen is None else f"{fen_to_unit(fen, '元'):,}"


def scheme_frame(scheme: TierScheme):
    """A scheme as a table: code, name, bounds in 元, segment, key metric and service keys.

    Examples
    --------
    >>> import tiering_lib as tl
    >>> scheme_frame(tl.builtin_scheme("core_four_class")).loc["A1", "下限（元，含）"]
    '500,000'
    """
    import pandas as pd

    rows = []
    for t in scheme.display_tiers():
        rows.append(
            {
                "代码": t.code,
                "名称": t.name_zh,
                "下限（元，含）": _yuan(t.lower),
                "上限（元，不含）": _yuan(t.upper),
                "客户级别": t.segment or "—",
                "关键指标": t.key_metric or "—",
                "服务关键点": "、".join(t.service_keys) or "—",
            }
        )
    return pd.DataFrame(rows).set_index("代码")


def tier_assignments(balances: Sequence[int] | np.ndarray, schemes: Sequence[TierScheme]):
    """Which tier each balance (分) falls in under each scheme, as a table (balances in 元).

    Examples
    --------
    >>> import tiering_lib as tl
    >>> f = tier_assignments([1_000_000], [tl.builtin_scheme("suzhou_five_band")])
    >>> f.iloc[0, 1]
    '1万-5万（不含）'
    """
    import pandas as pd

    arr = as_balances(balances)
    data = {"余额（元）": [_yuan(int(b)) for b in arr]}
    for scheme in schemes:
        names = np.array([t.name_zh for t in scheme.tiers], dtype=object)
        data[scheme.title_zh] = names[classify(arr, scheme)]
    return pd.DataFrame(data)

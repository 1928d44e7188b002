"""Customer contribution (客户贡献度) and the deck's 客户经营ABC, in exact money.

A customer's annual contribution, in whole 分:

    contribution = spread revenue + fee revenue − cost to serve

* spread revenue: each deposit line (活期, 定存) × its annual spread;
* fee revenue: each investment line × its annual fee rate;
* cost to serve: keeping the account + counter visits × cost per visit +
  relationship-manager contacts a year × cost per contact, where contacts a
  year are ``365 / contact interval`` of the customer's tier (no RM: none).

Each product line's revenue and each cost item is rounded half up to the 分
per customer, then everything is summed as integers, so totals add up
exactly: the sum over customers of the contribution equals total revenue
minus total cost, and the classes' totals add up to the branch total.

Classes (§6): 需求型伙伴/普通客户 (C) below the 重点 threshold — those with a
negative contribution are the deck's 成本中心 (cost centres) —, 重点客户 (B)
from it, VIP客户 (A) from the VIP threshold.  The rates, costs and thresholds
are the workbook's assumptions (``data/contribution_assumptions.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from tiering_lib.core.money import exact_sum, to_decimal, to_fen
from tiering_lib.display import with_thousands
from tiering_lib.errors import DataError
from tiering_lib.service.contribution_assumptions import ContributionAssumptions, load_contribution_assumptions

__all__ = [
    "ABC_NAMES",
    "ContributionAssumptions",
    "Contribution",
    "load_contribution_assumptions",
    "customer_contribution",
    "abc_classes",
    "abc_table",
    "contribution_scenario",
]

#: The deck's three classes of 客户经营ABC, lowest first.
ABC_NAMES: dict[str, str] = {"C": "需求型伙伴/普通客户", "B": "重点客户", "A": "VIP客户"}


def _times_rate(amounts: np.ndarray, rate: Fraction) -> np.ndarray:
    """``amounts × rate`` rounded half up to whole 分, exactly (Python integers)."""
    p, q = rate.numerator, rate.denominator
    return np.array([(2 * int(a) * p + q) // (2 * q) for a in amounts.tolist()], dtype=np.int64)


@dataclass(frozen=True, eq=False)
class Contribution:
    """Per-customer revenue, cost and contribution (int64 分 a year) and ABC class."""

    ids: np.ndarray
    tier: np.ndarray
    aum: np.ndarray
    spread_revenue: np.ndarray
    fee_revenue: np.ndarray
    cost: np.ndarray
    abc: np.ndarray
    tier_order: tuple[str, ...] = ()

    @property
    def revenue(self) -> np.ndarray:
        """Spread plus fee revenue, 分."""
        return self.spread_revenue + self.fee_revenue

    @property
    def contribution(self) -> np.ndarray:
        """Revenue minus cost, 分."""
        return self.revenue - self.cost

    @property
    def cost_centre(self) -> np.ndarray:
        """Customers whose revenue is below their cost (成本中心)."""
        return self.contribution < 0

    def total(self) -> int:
        """Branch total contribution, 分 (exact)."""
        return exact_sum(self.contribution)

    def by_tier(self, order: tuple[str, ...] | None = None):
        """Customers, revenue, cost, contribution (万元) and cost centres per tier, with a 合计 row.

        Tiers are listed in ``order``, by default the scheme's, highest tier first.
        """
        return self._table(self.tier, order or self.tier_order, "层级")

    def by_class(self):
        """The same per 客户经营ABC class (A VIP客户, B 重点客户, C 需求型伙伴/普通客户)."""
        return self._table(self.abc, ("A", "B", "C"), "客户经营ABC", names=ABC_NAMES)

    def _table(self, key: np.ndarray, order: tuple[str, ...], label: str, names: Mapping[str, str] | None = None):
        import pandas as pd

        from tiering_lib.core.money import format_amount

        rows = []
        groups = [(c, key == c) for c in order] + [("合计", np.ones(key.size, dtype=bool))]
        for code, m in groups:
            rev = exact_sum(self.revenue[m])
            cost = exact_sum(self.cost[m])
            n = int(m.sum())
            rows.append(
                {
                    label: names.get(code, code) if names else code,
                    "客户数（户）": n,
                    "收入（万元）": format_amount(rev, "万元", 2),
                    "服务成本（万元）": format_amount(cost, "万元", 2),
                    "贡献（万元）": format_amount(rev - cost, "万元", 2),
                    "户均贡献（元）": _average_yuan(rev - cost, n),
                    "成本中心（户）": int((self.cost_centre & m).sum()),
                }
            )
        return with_thousands(pd.DataFrame.from_records(rows).set_index(label))


def _average_yuan(total: int, n: int) -> str:
    if not n:
        return "—"
    avg = Fraction(total, 100 * n)
    return f"{to_decimal(avg, 0):,}"


def abc_table(assumptions: ContributionAssumptions | None = None):
    """客户经营ABC as the deck describes it, with the workbook's thresholds.

    Examples
    --------
    >>> abc_table().index.tolist()
    ['VIP客户', '重点客户', '需求型伙伴/普通客户']
    """
    import pandas as pd

    from tiering_lib.core.money import format_amount
    from tiering_lib.service.content_schema import load_wealth_segments

    a = load_contribution_assumptions() if assumptions is None else assumptions
    rows = load_wealth_segments().abc_classes
    rule = {
        "A": f"年贡献 ≥ {format_amount(a.threshold_a, '元', 0)} 元",
        "B": f"{format_amount(a.threshold_b, '元', 0)} 元 ≤ 年贡献 < {format_amount(a.threshold_a, '元', 0)} 元",
        "C": f"年贡献 < {format_amount(a.threshold_b, '元', 0)} 元（小于 0 即成本中心）",
    }
    records = [
        {"类别": r.name, "课件原文": r.deck, "经营方式": r.approach, "本课程的口径（年贡献）": rule[r.code]}
        for r in reversed(rows)
    ]
    return pd.DataFrame.from_records(records).set_index("类别")


def abc_classes(contribution: np.ndarray, threshold_b: int, threshold_a: int) -> np.ndarray:
    """客户经营ABC class of each annual contribution (分): ``"A"``, ``"B"`` or ``"C"``.

    Examples
    --------
    >>> abc_classes(np.array([-100, 49_999, 50_000, 500_000]), 50_000, 500_000).tolist()
    ['C', 'C', 'B', 'A']
    """
    c = np.asarray(contribution)
    return np.where(c >= threshold_a, "A", np.where(c >= threshold_b, "B", "C")).astype(object)


def customer_contribution(book: Any, assumptions: ContributionAssumptions | None = None) -> Contribution:
    """Each customer's annual contribution and class, from a branch book.

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> c = customer_contribution(synthesize_branch(scale=20000))
    >>> c.total() == int(c.revenue.sum()) - int(c.cost.sum())
    True
    """
    from tiering_lib.service.book import PRODUCT_LINES

    a = load_contribution_assumptions() if assumptions is None else assumptions
    spread = np.zeros(book.n, dtype=np.int64)
    fees = np.zeros(book.n, dtype=np.int64)
    for line in PRODUCT_LINES:
        if line in a.spread:
            spread += _times_rate(book.line(line), a.spread[line])
        elif line in a.fee_rate:
            fees += _times_rate(book.line(line), a.fee_rate[line])
        else:
            raise DataError(f"产品线 {line!r} 既没有利差也没有费率；请在测算假设中补上一项")
    contacts = [Fraction(365, a.contact_days[t]) if book.rm[i] and t in a.contact_days else Fraction(0)
                for i, t in enumerate(book.tier.tolist())]
    rm_cost = np.array([(2 * c.numerator * a.contact_cost + c.denominator) // (2 * c.denominator)
                        for c in contacts], dtype=np.int64)
    cost = a.account_cost + book.visits_per_year.astype(np.int64) * a.visit_cost + rm_cost
    contribution = spread + fees - cost
    return Contribution(
        ids=book.ids,
        tier=book.tier,
        aum=book.aum,
        spread_revenue=spread,
        fee_revenue=fees,
        cost=cost,
        abc=abc_classes(contribution, a.threshold_b, a.threshold_a),
        tier_order=book.scheme.codes_top_down,
    )


def contribution_scenario(
    book: Any,
    demand_spread_pct: float | str,
    time_spread_pct: float | str,
    visit_cost_yuan: float | str,
    account_cost_yuan: float | str,
) -> Contribution:
    """Contributions with the assumptions the contribution explorer's sliders set (what the widget calls).

    Slider floats are read to two decimals (``1.8`` % becomes exactly 0.018).

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> c = contribution_scenario(book, 2.0, 1.0, 5, 10)
    >>> bool((c.contribution == customer_contribution(book).contribution).all())
    True
    """

    def exact(value: float | str) -> Decimal:
        return Decimal(str(round(float(value), 2))) if isinstance(value, float) else Decimal(str(value))

    a = load_contribution_assumptions().with_changes(
        spread={"活期": exact(demand_spread_pct) / 100, "定存": exact(time_spread_pct) / 100},
        visit_cost=to_fen(exact(visit_cost_yuan)),
        account_cost=to_fen(exact(account_cost_yuan)),
    )
    return customer_contribution(book, a)

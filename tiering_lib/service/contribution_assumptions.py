"""The assumptions of the contribution model (客户贡献度): rates, costs, ABC thresholds.

:class:`ContributionAssumptions` holds them exactly (rates as fractions, money
in 分); :func:`load_contribution_assumptions` reads the workbook's defaults
from ``data/contribution_assumptions.yaml`` (and the contact intervals from
``data/maintenance.yaml``).  They are the workbook's teaching assumptions,
not any bank's figures; :mod:`tiering_lib.service.contribution` computes with them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

from tiering_lib.core.money import to_decimal
from tiering_lib.errors import DataError

__all__ = ["ContributionAssumptions", "load_contribution_assumptions"]


def _rate(value: Any, where: str) -> Fraction:
    if isinstance(value, float):
        raise DataError(f"{where}：请把比率 {value!r} 写成带引号的文字，才能精确读取")
    try:
        rate = Fraction(Decimal(str(value)))
    except ArithmeticError:
        raise DataError(f"{where}：{value!r} 不是数") from None
    if rate < 0:
        raise DataError(f"{where}：比率 {value} 是负数")
    return rate


@dataclass(frozen=True)
class ContributionAssumptions:
    """Rates (annual, exact fractions), costs (分 per year / per visit / per contact) and thresholds (分)."""

    spread: Mapping[str, Fraction]
    fee_rate: Mapping[str, Fraction]
    account_cost: int
    visit_cost: int
    contact_cost: int
    contact_days: Mapping[str, int]
    threshold_b: int
    threshold_a: int

    def __post_init__(self) -> None:
        if self.threshold_a < self.threshold_b:
            raise DataError(
                f"VIP客户的门槛（{self.threshold_a} 分）低于重点客户的门槛（{self.threshold_b} 分）"
            )
        for name in ("account_cost", "visit_cost", "contact_cost"):
            if getattr(self, name) < 0:
                raise DataError(f"{name} 不能是负数")

    def to_frame(self):
        """The assumptions as a table: 项目, 取值 (rates in %, money in 元).

        Examples
        --------
        >>> load_contribution_assumptions().to_frame().loc["活期息差", "取值"]
        '2%'
        """
        import pandas as pd

        from tiering_lib.core.money import fen_to_unit

        def pct(r: Fraction) -> str:
            return f"{to_decimal(r * 100):f}".rstrip("0").rstrip(".") + "%"

        rows = [(f"{k}息差", pct(v)) for k, v in self.spread.items()]
        rows += [(f"{k}中收费率", pct(v)) for k, v in self.fee_rate.items()]
        rows += [
            ("账户年成本", f"{fen_to_unit(self.account_cost)} 元/户"),
            ("每次柜台服务成本", f"{fen_to_unit(self.visit_cost)} 元"),
            ("每次客户经理联系成本", f"{fen_to_unit(self.contact_cost)} 元"),
            ("重点客户门槛", f"年贡献 {fen_to_unit(self.threshold_b)} 元"),
            ("VIP客户门槛", f"年贡献 {fen_to_unit(self.threshold_a)} 元"),
        ]
        return pd.DataFrame(rows, columns=["项目", "取值"]).set_index("项目")

    def with_changes(self, **changes: Any) -> "ContributionAssumptions":
        """A copy with some assumptions changed; spreads/fees as ``{line: rate}`` merge into the old ones.

        Examples
        --------
        >>> a = load_contribution_assumptions().with_changes(spread={"活期": "0.015"})
        >>> a.spread["活期"], a.spread["定存"]
        (Fraction(3, 200), Fraction(1, 100))
        """
        for key in ("spread", "fee_rate"):
            if key in changes:
                merged = dict(getattr(self, key))
                merged.update({k: _rate(v, key) for k, v in changes[key].items()})
                changes[key] = merged
        return replace(self, **changes)


def load_contribution_assumptions() -> ContributionAssumptions:
    """The workbook's default assumptions (``data/contribution_assumptions.yaml``).

    Contact intervals come from ``plan.contact_days`` of ``data/maintenance.yaml``.

    Raises
    ------
    ConfigError
        If either file is malformed, naming the file and the field.

    Examples
    --------
    >>> load_contribution_assumptions().visit_cost   # 5 元 a counter visit, in 分
    500
    """
    from tiering_lib.service.settings_schema import load_contribution, load_maintenance

    spec = load_contribution()
    return ContributionAssumptions(
        spread={k: Fraction(v) for k, v in spec.spread.items()},
        fee_rate={k: Fraction(v) for k, v in spec.fee_rate.items()},
        account_cost=spec.cost.account_yuan,
        visit_cost=spec.cost.counter_visit_yuan,
        contact_cost=spec.cost.rm_contact_yuan,
        contact_days=dict(load_maintenance().plan.contact_days),
        threshold_b=spec.abc_thresholds_yuan.B,
        threshold_a=spec.abc_thresholds_yuan.A,
    )

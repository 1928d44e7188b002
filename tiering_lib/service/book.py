"""A branch's customer book (:class:`BranchBook`): one array per attribute, one row per customer.

The book holds synthetic customer ids (``C000001`` ...), amounts in int64 分
per product line (:data:`PRODUCT_LINES`), tiers and segments, and only
*whether* each customer-information field is on file, never its content.
:func:`tiering_lib.service.branch.synthesize_branch` makes one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tiering_lib.core.money import format_amount
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.tables import DistributionTable, table_from_balances
from tiering_lib.errors import DataError

__all__ = ["PRODUCT_LINES", "INVESTMENT_LINES", "BranchBook"]

#: Product lines a customer can hold: the savings account (活期) and the deck's shelf, in the deck's order.
PRODUCT_LINES: tuple[str, ...] = ("活期", "基金", "证券", "债券", "定存", "信托", "外汇", "保险")
#: The investment lines among them (everything but the deposits 活期 and 定存).
INVESTMENT_LINES: tuple[str, ...] = tuple(p for p in PRODUCT_LINES if p not in ("活期", "定存"))


@dataclass(frozen=True, eq=False)
class BranchBook:
    """One branch's customers, column by column (arrays of equal length ``n``).

    Amounts are int64 分.  Build with :func:`synthesize_branch`; take a part
    with :meth:`select`.

    Attributes
    ----------
    ids : numpy.ndarray of str
        ``C000001`` ...
    holdings : numpy.ndarray, shape (n, len(PRODUCT_LINES))
        Amount held in each product line (分); 0 means not held.
    aum, aum_prev : numpy.ndarray
        Total assets today and 30 days ago (分).
    tier, segment : numpy.ndarray of str
        Tier code of ``scheme`` by total assets, and its segment (高端/中端/普通).
    age, trades_per_month, visits_per_year, relationship_years : numpy.ndarray
        Whole numbers.
    maturity_day : numpy.ndarray
        Days from today until the time deposit matures, -1 without one.
    outflow, outflow_days_ago : numpy.ndarray
        Largest outflow in the last 30 days (分, 0 if none) and how many days ago.
    rm : numpy.ndarray of str
        The relationship manager, ``""`` for customers without one.
    days_since_contact : numpy.ndarray
        Days since the last RM contact, -1 for customers without an RM.
    info : numpy.ndarray of bool, shape (n, len(info_fields))
        Whether each customer-information field is on file.
    risk_level : numpy.ndarray of int, optional
        The customer's assessed risk tolerance, 1–5 (C1–C5), 0 if never assessed.
    risk_valid : numpy.ndarray of bool, optional
        Whether that assessment is still within its validity.
    """

    ids: np.ndarray
    holdings: np.ndarray
    aum: np.ndarray
    aum_prev: np.ndarray
    tier: np.ndarray
    segment: np.ndarray
    age: np.ndarray
    trades_per_month: np.ndarray
    visits_per_year: np.ndarray
    relationship_years: np.ndarray
    maturity_day: np.ndarray
    outflow: np.ndarray
    outflow_days_ago: np.ndarray
    rm: np.ndarray
    days_since_contact: np.ndarray
    info: np.ndarray
    info_fields: tuple[str, ...]
    scheme: TierScheme
    risk_level: np.ndarray | None = None
    risk_valid: np.ndarray | None = None

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, np.ndarray) and value.flags.writeable:
                value = value.copy()  # never freeze the caller's own array
                value.setflags(write=False)  # a book is shared (cached): nobody may change it in place
                object.__setattr__(self, name, value)

    @property
    def n(self) -> int:
        """Number of customers."""
        return int(self.ids.size)

    def __len__(self) -> int:
        return self.n

    @property
    def deposits(self) -> np.ndarray:
        """Deposit balances (活期 + 定存), 分."""
        return self.line("活期") + self.line("定存")

    @property
    def held(self) -> np.ndarray:
        """Boolean matrix: which product lines each customer holds."""
        return self.holdings > 0

    def line(self, product: str) -> np.ndarray:
        """Amounts held in one product line (分)."""
        if product not in PRODUCT_LINES:
            raise DataError(f"没有产品线 {product!r}；产品线有：{list(PRODUCT_LINES)}")
        return self.holdings[:, PRODUCT_LINES.index(product)]

    def index_of(self, customer_id: str) -> int:
        """Row of a customer id such as ``"C000123"``."""
        hits = np.flatnonzero(self.ids == customer_id)
        if hits.size == 0:
            raise DataError(f"客户名册里没有客户 {customer_id!r}（客户号形如 'C000123'）")
        return int(hits[0])

    def select(self, mask: np.ndarray) -> "BranchBook":
        """The customers where ``mask`` is true (or at the given positions), as a new book."""
        take = np.asarray(mask)
        changes = {
            name: getattr(self, name)[take]
            for name in self.__dataclass_fields__
            if isinstance(getattr(self, name), np.ndarray)
        }
        return replace(self, **changes)

    def of_rm(self, rm: str) -> "BranchBook":
        """The book of one relationship manager, e.g. ``"RM01"``."""
        if rm not in set(self.rm.tolist()) or not rm:
            raise DataError(f"没有客户经理 {rm!r}；本网点的客户经理：{self.managers()}")
        return self.select(self.rm == rm)

    def managers(self) -> list[str]:
        """Relationship managers of the branch, sorted."""
        return sorted({r for r in self.rm.tolist() if r})

    def aum_table(self) -> DistributionTable:
        """Customers and total assets per tier of the book's scheme."""
        return table_from_balances(self.aum, self.scheme)

    def products_text(self, row: int) -> str:
        """The product lines one customer holds, e.g. ``'活期、定存、基金'`` (活期, then the shelf)."""
        return "、".join(p for p, h in zip(PRODUCT_LINES, self.held[row]) if h)

    def to_frame(self, rows: Any = None):
        """Customers as a DataFrame indexed by 客户号, with Chinese column names (amounts in 元, as text).

        Parameters
        ----------
        rows : array-like, optional
            Positions or a boolean mask; all customers by default.
        """
        import pandas as pd

        idx = np.arange(self.n) if rows is None else np.arange(self.n)[np.asarray(rows)]
        records = []
        for i in idx:
            records.append(
                {
                    "客户号": self.ids[i],
                    "层级": self.tier[i],
                    "客户级别": self.segment[i],
                    "总资产（元）": format_amount(int(self.aum[i]), "元", 2),
                    "持有产品": self.products_text(i),
                    "年龄（岁）": int(self.age[i]),
                    "年柜台次数（次）": int(self.visits_per_year[i]),
                    "客户经理": self.rm[i] or "—",
                }
            )
        columns = ["客户号", "层级", "客户级别", "总资产（元）", "持有产品", "年龄（岁）", "年柜台次数（次）", "客户经理"]
        return pd.DataFrame.from_records(records, columns=columns).set_index("客户号")

"""The synthetic branch one month later: the second month-end for tier migration (notebook 10).

Last month is the synthetic branch's book (:func:`~tiering_lib.service.branch.synthesize_branch`): its
customer ids and total assets (客户总资产, the basis of its tiers).  This month is drawn from it with the
course's assumptions of ``data/next_month.yaml`` (validated when read), one seeded generator:

* a share of customers is gone (流失), by last month's tier;
* everyone else's total assets change by a factor ``exp(normal(0, sd))`` with a spread by tier, so most
  stay in their tier, some move one tier and a few two;
* a few customers of tier C and above move a large part of their money away (the deck's 突发事件), and a
  few bring in new money;
* new customers (新增) arrive, with balances drawn from last month's book, and ids after the last one.

Amounts stay whole 分.  The same seed gives the same month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

import numpy as np
from pydantic import Field

from tiering_lib.datasets.validation import FileModel, Int, NonNegative, load_settings, rule_error
from tiering_lib.service.book import BranchBook
from tiering_lib.service.branch_schema import ByTier, Probabilities

__all__ = ["MonthEnd", "NextMonthAssumptions", "load_next_month_assumptions", "next_month"]

Share = Annotated[NonNegative, Field(le=1)]


class _Outflow(FileModel):
    probability: Share
    share_of_assets: tuple[Share, Share]


class _Inflow(FileModel):
    probability: Share
    factor: tuple[NonNegative, NonNegative]


class _Change(FileModel):
    sd: ByTier


class NextMonthAssumptions(FileModel):
    """``data/next_month.yaml``: how the second month-end is drawn from the first."""

    seed: Int
    lost: Probabilities
    monthly_change: _Change
    large_outflow: _Outflow
    large_inflow: _Inflow
    new_customers: Share

    def model_post_init(self, _context) -> None:
        for name, (low, high) in (("large_outflow.share_of_assets", self.large_outflow.share_of_assets),
                                  ("large_inflow.factor", self.large_inflow.factor)):
            if low > high:
                raise rule_error(name, f"范围 [{low}, {high}] 应从小到大")


def load_next_month_assumptions() -> NextMonthAssumptions:
    """``data/next_month.yaml``, validated.

    Examples
    --------
    >>> load_next_month_assumptions().new_customers
    Decimal('0.03')
    """
    return load_settings("next_month.yaml", NextMonthAssumptions)


@dataclass(frozen=True, eq=False)
class MonthEnd:
    """One month-end of a branch: customer ids and total assets (分), one per customer."""

    label: str
    ids: np.ndarray
    balances: np.ndarray

    def __len__(self) -> int:
        return int(self.ids.size)


def _changed(book: BranchBook, keep: np.ndarray, a: NextMonthAssumptions, rng: np.random.Generator) -> np.ndarray:
    codes = book.tier[keep]
    sd = np.array([float(getattr(a.monthly_change.sd, c)) for c in codes])
    factor = np.exp(rng.normal(0.0, 1.0, keep.sum()) * sd)
    mid_or_high = np.isin(codes, ("C", "B", "A2", "A1"))
    low, high = (float(x) for x in a.large_outflow.share_of_assets)
    out = mid_or_high & (rng.random(keep.sum()) < float(a.large_outflow.probability))
    factor[out] *= 1 - rng.uniform(low, high, out.sum())
    low, high = (float(x) for x in a.large_inflow.factor)
    inflow = ~out & (rng.random(keep.sum()) < float(a.large_inflow.probability))
    factor[inflow] *= rng.uniform(low, high, inflow.sum())
    return np.rint(book.aum[keep] * factor).astype(np.int64)


def next_month(book: BranchBook, assumptions: NextMonthAssumptions | None = None) -> MonthEnd:
    """This month-end of the branch whose book is last month's (see the module description).

    Examples
    --------
    >>> from tiering_lib import synthesize_branch
    >>> book = synthesize_branch(scale=20000)
    >>> later = next_month(book)
    >>> len(later) > 0, str(later.ids[-1]) > str(book.ids[-1])
    (True, True)
    """
    a = assumptions or load_next_month_assumptions()
    rng = np.random.default_rng(a.seed)
    lost_p = np.array([float(getattr(a.lost, c)) for c in book.tier])
    keep = rng.random(book.n) >= lost_p
    balances = _changed(book, keep, a, rng)
    n_new = int((Decimal(book.n) * a.new_customers).to_integral_value())
    new_balances = rng.choice(np.asarray(book.aum), size=n_new, replace=True)
    width = len(str(book.ids[0])) - 1
    last = max(int(str(i)[1:]) for i in book.ids)
    new_ids = np.array([f"C{last + k:0{width}d}" for k in range(1, n_new + 1)], dtype=object)
    ids = np.concatenate([np.asarray(book.ids)[keep], new_ids])
    return MonthEnd("本月", ids, np.concatenate([balances, new_balances.astype(np.int64)]))

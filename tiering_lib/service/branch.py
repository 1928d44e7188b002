"""A seeded synthetic branch (合成网点): one branch's customer book.

The deposit balances are the Suzhou February-2012 distribution at a scale of
``1:scale`` (1:1000 by default, 7,440 customers), drawn by
:func:`synthesize_population`, so the book's deposits reproduce the scaled
Suzhou bands to the 分.  Everything else is a documented assumption of
``data/branch_assumptions.yaml``, drawn with one seeded generator:

* part of each deposit is a time deposit (定存) maturing within the year, the
  rest is a demand deposit (活期);
* investment products from the deck's shelf (基金 证券 债券 信托 外汇 保险) are
  held with probabilities that rise with the deposit tier, each worth a share
  of the deposits (at least 1,000 元);
* total assets (AUM, 客户总资产) are deposits plus investments, and the
  customer's tier (``core_four_class``) is set by total assets, as the deck's
  资产级别 says;
* age, trades per month, counter visits per year, years with the branch,
  total assets 30 days ago, a recent large outflow, the days since the last
  relationship-manager contact, and which customer-information fields are on
  file;
* one relationship manager (``RM01`` ...) for every customer of tier C and
  above, dealt round-robin in order of total assets, so each book is alike.

Customers get ids ``C000001`` ...; the book holds no names, ID-card or phone
numbers, only whether such a field is on file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np

from tiering_lib.core.classify import classify
from tiering_lib.core.money import format_amount
from tiering_lib.core.scheme_files import builtin_scheme
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.synthesis import SYNTH_SEED, synthesize_population
from tiering_lib.core.tables import DistributionTable, table_from_balances
from tiering_lib.datasets.deck_tables import load_suzhou_bands
from tiering_lib.datasets.files import load_yaml_dataset, require
from tiering_lib.errors import DataError

__all__ = ["BRANCH_SEED", "PRODUCT_LINES", "BranchBook", "synthesize_branch"]

#: Default seed of the synthetic branch (the Suzhou report's date, as :data:`SYNTH_SEED`).
BRANCH_SEED = SYNTH_SEED

#: Product lines a customer can hold: the savings account (活期) and the deck's shelf, in the deck's order.
PRODUCT_LINES: tuple[str, ...] = ("活期", "基金", "证券", "债券", "定存", "信托", "外汇", "保险")
_INVESTMENTS = ("基金", "证券", "债券", "信托", "外汇", "保险")
_MIN_INVESTMENT = 100_000  # 分: 1,000 元
_FILE = "data/branch_assumptions.yaml"


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
            raise DataError(f"no product line {product!r}; lines are {list(PRODUCT_LINES)}")
        return self.holdings[:, PRODUCT_LINES.index(product)]

    def index_of(self, customer_id: str) -> int:
        """Row of a customer id such as ``"C000123"``."""
        hits = np.flatnonzero(self.ids == customer_id)
        if hits.size == 0:
            raise DataError(f"no customer {customer_id!r} in this book (ids look like 'C000123')")
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
            raise DataError(f"no relationship manager {rm!r}; this branch has {self.managers()}")
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
        """Customers as a DataFrame with Chinese column names (amounts in 元, as text).

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
                    "总资产(元)": format_amount(int(self.aum[i]), "元", 2),
                    "持有产品": self.products_text(i),
                    "年龄": int(self.age[i]),
                    "年柜台次数": int(self.visits_per_year[i]),
                    "客户经理": self.rm[i] or "—",
                }
            )
        return pd.DataFrame.from_records(records)


def _fraction_map(spec: Any, keys: tuple[str, ...], where: str) -> np.ndarray:
    try:
        return np.array([float(Decimal(str(require(spec, k, where)))) for k in keys])
    except ArithmeticError:
        raise DataError(f"{where}: every value must be a number written as text, e.g. \"0.25\"") from None


def _pair(spec: Any, where: str) -> tuple[float, float]:
    if not isinstance(spec, list) or len(spec) != 2:
        raise DataError(f"{where}: give a range as a list of two numbers, e.g. [\"0.3\", \"0.9\"]")
    low, high = (float(Decimal(str(v))) for v in spec)
    if not low <= high:
        raise DataError(f"{where}: the range {spec} must go from low to high")
    return low, high


def synthesize_branch(scale: int | None = None, seed: int = BRANCH_SEED) -> BranchBook:
    """Generate the synthetic branch's customer book (cached: the same book for the same arguments).

    The book's arrays are read-only; :meth:`BranchBook.select` and
    :func:`dataclasses.replace` make changed copies.

    Parameters
    ----------
    scale : int, optional
        The branch is the Suzhou book at ``1:scale``; ``scale`` of
        ``data/branch_assumptions.yaml`` (1000) by default.
    seed : int
        Seed of every random draw; the same seed gives the same book.

    Returns
    -------
    BranchBook

    Examples
    --------
    >>> book = synthesize_branch(scale=20000)
    >>> len(book), book.ids[0], bool((book.aum >= book.deposits).all())
    (374, 'C000001', True)
    """
    spec = load_yaml_dataset("branch_assumptions.yaml")
    scale = int(require(spec, "scale", _FILE)) if scale is None else scale
    return _synthesize(int(scale), int(seed))


@lru_cache(maxsize=4)
def _synthesize(scale: int, seed: int) -> BranchBook:
    spec = load_yaml_dataset("branch_assumptions.yaml")
    scheme = builtin_scheme("core_four_class")
    codes = scheme.codes  # D, C, B, A2, A1
    deposits = synthesize_population(load_suzhou_bands(), scale=scale, seed=seed, shuffle=True)
    n = deposits.size
    rng = np.random.default_rng([seed, 5])  # a stream of its own, apart from the balances'
    dep_tier = classify(deposits, scheme)

    groups = require(spec, "age_groups", _FILE)
    shares = np.array([float(Decimal(str(g["share"]))) for g in groups])
    if abs(shares.sum() - 1) > 1e-9:
        raise DataError(f"{_FILE}, age_groups: the shares add up to {shares.sum():g}, not 1")
    group = rng.choice(len(groups), size=n, p=shares)
    low = np.array([g["from"] for g in groups])[group]
    high = np.array([g["to"] for g in groups])[group]
    age = rng.integers(low, high + 1)

    ft = require(spec, "frequent_traders", _FILE)
    frequent = rng.random(n) < _fraction_map(ft["share"], codes, f"{_FILE}, frequent_traders")[dep_tier]
    t_low, t_high = (int(v) for v in ft["trades_per_month"])
    trades = np.where(frequent, rng.integers(t_low, t_high + 1, n), rng.integers(0, 4, n))

    td_spec = require(spec, "time_deposit", _FILE)
    td_hold = rng.random(n) < _fraction_map(td_spec["hold"], codes, f"{_FILE}, time_deposit")[dep_tier]
    lo, hi = _pair(td_spec["share_of_deposits"], f"{_FILE}, time_deposit.share_of_deposits")
    td = np.where(td_hold, (deposits * rng.uniform(lo, hi, n)).astype(np.int64), 0)
    maturity = np.where(td > 0, rng.integers(0, int(td_spec["maturity_within_days"]), n), -1)

    holdings = np.zeros((n, len(PRODUCT_LINES)), dtype=np.int64)
    holdings[:, PRODUCT_LINES.index("活期")] = deposits - td
    holdings[:, PRODUCT_LINES.index("定存")] = td
    inv = require(spec, "investments", _FILE)
    lo, hi = _pair(inv["share_of_deposits"], f"{_FILE}, investments.share_of_deposits")
    for product in _INVESTMENTS:
        p = _fraction_map(require(inv["hold"], product, f"{_FILE}, investments.hold"), codes, f"{_FILE}, {product}")
        hold = rng.random(n) < p[dep_tier]
        if product == "证券":
            hold |= frequent
        amount = np.maximum((deposits * rng.uniform(lo, hi, n)).astype(np.int64), _MIN_INVESTMENT)
        holdings[:, PRODUCT_LINES.index(product)] = np.where(hold, amount, 0)

    aum = holdings.sum(axis=1)
    tier_idx = classify(aum, scheme)
    tier = np.array(codes, dtype=object)[tier_idx]
    segment = np.array([t.segment for t in scheme.tiers], dtype=object)[tier_idx]

    visits_spec = require(spec, "counter_visits_per_year", _FILE)
    mean_visits = _fraction_map(visits_spec["mean"], codes, f"{_FILE}, counter_visits_per_year")[dep_tier]
    mean_visits = mean_visits * np.where(age >= 60, float(Decimal(str(visits_spec["elderly_factor"]))), 1.0)
    visits = rng.poisson(mean_visits)
    y_low, y_high = (int(v) for v in require(spec, "relationship_years", _FILE))
    years = rng.integers(y_low, y_high + 1, n)

    growth = require(spec, "monthly_growth", _FILE)
    g = rng.normal(float(Decimal(growth["mean"])), float(Decimal(growth["sd"])), n)
    aum_prev = np.rint(aum / (1 + g)).astype(np.int64)
    flow = require(spec, "large_outflow", _FILE)
    served = tier_idx >= codes.index("C")
    hit = served & (rng.random(n) < float(Decimal(flow["probability"])))
    lo, hi = _pair(flow["share_of_assets"], f"{_FILE}, large_outflow.share_of_assets")
    share = rng.uniform(lo, hi, n)
    before = np.rint(aum / (1 - share)).astype(np.int64)
    outflow = np.where(hit, before - aum, 0)
    aum_prev = np.where(hit, before, aum_prev)
    outflow_days = np.where(hit, rng.integers(1, 31, n), 0)

    n_rm = int(require(spec, "relationship_managers", _FILE))
    ids = np.array([f"C{i + 1:06d}" for i in range(n)], dtype=object)
    rm = np.full(n, "", dtype=object)
    order = [i for i in sorted(range(n), key=lambda i: (-int(aum[i]), ids[i])) if served[i]]
    for k, i in enumerate(order):
        rm[i] = f"RM{k % n_rm + 1:02d}"

    plan = require(load_yaml_dataset("maintenance.yaml"), "plan", "data/maintenance.yaml")
    interval = np.array([int(plan["contact_days"].get(c, 0)) for c in codes])[tier_idx]
    factor = float(Decimal(str(require(spec, "last_contact", _FILE)["factor"])))
    since = rng.integers(0, np.floor(interval * factor).astype(np.int64) + 1)
    since = np.where(served, since, -1)

    fields = tuple(f["field"] for f in require(load_yaml_dataset("maintenance.yaml"), "info_fields", "data/maintenance.yaml"))
    rec = require(spec, "info_recorded", _FILE)
    p_info = _fraction_map(rec["by_tier"], codes, f"{_FILE}, info_recorded")[dep_tier]
    info = rng.random((n, len(fields))) < p_info[:, None]
    for name in rec.get("always", []):
        if name not in fields:
            raise DataError(f"{_FILE}, info_recorded.always: {name!r} is not an info field of data/maintenance.yaml")
        info[:, fields.index(name)] = True

    return BranchBook(
        ids=ids,
        holdings=holdings,
        aum=aum,
        aum_prev=aum_prev,
        tier=tier,
        segment=segment,
        age=age,
        trades_per_month=trades,
        visits_per_year=visits,
        relationship_years=years,
        maturity_day=maturity,
        outflow=outflow,
        outflow_days_ago=outflow_days,
        rm=rm,
        days_since_contact=since,
        info=info,
        info_fields=fields,
        scheme=scheme,
    )

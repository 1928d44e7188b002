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

from functools import lru_cache
from typing import Any

import numpy as np

from tiering_lib.core.classify import classify
from tiering_lib.core.scheme_files import builtin_scheme
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.synthesis import SYNTH_SEED, synthesize_population
from tiering_lib.datasets.deck_tables import load_suzhou_bands
from tiering_lib.errors import ConfigError
from tiering_lib.service.book import INVESTMENT_LINES, PRODUCT_LINES, BranchBook

__all__ = ["BRANCH_SEED", "PRODUCT_LINES", "BranchBook", "synthesize_branch"]

#: Default seed of the synthetic branch (the Suzhou report's date, as :data:`SYNTH_SEED`).
BRANCH_SEED = SYNTH_SEED

_MIN_INVESTMENT = 100_000  # 分: 1,000 元


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

    Raises
    ------
    ConfigError
        If ``data/branch_assumptions.yaml`` or ``data/maintenance.yaml`` is malformed.

    Examples
    --------
    >>> book = synthesize_branch(scale=20000)
    >>> len(book), book.ids[0], bool((book.aum >= book.deposits).all())
    (374, 'C000001', True)
    """
    from tiering_lib.service.branch_schema import load_branch_assumptions

    scale = load_branch_assumptions().scale if scale is None else scale
    return _synthesize(int(scale), int(seed))


class _Draws:
    """The branch's draws, in a fixed order from one generator (the order is part of the seeded result)."""

    def __init__(self, spec: Any, deposits: np.ndarray, scheme: TierScheme, rng: np.random.Generator) -> None:
        self.spec, self.deposits, self.rng = spec, deposits, rng
        self.codes = scheme.codes  # D, C, B, A2, A1
        self.n = deposits.size
        self.dep_tier = classify(deposits, scheme)

    def by_tier(self, values: Any) -> np.ndarray:
        """Each customer's value of a per-tier setting, by deposit tier."""
        return np.array(values.values(self.codes))[self.dep_tier]

    def age(self) -> np.ndarray:
        groups = self.spec.age_groups
        shares = np.array([float(g.share) for g in groups])
        group = self.rng.choice(len(groups), size=self.n, p=shares)
        low = np.array([g.from_ for g in groups])[group]
        high = np.array([g.to for g in groups])[group]
        return self.rng.integers(low, high + 1)

    def trades(self) -> tuple[np.ndarray, np.ndarray]:
        ft, n = self.spec.frequent_traders, self.n
        frequent = self.rng.random(n) < self.by_tier(ft.share)
        t_low, t_high = ft.trades_per_month
        trades = np.where(frequent, self.rng.integers(t_low, t_high + 1, n), self.rng.integers(0, 4, n))
        return frequent, trades

    def holdings(self, frequent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Amounts held per product line (分) and the days until each time deposit matures (-1: none)."""
        td_spec, inv, n, deposits = self.spec.time_deposit, self.spec.investments, self.n, self.deposits
        td_hold = self.rng.random(n) < self.by_tier(td_spec.hold)
        lo, hi = (float(v) for v in td_spec.share_of_deposits)
        td = np.where(td_hold, (deposits * self.rng.uniform(lo, hi, n)).astype(np.int64), 0)
        maturity = np.where(td > 0, self.rng.integers(0, td_spec.maturity_within_days, n), -1)
        holdings = np.zeros((n, len(PRODUCT_LINES)), dtype=np.int64)
        holdings[:, PRODUCT_LINES.index("活期")] = deposits - td
        holdings[:, PRODUCT_LINES.index("定存")] = td
        lo, hi = (float(v) for v in inv.share_of_deposits)
        for product in INVESTMENT_LINES:
            hold = self.rng.random(n) < self.by_tier(inv.hold[product])
            if product == "证券":
                hold |= frequent
            amount = np.maximum((deposits * self.rng.uniform(lo, hi, n)).astype(np.int64), _MIN_INVESTMENT)
            holdings[:, PRODUCT_LINES.index(product)] = np.where(hold, amount, 0)
        return holdings, maturity

    def visits_and_years(self, age: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        visits_spec = self.spec.counter_visits_per_year
        mean_visits = self.by_tier(visits_spec.mean)
        mean_visits = mean_visits * np.where(age >= 60, float(visits_spec.elderly_factor), 1.0)
        visits = self.rng.poisson(mean_visits)
        y_low, y_high = self.spec.relationship_years
        return visits, self.rng.integers(y_low, y_high + 1, self.n)

    def last_month(self, aum: np.ndarray, served: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Total assets 30 days ago, the largest recent outflow (分) and how many days ago it was."""
        growth, flow, n = self.spec.monthly_growth, self.spec.large_outflow, self.n
        g = self.rng.normal(float(growth.mean), float(growth.sd), n)
        aum_prev = np.rint(aum / (1 + g)).astype(np.int64)
        hit = served & (self.rng.random(n) < float(flow.probability))
        lo, hi = (float(v) for v in flow.share_of_assets)
        share = self.rng.uniform(lo, hi, n)
        before = np.rint(aum / (1 - share)).astype(np.int64)
        outflow = np.where(hit, before - aum, 0)
        return np.where(hit, before, aum_prev), outflow, np.where(hit, self.rng.integers(1, 31, n), 0)

    def contact_and_info(self, tier_idx: np.ndarray, served: np.ndarray, maintenance: Any):
        """Days since the last RM contact (-1: no RM) and which information fields are on file."""
        interval = np.array([maintenance.plan.contact_days.get(c, 0) for c in self.codes])[tier_idx]
        factor = float(self.spec.last_contact.factor)
        since = self.rng.integers(0, np.floor(interval * factor).astype(np.int64) + 1)
        since = np.where(served, since, -1)
        fields = tuple(f.field for f in maintenance.info_fields)
        rec = self.spec.info_recorded
        info = self.rng.random((self.n, len(fields))) < self.by_tier(rec.by_tier)[:, None]
        for k, name in enumerate(rec.always):
            if name not in fields:
                raise ConfigError("data/branch_assumptions.yaml", f"info_recorded.always[{k}]",
                                  f"“{name}”不是 data/maintenance.yaml 的 info_fields 中的信息项")
            info[:, fields.index(name)] = True
        return since, info, fields


    def risk(self, age: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each customer's assessed risk tolerance (1-5) by age group, and whether the assessment is valid."""
        spec = self.spec.risk_assessment
        group = np.searchsorted([g.below for g in spec.levels_by_age], age, side="right")
        group = np.minimum(group, len(spec.levels_by_age) - 1)
        level = np.zeros(self.n, dtype=np.int64)
        for k, g in enumerate(spec.levels_by_age):
            members = group == k
            level[members] = self.rng.choice(5, size=int(members.sum()), p=[float(s) for s in g.shares]) + 1
        return level, self.rng.random(self.n) < self.by_tier(spec.valid)


def _deal_managers(aum: np.ndarray, served: np.ndarray, ids: np.ndarray, n_rm: int) -> np.ndarray:
    """One RM per served customer, round-robin in order of total assets (largest first)."""
    rm = np.full(aum.size, "", dtype=object)
    order = [i for i in sorted(range(aum.size), key=lambda i: (-int(aum[i]), ids[i])) if served[i]]
    for k, i in enumerate(order):
        rm[i] = f"RM{k % n_rm + 1:02d}"
    return rm


@lru_cache(maxsize=4)
def _synthesize(scale: int, seed: int) -> BranchBook:
    from tiering_lib.service.branch_schema import load_branch_assumptions
    from tiering_lib.service.settings_schema import load_maintenance

    spec, maintenance = load_branch_assumptions(), load_maintenance()
    scheme = builtin_scheme("core_four_class")
    deposits = synthesize_population(load_suzhou_bands(), scale=scale, seed=seed, shuffle=True)
    draws = _Draws(spec, deposits, scheme, np.random.default_rng([seed, 5]))  # a stream apart from the balances'
    age = draws.age()
    frequent, trades = draws.trades()
    holdings, maturity = draws.holdings(frequent)
    aum = holdings.sum(axis=1)
    tier_idx = classify(aum, scheme)
    served = tier_idx >= scheme.codes.index("C")
    visits, years = draws.visits_and_years(age)
    aum_prev, outflow, outflow_days = draws.last_month(aum, served)
    ids = np.array([f"C{i + 1:06d}" for i in range(deposits.size)], dtype=object)
    rm = _deal_managers(aum, served, ids, spec.relationship_managers)
    since, info, fields = draws.contact_and_info(tier_idx, served, maintenance)
    risk_level, risk_valid = draws.risk(age)  # drawn last: the earlier draws are as before
    return BranchBook(
        ids=ids,
        holdings=holdings,
        aum=aum,
        aum_prev=aum_prev,
        tier=np.array(scheme.codes, dtype=object)[tier_idx],
        segment=np.array([t.segment for t in scheme.tiers], dtype=object)[tier_idx],
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
        risk_level=risk_level,
        risk_valid=risk_valid,
    )

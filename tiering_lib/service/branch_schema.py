"""Schema of ``branch_assumptions.yaml``: the synthetic branch's assumptions and its counter queue.

Values keyed by tier give one probability or mean per class of the
``core_four_class`` scheme (``D``, ``C``, ``B``, ``A2``, ``A1``, keyed by the
customer's deposit balance); fractions are written as text so they are read
exactly; a range is a list of two numbers, low first.  Fields:
``data/README.md``.  :func:`load_branch_assumptions` reads and validates the
file; a problem raises a :class:`~tiering_lib.errors.ConfigError` naming the
file and the field.

This module imports pydantic; the branch and the queue import it only when
the file is read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from tiering_lib.datasets.validation import Bool, Exact, FileModel, Int, NonNegative, Text, load_settings, rule_error
from tiering_lib.service.book import INVESTMENT_LINES

__all__ = ["BranchAssumptionsFile", "QueueSettings", "load_branch_assumptions"]

#: A whole number ≥ 1.
Positive = Annotated[Int, Field(ge=1)]


def _ordered(pair: tuple) -> tuple:
    if not pair[0] <= pair[1]:
        raise rule_error("", f"范围 [{pair[0]}, {pair[1]}] 应从小到大")
    return pair


class ByTier(FileModel):
    """One value per tier of ``core_four_class`` (by the customer's deposit tier)."""

    D: NonNegative
    C: NonNegative
    B: NonNegative
    A2: NonNegative
    A1: NonNegative

    def values(self, codes: tuple[str, ...]) -> list[float]:
        """The values in the order of ``codes``, as floats."""
        return [float(getattr(self, c)) for c in codes]


class Probabilities(ByTier):
    """A probability per tier (0 to 1)."""

    @model_validator(mode="after")
    def _at_most_one(self) -> "Probabilities":
        for code in ("D", "C", "B", "A2", "A1"):
            if getattr(self, code) > 1:
                raise rule_error(code, f"概率 {getattr(self, code)} 大于 1；应在 0 到 1 之间")
        return self


#: A range of exact numbers ``[low, high]``.
Range = Annotated[tuple[NonNegative, NonNegative], AfterValidator(_ordered)]
#: A range of whole numbers ``[low, high]``.
IntRange = Annotated[tuple[Int, Int], AfterValidator(_ordered)]


class AgeGroup(FileModel):
    from_: Annotated[Int, Field(ge=0)] = Field(alias="from")
    to: Int
    share: NonNegative

    @model_validator(mode="after")
    def _from_below_to(self) -> "AgeGroup":
        if self.to < self.from_:
            raise rule_error("to", f"{self.to} 小于 from = {self.from_}")
        return self


class TimeDeposit(FileModel):
    hold: Probabilities
    share_of_deposits: Range
    maturity_within_days: Positive


class Investments(FileModel):
    share_of_deposits: Range
    hold: dict[str, Probabilities]

    @field_validator("hold")
    @classmethod
    def _every_line(cls, hold: dict[str, Probabilities]) -> dict[str, Probabilities]:
        for line in hold:
            if line not in INVESTMENT_LINES:
                raise rule_error(line, f"“{line}”不是投资产品线（{'、'.join(INVESTMENT_LINES)}）")
        missing = [line for line in INVESTMENT_LINES if line not in hold]
        if missing:
            raise rule_error("", f"缺少 {'、'.join(missing)} 的持有概率；每条投资产品线都要写")
        return hold


class FrequentTraders(FileModel):
    share: Probabilities
    trades_per_month: IntRange


class CounterVisits(FileModel):
    mean: ByTier
    elderly_factor: NonNegative


class MonthlyGrowth(FileModel):
    mean: Exact
    sd: NonNegative


class LargeOutflow(FileModel):
    probability: NonNegative
    share_of_assets: Range

    @field_validator("share_of_assets")
    @classmethod
    def _below_one(cls, pair: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
        if pair[1] >= 1:
            raise rule_error("[1]", f"{pair[1]}：流出的比例应小于 1")
        return pair


class InfoRecorded(FileModel):
    by_tier: Probabilities
    always: tuple[Text, ...] = ()


class LastContact(FileModel):
    factor: NonNegative


class RiskByAge(FileModel):
    below: Positive
    shares: Annotated[tuple[NonNegative, ...], Field(min_length=5, max_length=5)]

    @model_validator(mode="after")
    def _sum_to_one(self) -> "RiskByAge":
        if sum(self.shares) != 1:
            raise rule_error("shares", f"C1-C5 的比例合计为 {sum(self.shares)}，应为 1")
        return self


class RiskAssessment(FileModel):
    levels_by_age: Annotated[tuple[RiskByAge, ...], Field(min_length=1)]
    valid: Probabilities

    @model_validator(mode="after")
    def _ages_increase(self) -> "RiskAssessment":
        belows = [g.below for g in self.levels_by_age]
        if belows != sorted(set(belows)):
            raise rule_error("levels_by_age", "各组的 below 应从小到大、互不相同")
        return self


class QueueSettings(FileModel):
    """``queue``: the counters of the synthetic branch."""

    open_minutes: Positive
    working_days_per_year: Positive
    windows: Positive
    vip_window: Bool
    vip_window_serves_others: Bool
    vip_segments: tuple[Text, ...]
    mean_service_minutes: dict[str, NonNegative]
    service_shape: NonNegative
    days: Positive

    @model_validator(mode="after")
    def _known_segments(self) -> "QueueSettings":
        from tiering_lib.core.schemes import SEGMENTS

        for i, seg in enumerate(self.vip_segments):
            if seg not in SEGMENTS:
                raise rule_error(f"vip_segments[{i}]", f"“{seg}”不是客户级别（{'、'.join(SEGMENTS)}）")
        for seg in SEGMENTS:
            if seg not in self.mean_service_minutes:
                raise rule_error("mean_service_minutes", f"缺少{seg}客户的平均办理时间")
        for seg in self.mean_service_minutes:
            if seg not in SEGMENTS:
                raise rule_error(f"mean_service_minutes.{seg}", f"“{seg}”不是客户级别（{'、'.join(SEGMENTS)}）")
        return self


class BranchAssumptionsFile(FileModel):
    """``branch_assumptions.yaml``: what the synthetic branch is drawn from."""

    scale: Positive
    relationship_managers: Positive
    age_groups: Annotated[tuple[AgeGroup, ...], Field(min_length=1)]
    time_deposit: TimeDeposit
    investments: Investments
    frequent_traders: FrequentTraders
    counter_visits_per_year: CounterVisits
    relationship_years: IntRange
    monthly_growth: MonthlyGrowth
    large_outflow: LargeOutflow
    info_recorded: InfoRecorded
    last_contact: LastContact
    risk_assessment: RiskAssessment
    queue: QueueSettings

    @field_validator("age_groups")
    @classmethod
    def _shares_sum_to_one(cls, groups: tuple[AgeGroup, ...]) -> tuple[AgeGroup, ...]:
        total = sum(g.share for g in groups)
        if total != 1:
            raise rule_error("", f"share 合计为 {total}，应为 1")
        return groups


def load_branch_assumptions() -> BranchAssumptionsFile:
    """``data/branch_assumptions.yaml``, validated.

    Examples
    --------
    >>> load_branch_assumptions().queue.windows
    4
    """
    return load_settings("branch_assumptions.yaml", BranchAssumptionsFile)

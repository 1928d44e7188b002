"""Schemas of the settings files ``maintenance.yaml`` and ``contribution_assumptions.yaml`` (fields: ``data/README.md``).

Each file is a pydantic model: field names and types are checked (unknown
fields refused, the nearest known name suggested), ranges are constraints,
and the rules between fields are validators (information weights sum to 100,
the contact reasons come in their fixed order, every product line has either
a spread or a fee rate, the VIP threshold is not below the 重点 threshold).
:func:`load_maintenance` and :func:`load_contribution` read and validate a
file; a problem raises a :class:`~tiering_lib.errors.ConfigError` naming the
file and the field.

This module imports pydantic; the modules that use it import it only when a
file is read.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from tiering_lib.datasets.validation import Exact, FileModel, Int, NonNegative, Text, Yuan, load_settings, rule_error

__all__ = ["MaintenanceFile", "ContributionFile", "load_maintenance", "load_contribution", "REASON_CODES"]

#: Codes of the contact reasons, most urgent first (the plan's fixed order).
REASON_CODES = ("outflow", "maturity", "overdue", "routine")
#: A non-empty list of texts.
Texts = Annotated[tuple[Text, ...], Field(min_length=1)]
#: A whole number ≥ 1.
Positive = Annotated[Int, Field(ge=1)]
#: A whole number ≥ 0.
Count = Annotated[Int, Field(ge=0)]


def _tier_codes() -> tuple[str, ...]:
    from tiering_lib.core.scheme_files import builtin_scheme

    return builtin_scheme("core_four_class").codes


class ProcessStep(FileModel):
    step: Text
    purpose: Text


class MaintenanceDeck(FileModel):
    """``deck``: the deck's wording on maintenance (§9)."""

    quote: Text
    purposes: Texts
    principles: Texts
    steps: Texts
    process: Annotated[tuple[ProcessStep, ...], Field(min_length=1)]


class Reason(FileModel):
    code: Text
    label: Text


class PlanDefaults(FileModel):
    """``plan``: the workbook's default plan settings."""

    contact_days: dict[str, Positive]
    capacity_per_day: Positive
    days: Positive
    maturity_lead_days: Count
    large_outflow_min_yuan: Yuan
    large_outflow_min_share: Exact
    low_info_score: Annotated[Int, Field(ge=0, le=100)]
    reasons: tuple[Reason, ...]

    @field_validator("contact_days")
    @classmethod
    def _tiers(cls, days: dict[str, int]) -> dict[str, int]:
        codes = _tier_codes()
        for code in days:
            if code not in codes:
                raise rule_error(code, f"“{code}”不是 core_four_class 方案的层级（{'、'.join(codes)}）")
        return days

    @field_validator("large_outflow_min_share")
    @classmethod
    def _share(cls, share):
        if not 0 <= share <= 1:
            raise rule_error("", f"{share} 应在 0 到 1 之间（占 30 天前总资产的比例）")
        return share

    @field_validator("reasons")
    @classmethod
    def _fixed_order(cls, reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
        if tuple(r.code for r in reasons) != REASON_CODES:
            raise rule_error("", f"code 应依次为 {'、'.join(REASON_CODES)}（最紧急的在前），只改 label")
        return reasons


class InfoField(FileModel):
    field: Text
    weight: Count


class ChecklistStep(FileModel):
    step: Text
    deadline_days: Count
    owner: Text


class MaintenanceFile(FileModel):
    """``maintenance.yaml``: the deck's maintenance process and the plan's defaults."""

    source: Text
    deck: MaintenanceDeck
    plan: PlanDefaults
    info_fields: Annotated[tuple[InfoField, ...], Field(min_length=1)]
    incident_checklist: Annotated[tuple[ChecklistStep, ...], Field(min_length=1)]

    @field_validator("info_fields")
    @classmethod
    def _weights(cls, fields: tuple[InfoField, ...]) -> tuple[InfoField, ...]:
        names = [f.field for f in fields]
        dup = next((n for n in names if names.count(n) > 1), None)
        if dup:
            raise rule_error("", f"“{dup}”出现了两次；每个信息项只写一次")
        total = sum(f.weight for f in fields)
        if total != 100:
            raise rule_error("", f"weight 合计为 {total}，应为 100")
        return fields


class Cost(FileModel):
    account_yuan: Yuan
    counter_visit_yuan: Yuan
    rm_contact_yuan: Yuan


class Thresholds(FileModel):
    B: Yuan
    A: Yuan

    @model_validator(mode="after")
    def _vip_above(self) -> "Thresholds":
        if self.A < self.B:
            raise rule_error("A", "VIP客户的门槛（A）低于重点客户的门槛（B）；A 应不低于 B")
        return self


class PriceItem(FileModel):
    item: Text
    list_price_yuan: Yuan


class Pricing(FileModel):
    """``pricing``: the example price list by 客户经营ABC class and years with the branch."""

    discount_by_class: dict[str, NonNegative]
    loyalty_step_years: Positive
    loyalty_step_discount: NonNegative
    loyalty_max_discount: NonNegative
    items: Annotated[tuple[PriceItem, ...], Field(min_length=1)]

    @field_validator("discount_by_class")
    @classmethod
    def _abc(cls, by_class: dict) -> dict:
        if sorted(by_class) != ["A", "B", "C"]:
            raise rule_error("", f"应为 C、B、A 三类各写一个折扣，现在是 {'、'.join(by_class) or '空'}")
        for code, share in by_class.items():
            if share > 1:
                raise rule_error(code, f"{share} 大于 1；减免的是标价的比例（0 到 1）")
        return by_class


class ContributionFile(FileModel):
    """``contribution_assumptions.yaml``: spreads, fee rates, costs, ABC thresholds and pricing."""

    spread: dict[str, NonNegative]
    fee_rate: dict[str, NonNegative]
    cost: Cost
    abc_thresholds_yuan: Thresholds
    pricing: Pricing

    @model_validator(mode="after")
    def _every_line_earns(self) -> "ContributionFile":
        from tiering_lib.service.book import PRODUCT_LINES

        for key, rates in (("spread", self.spread), ("fee_rate", self.fee_rate)):
            for line in rates:
                if line not in PRODUCT_LINES:
                    raise rule_error(f"{key}.{line}", f"“{line}”不是产品线（{'、'.join(PRODUCT_LINES)}）")
        for line in PRODUCT_LINES:
            if (line in self.spread) == (line in self.fee_rate):
                where = "两处都有" if line in self.spread else "两处都没有"
                raise rule_error("fee_rate", f"产品线“{line}”应在 spread 或 fee_rate 中恰好出现一次，现在{where}")
        return self


def load_maintenance() -> MaintenanceFile:
    """``data/maintenance.yaml``, validated.

    Examples
    --------
    >>> load_maintenance().plan.capacity_per_day
    10
    """
    return load_settings("maintenance.yaml", MaintenanceFile)


def load_contribution() -> ContributionFile:
    """``data/contribution_assumptions.yaml``, validated (amounts in 分).

    Examples
    --------
    >>> load_contribution().cost.counter_visit_yuan
    500
    """
    return load_settings("contribution_assumptions.yaml", ContributionFile)

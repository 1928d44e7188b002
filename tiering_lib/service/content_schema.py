"""Schemas of the files holding the deck's service content: ``tier_services.yaml``, ``growth_system.yaml``,
``wealth_segments.yaml`` (fields: ``data/README.md``).

Each file is a pydantic model; the rules between fields are its validators:
the service matrix must agree with the built-in ``core_four_class`` scheme,
the product shelf with the branch's product lines, every recommended product
must be on the shelf and every adviser service must suit some segment.
:func:`load_tier_services`, :func:`load_growth_system` and
:func:`load_wealth_segments` read and validate a file; a problem raises a
:class:`~tiering_lib.errors.ConfigError` naming the file and the field.

This module imports pydantic: :mod:`tiering_lib.service.content` and
:mod:`tiering_lib.service.wealth` import it only when a file is read.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict, model_validator

from tiering_lib.datasets.validation import Bool, FileModel, Int, Text, Yuan, load_settings, rule_error

__all__ = [
    "TierServicesFile",
    "GrowthSystemFile",
    "WealthSegmentsFile",
    "load_tier_services",
    "load_growth_system",
    "load_wealth_segments",
]

#: A non-empty list of texts.
Texts = Annotated[tuple[Text, ...], Field(min_length=1)]
#: Text that may be empty.
AnyText = Annotated[str, Strict()]


class TierClass(FileModel):
    code: Text
    asset_level: Text


class SegmentRow(FileModel):
    segment: Text
    focus: Text
    key_metric: Text
    classes: Annotated[tuple[TierClass, ...], Field(min_length=1)]
    service_keys: Texts


class NeedsRow(FileModel):
    group: Text
    title: Text
    customer_values: Texts
    strategies: Texts


class QualityService(FileModel):
    name: Text
    detail: Text
    in_workbook: AnyText = ""


class TierServicesFile(FileModel):
    """``tier_services.yaml``: the tier service matrix (§5), needs and strategies, quality services (§9)."""

    source: Text
    scheme: Text
    segments: Annotated[tuple[SegmentRow, ...], Field(min_length=1)]
    needs_and_strategies: Annotated[tuple[NeedsRow, ...], Field(min_length=1)]
    quality_services: Annotated[tuple[QualityService, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _agrees_with_the_scheme(self) -> "TierServicesFile":
        from tiering_lib.core.scheme_files import builtin_scheme
        from tiering_lib.core.schemes import SEGMENTS
        from tiering_lib.errors import SchemeError

        try:
            scheme = builtin_scheme(self.scheme)
        except SchemeError as err:
            raise rule_error("scheme", f"“{self.scheme}”不是内置的分层方案（{err}）") from None
        seen: list[str] = []
        for i, row in enumerate(self.segments):
            here = f"segments[{i}]"
            if row.key_metric != SEGMENTS.get(row.segment):
                raise rule_error(f"{here}.key_metric",
                                 f"“{row.key_metric}”与课件中{row.segment}客户的关键指标“{SEGMENTS.get(row.segment)}”不同")
            for j, cls in enumerate(row.classes):
                if cls.code not in scheme.codes:
                    raise rule_error(f"{here}.classes[{j}].code", f"“{cls.code}”不是方案 {scheme.name} 的层级")
                tier = scheme.tier(cls.code)
                if tier.segment != row.segment:
                    raise rule_error(f"{here}.classes[{j}].code",
                                     f"在方案中，{cls.code} 类属于{tier.segment}客户，不属于{row.segment}客户")
                if row.service_keys != tier.service_keys:
                    raise rule_error(f"{here}.service_keys", f"与方案中 {cls.code} 类的服务关键点不同；两处要一致")
                seen.append(cls.code)
        if sorted(seen) != sorted(scheme.codes):
            raise rule_error("segments", f"classes 共列出 {'、'.join(seen)}；应把方案的每个层级"
                                         f"（{'、'.join(scheme.codes_top_down)}）各列一次")
        return self


class LadderStage(FileModel):
    stage: Text
    guarantee: Text
    complaints: Text
    management: Text


class GrowthLadder(FileModel):
    from_: Text = Field(alias="from")
    to: Text
    reconstructed: Bool
    stages: Annotated[tuple[LadderStage, ...], Field(min_length=1)]
    outcomes: Texts


class Process(FileModel):
    title: Text
    short: Text
    mid: Text
    long: Text
    research: Text


class GrowthSystemFile(FileModel):
    """``growth_system.yaml``: CRM, the growth ladder, the individual and group processes (§7)."""

    source: Text
    crm: Text
    growth_ladder: GrowthLadder
    individual_process: Process
    group_process: Process
    questions: Texts


class AbcClass(FileModel):
    code: Text
    name: Text
    deck: AnyText = ""
    approach: AnyText = ""


class ShelfItem(FileModel):
    line: Text
    kind: Text
    risk: Annotated[Int, Field(ge=1, le=5)]
    min_yuan: Yuan
    needs_assessment: Bool
    qualified_investor: Bool = False


class SuitabilityNote(FileModel):
    topic: Text
    rule: Text
    source: Text
    year: Annotated[Int, Field(ge=1949, le=2100)] | None = None


class Suitability(FileModel):
    risk_levels: Annotated[tuple[Text, ...], Field(min_length=5, max_length=5)]
    rule: Text
    qualified_investor_yuan: Yuan
    notes: Annotated[tuple[SuitabilityNote, ...], Field(min_length=1)]


class Adviser(FileModel):
    title: Text
    deck: Text
    services: Texts


class Product(FileModel):
    line: Text
    reason: Text


class SegmentDesign(FileModel):
    rule: Text | None = None
    products: Annotated[tuple[Product, ...], Field(min_length=1)]
    services: Texts


class WealthSegment(FileModel):
    name: Text
    workbook: SegmentDesign


class WorkbookRules(FileModel):
    min_aum_yuan: Yuan
    frequent_trades_per_month: Int
    elderly_from_age: Int
    young_below_age: Int


class WealthSegmentsFile(FileModel):
    """``wealth_segments.yaml``: 客户经营ABC, the product shelf, the four wealth segments (§6)."""

    source: Text
    abc_classes: Annotated[tuple[AbcClass, ...], Field(min_length=3, max_length=3)]
    pricing_note: Text
    product_shelf: Annotated[tuple[ShelfItem, ...], Field(min_length=1)]
    suitability: Suitability
    base_account: Text
    wealth_management: Text
    service_flow: Texts
    innovation: Texts
    private_adviser: Adviser
    segments: Annotated[tuple[WealthSegment, ...], Field(min_length=4, max_length=4)]
    workbook_rules: WorkbookRules

    @model_validator(mode="after")
    def _classes_and_shelf(self) -> "WealthSegmentsFile":
        from tiering_lib.service.book import PRODUCT_LINES

        codes = tuple(c.code for c in self.abc_classes)
        if codes != ("C", "B", "A"):
            raise rule_error("abc_classes", f"code 依次为 {'、'.join(codes)}；应为 C、B、A（从低到高）")
        lines = (self.base_account, *(item.line for item in self.product_shelf))
        if lines != PRODUCT_LINES:
            raise rule_error("product_shelf", f"base_account 加 product_shelf 为 {'、'.join(lines)}，"
                                              f"应与网点的产品线 {'、'.join(PRODUCT_LINES)} 一致")
        return self

    @model_validator(mode="after")
    def _segments_use_the_shelf(self) -> "WealthSegmentsFile":
        shelf = {item.line for item in self.product_shelf}
        services = self.private_adviser.services
        for i, seg in enumerate(self.segments):
            for j, p in enumerate(seg.workbook.products):
                if p.line not in shelf:
                    raise rule_error(f"segments[{i}].workbook.products[{j}].line",
                                     f"“{p.line}”不在产品货架 product_shelf 上")
            for j, s in enumerate(seg.workbook.services):
                if s not in services:
                    raise rule_error(f"segments[{i}].workbook.services[{j}]",
                                     f"“{s}”不是 private_adviser.services 中的私人财富顾问服务")
        unused = [s for s in services if not any(s in seg.workbook.services for seg in self.segments)]
        if unused:
            raise rule_error("private_adviser.services",
                             f"{'、'.join(unused)} 没有分给任何客群；请加到某个客群的 services 中")
        return self


def load_tier_services() -> TierServicesFile:
    """``data/tier_services.yaml``, validated.

    Examples
    --------
    >>> load_tier_services().segments[0].key_metric
    '客户总资产'
    """
    return load_settings("tier_services.yaml", TierServicesFile)


def load_growth_system() -> GrowthSystemFile:
    """``data/growth_system.yaml``, validated.

    Examples
    --------
    >>> load_growth_system().growth_ladder.from_
    '被动的'
    """
    return load_settings("growth_system.yaml", GrowthSystemFile)


def load_wealth_segments() -> WealthSegmentsFile:
    """``data/wealth_segments.yaml``, validated.

    Examples
    --------
    >>> load_wealth_segments().segments[-1].name
    '频繁交易者'
    """
    return load_settings("wealth_segments.yaml", WealthSegmentsFile)

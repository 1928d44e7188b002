"""Exercises of notebook 09 (your own branch data): answers computed from the sample exports."""

from __future__ import annotations

from functools import lru_cache

from tiering_lib.course.exercises import register


@lru_cache(maxsize=4)
def _messy(unit: str | None = None):
    from tiering_lib.io.loader import load_sample_export

    return load_sample_export("messy", unit=unit)


def _a_households(unit: str | None = None) -> int:
    from tiering_lib.core.scheme_files import builtin_scheme

    table = _messy(unit).table(builtin_scheme("core_four_class"))
    return table.households_of("A1") + table.households_of("A2")


@register(
    "09.1",
    "示例导出 messy 中，有多少行没有被采用（被拒绝）？",
    "看验证报告里“拒绝”那一行，或者直接用 result.n_rejected。",
)
def _rejected_rows() -> int:
    return _messy().n_rejected


@register(
    "09.2",
    "把 messy 数据按核心四类方案（core_four_class）分层，A 类客户（A1 和 A2 合计）有多少户？",
    "用 result.table(tl.builtin_scheme('core_four_class')) 得到分层表，再把 households_of('A1') 和 households_of('A2') 相加。",
)
def _a_class() -> int:
    return _a_households()


@register(
    "09.3",
    "如果把 messy 数据的余额单位误当成万元（unit='万元'）读入，A 类客户（A1 和 A2 合计）会变成多少户？",
    "用 tl.load_sample_export（'messy', unit='万元'） 重新读入，再按 09.2 的办法数 A1 和 A2 的户数。",
    explain=lambda n: f"单位错一级，A 类客户从 {_a_households()} 户变成 {n} 户：读数据前一定先确认单位。",
)
def _a_class_wrong_unit() -> int:
    return _a_households("万元")

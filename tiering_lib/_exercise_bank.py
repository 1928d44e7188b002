"""Exercises of notebooks 01–04 (why tier, the Suzhou data, tiering logic, deposits vs fees)."""

from __future__ import annotations

from ._exercises import close_to, equal_to, register


@register(
    "02.1",
    "苏州 2012 年 2 月底,余额在 100 万元以上的客户有多少户?",
    "用 tl.load_suzhou_bands() 得到五档表,再用 .households_of('5') 取最高一档的户数。",
)
def _top_band_households() -> int:
    from ._data import load_suzhou_bands

    return load_suzhou_bands().households_of("5")

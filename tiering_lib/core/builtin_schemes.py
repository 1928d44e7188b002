"""The built-in tier schemes, as plain data (validated by ``scheme_from_dict``).

Sources: the training deck 中高端客户分层管理维护实务 — the Suzhou February-2012
tables (five reporting bands; three classes A/B/C) and the table of the core
retail tiering system (零售业务客户分层管理核心体系, four classes with A split at
50万).  Service keys (服务关键点) are the deck's, per segment.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BUILTIN_SPECS", "SERVICE_KEYS"]

#: The deck's service key points (服务关键点) for each segment (§5).
SERVICE_KEYS: dict[str, list[str]] = {
    "高端": ["专属客户经理", "定期联络", "综合金融服务规划方案", "提供个性化、私密化服务"],
    "中端": ["多元化产品套餐覆盖", "定期联络", "理财沙龙及客户联谊活动"],
    "普通": ["快速便捷的服务", "多元化产品覆盖"],
}

_DECK = "培训课件《中高端客户分层管理维护实务》"


def _tier(code: str, zh: str, en: str, lower: str, upper: str | None, segment: str | None) -> dict[str, Any]:
    return {
        "code": code,
        "name_zh": zh,
        "name_en": en,
        "lower": lower,
        "upper": upper,
        "segment": segment,
        "service_keys": SERVICE_KEYS.get(segment, []) if segment else [],
    }


BUILTIN_SPECS: dict[str, dict[str, Any]] = {
    "suzhou_three_class": {
        "name": "suzhou_three_class",
        "title_zh": "苏州三类客户（A/B/C）",
        "unit": "万元",
        "display_descending": True,
        "source": _DECK + "，邮政储蓄余额的客户结构分析（苏州，2012年2月）",
        "tiers": [
            _tier("C", "C类客户（0-1万）", "class C (under 10k yuan)", "0", "1", "普通"),
            _tier("B", "B类客户（1-20万）", "class B (10k-200k yuan)", "1", "20", "中端"),
            _tier("A", "A类客户（20万以上）", "class A (200k yuan and above)", "20", None, "高端"),
        ],
    },
    "core_four_class": {
        "name": "core_four_class",
        "title_zh": "零售业务客户分层核心体系（A/B/C/D，A类以50万再分）",
        "unit": "万元",
        "display_descending": True,
        "source": _DECK + "，零售业务客户分层管理核心体系",
        "tiers": [
            _tier("D", "D类客户（1万元以下）", "class D (under 10k yuan)", "0", "1", "普通"),
            _tier("C", "C类客户（1万元-5万元）", "class C (10k-50k yuan)", "1", "5", "中端"),
            _tier("B", "B类客户（5万元-20万元）", "class B (50k-200k yuan)", "5", "20", "中端"),
            _tier("A2", "A类客户（20万元-50万元）", "class A, lower (200k-500k yuan)", "20", "50", "高端"),
            _tier("A1", "A类客户（50万元以上）", "class A, upper (500k yuan and above)", "50", None, "高端"),
        ],
    },
    "suzhou_five_band": {
        "name": "suzhou_five_band",
        "title_zh": "苏州余额结构五档（2012年2月报表口径）",
        "unit": "万元",
        "display_descending": False,
        "source": _DECK + "，以苏州为例（2012年2月底）",
        "tiers": [
            _tier("1", "0-1万（不含）", "0-10k yuan (excl.)", "0", "1", None),
            _tier("2", "1万-5万（不含）", "10k-50k yuan (excl.)", "1", "5", None),
            _tier("3", "5万-20万（不含）", "50k-200k yuan (excl.)", "5", "20", None),
            _tier("4", "20万-100万（不含）", "200k-1m yuan (excl.)", "20", "100", None),
            _tier("5", "100万以上", "1m yuan and above", "100", None, None),
        ],
    },
}

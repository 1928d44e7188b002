"""The 速查卡 is generated from the data the notebooks use: change the data and the card changes."""

from __future__ import annotations

import re

from helpers.handouts import TOOLS  # noqa: F401  (puts tools/ on sys.path)

import tiering_lib as tl
from handouts.card import card_html
from tiering_lib.core.builtin_schemes import BUILTIN_SPECS


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", page)


def test_the_card_shows_every_scheme_tier_service_standard_and_step():
    text = _text(card_html())
    for name in tl.builtin_scheme_names():
        scheme = tl.builtin_scheme(name)
        assert scheme.title_zh in text
        assert all(t.name_zh in text for t in scheme.tiers)
    for row in tl.service_matrix():
        assert row["key_metric"] in text and all(k in text for k in row["service_keys"])
    assert all(s.name_zh in text and s.name_en in text for s in tl.CCPR_STANDARDS)
    guide = tl.maintenance_guide()
    assert all(p["step"] in text for p in guide["process"]) and all(s in text for s in guide["steps"])


def test_the_card_changes_when_a_scheme_bound_changes(monkeypatch):
    before = card_html()
    tiers = BUILTIN_SPECS["suzhou_three_class"]["tiers"]
    assert (tiers[1]["upper"], tiers[2]["lower"]) == ("20", "20")
    monkeypatch.setitem(tiers[1], "upper", "30")  # B 类 up to 30 万元 …
    monkeypatch.setitem(tiers[2], "lower", "30")  # … and A 类 from 30 万元
    after = card_html()
    assert after != before
    block = after.split("苏州三类客户", 1)[1].split("</table>", 1)[0]
    assert "30 万元 起" in block and "不到 30 万元" in block and "20 万元" not in block
    assert "余额正好 30 万元 属于 A" in _text(after)

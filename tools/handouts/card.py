"""The one-page 速查卡 (quick-reference card), generated from the data the notebooks use.

Schemes and their boundaries come from ``tl.builtin_scheme``; each tier's service key points and key metric
from ``tl.service_matrix``; CCPR from ``tl.CCPR_STANDARDS``; the maintenance principles, steps and process
from ``tl.maintenance_guide``.  Nothing on the card is typed here: change the data and the card changes.
"""

from __future__ import annotations

import html

from handouts import COURSE_TITLE
from handouts.pages import shell


def _e(text: object) -> str:
    return html.escape(str(text))


def _yuan(fen: int) -> str:
    """A bound in 分 as the deck writes it (万元)."""
    from tiering_lib.core.money import fen_to_unit

    if fen == 0:
        return "0 元"
    value = fen_to_unit(fen, "万元")
    return f"{value:,.0f} 万元" if value == int(value) else f"{value:,} 万元"


def _scheme_block(name: str) -> str:
    import tiering_lib as tl

    scheme = tl.builtin_scheme(name)
    tiers = reversed(scheme.tiers) if scheme.display_descending else scheme.tiers
    segments = any(t.segment for t in scheme.tiers)
    rows = "".join(
        f"<tr><td class='code'>{_e(t.code)}</td><td>{_e(t.name_zh)}</td>"
        f"<td>{_yuan(t.lower)} 起</td><td>{'—' if t.upper is None else '不到 ' + _yuan(t.upper)}</td>"
        + (f"<td>{_e(t.segment)}</td>" if segments else "") + "</tr>"
        for t in tiers
    )
    edge = scheme.tiers[-1]
    rule = f"余额正好 {_yuan(edge.lower)} 属于 {_e(edge.code)}（{_e(edge.name_zh)}）：下限算本层，上限不算。"
    return (
        f"<h3>{_e(scheme.title_zh)}</h3><table><thead><tr><th>代码</th><th>名称</th><th>下限（含）</th>"
        "<th>上限（不含）</th>" + ("<th>客户级别</th>" if segments else "") + f"</tr></thead><tbody>{rows}</tbody></table>"
        f"<p class='rule'>{rule}</p>"
    )


def _service_block() -> str:
    import tiering_lib as tl

    rows = "".join(
        f"<tr><td class='seg'>{_e(row['segment'])}客户</td>"
        f"<td>{'<br>'.join(_e(c['code'] + '：' + c['asset_level']) for c in row['classes'])}</td>"
        f"<td>{_e(row['focus'])}</td><td><b>{_e(row['key_metric'])}</b></td>"
        f"<td>{'、'.join(_e(k) for k in row['service_keys'])}</td></tr>"
        for row in tl.service_matrix()
    )
    return (
        "<h2>各层客户：服务关键点与关键指标</h2><table><thead><tr><th>客户级别</th><th>资产级别</th>"
        f"<th>管理重点</th><th>关键指标</th><th>服务关键点</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _ccpr_block() -> str:
    import tiering_lib as tl

    items = "".join(
        f"<li><span class='letter'>{_e(s.letter)}</span><b>{_e(s.name_zh)}</b>（{_e(s.name_en)}）："
        f"{_e(s.actions_zh[0])}</li>"
        for s in tl.CCPR_STANDARDS
    )
    return f"<h2>CCPR：客户体验的四个标准</h2><ul class='ccpr'>{items}</ul>"


def _maintenance_block() -> str:
    import tiering_lib as tl

    guide = tl.maintenance_guide()
    process = "".join(f"<li><b>{_e(p['step'])}</b>：{_e(p['purpose'])}</li>" for p in guide["process"])
    return (
        "<h2>客户维护</h2>"
        f"<p><b>维护流程</b></p><ol class='process'>{process}</ol>"
        f"<p><b>维护步骤</b>：{' → '.join(_e(s) for s in guide['steps'])}</p>"
        f"<p><b>维护原则</b>：{'、'.join(_e(p) for p in guide['principles'])}</p>"
    )


def card_html() -> str:
    """The 速查卡 as a complete page (A4 landscape when printed)."""
    import tiering_lib as tl

    schemes = "".join(_scheme_block(name) for name in tl.builtin_scheme_names())
    body = (
        "<main class='card'>"
        f"<header><h1>速查卡 · 客户分层</h1><p class='from'>{COURSE_TITLE} · 各项内容由课程数据生成</p></header>"
        f"<div class='columns'><section><h2>分层方案与门槛</h2>{schemes}</section>"
        f"<section>{_service_block()}{_ccpr_block()}{_maintenance_block()}</section></div>"
        "</main>"
    )
    return shell("速查卡", body, css="card.css")

"""The action-plan form (ipywidgets): fill in the branch's measures, see the plan, export it.

Thin: every change rebuilds the :class:`~tiering_lib.course.action_plan.ActionPlan`
from the controls (:func:`read_form`) and shows
:func:`~tiering_lib.course.action_plan_export.sections_html`; the 导出 button calls
:func:`~tiering_lib.course.action_plan_export.export_action_plan`, which saves an
``.xlsx`` and a printable ``.html`` in the learner's workspace and never
overwrites a file.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import ipywidgets as widgets

from tiering_lib.core.widget_picture import Interactive
from tiering_lib.course.action_plan import Action, ActionPlan, default_contact_days, scheme_title, tier_counts
from tiering_lib.course.action_plan_export import export_action_plan, sections_html
from tiering_lib.course.action_plan_template import load_action_plan_template
from tiering_lib.display import escape, feedback_box
from tiering_lib.errors import TieringError

__all__ = ["action_plan_form", "read_form"]

_TIMES = [f"{h:02d}:{m:02d}" for h in range(7, 22) for m in (0, 30)]
_STYLE = {"description_width": "170px"}


def _number(value: float) -> Decimal:
    return Decimal(f"{value:g}")


def _hours(label: str, opens: str, closes: str) -> widgets.HBox:
    first = widgets.Dropdown(options=_TIMES, value=opens, description=label, style=_STYLE,
                             layout=widgets.Layout(width="290px"))
    last = widgets.Dropdown(options=_TIMES, value=closes, description="至", style={"description_width": "30px"},
                            layout=widgets.Layout(width="140px"))
    return widgets.HBox([first, last])


def _contact_inputs(days: dict[str, int]) -> list[widgets.BoundedIntText]:
    return [widgets.BoundedIntText(value=d, min=1, max=365, description=f"{code}类客户每隔（天）", style=_STYLE,
                                   layout=widgets.Layout(width="290px")) for code, d in days.items()]


def _action_row(k: int, example: str) -> widgets.HBox:
    what = widgets.Text(placeholder=f"例如：{example}" if example else "做什么", description=f"行动 {k}",
                        style={"description_width": "60px"}, layout=widgets.Layout(width="460px"))
    owner = widgets.Text(placeholder="负责人", layout=widgets.Layout(width="120px"))
    due = widgets.DatePicker(description="完成日期", style={"description_width": "70px"},
                             layout=widgets.Layout(width="240px"))
    return widgets.HBox([what, owner, due])


def read_form(form: Interactive | widgets.Box) -> ActionPlan:
    """The plan the form's controls describe now."""
    c = getattr(form, "widget", form).controls
    return ActionPlan(
        title=c["template"].title, branch=c["branch"].value, scheme=c["scheme"].value,
        rm_count=c["rm_count"].value, list_size=c["list_size"].value, contacts_per_day=c["per_day"].value,
        vip_window=tuple(w.value for w in c["vip"].children), wealth_room=tuple(w.value for w in c["room"].children),
        contact_days=dict(zip(c["contact_codes"], (w.value for w in c["contacts"].children))),
        targets=tuple((t.segment, t.target_label, t.unit, _number(w.value))
                      for t, w in zip(c["template"].scorecard, c["targets"])),
        meetings=tuple(m for m, w in zip(c["template"].meetings, c["meetings"]) if w.value),
        actions=tuple(Action(r.children[0].value, r.children[1].value, r.children[2].value) for r in c["actions"]),
    )


def _controls(t: Any) -> dict[str, Any]:
    """The form's controls, filled in from the template."""
    rm = t.relationship_managers
    c: dict[str, Any] = {"template": t}
    c["branch"] = widgets.Text(placeholder="例如：城东支局", description="网点名称", style=_STYLE)
    c["scheme"] = widgets.Dropdown(options=[(scheme_title(n), n) for n in t.schemes], value=t.schemes[0],
                                   description="分层标准", style=_STYLE, layout=widgets.Layout(width="560px"))
    c["rm_count"] = widgets.BoundedIntText(value=rm.count, min=1, max=50, description="客户经理（位）", style=_STYLE)
    c["list_size"] = widgets.BoundedIntText(value=rm.list_size, min=10, max=5000, step=10,
                                            description="每人名单上限（户）", style=_STYLE)
    c["per_day"] = widgets.BoundedIntText(value=rm.contacts_per_day, min=1, max=50,
                                          description="每人每天联系（位）", style=_STYLE)
    c["vip"] = _hours("贵宾窗口开放", t.service_hours.vip_window.opens, t.service_hours.vip_window.closes)
    c["room"] = _hours("理财室开放", t.service_hours.wealth_room.opens, t.service_hours.wealth_room.closes)
    c["contact_codes"] = list(t.contact_days)
    c["contacts"] = widgets.VBox(_contact_inputs(dict(t.contact_days)))
    c["targets"] = [widgets.BoundedFloatText(value=float(x.target), min=0, max=1000, step=0.5,
                                             description=f"{x.target_label}（{x.unit}）",
                                             style={"description_width": "300px"}, layout=widgets.Layout(width="420px"))
                    for x in t.scorecard]
    c["meetings"] = [widgets.Checkbox(value=True, description=f"{m.name}（{m.when}，{m.minutes} 分钟）",
                                      style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
                     for m in t.meetings]
    examples = list(t.actions.examples) + [""] * t.actions.count
    c["actions"] = [_action_row(k, examples[k - 1]) for k in range(1, t.actions.count + 1)]
    return c


def action_plan_form(balances: Any = None, template: Any = None) -> Interactive:
    """The form of the branch action plan, with a live preview and an 导出 button.

    Parameters
    ----------
    balances : array of int, optional
        The branch's customers' total assets in 分 (e.g. ``book.aum``): the plan
        then counts the customers of each tier and checks the name lists and
        the contact load against the managers' capacity.
    template : ActionPlanTemplate, optional
        The trainer's template; ``data/action_plan_template.yaml`` by default.

    Examples
    --------
    >>> form = action_plan_form()
    >>> read_form(form).scheme
    'core_four_class'
    """
    t = load_action_plan_template() if template is None else template
    counted: dict[str, dict[str, int]] = {}

    def counts(name: str) -> dict[str, int] | None:
        if balances is None:
            return None
        if name not in counted:
            counted[name] = tier_counts(balances, name)
        return counted[name]

    c = _controls(t)
    export = widgets.Button(description="导出 Excel 和打印页", button_style="primary", layout=widgets.Layout(width="auto"))
    export.add_class("tl-plan-export")
    message = widgets.HTML()
    preview = widgets.HTML()
    preview.add_class("tl-plan-preview")

    def refresh(_change: Any = None) -> None:
        plan = read_form(box)
        preview.value = f'<div class="jp-RenderedHTMLCommon">{sections_html(plan, counts(plan.scheme), heading="h4")}</div>'

    def on_scheme(_change: Any = None) -> None:
        days = default_contact_days(t, c["scheme"].value)
        c["contact_codes"] = list(days)
        c["contacts"].children = _contact_inputs(days)
        for w in c["contacts"].children:
            w.observe(refresh, names="value")
        refresh()

    def on_export(_: Any) -> None:
        plan = read_form(box)
        try:
            saved = export_action_plan(plan, counts=counts(plan.scheme))
        except (TieringError, OSError) as exc:
            message.value = feedback_box(False, escape(f"没有保存：{exc}"))
            return
        message.value = feedback_box(True, saved._repr_html_())

    section = lambda text: widgets.HTML(f"<b>{escape(text)}</b>")  # noqa: E731 - a heading in the form
    box = widgets.VBox([
        section("1. 网点与分层标准"), c["branch"], c["scheme"],
        section("2. 客户经理与名单（名单制）"), c["rm_count"], c["list_size"], c["per_day"],
        section("3. 贵宾窗口与理财室"), c["vip"], c["room"],
        section("4. 联系频率"), c["contacts"],
        section("5. 关键指标记分卡的目标"), *c["targets"],
        section("6. 会议制度"), *c["meetings"],
        section("7. 具体行动（做什么、谁负责、何时完成）"), *c["actions"],
        widgets.HBox([export]), message, section("预览"), preview,
    ])
    box.controls = c
    box.add_class("tl-action-plan")
    c["scheme"].observe(on_scheme, names="value")
    for w in [c["branch"], c["rm_count"], c["list_size"], c["per_day"], *c["vip"].children, *c["room"].children,
              *c["contacts"].children, *c["targets"], *c["meetings"],
              *[x for row in c["actions"] for x in row.children]]:
        w.observe(refresh, names="value")
    export.on_click(on_export)
    refresh()
    return Interactive(box)

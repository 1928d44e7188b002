"""The trainer's template of the branch action plan: ``data/action_plan_template.yaml``, checked when read.

:class:`ActionPlanTemplate` is a pydantic model (unknown fields refused, values
frozen) with the rules between fields as validators: every tier standard offered
is a built-in scheme; ``contact_days`` names exactly the tiers of the first
standard that have relationship managers (高端 and 中端); each key metric of the
scorecard is the deck's key metric of its segment, each segment once; hours are
``HH:MM`` and close after they open; meeting names are unique.  A problem is
raised as :class:`~tiering_lib.errors.ConfigError` naming the file, the field and
what to do (``tiering_lib.datasets.validation``).  This module imports pydantic:
it is loaded only when a template is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from tiering_lib.datasets.validation import FileModel, NonNegative, Text, rule_error

__all__ = ["ActionPlanTemplate", "load_action_plan_template", "scheme_named"]

_FILE = "action_plan_template.yaml"
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
Count = Annotated[int, Field(ge=1, strict=True)]


def scheme_named(name: str):
    """The built-in tier scheme ``name``."""
    from tiering_lib.core.scheme_files import builtin_scheme

    return builtin_scheme(name)


class _Hours(FileModel):
    opens: Text
    closes: Text

    def model_post_init(self, _context: Any) -> None:
        for name in ("opens", "closes"):
            if not _TIME.fullmatch(getattr(self, name)):
                raise rule_error(name, f"“{getattr(self, name)}”不是时间；请写成 09:00 这样的 24 小时制")
        if self.opens >= self.closes:
            raise rule_error("closes", f"结束时间 {self.closes} 应晚于开始时间 {self.opens}")


class _ServiceHours(FileModel):
    vip_window: _Hours
    wealth_room: _Hours


class _Managers(FileModel):
    count: Count
    list_size: Count
    contacts_per_day: Count = 10


class _Target(FileModel):
    segment: Literal["高端", "中端", "普通"]
    metric: Text
    target_label: Text
    unit: Text
    target: NonNegative


class _Meeting(FileModel):
    name: Text
    when: Text
    minutes: Count
    agenda: Text


class _Actions(FileModel):
    count: Annotated[int, Field(ge=1, le=6, strict=True)]
    examples: tuple[Text, ...] = ()


class ActionPlanTemplate(FileModel):
    """``data/action_plan_template.yaml``: the defaults of the action-plan form (see data/README.md)."""

    title: Text
    schemes: Annotated[tuple[Text, ...], Field(min_length=1)]
    relationship_managers: _Managers
    service_hours: _ServiceHours
    contact_days: dict[str, Count]
    scorecard: Annotated[tuple[_Target, ...], Field(min_length=1)]
    meetings: Annotated[tuple[_Meeting, ...], Field(min_length=1)]
    actions: _Actions

    def model_post_init(self, _context: Any) -> None:
        from tiering_lib.core.scheme_files import builtin_scheme_names

        names = builtin_scheme_names()
        for k, name in enumerate(self.schemes):
            if name not in names:
                raise rule_error(f"schemes[{k}]", f"没有名为 {name} 的分层方案；可用的方案：{'、'.join(names)}")
        scheme = scheme_named(self.schemes[0])
        served = [t.code for t in scheme.tiers if t.segment in ("高端", "中端")]
        for code in self.contact_days:
            if code not in served:
                raise rule_error(f"contact_days.{code}", f"{code} 不是 {scheme.name} 中设客户经理的层级（{'、'.join(served)}）")
        for code in served:
            if code not in self.contact_days:
                raise rule_error("contact_days", f"缺少 {code} 类客户的联系间隔（天）")
        metrics = {t.segment: t.key_metric for t in scheme.tiers}
        segments = [t.segment for t in self.scorecard]
        for k, target in enumerate(self.scorecard):
            if segments.count(target.segment) > 1:
                raise rule_error(f"scorecard[{k}].segment", f"{target.segment}客户的指标写了不止一次")
            if metrics.get(target.segment) != target.metric:
                raise rule_error(f"scorecard[{k}].metric",
                                 f"{target.segment}客户的关键指标是{metrics.get(target.segment)}，不是{target.metric}")
        meeting_names = [m.name for m in self.meetings]
        for k, name in enumerate(meeting_names):
            if meeting_names.count(name) > 1:
                raise rule_error(f"meetings[{k}].name", f"会议“{name}”写了不止一次")


def load_action_plan_template(path: str | Path | None = None) -> ActionPlanTemplate:
    """The trainer's template: ``data/action_plan_template.yaml``, or the YAML file at ``path``.

    Raises
    ------
    ConfigError
        Naming the file, the field and, in Chinese, what to do.

    Examples
    --------
    >>> t = load_action_plan_template()
    >>> t.schemes[0], t.actions.count
    ('core_four_class', 3)
    """
    from tiering_lib.datasets.validation import load_settings, validate_file

    if path is None:
        return load_settings(_FILE, ActionPlanTemplate)
    import yaml

    from tiering_lib.errors import ConfigError

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(path.name, "", f"无法读取（{type(exc).__name__}）；请确认文件存在，并且是 UTF-8 编码的 YAML") from None
    return validate_file(ActionPlanTemplate, data, path.name)

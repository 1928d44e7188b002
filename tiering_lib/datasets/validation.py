"""Checking the YAML files people edit (case files, settings) with pydantic, and saying what is wrong in Chinese.

Each file has a pydantic model (:class:`FileModel`: unknown fields refused,
values frozen); cross-field rules are the models' validators, which report a
problem with :func:`rule_error`.  :func:`validate_file` validates parsed YAML
against a model and turns the first problem into the library's error
(:class:`~tiering_lib.errors.CaseError` or :class:`~tiering_lib.errors.ConfigError`)
naming the file, the field path as written in the schema (``timeline[2].at``)
and what to do; an unknown field gets the nearest known name as a suggestion.

This module imports pydantic, so only modules that read a file import it
(``import tiering_lib`` stays light).
"""

from __future__ import annotations

import difflib
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PlainValidator, Strict, StringConstraints, ValidationError
from pydantic_core import PydanticCustomError

from tiering_lib.errors import ConfigError, TieringError

__all__ = [
    "FileModel",
    "Text",
    "Int",
    "Bool",
    "Number",
    "Exact",
    "NonNegative",
    "Yuan",
    "rule_error",
    "field_path",
    "error_from_validation",
    "validate_file",
    "load_settings",
]


class FileModel(BaseModel):
    """Base of every file model: unknown fields are errors, validated values cannot change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number_type", "应为数字")
    return value


def _exact(value: Any) -> Decimal:
    if isinstance(value, float):
        raise PydanticCustomError("exact_float", "应把数字写成带引号的文字（如 \“0.25\”），以便精确读取")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise PydanticCustomError("number_type", "应为数字")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise PydanticCustomError("number_type", "应为数字") from None
    if not number.is_finite():
        raise PydanticCustomError("number_type", "应为有限的数字")
    return number


def _non_negative(value: Any) -> Decimal:
    number = _exact(value)
    if number < 0:
        raise PydanticCustomError("negative", "{value} 是负数；应 ≥ 0", {"value": str(value)})
    return number


def _yuan(value: Any) -> int:
    from tiering_lib.core.money import to_fen
    from tiering_lib.errors import DataError

    number = _non_negative(value)
    try:
        return to_fen(number)
    except DataError:
        raise PydanticCustomError("yuan", "{value} 元不是整分的金额；最多写两位小数", {"value": str(value)}) from None


#: Non-empty text (surrounding spaces removed); numbers are not taken as text.
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1)]
#: A whole number (not ``true``/``false``, not ``2.0``).
Int = Annotated[int, Strict()]
#: ``true`` or ``false``.
Bool = Annotated[bool, Strict()]
#: A number written plainly (``5``, ``1.5``), kept as int or float.
Number = Annotated[int | float, PlainValidator(_number)]
#: A number read exactly as a Decimal: text (``"0.25"``) or a whole number; floats are refused.
Exact = Annotated[Decimal, PlainValidator(_exact)]
#: An :data:`Exact` number that is not negative.
NonNegative = Annotated[Decimal, PlainValidator(_non_negative)]
#: An amount in 元 (text or a whole number), read as a whole number of 分.
Yuan = Annotated[int, PlainValidator(_yuan)]


def rule_error(field: str, problem: str) -> PydanticCustomError:
    """The error a cross-field validator raises: ``problem`` (Chinese) at ``field``.

    ``field`` is relative to the model whose validator raises it (``"at"``,
    ``"timeline[2].at"``, or ``""`` for the model itself).

    Examples
    --------
    >>> rule_error("at", "早于上一事件").message()
    '早于上一事件'
    """
    return PydanticCustomError("rule", "{problem}", {"problem": problem, "field": field})


def field_path(loc: tuple[Any, ...], extra: str = "") -> str:
    """A pydantic error location as the schema writes it, e.g. ``('timeline', 2, 'at')`` → ``timeline[2].at``.

    Examples
    --------
    >>> field_path(("timeline", 2, "who", 0))
    'timeline[2].who[0]'
    >>> field_path(("timeline", 2), "note")
    'timeline[2].note'
    """
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    if extra:
        path += extra if extra.startswith("[") else f".{extra}"
    return path.lstrip(".")


def _unwrap(tp: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _type_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The declared type at ``loc`` inside ``model`` (None if the path leaves the schema)."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(part, str):
            fields = {f.alias or name: f for name, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[part].annotation
        elif typing.get_origin(tp) in (tuple, list) and isinstance(part, int):
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _known_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    tp = _type_at(model, loc)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or name for name, f in tp.model_fields.items()]
    return []


def _show(value: Any) -> str:
    text = f"“{value}”" if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


_KIND = {
    "string_type": "文字",
    "int_type": "整数",
    "int_from_float": "整数",
    "bool_type": "true 或 false",
    "number_type": "数字",
    "tuple_type": "列表（每项一行、以“- ”开头，或写成 [甲， 乙]）",
    "list_type": "列表（每项一行、以“- ”开头，或写成 [甲， 乙]）",
    "dict_type": "一组“字段：值”",
    "model_type": "一组“字段：值”",
    "model_attributes_type": "一组“字段：值”",
}


def _problem(err: dict[str, Any], model: type[BaseModel]) -> str:
    """What is wrong, in Chinese, for one pydantic error."""
    kind, loc, value = err["type"], err["loc"], err.get("input")
    ctx = err.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"缺少字段 {name}；请补上这一项"
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f"（是不是想写 {close[0]}？）" if close else f"（可用的字段：{'、'.join(known)}）" if known else ""
        return f"没有 {name} 这个字段{hint}；请改正字段名或删去这一项"
    if kind in _KIND:
        if value is None:
            return f"没有填写；请填写{_KIND[kind]}"
        where = "" if loc else "文件的顶层"
        space = " " if _KIND[kind][0].isascii() else ""
        return f"{where}应为{space}{_KIND[kind]}，现在是 {_show(value)}"
    if kind == "string_too_short":
        return "内容为空；请填写文字"
    if kind == "too_short":
        return f"至少要有 {ctx.get('min_length')} 项；请补上"
    if kind == "too_long":
        return f"最多只能有 {ctx.get('max_length')} 项，现在有 {ctx.get('actual_length')} 项"
    if kind == "literal_error":
        allowed = typing.get_args(_type_at(model, loc) or Literal[()])
        choices = " / ".join(str(a) for a in allowed) or ctx.get("expected", "")
        return f"{_show(value)} 不是可选的值；请写 {choices} 之一"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"应 {sign} {bound}，现在是 {_show(value)}"
    if kind == "rule":
        return str(ctx["problem"])
    message = err.get("msg", "")
    return message if kind in ("exact_float",) or not message.isascii() else f"{message}（值：{_show(value)}）"


def error_from_validation(
    exc: ValidationError, file: str, model: type[BaseModel], error: type[TieringError] = ConfigError
) -> TieringError:
    """The library's error for a pydantic :class:`~pydantic.ValidationError` of one file.

    The first problem is reported (an unknown field first: a misspelt name also
    leaves the right one missing), as ``error(file, field, problem)``.

    Parameters
    ----------
    exc : pydantic.ValidationError
        What :meth:`model.model_validate` raised.
    file : str
        The file's name as the user knows it (``"03_kiosk.yaml"``, ``"data/maintenance.yaml"``).
    model : type
        The model that was validated (for the field names a typo is compared with).
    error : type
        :class:`~tiering_lib.errors.ConfigError` (default) or :class:`~tiering_lib.errors.CaseError`.

    Examples
    --------
    >>> class Person(FileModel):
    ...     name: Text
    >>> try:
    ...     Person.model_validate({"nmae": "甲"})
    ... except ValidationError as exc:
    ...     print(error_from_validation(exc, "people.yaml", Person))
    people.yaml：nmae：没有 nmae 这个字段（是不是想写 name？）；请改正字段名或删去这一项（格式说明见 data/README.md）
    """
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    extra = str((first.get("ctx") or {}).get("field", "")) if first["type"] == "rule" else ""
    return error(file, field_path(first["loc"], extra), _problem(first, model))


M = typing.TypeVar("M", bound=BaseModel)


def validate_file(
    model: type[M], data: Any, file: str, error: type[TieringError] = ConfigError, context: dict | None = None
) -> M:
    """``model.model_validate(data)``, with any problem raised as ``error(file, field, problem)``.

    Examples
    --------
    >>> class Plan(FileModel):
    ...     days: Int
    >>> validate_file(Plan, {"days": 5}, "plan.yaml").days
    5
    >>> validate_file(Plan, {"days": "五"}, "plan.yaml")
    Traceback (most recent call last):
    ...
    tiering_lib.errors.ConfigError: plan.yaml：days：应为整数，现在是 “五”（格式说明见 data/README.md）
    """
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise error_from_validation(exc, file, model, error) from None


def load_settings(filename: str, model: type[M]) -> M:
    """The file ``data/<filename>``, read and validated against ``model``.

    Raises
    ------
    ConfigError
        Naming ``data/<filename>``, the field and what to do.

    Examples
    --------
    >>> class Scheme(FileModel):
    ...     model_config = {"extra": "ignore"}
    ...     scheme: Text
    >>> load_settings("tier_services.yaml", Scheme).scheme
    'core_four_class'
    """
    from tiering_lib.datasets import files

    return validate_file(model, files.load_yaml_dataset(filename), f"data/{filename}")

"""Tier schemes from plain data and files (YAML, TOML, JSON), and the built-in schemes.

:func:`scheme_from_dict` reads the mapping a scheme file holds and hands the
tiers to :func:`~tiering_lib.core.schemes.validated_scheme`; every problem is a
:class:`~tiering_lib.errors.SchemeError` in Chinese naming the scheme, the tier
and the value, with the nearest known key for a misspelt one.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any, Mapping, Sequence

from tiering_lib.core.builtin_schemes import BUILTIN_SPECS
from tiering_lib.core.money import UNITS, to_fen
from tiering_lib.core.schemes import Tier, TierScheme, bounds_label, validated_scheme
from tiering_lib.errors import SchemeError, TieringError

__all__ = ["scheme_from_dict", "load_scheme", "builtin_scheme", "builtin_scheme_names"]

_TIER_KEYS = ("code", "name_zh", "name_en", "lower", "upper", "segment", "service_keys")
_SCHEME_KEYS = ("name", "title_zh", "unit", "display_descending", "source", "tiers")
_BOUND_NAMES = {"lower": "下限", "upper": "上限"}


def _unknown_keys(given: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    unknown = [str(k) for k in given if k not in allowed]
    if unknown:
        hints = [f"“{k}”（是不是“{m[0]}”？）" if (m := difflib.get_close_matches(k, allowed, 1)) else f"“{k}”"
                 for k in unknown]
        raise SchemeError(f"{where}：不认识的键 {'、'.join(hints)}；可用的键：{'、'.join(allowed)}")


def _bound(raw: Mapping[str, Any], key: str, unit: str, where: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, float):
        value = repr(value)  # YAML/TOML numbers: the literal digits are what was written
    try:
        fen = to_fen(value, unit)
    except TieringError as err:
        raise SchemeError(f"{where}：{_BOUND_NAMES[key]} {key}：{err}") from None
    if fen < 0:
        raise SchemeError(f"{where}：{_BOUND_NAMES[key]} {key} 是负数（{value} {unit}）")
    return fen


def _parsed_tiers(name: str, unit: str, raw_tiers: Sequence[Any]) -> list[tuple[Mapping[str, Any], int, int | None]]:
    parsed = []
    for i, raw in enumerate(raw_tiers):
        if not isinstance(raw, Mapping):
            raise SchemeError(f"方案“{name}”：第 {i + 1} 个层级不是映射（应写成 code、lower 等键值）")
        code = raw.get("code")
        where = f"方案“{name}”，层级“{code}”" if code else f"方案“{name}”，第 {i + 1} 个层级"
        _unknown_keys(raw, _TIER_KEYS, where)
        if raw.get("lower") is None:
            raise SchemeError(f"{where}：缺少下限 lower")
        lower, upper = _bound(raw, "lower", unit, where), _bound(raw, "upper", unit, where)
        if upper is not None and upper <= lower:
            raise SchemeError(f"{where}：上限 {raw.get('upper')} {unit} 不高于下限 {raw.get('lower')} {unit}")
        parsed.append((raw, lower, upper))
    return parsed


def _tier(raw: Mapping[str, Any], lower: int, upper: int | None) -> Tier:
    code = raw.get("code")
    keys = raw.get("service_keys") or ()
    keys = (keys,) if isinstance(keys, str) else keys
    return Tier(
        code=str(code) if code is not None else "",
        name_zh=str(raw.get("name_zh") or f"{code}类（{bounds_label(lower, upper)}）"),
        name_en=str(raw.get("name_en") or f"class {code}"),
        lower=lower,
        upper=upper,
        segment=raw.get("segment"),
        service_keys=tuple(str(k) for k in keys),
    )


def scheme_from_dict(spec: Mapping[str, Any]) -> TierScheme:
    """Build and validate a scheme from a plain dict (as read from YAML, TOML or JSON).

    Parameters
    ----------
    spec : mapping
        ``name``, optional ``title_zh``, ``unit`` of the bounds (``"元"`` by
        default, or ``"万元"``), optional ``display_descending`` and
        ``source``, and ``tiers``: a list of mappings with ``code``,
        ``lower``, optional ``upper`` (``None``/absent for the top tier, or
        when it equals the next tier's lower bound), ``name_zh``,
        ``name_en``, ``segment`` and ``service_keys``.

    Returns
    -------
    TierScheme

    Raises
    ------
    SchemeError
        Naming the tier and the value at fault, in Chinese.

    Examples
    --------
    >>> s = scheme_from_dict({"name": "two", "unit": "万元", "tiers": [
    ...     {"code": "L", "lower": 0, "upper": 5},
    ...     {"code": "H", "lower": 5}]})
    >>> s.codes, s.thresholds
    (('L', 'H'), (5000000,))
    >>> scheme_from_dict({"name": "two", "tier": []})
    Traceback (most recent call last):
    ...
    tiering_lib.errors.SchemeError: 方案“two”：不认识的键 “tier”（是不是“tiers”？）；可用的键：name、title_zh、unit、display_descending、source、tiers
    """
    if not isinstance(spec, Mapping):
        raise SchemeError(f"分层方案应是含 name 和 tiers 的映射，收到的是 {type(spec).__name__}")
    name = str(spec.get("name") or "custom")
    _unknown_keys(spec, _SCHEME_KEYS, f"方案“{name}”")
    unit = spec.get("unit", "元")
    if unit not in UNITS:
        raise SchemeError(f"方案“{name}”：单位“{unit}”不是{'、'.join(UNITS)}之一")
    raw_tiers = spec.get("tiers")
    if not isinstance(raw_tiers, Sequence) or isinstance(raw_tiers, (str, bytes)) or not raw_tiers:
        raise SchemeError(f"方案“{name}”：tiers 应是不为空的层级列表")
    parsed = _parsed_tiers(name, unit, raw_tiers)
    # An omitted upper bound means "up to the next tier's lower bound".
    lowers = sorted(lower for _, lower, _ in parsed)
    following = dict(zip(lowers, lowers[1:]))
    tiers = [
        _tier(raw, lower, following.get(lower) if upper is None and "upper" not in raw else upper)
        for raw, lower, upper in parsed
    ]
    return validated_scheme(
        name,
        str(spec.get("title_zh") or name),
        tiers,
        bool(spec.get("display_descending", False)),
        str(spec.get("source") or ""),
    )


def _parse(text: str, suffix: str) -> Any:
    if suffix in (".yaml", ".yml"):
        import yaml

        return yaml.safe_load(text)
    if suffix == ".toml":
        import tomllib

        return tomllib.loads(text)
    return json.loads(text)


def load_scheme(path: str | Path) -> TierScheme:
    """Read and validate a scheme from a ``.yaml``/``.yml``, ``.toml`` or ``.json`` file.

    Raises
    ------
    SchemeError
        If the file cannot be read or parsed, or the scheme is invalid; the
        message starts with the file name.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".toml", ".json"):
        raise SchemeError(f"{path}：不认识的方案文件类型“{suffix}”；请用 .yaml、.toml 或 .json")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or "不是 UTF-8 编码的文本"
        raise SchemeError(f"{path}：无法读取方案文件（{reason}）") from None
    try:
        spec = _parse(text, suffix)
    except Exception as err:  # parser errors of three libraries
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise SchemeError(f"{path}：不是有效的 {suffix[1:].upper()}（{first}）") from None
    try:
        return scheme_from_dict(spec)
    except SchemeError as err:
        raise SchemeError(f"{path}:{err}") from None


def builtin_scheme_names() -> tuple[str, ...]:
    """Names of the built-in schemes.

    Examples
    --------
    >>> builtin_scheme_names()
    ('suzhou_three_class', 'core_four_class', 'suzhou_five_band')
    """
    return tuple(BUILTIN_SPECS)


def builtin_scheme(name: str) -> TierScheme:
    """One of the built-in schemes, validated.

    Parameters
    ----------
    name : str
        ``"suzhou_three_class"`` (A ≥20万, B 1–20万, C <1万),
        ``"core_four_class"`` (A1 ≥50万, A2 20–50万, B 5–20万, C 1–5万,
        D <1万) or ``"suzhou_five_band"`` (the Suzhou reporting bands).

    Examples
    --------
    >>> builtin_scheme("core_four_class").codes
    ('D', 'C', 'B', 'A2', 'A1')
    """
    if name not in BUILTIN_SPECS:
        raise SchemeError(f"没有名为“{name}”的内置方案；可选：{'、'.join(BUILTIN_SPECS)}")
    return scheme_from_dict(BUILTIN_SPECS[name])

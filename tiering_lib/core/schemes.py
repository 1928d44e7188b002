"""Tier schemes as data: ordered tiers with half-open balance bounds.

A scheme is validated once, when it is built, so nothing downstream re-checks
it: the first tier starts at 0, every tier's upper bound is the next tier's
lower bound (no gap, no overlap), bounds strictly increase, the top tier is
open (``upper=None``) so every balance lands in exactly one tier, and codes are
unique.  Bounds are whole 分; a tier holds balances ``lower <= b < upper``,
which is what the deck's "(不含)" (upper bound not included) means.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from tiering_lib.core.money import UNITS, fen_to_unit, to_fen
from tiering_lib.errors import SchemeError, TieringError

__all__ = [
    "Tier",
    "TierScheme",
    "SEGMENTS",
    "scheme_from_dict",
    "load_scheme",
    "builtin_scheme",
    "builtin_scheme_names",
]

#: The deck's three customer segments (§5) and the key metric of each.
SEGMENTS: dict[str, str] = {
    "高端": "客户总资产",
    "中端": "交叉销售率",
    "普通": "办理业务等候时间",
}


@dataclass(frozen=True)
class Tier:
    """One tier of a scheme.

    Attributes
    ----------
    code : str
        Short unique code, e.g. ``"A"`` or ``"A1"``.
    name_zh, name_en : str
        Names shown to learners (Chinese) and maintainers (English).
    lower : int
        Lowest balance in the tier, in 分 (included).
    upper : int or None
        Upper bound in 分 (excluded); ``None`` for the open top tier.
    segment : str or None
        ``"高端"``, ``"中端"`` or ``"普通"`` (deck §5), if the scheme says.
    service_keys : tuple of str
        The deck's service key points (服务关键点) for the tier.
    """

    code: str
    name_zh: str
    name_en: str
    lower: int
    upper: int | None
    segment: str | None = None
    service_keys: tuple[str, ...] = ()

    @property
    def key_metric(self) -> str | None:
        """The segment's key metric (关键指标), from the deck §5."""
        return SEGMENTS.get(self.segment) if self.segment else None

    def contains(self, balance_fen: int) -> bool:
        """Whether a balance in 分 belongs to this tier (upper bound excluded)."""
        return self.lower <= balance_fen and (self.upper is None or balance_fen < self.upper)

    def bounds_label(self, unit: str = "万元") -> str:
        """Bounds as a short Chinese label, e.g. ``'1万-5万(不含)'`` or ``'100万以上'``."""
        return _bounds_label(self.lower, self.upper)


def _wan_text(fen: int) -> str:
    yuan = fen_to_unit(fen, "元")
    if fen % 1_000_000 == 0:
        return f"{fen_to_unit(fen, '万元')}万" if fen else "0"
    return f"{yuan}元"


def _bounds_label(lower: int, upper: int | None) -> str:
    if upper is None:
        return f"{_wan_text(lower)}以上"
    return f"{_wan_text(lower)}-{_wan_text(upper)}(不含)"


@dataclass(frozen=True)
class TierScheme:
    """An ordered, validated set of tiers (build with :func:`scheme_from_dict`).

    Attributes
    ----------
    name : str
        Machine name, e.g. ``"suzhou_three_class"``.
    title_zh : str
        Title shown to learners.
    tiers : tuple of Tier
        Sorted by lower bound, lowest first.
    display_descending : bool
        Whether tables list the top tier first (as the deck's A/B/C tables do).
    source : str
        Where the scheme comes from.
    """

    name: str
    title_zh: str
    tiers: tuple[Tier, ...]
    display_descending: bool = False
    source: str = ""
    _checked: bool = field(default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._checked:
            raise SchemeError(
                "build a TierScheme with scheme_from_dict() or load_scheme(), which validate it"
            )

    @property
    def codes(self) -> tuple[str, ...]:
        """Tier codes, lowest tier first."""
        return tuple(t.code for t in self.tiers)

    @property
    def codes_top_down(self) -> tuple[str, ...]:
        """Tier codes, highest tier first (the order of priority when serving customers).

        Examples
        --------
        >>> builtin_scheme("core_four_class").codes_top_down
        ('A1', 'A2', 'B', 'C', 'D')
        """
        return tuple(reversed(self.codes))

    @property
    def thresholds(self) -> tuple[int, ...]:
        """Inner bounds in 分 (every lower bound but the first 0)."""
        return tuple(t.lower for t in self.tiers[1:])

    def tier(self, code: str) -> Tier:
        """The tier with this code.

        Raises
        ------
        SchemeError
            If the scheme has no such code.
        """
        for t in self.tiers:
            if t.code == code:
                return t
        raise SchemeError(f"scheme {self.name!r} has no tier {code!r}; codes are {list(self.codes)}")

    def display_tiers(self) -> tuple[Tier, ...]:
        """Tiers in the order the scheme's tables show them."""
        return tuple(reversed(self.tiers)) if self.display_descending else self.tiers

    def with_thresholds(self, thresholds: Sequence[int]) -> "TierScheme":
        """The same tiers with new inner bounds in 分, validated again.

        Names that state bounds are kept as they are only if the bounds did not
        change; otherwise the Chinese name becomes the new bounds label.

        Examples
        --------
        >>> s = builtin_scheme("suzhou_three_class")
        >>> s.with_thresholds([1_000_000, 30_000_000]).tier("A").lower
        30000000
        """
        thresholds = [int(t) for t in thresholds]
        if len(thresholds) != len(self.tiers) - 1:
            raise SchemeError(
                f"scheme {self.name!r} has {len(self.tiers)} tiers and needs "
                f"{len(self.tiers) - 1} thresholds, got {len(thresholds)}"
            )
        lowers = [0, *thresholds]
        uppers = [*thresholds, None]
        tiers = []
        for t, lo, up in zip(self.tiers, lowers, uppers):
            moved = (lo, up) != (t.lower, t.upper)
            name = f"{t.code}类({_bounds_label(lo, up)})" if moved else t.name_zh
            tiers.append(replace(t, lower=lo, upper=up, name_zh=name))
        return _validated(self.name, self.title_zh, tiers, self.display_descending, self.source)

    def to_dict(self) -> dict[str, Any]:
        """The scheme as a plain dict that :func:`scheme_from_dict` reads back (bounds in 元)."""
        return {
            "name": self.name,
            "title_zh": self.title_zh,
            "unit": "元",
            "display_descending": self.display_descending,
            "source": self.source,
            "tiers": [
                {
                    "code": t.code,
                    "name_zh": t.name_zh,
                    "name_en": t.name_en,
                    "lower": str(fen_to_unit(t.lower, "元")),
                    "upper": None if t.upper is None else str(fen_to_unit(t.upper, "元")),
                    "segment": t.segment,
                    "service_keys": list(t.service_keys),
                }
                for t in self.tiers
            ],
        }


def _validated(
    name: str,
    title_zh: str,
    tiers: Iterable[Tier],
    display_descending: bool,
    source: str,
) -> TierScheme:
    tiers = tuple(tiers)
    if not tiers:
        raise SchemeError(f"scheme {name!r} has no tiers; give at least one")
    seen: set[str] = set()
    for t in tiers:
        if not t.code or not isinstance(t.code, str):
            raise SchemeError(f"scheme {name!r}: a tier has no code; give each tier a short code such as 'A'")
        if t.code in seen:
            raise SchemeError(f"scheme {name!r}: tier code {t.code!r} is used twice; codes must be unique")
        seen.add(t.code)
        if t.segment is not None and t.segment not in SEGMENTS:
            raise SchemeError(
                f"scheme {name!r}, tier {t.code!r}: segment {t.segment!r} is not one of {list(SEGMENTS)}"
            )
    ordered = tuple(sorted(tiers, key=lambda t: t.lower))
    if ordered[0].lower != 0:
        raise SchemeError(
            f"scheme {name!r}, tier {ordered[0].code!r}: the lowest tier starts at "
            f"{fen_to_unit(ordered[0].lower)} 元 but must start at 0, or balances below it land in no tier"
        )
    for low, high in zip(ordered, ordered[1:]):
        if high.lower == low.lower:
            raise SchemeError(
                f"scheme {name!r}: tiers {low.code!r} and {high.code!r} both start at "
                f"{fen_to_unit(low.lower)} 元; bounds must strictly increase"
            )
        if low.upper is None:
            raise SchemeError(
                f"scheme {name!r}, tier {low.code!r}: it has no upper bound but tier {high.code!r} "
                f"starts above it at {fen_to_unit(high.lower)} 元; only the top tier may be open"
            )
        if low.upper < high.lower:
            raise SchemeError(
                f"scheme {name!r}: gap between tier {low.code!r} (ends at {fen_to_unit(low.upper)} 元) "
                f"and tier {high.code!r} (starts at {fen_to_unit(high.lower)} 元); "
                "balances in between would land in no tier"
            )
        if low.upper > high.lower:
            raise SchemeError(
                f"scheme {name!r}: tier {low.code!r} (ends at {fen_to_unit(low.upper)} 元) overlaps "
                f"tier {high.code!r} (starts at {fen_to_unit(high.lower)} 元); "
                "a balance must land in exactly one tier"
            )
    top = ordered[-1]
    if top.upper is not None:
        raise SchemeError(
            f"scheme {name!r}, tier {top.code!r}: the top tier ends at {fen_to_unit(top.upper)} 元; "
            "leave its upper bound empty (null) so that larger balances have a tier"
        )
    return TierScheme(
        name=name,
        title_zh=title_zh,
        tiers=ordered,
        display_descending=bool(display_descending),
        source=source,
        _checked=True,
    )


_TIER_KEYS = {"code", "name_zh", "name_en", "lower", "upper", "segment", "service_keys"}
_SCHEME_KEYS = {"name", "title_zh", "unit", "display_descending", "source", "tiers"}


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
        Naming the tier and the value at fault.

    Examples
    --------
    >>> s = scheme_from_dict({"name": "two", "unit": "万元", "tiers": [
    ...     {"code": "L", "lower": 0, "upper": 5},
    ...     {"code": "H", "lower": 5}]})
    >>> s.codes, s.thresholds
    (('L', 'H'), (5000000,))
    """
    if not isinstance(spec, Mapping):
        raise SchemeError(f"a scheme must be a mapping with 'name' and 'tiers', got {type(spec).__name__}")
    name = str(spec.get("name") or "custom")
    unknown = set(spec) - _SCHEME_KEYS
    if unknown:
        raise SchemeError(f"scheme {name!r}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_SCHEME_KEYS)}")
    unit = spec.get("unit", "元")
    if unit not in UNITS:
        raise SchemeError(f"scheme {name!r}: unit {unit!r} is not one of {list(UNITS)}")
    raw_tiers = spec.get("tiers")
    if not isinstance(raw_tiers, Sequence) or isinstance(raw_tiers, (str, bytes)) or not raw_tiers:
        raise SchemeError(f"scheme {name!r}: 'tiers' must be a non-empty list of tiers")
    lowers: list[int] = []
    parsed = []
    for i, raw in enumerate(raw_tiers):
        if not isinstance(raw, Mapping):
            raise SchemeError(f"scheme {name!r}: tier #{i + 1} is not a mapping")
        code = raw.get("code")
        label = repr(code) if code else f"#{i + 1}"
        bad = set(raw) - _TIER_KEYS
        if bad:
            raise SchemeError(f"scheme {name!r}, tier {label}: unknown key(s) {sorted(bad)}")
        if raw.get("lower") is None:
            raise SchemeError(f"scheme {name!r}, tier {label}: 'lower' bound is missing")
        bounds = []
        for key in ("lower", "upper"):
            value = raw.get(key)
            if value is None:
                bounds.append(None)
                continue
            if isinstance(value, float):
                value = repr(value)  # YAML/TOML numbers: the literal digits are what was written
            try:
                fen = to_fen(value, unit)
            except TieringError as err:
                raise SchemeError(f"scheme {name!r}, tier {label}: {key} bound: {err}") from None
            if fen < 0:
                raise SchemeError(f"scheme {name!r}, tier {label}: {key} bound {value} {unit} is negative")
            bounds.append(fen)
        lower, upper = bounds
        if upper is not None and upper <= lower:
            raise SchemeError(
                f"scheme {name!r}, tier {label}: upper bound {raw.get('upper')} {unit} is not above "
                f"its lower bound {raw.get('lower')} {unit}"
            )
        keys = raw.get("service_keys") or ()
        if isinstance(keys, str):
            keys = (keys,)
        parsed.append((code, raw, lower, upper, tuple(str(k) for k in keys)))
        lowers.append(lower)
    # An omitted upper bound means "up to the next tier's lower bound".
    order = sorted(range(len(parsed)), key=lambda k: lowers[k])
    next_lower = {order[k]: lowers[order[k + 1]] for k in range(len(order) - 1)}
    tiers = []
    for k, (code, raw, lower, upper, keys) in enumerate(parsed):
        if upper is None and k in next_lower and "upper" not in raw:
            upper = next_lower[k]
        tiers.append(
            Tier(
                code=str(code) if code is not None else "",
                name_zh=str(raw.get("name_zh") or f"{code}类({_bounds_label(lower, upper)})"),
                name_en=str(raw.get("name_en") or f"class {code}"),
                lower=lower,
                upper=upper,
                segment=raw.get("segment"),
                service_keys=keys,
            )
        )
    return _validated(
        name,
        str(spec.get("title_zh") or name),
        tiers,
        bool(spec.get("display_descending", False)),
        str(spec.get("source") or ""),
    )


def load_scheme(path: str | Path) -> TierScheme:
    """Read and validate a scheme from a ``.yaml``/``.yml``, ``.toml`` or ``.json`` file.

    Raises
    ------
    SchemeError
        If the file cannot be read or parsed, or the scheme is invalid; the
        message starts with the file name.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SchemeError(f"{path}: cannot read the scheme file ({err})") from None
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            import yaml

            spec = yaml.safe_load(text)
        elif suffix == ".toml":
            import tomllib

            spec = tomllib.loads(text)
        elif suffix == ".json":
            spec = json.loads(text)
        else:
            raise SchemeError(f"{path}: unknown scheme file type {suffix!r}; use .yaml, .toml or .json")
    except SchemeError:
        raise
    except Exception as err:  # parser errors of three libraries
        raise SchemeError(f"{path}: not valid {suffix[1:].upper()}: {err}") from None
    try:
        return scheme_from_dict(spec)
    except SchemeError as err:
        raise SchemeError(f"{path}: {err}") from None


def builtin_scheme_names() -> tuple[str, ...]:
    """Names of the built-in schemes.

    Examples
    --------
    >>> builtin_scheme_names()
    ('suzhou_three_class', 'core_four_class', 'suzhou_five_band')
    """
    from tiering_lib.core.builtin_schemes import BUILTIN_SPECS

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
    from tiering_lib.core.builtin_schemes import BUILTIN_SPECS

    if name not in BUILTIN_SPECS:
        raise SchemeError(f"no built-in scheme {name!r}; choose one of {list(BUILTIN_SPECS)}")
    return scheme_from_dict(BUILTIN_SPECS[name])

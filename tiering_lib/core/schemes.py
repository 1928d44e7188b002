"""Tier schemes as data: ordered tiers with half-open balance bounds.

A scheme is validated once, when it is built, so nothing downstream re-checks
it: the first tier starts at 0, every tier's upper bound is the next tier's
lower bound (no gap, no overlap), bounds strictly increase, the top tier is
open (``upper=None``) so every balance lands in exactly one tier, and codes are
unique.  Bounds are whole 分; a tier holds balances ``lower <= b < upper``,
which is what the deck's "(不含)" (upper bound not included) means.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from tiering_lib.core.money import fen_to_unit
from tiering_lib.errors import SchemeError

__all__ = ["Tier", "TierScheme", "SEGMENTS", "validated_scheme", "MAX_BOUND_FEN"]

#: Highest bound a scheme may use, in 分 (100万亿元): far above any balance, and safe in 64-bit arithmetic.
MAX_BOUND_FEN = 10**16

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
        return bounds_label(self.lower, self.upper)


def _wan_text(fen: int) -> str:
    yuan = fen_to_unit(fen, "元")
    if fen % 1_000_000 == 0:
        return f"{fen_to_unit(fen, '万元')}万" if fen else "0"
    return f"{yuan}元"


def bounds_label(lower: int, upper: int | None) -> str:
    if upper is None:
        return f"{_wan_text(lower)}以上"
    return f"{_wan_text(lower)}-{_wan_text(upper)}（不含）"


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
            raise SchemeError("请用 scheme_from_dict() 或 load_scheme() 建立分层方案，它们会检查方案是否有效")

    @property
    def codes(self) -> tuple[str, ...]:
        """Tier codes, lowest tier first."""
        return tuple(t.code for t in self.tiers)

    @property
    def codes_top_down(self) -> tuple[str, ...]:
        """Tier codes, highest tier first (the order of priority when serving customers).

        Examples
        --------
        >>> from tiering_lib import builtin_scheme
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
        raise SchemeError(f"方案“{self.name}”没有层级“{code}”；层级代码有：{'、'.join(self.codes)}")

    def display_tiers(self) -> tuple[Tier, ...]:
        """Tiers in the order the scheme's tables show them."""
        return tuple(reversed(self.tiers)) if self.display_descending else self.tiers

    def with_thresholds(self, thresholds: Sequence[int]) -> "TierScheme":
        """The same tiers with new inner bounds in 分, validated again.

        Names that state bounds are kept as they are only if the bounds did not
        change; otherwise the Chinese name becomes the new bounds label.

        Examples
        --------
        >>> from tiering_lib import builtin_scheme
        >>> s = builtin_scheme("suzhou_three_class")
        >>> s.with_thresholds([1_000_000, 30_000_000]).tier("A").lower
        30000000
        """
        thresholds = [int(t) for t in thresholds]
        if len(thresholds) != len(self.tiers) - 1:
            raise SchemeError(
                f"方案“{self.name}”有 {len(self.tiers)} 层，需要 {len(self.tiers) - 1} 个门槛，收到 {len(thresholds)} 个"
            )
        lowers = [0, *thresholds]
        uppers = [*thresholds, None]
        tiers = []
        for t, lo, up in zip(self.tiers, lowers, uppers):
            moved = (lo, up) != (t.lower, t.upper)
            name = f"{t.code}类（{bounds_label(lo, up)}）" if moved else t.name_zh
            tiers.append(replace(t, lower=lo, upper=up, name_zh=name))
        return validated_scheme(self.name, self.title_zh, tiers, self.display_descending, self.source)

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


def _yuan(fen: int) -> str:
    return f"{fen_to_unit(fen, '元'):,} 元"


def _check_codes(name: str, tiers: tuple[Tier, ...]) -> None:
    if not tiers:
        raise SchemeError(f"方案“{name}”没有任何层级；请至少给出一个层级")
    seen: set[str] = set()
    for t in tiers:
        if not t.code or not isinstance(t.code, str):
            raise SchemeError(f"方案“{name}”：有一个层级没有代码；请给每个层级一个简短的代码，如“A”")
        if t.code in seen:
            raise SchemeError(f"方案“{name}”：层级代码“{t.code}”用了两次；代码不能重复")
        seen.add(t.code)
        if t.segment is not None and t.segment not in SEGMENTS:
            raise SchemeError(
                f"方案“{name}”，层级“{t.code}”：客户级别“{t.segment}”不是{'、'.join(SEGMENTS)}之一"
            )
        for bound in (t.lower, t.upper):
            if bound is not None and not 0 <= bound <= MAX_BOUND_FEN:
                raise SchemeError(
                    f"方案“{name}”，层级“{t.code}”：界限 {_yuan(bound)} 超出可用范围（0 到 {_yuan(MAX_BOUND_FEN)}）"
                )


def _check_bounds(name: str, ordered: tuple[Tier, ...]) -> None:
    if ordered[0].lower != 0:
        raise SchemeError(
            f"方案“{name}”，层级“{ordered[0].code}”：最低一层从 {_yuan(ordered[0].lower)}开始，"
            "但必须从 0 开始，否则更低的余额不属于任何一层"
        )
    for low, high in zip(ordered, ordered[1:]):
        pair = f"层级“{low.code}”和层级“{high.code}”"
        if high.lower == low.lower:
            raise SchemeError(f"方案“{name}”：{pair}都从 {_yuan(low.lower)}开始；各层的下限必须从低到高严格递增")
        if low.upper is None:
            raise SchemeError(
                f"方案“{name}”，层级“{low.code}”：没有上限，但层级“{high.code}”从更高的 {_yuan(high.lower)}开始；"
                "只有最高一层可以不设上限"
            )
        if low.upper != high.lower:
            what = "之间有空档，其间的余额不属于任何一层" if low.upper < high.lower else "互相重叠，而每笔余额只能属于一层"
            raise SchemeError(
                f"方案“{name}”：{pair}{what}（“{low.code}”到 {_yuan(low.upper)}为止，"
                f"“{high.code}”从 {_yuan(high.lower)}开始）"
            )
    top = ordered[-1]
    if top.upper is not None:
        raise SchemeError(
            f"方案“{name}”，层级“{top.code}”：最高一层到 {_yuan(top.upper)}为止；"
            "请把它的上限留空（null），让更大的余额也有层级"
        )


def validated_scheme(
    name: str,
    title_zh: str,
    tiers: Iterable[Tier],
    display_descending: bool = False,
    source: str = "",
) -> TierScheme:
    """Check tiers and build the scheme: codes unique, bounds from 0, no gap, no overlap, open top.

    Raises
    ------
    SchemeError
        Naming the tier and the bound (in 元) at fault, in Chinese.

    Examples
    --------
    >>> validated_scheme("x", "x", [Tier("L", "低", "low", 0, 100), Tier("H", "高", "high", 200, None)])
    Traceback (most recent call last):
    ...
    tiering_lib.errors.SchemeError: 方案“x”：层级“L”和层级“H”之间有空档，其间的余额不属于任何一层（“L”到 1 元为止，“H”从 2 元开始）
    """
    tiers = tuple(tiers)
    _check_codes(name, tiers)
    ordered = tuple(sorted(tiers, key=lambda t: t.lower))
    _check_bounds(name, ordered)
    return TierScheme(name, title_zh, ordered, bool(display_descending), source, _checked=True)

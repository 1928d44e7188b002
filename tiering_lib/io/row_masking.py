"""How each cell of a branch export is shown: by its column's meaning, and never raw if it may be personal.

* The customer number is shown as it is when it is a plain code
  (``K001``, ``93010000001``); when it is — or its column says it is — a card,
  account, ID-card or phone number, or anything but a code (a name), it
  becomes a pseudonym, ``化名-`` and 16 hex digits, keyed by a random secret
  drawn for each file read: the same number always gets the same pseudonym
  within the file (so duplicates are still found), and no table can turn it
  back.
* Names, ID-card, phone, card and account columns are masked by
  :mod:`tiering_lib.io.privacy`; branch, date, currency, product columns are
  shown with every personal number in them masked.
* Free-text columns (备注 …), addresses and columns not recognised are hidden
  whole (:data:`~tiering_lib.io.privacy.HIDDEN`), unless the caller asked to
  keep them (then personal numbers in them are still masked).
* A balance cell is shown when it looks like an amount (or a placeholder such
  as 待核实), with personal numbers masked; otherwise it is hidden.
* A row whose cells do not line up with the header (a stray separator) cannot
  be read by column meaning: each of its cells is shown only if it looks like
  an amount, as a balance cell.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date, datetime, time
from typing import Any, Callable

from tiering_lib.io.columns import ColumnPlan
from tiering_lib.io.privacy import (
    HIDDEN,
    fold_width,
    has_personal_number,
    mask_account,
    mask_id_card,
    mask_name,
    mask_phone,
    mask_text,
)

__all__ = ["KeyMasker", "RowMasker", "cell_text", "amount_cell", "PSEUDONYM_PREFIX", "HIDDEN_ROLES"]

#: What every pseudonym starts with (no plain customer number can: it is not ASCII).
PSEUDONYM_PREFIX = "化名-"
#: Longest cell of a rejected row kept for showing (the rest is cut, marked "…").
MAX_SHOWN = 1_000
#: Roles whose columns are hidden whole unless asked to keep them.
HIDDEN_ROLES = frozenset({"address", "text", None})

_HUGE = "（位数过多的数）"  # an Excel number of thousands of digits: shown as what it is, not printed
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_\-./#]{0,39}")
_TOTAL = re.compile(r"(?:合计|总计|小计|total|subtotal|grand ?total|sum)[:：]?", re.IGNORECASE)
_AMOUNT_LIKE = re.compile(r"(?:人民币|rmb|cny|[0-9\s,.\-+()¥$%e万亿元])*")
_PLACEHOLDERS = frozenset({
    "待核实", "待定", "待补", "待确认", "核实中", "无", "空", "暂无", "不详", "未知", "缺失", "null", "none",
    "n/a", "na", "nan", "-", "--", "—", "——", "/", "#n/a", "#value!", "#ref!", "#div/0!", "#num!", "#name?", "#null!",
})


def cell_text(value: Any) -> str:
    """A cell as text: Excel numbers without a spurious ``.0``, dates in ISO form, None as ``""``.

    Examples
    --------
    >>> cell_text(12.0), cell_text(None), cell_text(datetime(2024, 6, 30))
    ('12', '', '2024-06-30')
    """
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, int) and abs(value) >= 10**15:
        return _HUGE
    return str(value)


def amount_cell(value: Any) -> str:
    """A balance cell (or a cell of a row that does not line up) as it may be shown.

    Examples
    --------
    >>> amount_cell(" 1,234.50元 "), amount_cell("待核实"), amount_cell("张三"), amount_cell("13812345678")
    ('1,234.50元', '待核实', '（已隐藏）', '138****5678')
    """
    text = cell_text(value).strip()
    if not text or text == _HUGE:
        return text
    low = fold_width(text).lower()
    if low in _PLACEHOLDERS or _AMOUNT_LIKE.fullmatch(low):
        return mask_text(text)
    return HIDDEN


def _digits_personal(key: str) -> bool:
    """:func:`has_personal_number` for a key of ASCII digits only, kept fast."""
    n = len(key)
    return n >= 12 or (n == 11 and key[0] == "1") or (key[0] == "0" and 10 <= n)


class KeyMasker:
    """Customer numbers as shown: plain codes as they are, anything personal as a keyed pseudonym.

    Parameters
    ----------
    all_personal : bool
        The key column itself is a card/account/ID/phone column: every key becomes a pseudonym.
    secret : bytes, optional
        The key of the pseudonyms; a new random one by default.  Two files read with the same
        secret give the same pseudonym to the same number (tier migration matches two months).

    Examples
    --------
    >>> keys = KeyMasker()
    >>> keys("K001"), keys("Ｋ００１"), keys("6222021234567890")[:3], keys("张三") == keys(" 张三 ")
    ('K001', 'K001', '化名-', True)
    """

    def __init__(self, all_personal: bool = False, secret: bytes | None = None) -> None:
        self.all_personal = all_personal
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self.pseudonyms = 0

    def __call__(self, raw: str) -> str:
        if raw.isdigit() and raw.isascii() and not self.all_personal and len(raw) < 12 and raw[0] != "0" and (
            len(raw) < 11 or raw[0] != "1"
        ):
            return raw  # the common case, kept fast: a plain customer number (see _digits_personal)
        key = _unwrapped(fold_width(raw.strip()))
        if not self.all_personal and key:
            if key.isdigit() and key.isascii():
                if not _digits_personal(key):
                    return key
            elif _CODE.fullmatch(key) and not has_personal_number(key):
                return key
        if not key:
            return ""
        if _TOTAL.fullmatch(key):  # the label of a total row, not a customer
            return key
        self.pseudonyms += 1
        return PSEUDONYM_PREFIX + hashlib.blake2b(key.encode("utf-8", "surrogatepass"), key=self._secret, digest_size=8).hexdigest()


def _unwrapped(key: str) -> str:
    """A customer number without the marks exports add to keep Excel from reading it as a number."""
    if key.startswith("'"):
        return key[1:].strip()
    if key.startswith('="') and key.endswith('"'):
        return key[2:-1].strip()
    return key


def _hide(text: str) -> str:
    return HIDDEN if text.strip() else ""


class RowMasker:
    """Every cell of a row as it may be shown, from the column plan (see the module description)."""

    def __init__(self, plan: ColumnPlan, keys: KeyMasker, keep_text: bool = False) -> None:
        self.keys, self.keep_text = keys, keep_text
        by_role: dict[Any, Callable[[str], str]] = {
            "customer_id": keys, "name": mask_name, "id_card": mask_id_card, "phone": mask_phone,
            "account": mask_account, "plain": mask_text, "balance": amount_cell,
        }
        hide = mask_text if keep_text else _hide
        self.maskers = [by_role.get(role, hide) if role not in HIDDEN_ROLES else hide for role in plan.roles]
        self.hidden = tuple(i for i, role in enumerate(plan.roles) if role in HIDDEN_ROLES)
        self.width = len(plan.roles)

    def aligned(self, cells: list[Any]) -> tuple[str, ...]:
        """A row whose cells line up with the header."""
        out = [m(cell_text(c)) for m, c in zip(self.maskers, cells)]
        out += [amount_cell(c) for c in cells[self.width :]]
        return _trimmed(out)

    def misaligned(self, cells: list[Any]) -> tuple[str, ...]:
        """A row whose cells cannot be trusted to line up: only what looks like an amount is shown."""
        return _trimmed([amount_cell(c) for c in cells])


def _trimmed(out: list[str]) -> tuple[str, ...]:
    """The cells without empty ones at the end, each cut at :data:`MAX_SHOWN` characters."""
    while out and not out[-1]:
        out.pop()
    return tuple(c if len(c) <= MAX_SHOWN else c[:MAX_SHOWN] + "…" for c in out)

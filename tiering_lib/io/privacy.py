"""Privacy by default: mask ID-card numbers, phone numbers and names.

Every display and export of branch data goes through these functions, and the
loader masks while it reads (:func:`tiering_lib.load_branch_export`), so raw
values never reach a notebook output or a report.  The rules:

* ID-card number (证件号): keep the first 3 and the last 4 characters,
  ``110101199003071234`` → ``110***********1234``;
* phone number (手机号): keep the first 3 and the last 4 digits,
  ``138-1234-5678`` → ``138****5678`` (a ``+86``/``0086`` prefix is dropped);
* name (姓名): keep the first character, ``张三`` → ``张*``;
* free text (:func:`mask_text`): any run of digits that looks like an ID-card
  or a mobile number is masked as above.

Values too short to keep anything (fewer than 8 characters for an ID, 7 digits
for a phone) are masked completely.  Masking is idempotent: masking a masked
value changes nothing.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["mask_id_card", "mask_phone", "mask_name", "mask_text", "MASK"]

#: The character that replaces hidden characters.
MASK = "*"

_SPACES = re.compile(r"\s+")
_PHONE_KEEP = re.compile(r"[^0-9*]")
# An ID-card number (18 characters ending in a digit or X, or the old 15 digits), or a
# mobile number (11 digits starting with 1, optionally +86 and separators), inside text.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z*])(?:[0-9*]{17}[0-9Xx*]|[0-9*]{15})(?![0-9A-Za-z*])")
_PHONE_IN_TEXT = re.compile(r"(?<![0-9*])(?:(?:\+|00)?86[- ]?)?1[0-9*]{2}[- ]?[0-9*]{4}[- ]?[0-9*]{4}(?![0-9*])")


def _clean(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and text.isalnum():  # the common case, kept fast
        return text
    # NFKC again after removing spaces, so that cleaning a cleaned value changes nothing
    return unicodedata.normalize("NFKC", _SPACES.sub("", unicodedata.normalize("NFKC", text)))


def _keep_ends(text: str, head: int, tail: int, minimum: int) -> str:
    if len(text) < minimum:
        return MASK * len(text)
    return text[:head] + MASK * (len(text) - head - tail) + text[len(text) - tail :]


def mask_id_card(value: object) -> str:
    """Mask an ID-card number, keeping its first 3 and last 4 characters.

    Parameters
    ----------
    value : str or None
        The number as exported (full-width digits and spaces are allowed).

    Returns
    -------
    str
        The masked number; ``""`` for an empty value.

    Examples
    --------
    >>> mask_id_card("110101199003071234")
    '110***********1234'
    >>> mask_id_card("123456")
    '******'
    """
    if value.__class__ is str and len(value) == 18 and value.isascii() and value.isalnum():
        return value[:3] + "***********" + value[14:]  # the common case, kept fast
    return _keep_ends(_clean(value), 3, 4, 8)


def mask_phone(value: object) -> str:
    """Mask a phone number, keeping its first 3 and last 4 digits.

    Separators are dropped, and so is a ``+86``/``0086`` country prefix of a
    mobile number.

    Examples
    --------
    >>> mask_phone("13812345678")
    '138****5678'
    >>> mask_phone("+86 138-1234-5678")
    '138****5678'
    >>> mask_phone("138****5678")
    '138****5678'
    """
    if value.__class__ is str and len(value) == 11 and value.isascii() and value.isdigit():
        return value[:3] + "****" + value[7:]  # the common case, kept fast
    digits = _clean(value)
    if not digits.isdigit():
        digits = _PHONE_KEEP.sub("", digits)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix) :]
            break
    return _keep_ends(digits, 3, 4, 7)


def mask_name(value: object) -> str:
    """Mask a name, keeping its first character.

    Examples
    --------
    >>> mask_name("张三"), mask_name("欧阳娜娜"), mask_name("李")
    ('张*', '欧***', '*')
    """
    text = _clean(value)
    if len(text) <= 1:
        return MASK * len(text)
    return text[0] + MASK * (len(text) - 1)


def mask_text(value: object) -> str:
    """Mask every ID-card-like or mobile-number-like run of digits inside free text.

    Used for cells whose meaning is unknown (a column the loader does not use,
    or a balance cell that holds something else), so a number typed in the
    wrong column is not shown raw either.

    Examples
    --------
    >>> mask_text("联系 13812345678,证件 110101199003071234")
    '联系 138****5678,证件 110***********1234'
    >>> mask_text("余额 12,345.67")
    '余额 12,345.67'
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _ID_IN_TEXT.sub(lambda m: mask_id_card(m.group(0)), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)

"""Privacy by default: mask names, ID-card, passport, phone, card and account numbers.

Every display and export of branch data goes through these functions, and the
loader masks while it reads (:func:`tiering_lib.load_branch_export`), so raw
values never reach a notebook output, a message or a report.  The rules:

* ID-card number (证件号): keep the first 3 and the last 4 characters,
  ``110101199003071234`` → ``110***********1234``; a shorter document number
  (a passport, 8–14 characters) keeps its first character and last 2;
* phone number (手机号, also a landline): keep the first 3 and the last 4 digits,
  ``138-1234-5678`` → ``138****5678`` (a ``+86``/``0086`` prefix is dropped);
* card or account number (卡号, 账号): keep the first 4 and the last 4 digits;
* name (姓名): keep the first character, ``张三`` → ``张*``;
* free text (:func:`mask_text`): every ID-card, passport, mobile, landline,
  card or account number and e-mail address found inside the text is masked
  as above — names inside free text cannot be found, which is why the loader
  hides free-text columns whole (:data:`HIDDEN`) unless asked to keep them.

Only ASCII and full-width digits count as digits (``１３８…`` is found,
``²`` or Arabic-Indic digits are not digits).  Values too short to keep
anything are masked completely.  Masking is idempotent: masking a masked value
changes nothing.
"""

from __future__ import annotations

import re

__all__ = [
    "mask_id_card", "mask_phone", "mask_name", "mask_account", "mask_text", "has_personal_number",
    "fold_width", "MASK", "HIDDEN",
]

#: The character that replaces hidden characters.
MASK = "*"
#: What a cell hidden whole shows instead of its content.
HIDDEN = "（已隐藏）"

# Full-width ASCII forms (U+FF01-U+FF5E), odd spaces, dashes and yuan signs folded one
# character for one, so that positions in the folded text are positions in the original.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({c: 0x20 for c in (0x3000, 0x00A0, 0x2007, 0x2009, 0x202F)})
_FOLD.update({c: 0x2D for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63)})
_FOLD.update({0xFFE5: 0xA5})


def fold_width(text: str) -> str:
    """Full-width letters, digits and signs as ASCII (one character for one); nothing else changes.

    Unlike Unicode NFKC, ``²``, ``①`` or Arabic-Indic digits stay what they are.

    Examples
    --------
    >>> fold_width("１３８－１２３４　Ａ"), fold_width("1000²")
    ('138-1234 A', '1000²')
    """
    return text if text.isascii() else text.translate(_FOLD)


_D = "[0-9]"
_S = "[ -]?"  # one optional separator between digits: a space or a dash
# Numbers inside text, on the folded text.  Each pattern is bounded by non-digits.
_LONG_NUMBER = rf"(?<![0-9A-Za-z]){_D}(?:{_S}{_D}){{10,}}(?:{_S}[0-9Xx])(?![0-9A-Za-z])"  # 12+ digits: ID, card, account
_OLD_ID = rf"(?<![0-9A-Za-z]){_D}(?:{_S}{_D}){{14}}(?![0-9A-Za-z])"  # 15-digit ID card (covered above too)
_MOBILE = (
    rf"(?<![0-9])(?:(?:\+|00)?86{_S})?1{_D}{_D}(?:{_S}{_D}{{4}}){{2}}(?![0-9])"
    r"|(?<![0-9])1[0-9]{2}\.[0-9]{4}\.[0-9]{4}(?![0-9])"
)
_LANDLINE = (
    r"(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[ -]?[0-9]{3,4}[ -]?[0-9]{4}"
    r"(?:[ -]?(?:转|ext\.?|x|#)[ ]?[0-9]{1,6})?(?![0-9])"
)
_LOCAL = r"(?:电话|座机|固话|传真|[Tt]el|TEL)[:：.\s]*[0-9]{7,8}(?![0-9])"  # a number without area code, named
_PASSPORT = r"(?<![0-9A-Za-z])[A-Za-z]{1,2} ?[0-9]{6,9}(?![0-9A-Za-z])"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_PERSONAL = re.compile(
    "|".join(f"(?P<{n}>{p})" for n, p in (
        ("email", _EMAIL), ("long", _LONG_NUMBER), ("old_id", _OLD_ID), ("mobile", _MOBILE),
        ("landline", _LANDLINE), ("local", _LOCAL), ("passport", _PASSPORT),
    ))
)
_SEPARATORS = re.compile(r"[\s\-.()（）]+")
_NOT_DIGIT = re.compile(r"[^0-9]")


def _clean(value: object) -> str:
    """The value folded, without spaces, dashes, dots or brackets (separators of numbers)."""
    if value is None:
        return ""
    text = value if value.__class__ is str else str(value)
    if text.isascii() and text.isalnum():  # the common case, kept fast
        return text
    return _SEPARATORS.sub("", fold_width(text))


def _keep_ends(text: str, head: int, tail: int) -> str:
    return text[:head] + MASK * (len(text) - head - tail) + text[len(text) - tail :]


def _document(text: str) -> str:
    """A document number: 3 + 4 kept from 15 characters on, 1 + 2 from 8 on, else nothing."""
    if len(text) >= 15:
        return _keep_ends(text, 3, 4)
    if len(text) >= 8:
        return _keep_ends(text, 1, 2)
    return MASK * len(text)


def mask_id_card(value: object) -> str:
    """Mask an ID-card (or passport) number: 3 + 4 characters kept of an ID card, 1 + 2 of a passport.

    A value holding anything but letters and digits (a name typed in the wrong
    column, a label) is masked completely.

    Parameters
    ----------
    value : str or None
        The number as exported (full-width digits, spaces and dashes are allowed).

    Returns
    -------
    str
        The masked number; ``""`` for an empty value.

    Examples
    --------
    >>> mask_id_card("110101199003071234"), mask_id_card("E12345678")
    ('110***********1234', 'E******78')
    >>> mask_id_card("123456"), mask_id_card("张三")
    ('******', '**')
    """
    if value.__class__ is str and len(value) == 18 and value.isascii() and value.isalnum():
        return value[:3] + "***********" + value[14:]  # the common case, kept fast
    text = _clean(value)
    if not (text.isascii() and text.replace(MASK, "").isalnum()):
        return MASK * len(text)
    return _document(text)


def mask_phone(value: object) -> str:
    """Mask a phone number, keeping its first 3 and last 4 digits (the last 2 of a 7–10-digit number).

    Everything but digits is dropped (separators, text), and so is a
    ``+86``/``0086`` country prefix of a mobile number.

    Examples
    --------
    >>> mask_phone("13812345678"), mask_phone("+86 138.1234.5678"), mask_phone("0512-65123456")
    ('138****5678', '138****5678', '051*****3456')
    >>> mask_phone("138****5678")
    '138****5678'
    """
    if value.__class__ is str and len(value) == 11 and value.isascii() and value.isdigit():
        return value[:3] + "****" + value[7:]  # the common case, kept fast
    text = _clean(value)
    digits = re.sub(r"[^0-9*]", "", text)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix) :]
            break
    if len(digits) >= 11:
        return _keep_ends(digits, 3, 4)
    if len(digits) >= 7:  # a local number: only its last 2 digits
        return _keep_ends(digits, 0, 2)
    return MASK * len(digits)


def mask_account(value: object) -> str:
    """Mask a card or account number, keeping its first 4 and last 4 characters (last 4 only below 12).

    Examples
    --------
    >>> mask_account("6222 0212 3456 7890"), mask_account("12345678")
    ('6222********7890', '****5678')
    """
    text = _clean(value)
    if not (text.isascii() and text.replace(MASK, "").isalnum()):
        return MASK * len(text)
    if len(text) >= 12:
        return _keep_ends(text, 4, 4)
    if len(text) >= 8:
        return _keep_ends(text, 0, 4)
    return MASK * len(text)


def mask_name(value: object) -> str:
    """Mask a name, keeping its first character.

    Examples
    --------
    >>> mask_name("张三"), mask_name("欧阳娜娜"), mask_name("李")
    ('张*', '欧***', '*')
    """
    if value.__class__ is str and 1 < len(value) < 8 and value.isalpha() and value[0] < "\uff00":
        return value[0] + MASK * (len(value) - 1)  # the common case, kept fast
    if value is None:
        return ""
    text = "".join(fold_width(str(value)).split())
    if len(text) <= 1:
        return MASK * len(text)
    return text[0] + MASK * (len(text) - 1)


def _masked_match(match: re.Match) -> str:
    kind, text = match.lastgroup, match.group(0)
    if kind == "email":
        local, _, domain = text.partition("@")
        return local[:1] + MASK * (len(local) - 1) + "@" + domain
    if kind in ("mobile", "landline"):
        return mask_phone(text)
    if kind == "local":
        digits = re.search(r"[0-9]+$", text)
        return text[: digits.start()] + mask_phone(digits.group(0))
    if kind == "passport":
        return _document(text.replace(" ", ""))
    return _document(_NOT_DIGIT.sub("", text[:-1]) + text[-1])


def mask_text(value: object) -> str:
    """Mask every personal number found inside free text; the rest of the text is kept as it is.

    Found: ID-card numbers (also with spaces or dashes), card and account
    numbers (12 digits or more), mobile numbers (also ``+86``, dashes, dots),
    landlines (``0512-65123456``, ``(021)65123456``, or ``电话 65123456``
    without an area code), passport numbers (``E12345678``) and e-mail
    addresses.  Names are not found: see
    :data:`HIDDEN` for how the loader hides free-text columns whole.

    Examples
    --------
    >>> mask_text("联系 138.1234.5678，证件 110101 19900307 1234")
    '联系 138****5678，证件 110***********1234'
    >>> mask_text("余额 12,345.67 元，护照 E12345678")
    '余额 12,345.67 元，护照 E******78'
    """
    if value is None:
        return ""
    text = value if value.__class__ is str else str(value)
    folded = fold_width(text)
    if not _PERSONAL.search(folded):
        return text
    out, last = [], 0
    for match in _PERSONAL.finditer(folded):
        out.append(text[last : match.start()])
        out.append(_masked_match(match))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def has_personal_number(value: str) -> bool:
    """Whether :func:`mask_text` would mask something in ``value``.

    Examples
    --------
    >>> has_personal_number("K001"), has_personal_number("6222021234567890")
    (False, True)
    """
    return _PERSONAL.search(fold_width(value)) is not None

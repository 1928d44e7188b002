"""Checks of learner-facing Chinese text: GB/T 15834 punctuation, rendered Markdown, no programmer output.

Used by the tests and by maintainers while editing notebooks, case files and library strings::

    from helpers.typography import punctuation_problems
    punctuation_problems("金额(万元):")      # → two problems

ASCII stays in code, numbers (``1,234.56``) and English: only an ASCII ``, : ; ( ) ? !`` or a straight quote
with a Chinese character on either side is a problem (for parentheses, a pair counts when either bracket or
the text inside touches Chinese). Inline code (```…```), URLs, HTML tags, ``key="value"``, calls such as
``DECIMAL(38,2)`` and command lines (``pip install …``, a line starting with ``python``) are ignored.
"""

from __future__ import annotations

import re

#: Chinese characters (CJK unified ideographs, extension A, compatibility ideographs).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: What ASCII punctuation must not touch: Chinese characters and full-width punctuation.
_CJK = re.compile(f"[{CJK}，。：；？！（）“”‘’、《》…—]")
_MARKS = ",:;?!\"'"
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_SKIP = re.compile(
    r"`[^`\n]*`|[a-z]+://[^\s，。；）]+|<[^<>\n]*>|\$[^$\n]+\$"  # inline code, URLs, HTML tags, formulas
    r'|\b\w+="[^"\n]*"'  # key="value": HTML attributes and Python keyword arguments
    r"|\b[A-Za-z_][\w.]*\([^()\n]*\)"  # calls and types: DECIMAL(38,2), tl.check(...)
    r"|^[ \t]*(?:python|pip|make|conda|uv)\b.*$|\bpip install\b[^，。；\n]*"  # command lines
    , re.M)

#: Reprs that must never reach a learner: exact types, numpy arrays, dataclasses, lists of dicts, widgets.
PROGRAMMER_OUTPUT = re.compile(
    r"Fraction\(|Decimal\('|array\(\[|dtype=|\b[A-Z]\w+\((?:\w+=)|\[\{'|\{'\w+': |"
    r"(?:VBox|HBox|IntSlider|FloatSlider|Dropdown|ToggleButtons|Button|HTML|Image)\(children=|"
    r"<tiering_lib\.|object at 0x|Traceback \(most recent call last\)"
)


def _blank_skipped(text: str) -> str:
    return _SKIP.sub(lambda m: " " * len(m.group(0)), text)


def _touches_cjk(text: str, i: int) -> bool:
    return bool((i > 0 and _CJK.match(text[i - 1])) or (i + 1 < len(text) and _CJK.match(text[i + 1])))


def punctuation_problems(text: str) -> list[str]:
    """Every ASCII punctuation mark next to Chinese in ``text``, each with a little context.

    A mark counts as next to Chinese also when its neighbour is another mark that does (``(万元):``).

    Examples
    --------
    >>> punctuation_problems("金额(万元): 1,234.56 元")
    ['“(” in “金额(万元)”', '“)” in “(万元): 1”', '“:” in “万元): 1,”']
    >>> punctuation_problems("金额（万元）：1,234.56 元；code `a, b`")
    []
    >>> punctuation_problems("（难度：★★☆)")
    ['“)” in “★★☆)”']
    """
    converted = _converted(text)
    changed = [i for i, (a, b) in enumerate(zip(text, converted)) if a != b]
    return [f"“{text[i]}” in “{text[max(0, i - 3):i + 4]}”" for i in changed]


def unrendered_markdown(markdown: str) -> list[str]:
    """Markdown emphasis that a CommonMark renderer leaves as literal ``**`` or ``__`` (common next to CJK).

    Examples
    --------
    >>> unrendered_markdown("**“引号”**后面")
    ['**“引号”**后面']
    >>> unrendered_markdown("**学习目标**：")
    []
    """
    import mistune

    problems = []
    for line in markdown.splitlines():
        code_free = _blank_skipped(line)
        if "**" not in code_free and "__" not in code_free:
            continue
        html = mistune.html(code_free)
        text = re.sub(r"<[^>]+>", "", html)
        if "**" in text or re.search(r"(?<!\w)__\S", text):
            problems.append(line.strip())
    return problems


def programmer_output(text: str) -> list[str]:
    """Python reprs and plumbing in text shown to a learner (stored outputs, report cells).

    Examples
    --------
    >>> programmer_output("Fraction(571, 911)")
    ['Fraction(']
    >>> programmer_output("占比 62.68%")
    []
    """
    return [m.group(0) for m in PROGRAMMER_OUTPUT.finditer(text)]


def to_full_width(text: str) -> str:
    """``text`` with the ASCII punctuation next to Chinese replaced by full-width marks (a maintainer's aid).

    Straight double quotes next to Chinese become “ and ” in turn, and spaces next to a full-width mark go.
    Check the result by eye.

    Examples
    --------
    >>> to_full_width('金额(万元): 见"分层汇总",共 3 行')
    '金额（万元）：见“分层汇总”，共 3 行'
    """
    return re.sub(r" ?([，。：；？！（）“”]) ?", lambda m: m.group(1), _converted(text))


def _converted(text: str) -> str:
    """``text`` with every mark next to Chinese made full width, repeated until nothing changes (same length)."""
    while (once := _convert_once(text)) != text:
        text = once
    return text


def _convert_once(text: str) -> str:
    clean = _blank_skipped(text)
    out = list(text)
    stack: list[int] = []
    for i, ch in enumerate(clean):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            start = stack.pop()
            mixed = clean[start] + ch in ("（)", "(）")  # a pair half full width, half ASCII: （难度：★★☆)
            if mixed or ch == ")" and (_touches_cjk(clean, start) or _touches_cjk(clean, i)
                                       or _CJK.search(clean[start + 1:i])):
                out[start], out[i] = "（", "）"
        elif ch in ",:;?!" and _touches_cjk(clean, i):
            out[i] = _FULL[ch]
    quotes = [i for i, ch in enumerate(clean) if ch == '"']
    for k in range(0, len(quotes) - 1, 2):
        a, b = quotes[k], quotes[k + 1]
        if _touches_cjk(clean, a) or _touches_cjk(clean, b) or _CJK.search(clean[a + 1:b]):
            out[a], out[b] = "“", "”"
    return "".join(out)

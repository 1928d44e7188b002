"""Chinese text in matplotlib charts, with the font the workbook ships.

``tiering_lib/fonts/NotoSansSC-Regular.otf`` is Noto Sans SC (SIL Open Font
License 1.1, see ``fonts/OFL.txt``), so charts render the same on every
machine.  Nothing happens at import; call :func:`use_chinese_fonts` once,
before plotting (the notebooks do it in their first code cell).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["FONT_FAMILY", "chinese_font_path", "use_chinese_fonts"]

#: Family name of the bundled font, as matplotlib knows it.
FONT_FAMILY = "Noto Sans SC"
_FALLBACKS = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "DejaVu Sans"]


def chinese_font_path() -> Path:
    """Path of the bundled Noto Sans SC font file.

    Examples
    --------
    >>> chinese_font_path().name
    'NotoSansSC-Regular.otf'
    """
    return Path(str(resources.files("tiering_lib").joinpath("fonts", "NotoSansSC-Regular.otf")))


def use_chinese_fonts() -> None:
    """Register the bundled font with matplotlib and make it the default sans-serif font.

    Sets ``font.family`` to sans-serif with Noto Sans SC first, and
    ``axes.unicode_minus = False`` (CJK fonts lack the Unicode minus sign).

    Returns nothing, so a notebook cell calling it shows no output.

    Examples
    --------
    >>> use_chinese_fonts()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["font.sans-serif"][0]
    'Noto Sans SC'
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = str(chinese_font_path())
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    mpl.rcParams["font.family"] = ["sans-serif"]
    mpl.rcParams["font.sans-serif"] = [FONT_FAMILY, *_FALLBACKS]
    mpl.rcParams["axes.unicode_minus"] = False

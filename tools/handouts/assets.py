"""Files every built page needs, copied into the build folder: the bundled font, the stylesheets, reveal.js.

The font is the one the charts use (``tiering_lib/fonts/NotoSansSC-Regular.otf``, SIL OFL), loaded with
``@font-face`` so that Chromium embeds it in every PDF.  reveal.js and mermaid come from
``tools/handouts/node_modules`` (``npm ci``); nothing is linked from a CDN.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from handouts import NODE_MODULES, BuildError

STATIC = Path(__file__).resolve().parent / "static"
#: The family name the stylesheets use for the bundled font.
FONT_FAMILY = "TL Noto Sans SC"
#: reveal.js files a deck needs, relative to the package folder.
REVEAL_FILES = ("dist/reveal.css", "dist/reveal.js", "dist/theme/white.css", "dist/plugin/notes.js", "LICENSE")
MERMAID_FILE = "dist/mermaid.min.js"


def font_path() -> Path:
    """The bundled Chinese font; BuildError if it is missing."""
    import tiering_lib as tl

    path = Path(tl.chinese_font_path())
    if not path.is_file() or path.stat().st_size < 1_000_000:
        raise BuildError(f"找不到随工具库提供的中文字体 {path}；讲义需要它来显示和嵌入中文")
    return path


def npm_file(package: str, relative: str) -> Path:
    """A file of an npm package installed by ``npm ci``; BuildError naming the command if it is missing."""
    path = NODE_MODULES / package / relative
    if not path.is_file():
        raise BuildError(
            f"缺少 {package}/{relative}；请先在 tools/handouts 中运行 npm ci（make slides / make handouts 会自动运行）"
        )
    return path


def copy_common(out: Path) -> Path:
    """Copy the font and the stylesheets into ``out/assets``; return that folder."""
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copy2(font_path(), assets / "NotoSansSC-Regular.otf")
    for css in STATIC.glob("*.css"):
        shutil.copy2(css, assets / css.name)
    return assets


def copy_reveal(out: Path) -> Path:
    """Copy reveal.js (and its licence) into ``out/assets/reveal``; return that folder."""
    target = out / "assets" / "reveal"
    for relative in REVEAL_FILES:
        dest = target / relative.removeprefix("dist/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(npm_file("reveal.js", relative), dest)
    return target

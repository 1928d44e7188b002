"""Mermaid diagrams rendered to SVG at build time, offline, by the pinned ``mermaid`` package in Chromium.

Every page then holds the finished SVG (no script, nothing to fetch), drawn with the bundled font, so the
site, the slides and the PDFs show the same diagram; a diagram Mermaid cannot draw stops the build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from handouts import BuildError
from handouts.assets import FONT_FAMILY, MERMAID_FILE, font_path, npm_file

_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<style>@font-face {{ font-family: "{family}"; src: url("font.otf") format("opentype"); }}
body {{ font-family: "{family}"; }}</style>
<script src="mermaid.min.js"></script></head><body><span>中文</span></body></html>"""

_RENDER = """async ([sources, family]) => {
  await document.fonts.load('16px "' + family + '"', '中文');
  mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: 'neutral',
                      fontFamily: '"' + family + '", sans-serif', flowchart: {htmlLabels: true, wrappingWidth: 400}});
  const out = {};
  for (const [id, code] of Object.entries(sources)) {
    try { out[id] = (await mermaid.render(id, code)).svg; }
    catch (err) { out[id] = 'ERROR: ' + (err && err.message ? err.message : String(err)); }
  }
  return out;
}"""


def diagram_id(source: str) -> str:
    """A stable id for a diagram (its SVG's element id)."""
    return "mermaid-" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def render_diagrams(sources: list[str], printer) -> dict[str, str]:
    """``{source: svg}`` for every Mermaid source, rendered in ``printer``'s Chromium.

    Raises
    ------
    BuildError
        If mermaid is not installed or a diagram cannot be drawn.
    """
    unique = {diagram_id(s.strip()): s.strip() for s in sources}
    if not unique:
        return {}
    with tempfile.TemporaryDirectory(prefix="tl-mermaid-") as tmp:
        folder = Path(tmp)
        shutil.copy2(npm_file("mermaid", MERMAID_FILE), folder / "mermaid.min.js")
        shutil.copy2(font_path(), folder / "font.otf")
        page_path = folder / "render.html"
        page_path.write_text(_PAGE.format(family=FONT_FAMILY), encoding="utf-8")
        page = printer.open(page_path)
        rendered = page.evaluate(_RENDER, [unique, FONT_FAMILY])
        page.close()
    printer.check_offline("Mermaid")
    out = {}
    for key, source in unique.items():
        svg = rendered.get(key, "")
        if not svg.startswith("<svg"):
            raise BuildError(f"Mermaid 图画不出来：{svg[:200]}\n图的源码：{json.dumps(source[:120], ensure_ascii=False)}")
        out[source] = svg
    return out


class Diagrams:
    """Look-up of pre-rendered diagrams, used by the Markdown renderer; a missing one stops the build."""

    def __init__(self, svgs: dict[str, str]):
        self.svgs = svgs

    def __call__(self, source: str) -> str:
        try:
            return self.svgs[source.strip()]
        except KeyError:
            raise BuildError(f"Mermaid 图没有预先画好：{source[:60]!r}") from None

"""One notebook cell as HTML for paper and projector: Markdown rendered, code hidden, outputs as stored.

Every widget must have its static picture (the ``text/html`` a ``tiering_lib`` widget stores beside its live
view); a cell whose stored output is only a live view or a widget's text repr (``VBox(children=…``) stops the
build, as does an error output, so nothing broken or empty reaches a handout — except in a cell tagged
``raises-exception``, which shows a library error on purpose (the short Chinese box, drawn as a box).  Mermaid diagrams (fenced
````` ```mermaid ````` blocks) are replaced by SVG rendered beforehand (:mod:`handouts.diagrams`).
"""

from __future__ import annotations

import html
import re
from typing import Callable

import mistune

from handouts import BuildError
from tiering_lib.core.widget_picture import UNDRAWN

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Text that only a widget's repr (never a picture) contains.
WIDGET_REPR = re.compile(r"\b(?:VBox|HBox|Box|GridBox|IntSlider|FloatSlider|Dropdown|Checkbox|Button|Output|ToggleButtons|RadioButtons|Text|Layout)\(")
#: What a static picture shows for a widget type it cannot draw (see tiering_lib.core.widget_picture).
UNDRAWN_WIDGET = UNDRAWN
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ERROR_BOX = "background:#fdecea;border-left:4px solid #cf222e;border-radius:4px;padding:.5rem .8rem"
_MERMAID = re.compile(r"```mermaid[ \t]*\n(.*?)```", re.S)


def mermaid_sources(markdown: str) -> list[str]:
    """The Mermaid diagrams of a Markdown text, in order.

    Examples
    --------
    >>> mermaid_sources("文字\\n```mermaid\\nflowchart LR\\n  A --> B\\n```\\n")
    ['flowchart LR\\n  A --> B\\n']
    """
    return [m.group(1) for m in _MERMAID.finditer(markdown)]


def slug(text: str) -> str:
    """An id for a heading: its text without punctuation or spaces."""
    return re.sub(r"[\s\W]+", "-", text, flags=re.U).strip("-").lower() or "section"


class _Renderer(mistune.HTMLRenderer):
    """Mistune's HTML renderer with ids on headings and Mermaid diagrams as pre-rendered SVG."""

    def __init__(self, diagram: Callable[[str], str]):
        super().__init__(escape=False)
        self._diagram = diagram

    def heading(self, text: str, level: int, **attrs) -> str:
        plain = re.sub(r"<[^>]+>", "", text)
        return f'<h{level} id="{slug(plain)}">{text}</h{level}>\n'

    def block_code(self, code: str, info: str | None = None) -> str:
        if info and info.strip() == "mermaid":
            return f'<figure class="diagram">{self._diagram(code)}</figure>\n'
        return super().block_code(code, info)


def markdown_to_html(text: str, diagram: Callable[[str], str]) -> str:
    """Markdown (with tables and raw HTML, as JupyterLab shows it) to HTML; ``diagram(source) -> svg``."""
    md = mistune.create_markdown(renderer=_Renderer(diagram), plugins=["table", "strikethrough"])
    return md(text)


def _where(notebook_name: str, index: int) -> str:
    return f"{notebook_name} 第 {index + 1} 个单元格"


def _data_html(data: dict, where: str) -> str:
    if "text/html" in data:
        text = "".join(data["text/html"])
        if UNDRAWN_WIDGET in text:
            raise BuildError(f"{where}：静态图里有画不出的控件“{UNDRAWN_WIDGET}”；请在 widget_picture 中补上这种控件")
        return f'<div class="output html">{text}</div>'
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            payload = "".join(data[mime]).replace("\n", "")
            return f'<div class="output image"><img alt="图表" src="data:{mime};base64,{payload}"></div>'
    if "image/svg+xml" in data:
        return f'<div class="output image">{"".join(data["image/svg+xml"])}</div>'
    plain = "".join(data.get("text/plain", ""))
    if WIDGET_VIEW in data or WIDGET_REPR.search(plain):
        raise BuildError(
            f"{where}：控件的输出没有静态图（只存了“{plain[:30]}…”）；"
            "请用 make notebooks NB=… 重新运行这个笔记本，让控件存下默认状态的静态图"
        )
    return f'<pre class="output text">{html.escape(plain)}</pre>' if plain else ""


def output_html(output: dict, where: str, error_expected: bool = False) -> str:
    """One stored output as HTML; raises BuildError for an error (unless expected) or a widget without its picture."""
    kind = output.get("output_type")
    if kind == "stream":
        text = "".join(output.get("text", ""))
        return f'<pre class="output stream {output.get("name", "stdout")}">{html.escape(text)}</pre>'
    if kind == "error" and error_expected:  # the library's short box, shown on purpose
        lines = (html.escape(_ANSI.sub("", line)) for line in output.get("traceback", []))
        return f'<div class="output error" style="{_ERROR_BOX}">{"<br>".join(lines)}</div>'
    if kind == "error":
        raise BuildError(f"{where}：存有错误输出（{output.get('ename', '')}）；请修好并重新运行这个笔记本")
    return _data_html(output.get("data", {}), where)


def cell_html(cell: dict, notebook_name: str, index: int, diagram: Callable[[str], str]) -> str:
    """A cell as HTML: Markdown rendered; a code cell's outputs only (learners do not read the code)."""
    where = _where(notebook_name, index)
    if cell["cell_type"] == "markdown":
        return f'<div class="cell markdown">{markdown_to_html("".join(cell["source"]), diagram)}</div>'
    if cell["cell_type"] != "code":
        return ""
    expected = "raises-exception" in cell.get("metadata", {}).get("tags", [])
    parts = [output_html(o, where, expected) for o in cell.get("outputs", [])]
    body = "".join(p for p in parts if p)
    return f'<div class="cell code">{body}</div>' if body else ""

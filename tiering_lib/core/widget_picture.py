"""A static picture of a widget's state, shown wherever the live widget cannot be.

Every widget builder of the library returns an :class:`Interactive`: in a
running notebook it shows the live widget; in a stored notebook (the
``application/vnd.jupyter.widget-view+json`` output is removed when notebooks
are saved), in an exported page or before the cell is run, the reader sees
:func:`static_html` — the controls drawn greyed out, with the tables and charts
of the default state — under one line saying that running the cell makes it
interactive.  Its ``text/plain`` is one Chinese sentence, never a repr.

ipywidgets is imported when a picture is drawn, not at import.
"""

from __future__ import annotations

import base64
from typing import Any

from tiering_lib.display import PALETTE, escape

__all__ = ["PICTURE_NOTE", "PLAIN_TEXT", "Interactive", "interactive", "static_html"]

#: The line above every static picture.
PICTURE_NOTE = "▶ 这是默认设置下的静态图。选中本单元格，按 Shift + Enter 运行后，控件就可以操作了。"
#: What a reader without HTML sees.
PLAIN_TEXT = "（交互控件：运行本单元格后可以操作。）"
#: What a picture shows for a widget type it cannot draw (the handouts refuse such a picture).
UNDRAWN = "（控件）"

_GREY = "color:#555;opacity:0.75"
_CONTROL = "border:1px solid #c8ccd0;border-radius:3px;background:#f6f8fa;padding:2px 8px;margin:2px 4px"


def _desc(widget: Any) -> str:
    text = getattr(widget, "description", "") or ""
    return f'<span style="margin-right:6px">{escape(text)}</span>' if text else ""


def _row(inner: str) -> str:
    return f'<div style="display:flex;flex-wrap:wrap;align-items:center;margin:3px 0;{_GREY}">{inner}</div>'


def _slider(w: Any) -> str:
    span = (w.max - w.min) or 1
    share = min(max((w.value - w.min) / span, 0), 1)
    width = 260
    done, rest = int(width * share), width - int(width * share)
    fmt = getattr(w, "readout_format", "d") or "d"
    readout = format(w.value, ",d" if fmt == "d" else fmt) if getattr(w, "readout", True) else ""
    bar = (
        f'<span style="display:inline-block;width:{done}px;height:4px;background:{PALETTE["primary"]}"></span>'
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:6px;background:#fff;'
        f'border:1px solid #888"></span>'
        f'<span style="display:inline-block;width:{rest}px;height:4px;background:#ccc"></span>'
    )
    return _row(f"{_desc(w)}{bar}<span style='margin-left:8px'>{escape(readout)}</span>")


def _box_text(w: Any, text: str) -> str:
    return _row(f'{_desc(w)}<span style="{_CONTROL};min-width:120px;display:inline-block">{escape(text)}</span>')


def _choices(w: Any, vertical: bool) -> str:
    items = []
    for label in getattr(w, "_options_labels", ()):
        chosen = label == getattr(w, "label", None)
        mark = ("◉ " if chosen else "○ ") if vertical else ""
        style = _CONTROL + (";background:#dbe7f3;font-weight:bold" if chosen else "")
        items.append(f'<span style="{style}">{mark}{escape(label)}</span>')
    joiner = "<br>" if vertical else ""
    return _row(_desc(w) + f"<span>{joiner.join(items)}</span>")


def _image(w: Any) -> str:
    if not w.value:
        return ""
    data = base64.b64encode(bytes(w.value)).decode("ascii")
    width = getattr(w.layout, "width", None) or ""
    style = f' style="width:{escape(width)};max-width:100%"' if width else ' style="max-width:100%"'
    return f'<div><img src="data:image/{escape(w.format)};base64,{data}"{style} alt="图表"></div>'


def _output(w: Any) -> str:
    parts = []
    for out in w.outputs:
        data = out.get("data", {})
        if "text/html" in data:
            parts.append(f"<div>{data['text/html']}</div>")
        elif "image/png" in data:
            parts.append(f'<div><img src="data:image/png;base64,{data["image/png"]}" style="max-width:100%"></div>')
        elif "text/plain" in data:
            parts.append(f"<pre>{escape(data['text/plain'])}</pre>")
        elif "text" in out:
            parts.append(f"<pre>{escape(out['text'])}</pre>")
    return "".join(parts)


def _hidden(w: Any) -> bool:
    layout = getattr(w, "layout", None)
    return layout is not None and (layout.display == "none" or layout.visibility == "hidden")


def _render(w: Any) -> str:  # noqa: C901 - one branch per widget type, in one place
    import ipywidgets as widgets

    if _hidden(w):
        return ""
    if isinstance(w, widgets.Box):
        inner = "".join(_render(c) for c in w.children)
        if isinstance(w, widgets.HBox):
            return f'<div style="display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px">{inner}</div>'
        return f"<div>{inner}</div>"
    if isinstance(w, (widgets.HTML, widgets.HTMLMath)):
        return f"<div>{_desc(w)}{w.value}</div>"
    if isinstance(w, widgets.Label):
        return f"<div>{escape(w.value)}</div>"
    if isinstance(w, widgets.Image):
        return _image(w)
    if isinstance(w, widgets.Output):
        return _output(w)
    if isinstance(w, (widgets.IntSlider, widgets.FloatSlider)):
        return _slider(w)
    if isinstance(w, widgets.Checkbox):
        return _row(f"{'☑' if w.value else '☐'} {escape(w.description)}")
    if isinstance(w, widgets.Button):
        return _row(f'<span style="{_CONTROL}">{escape(w.description)}</span>')
    if isinstance(w, widgets.FileUpload):
        return _row(f'<span style="{_CONTROL}">⬆ {escape(w.description)}</span>')
    if isinstance(w, (widgets.RadioButtons,)):
        return _choices(w, vertical=True)
    if isinstance(w, (widgets.ToggleButtons,)):
        return _choices(w, vertical=False)
    if isinstance(w, (widgets.Dropdown, widgets.Select)):
        return _box_text(w, f"{w.label or ''} ▾")
    if isinstance(w, widgets.DatePicker):
        return _box_text(w, w.value.isoformat() if w.value else "年/月/日")
    if isinstance(w, (widgets.Text, widgets.Textarea)):
        return _box_text(w, w.value or w.placeholder or "")
    if isinstance(w, widgets.ValueWidget):
        return _box_text(w, f"{w.value:,}" if isinstance(w.value, (int, float)) else str(w.value))
    return _row(escape(getattr(w, "description", "") or UNDRAWN))


def static_html(widget: Any, note: str = PICTURE_NOTE) -> str:
    """HTML picture of ``widget``'s current state: controls greyed out, results as they are.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> html = static_html(widgets.VBox([widgets.IntSlider(value=3, description="窗口数"), widgets.HTML("<b>结果</b>")]))
    >>> "窗口数" in html and "<b>结果</b>" in html and "Shift + Enter" in html
    True
    """
    return (
        f'<div class="tl-static-picture" style="border:1px dashed #c8ccd0;border-radius:4px;padding:6px 10px">'
        f'<div style="color:{PALETTE["primary"]};font-size:90%;margin-bottom:4px">{escape(note)}</div>'
        f"{_render(widget)}</div>"
    )


class Interactive:
    """A widget together with its static picture; attributes are the widget's.

    In a notebook it displays as the live widget; where widgets cannot be shown
    (a saved notebook before its cell is run, an exported page) as
    :func:`static_html` and :data:`PLAIN_TEXT`.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> box = Interactive(widgets.VBox([widgets.Checkbox(description="贵宾窗口")]))
    >>> sorted(box._repr_mimebundle_())
    ['application/vnd.jupyter.widget-view+json', 'text/html', 'text/plain']
    >>> box.children[0].description        # the widget's own attributes
    '贵宾窗口'
    """

    def __init__(self, widget: Any, note: str = PICTURE_NOTE) -> None:
        self.widget = widget
        self.note = note

    def __getattr__(self, name: str) -> Any:
        if name in ("widget", "note") or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.widget, name)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = PLAIN_TEXT
        bundle["text/html"] = static_html(self.widget, self.note)
        return bundle

    def __repr__(self) -> str:
        return PLAIN_TEXT


def interactive(widget: Any, note: str = PICTURE_NOTE) -> Interactive:
    """Wrap a widget for display with its static picture (what every widget builder returns)."""
    return Interactive(widget, note)

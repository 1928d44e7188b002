"""Small helpers every domain uses to show things: escaping, feedback boxes, colours, axes, PNG.

Nothing here imports matplotlib at module level; :func:`new_axes` and
:func:`png_bytes` import it when called.

* :func:`escape` — every string put into HTML (case titles from YAML, learner
  input) goes through it;
* :func:`feedback_box` — the coloured verdict box of self-checks and quizzes;
* :data:`PALETTE` — the workbook's colours, by meaning;
* :func:`new_axes` — the ``ax=None`` convention of every plot function;
* :func:`png_bytes` — a figure as PNG bytes, for ``Image`` widgets;
* :class:`Table` — a table shown without pandas' 0..n row numbers;
* :func:`with_thousands` — a display copy of a table, whole numbers with thousands separators;
* :func:`show_outputs` — put objects into an ``Output`` widget so that the
  widget's static picture (``tiering_lib.core.widget_picture``) can show them too.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

__all__ = ["PALETTE", "Table", "escape", "feedback_box", "new_axes", "png_bytes", "show_outputs", "with_thousands"]

#: Colours by meaning, used by every chart and box of the workbook.
PALETTE: dict[str, str] = {
    "households": "#8fb3d9",  # bars of household shares, histograms
    "amount": "#d9534f",  # bars of amount shares; warnings, limits
    "primary": "#2c5f8a",  # the main series of a chart
    "high": "#b8860b",  # 高端
    "middle": "#2c5f8a",  # 中端
    "mass": "#d9534f",  # 普通
    "muted": "#bbbbbb",  # a switched-off state
    "carried": "#f0ad4e",  # work carried over
    "breaks": "#cf222e",  # an event that breaks a CCPR standard
    "honours": "#1a7f37",  # an event that honours one
    "neutral": "#8c959f",
    "text_muted": "#57606a",
    "line": "#d0d7de",
    "grid": "#eaeef2",
    "radar": "#0969da",
    "right": "#e6f4ea",  # feedback: correct
    "wrong": "#fdecea",  # feedback: wrong
    "pending": "#f1f3f4",  # feedback: not answered yet
    "course_badge": "#ddf4ff",  # written for the course
    "deck_badge": "#fff8c5",  # from the deck
    "header": "#f6f8fa",
}

#: The three segments' colours (deck §5), highest first.
SEGMENT_COLOURS: dict[str, str] = {"高端": PALETTE["high"], "中端": PALETTE["middle"], "普通": PALETTE["mass"]}

_NUMBER_TEXT = re.compile(r"-?[\d,]+(\.\d+)?%?")
_FEEDBACK = {True: PALETTE["right"], False: PALETTE["wrong"], None: PALETTE["pending"]}


def escape(text: Any) -> str:
    """``text`` as HTML-safe text (``<``, ``>``, ``&`` and quotes escaped).

    Examples
    --------
    >>> escape("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    return html.escape(str(text), quote=True)


def feedback_box(correct: bool | None, inner_html: str, css_class: str = "tl-feedback") -> str:
    """A coloured box for a verdict: green (right), red (wrong), grey (not answered yet).

    ``inner_html`` must already be escaped (use :func:`escape` on any text in it).

    Examples
    --------
    >>> feedback_box(True, "正确").startswith('<div class="tl-feedback" style="background:#e6f4ea')
    True
    """
    return (
        f'<div class="{escape(css_class)}" style="background:{_FEEDBACK[correct]};'
        f'padding:8px 12px;border-radius:4px">{inner_html}</div>'
    )


def new_axes(ax: Any = None, figsize: tuple[float, float] = (7.5, 4)) -> Any:
    """``ax`` itself, or new Axes on a new constrained-layout figure of ``figsize`` inches.

    Examples
    --------
    >>> ax = new_axes(figsize=(3, 2))
    >>> [float(inches) for inches in ax.figure.get_size_inches()]
    [3.0, 2.0]

    """
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def png_bytes(fig: Any, *, dpi: int = 90, tight: bool = False) -> bytes:
    """Render a figure to PNG bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    dpi : int
        Resolution.
    tight : bool
        Crop to the drawn area on a white background (a second layout pass:
        slower, so sliders that redraw on every move leave it off).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> png_bytes(Figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    options = {"bbox_inches": "tight", "facecolor": "white"} if tight else {}
    fig.savefig(buffer, format="png", dpi=dpi, **options)
    return buffer.getvalue()


class Table:
    """A pandas DataFrame shown to learners without the 0, 1, 2 … row numbers.

    Numbers are shown with thousands separators; the frame itself is
    :attr:`frame`, for computing.

    Examples
    --------
    >>> import pandas as pd
    >>> t = Table(pd.DataFrame({"户数（户）": [1234567], "章": ["03"]}))
    >>> print(t)
        户数（户）  章
    1,234,567 03
    >>> "<th>0</th>" in t._repr_html_()
    False
    """

    def __init__(self, frame: Any, caption: str = "") -> None:
        self.frame = frame
        self.caption = caption

    def _formatted(self) -> Any:
        return with_thousands(self.frame)

    def _repr_html_(self) -> str:
        caption = f"<p><b>{escape(self.caption)}</b></p>" if self.caption else ""
        frame = self._formatted()
        numeric = [  # numbers, also numbers already written as text ("9,999.99", "12.5%"), align right
            self.frame[c].dtype.kind in "iuf" or all(_NUMBER_TEXT.fullmatch(str(v)) for v in self.frame[c])
            for c in self.frame.columns
        ]

        def cell(tag: str, value: Any, is_number: bool) -> str:
            return f'<{tag} style="text-align:{"right" if is_number else "left"}">{escape(value)}</{tag}>'

        head = "".join(cell("th", c, n) for c, n in zip(frame.columns, numeric))
        rows = "".join(
            "<tr>" + "".join(cell("td", v, n) for v, n in zip(row, numeric)) + "</tr>"
            for row in frame.itertuples(index=False)
        )
        return f'{caption}<table class="dataframe tl-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'

    def __repr__(self) -> str:
        text = self._formatted().to_string(index=False)
        return f"{self.caption}\n{text}" if self.caption else text

    def __len__(self) -> int:
        return len(self.frame)


def with_thousands(frame: Any) -> Any:
    """A copy of a DataFrame for display: whole-number columns written with thousands separators.

    Examples
    --------
    >>> import pandas as pd
    >>> with_thousands(pd.DataFrame({"客户数（户）": [6520, 9], "占比": ["1%", "2%"]}))["客户数（户）"].tolist()
    ['6,520', '9']
    """
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype.kind in "iu":
            frame[column] = [f"{v:,}" for v in frame[column]]
    return frame


def show_outputs(output: Any, *objects: Any) -> None:
    """Replace what an ``ipywidgets.Output`` shows by ``objects`` (tables, figures, …).

    Unlike ``with output: display(...)``, the objects are kept in the widget's
    ``outputs`` on the kernel's side, so the widget's static picture can show them.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> out = widgets.Output()
    >>> show_outputs(out, Table(__import__("pandas").DataFrame({"a": [1]})))
    >>> "text/html" in out.outputs[0]["data"]
    True
    """
    from IPython.display import Image

    output.outputs = ()
    for obj in objects:
        if hasattr(obj, "savefig"):  # a matplotlib figure: PNG, whatever the notebook's backend
            obj = Image(data=png_bytes(obj, dpi=100, tight=True), format="png")
        output.append_display_data(obj)

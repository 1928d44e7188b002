"""A cell becomes HTML for paper and projector; anything that would print broken or empty stops the build."""

from __future__ import annotations

import doctest

import pytest
from helpers.handouts import TOOLS  # noqa: F401  (puts tools/ on sys.path)

import tiering_lib as tl
from handouts import BuildError, render
from handouts.assets import font_path, npm_file
from handouts.diagrams import Diagrams
from handouts.render import cell_html, markdown_to_html

NO_DIAGRAMS = Diagrams({})


def _code(*outputs):
    return {"cell_type": "code", "source": "x", "metadata": {}, "outputs": list(outputs)}


def test_a_widget_without_its_static_picture_stops_the_build():
    stale = {"output_type": "execute_result", "data": {
        "application/vnd.jupyter.widget-view+json": {"model_id": "abc"},
        "text/plain": "VBox(children=(IntSlider(value=3),))"}}
    with pytest.raises(BuildError, match="第 4 个单元格.*没有静态图.*make notebooks"):
        cell_html(_code(stale), "04_存款与中收.ipynb", 3, NO_DIAGRAMS)
    repr_only = {"output_type": "execute_result", "data": {"text/plain": "HBox(children=(Button(description='检查'),))"}}
    with pytest.raises(BuildError, match="没有静态图"):
        cell_html(_code(repr_only), "x.ipynb", 0, NO_DIAGRAMS)


def test_the_static_picture_is_used_and_the_code_is_not_shown():
    picture = {"output_type": "execute_result", "data": {
        "application/vnd.jupyter.widget-view+json": {"model_id": "abc"},
        "text/html": '<div class="tl-static-picture">表格</div>', "text/plain": "（交互控件：运行本单元格后可以操作。）"}}
    out = cell_html({**_code(picture), "source": "tl.exercise('03.1')"}, "x.ipynb", 0, NO_DIAGRAMS)
    assert 'class="tl-static-picture"' in out and "tl.exercise" not in out and "交互控件：运行" not in out


def test_an_undrawn_widget_or_an_error_stops_the_build():
    import ipywidgets

    from tiering_lib.core.widget_picture import static_html

    undrawn = {"output_type": "display_data", "data": {"text/html": static_html(ipywidgets.DOMWidget()), "text/plain": "x"}}
    with pytest.raises(BuildError, match="画不出的控件"):
        cell_html(_code(undrawn), "x.ipynb", 0, NO_DIAGRAMS)
    error = {"output_type": "error", "ename": "KeyError", "evalue": "x", "traceback": []}
    with pytest.raises(BuildError, match="错误输出"):
        cell_html(_code(error), "x.ipynb", 0, NO_DIAGRAMS)


def test_a_library_error_shown_on_purpose_is_drawn_as_its_short_box():
    box = ["\x1b[1;31m出错了（不是程序故障）\x1b[0m", "a.csv：找不到这个文件", "\x1b[2m按上面的说明改好后，重新运行本单元格。\x1b[0m"]
    error = {"output_type": "error", "ename": "BranchFileError", "evalue": "x", "traceback": box}
    cell = {**_code(error), "metadata": {"tags": ["raises-exception"]}}
    out = cell_html(cell, "x.ipynb", 0, NO_DIAGRAMS)
    assert "出错了（不是程序故障）<br>a.csv：找不到这个文件<br>按上面" in out and "\x1b" not in out


def test_a_diagram_not_rendered_beforehand_stops_the_build():
    text = "图：\n```mermaid\nflowchart LR\n  A --> B\n```\n"
    with pytest.raises(BuildError, match="Mermaid"):
        markdown_to_html(text, NO_DIAGRAMS)
    svg = '<svg id="d"><text>A</text></svg>'
    assert svg in markdown_to_html(text, Diagrams({"flowchart LR\n  A --> B": svg}))


def test_a_missing_font_or_npm_package_stops_the_build(monkeypatch, tmp_path):
    monkeypatch.setattr(tl, "chinese_font_path", lambda: tmp_path / "NotoSansSC-Regular.otf")
    with pytest.raises(BuildError, match="中文字体"):
        font_path()
    with pytest.raises(BuildError, match="npm ci"):
        npm_file("reveal.js", "dist/no-such-file.js")


def test_docstring_examples():
    assert doctest.testmod(render).failed == 0


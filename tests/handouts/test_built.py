"""What ``make handouts`` and ``make slides`` produce: offline, no widget reprs, PDFs with the right pages and font.

Built once per session (fixtures in tests/conftest.py) into build/handouts and build/slides; the first page of
every PDF is kept as a PNG in build/handouts/预览/.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from helpers import ROOT
from helpers.handouts import TOOLS  # noqa: F401  (puts tools/ on sys.path)

import tiering_lib as tl
from handouts.pdfcheck import BUNDLED_FONT, embedded_fonts, page_count
from tiering_lib.course.agenda import chapter_notebooks

pytestmark = pytest.mark.slow

#: Attributes and CSS that make a browser load something.
_REFERENCE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^"')]+)["']?\s*\))""", re.I)
WIDGET_REPRS = ("VBox(", "HBox(", "IntSlider(", "FloatSlider(", "Dropdown(", "Checkbox(", "Output(", "Layout(")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _references(folder: Path):
    for path in folder.rglob("*"):
        if path.suffix in (".html", ".css", ".svg"):
            text = path.read_text(encoding="utf-8")
            for match in _REFERENCE.finditer(text):
                yield path, match.group(1) or match.group(2)


@pytest.mark.parametrize("which", ["handouts", "slides"])
def test_no_built_file_references_anything_outside_the_build_folder(which, built_handouts, built_slides):
    folder = built_handouts if which == "handouts" else built_slides
    checked = 0
    for path, ref in _references(folder):
        if ref.startswith(("data:", "#", "mailto:")):
            continue
        parsed = urlparse(ref)
        assert not parsed.scheme and not parsed.netloc, f"{path.relative_to(folder)} loads {ref}"
        target = (path.parent / unquote(parsed.path)).resolve()
        assert target.is_relative_to(folder.resolve()), f"{path.relative_to(folder)}: {ref} leaves the build folder"
        assert target.exists(), f"{path.relative_to(folder)}: {ref} does not exist"
        checked += 1
    assert checked > 50


def test_every_chapter_has_a_page_a_pdf_and_a_preview(built_handouts):
    learner = built_handouts / "学员"
    for nb in NOTEBOOKS:
        assert (learner / f"{nb.stem}.html").is_file() and (learner / "pdf" / f"{nb.stem}.pdf").is_file()
        png = built_handouts / "预览" / f"{nb.stem}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    for book in ("课程全本", "速查卡", "案例册"):
        assert (learner / "pdf" / f"{book}.pdf").is_file() and (built_handouts / "预览" / f"{book}.png").is_file()
    assert (built_handouts / "讲师" / "讲师手册.pdf").is_file()


@pytest.mark.parametrize("which", ["handouts", "slides"])
def test_no_page_shows_a_widget_repr_or_a_missing_picture(which, built_handouts, built_slides):
    folder = built_handouts if which == "handouts" else built_slides
    pages = list(folder.rglob("*.html"))
    assert len(pages) >= len(NOTEBOOKS)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = [r for r in WIDGET_REPRS if r in text]
        assert not found, f"{page.name} shows {found}"
        assert "application/vnd.jupyter.widget" not in text and "(控件)" not in text


def test_learner_pages_hold_no_trainer_notes_or_model_answers(built_handouts):
    for page in (built_handouts / "学员").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "讲师提示" not in text, page.name
        assert "参考要点" not in text and "参考答案：" not in text, page.name


def test_widgets_and_diagrams_are_drawn(built_handouts, built_slides):
    chapter03 = (built_handouts / "学员" / "03_分层逻辑.html").read_text(encoding="utf-8")
    assert chapter03.count('class="tl-static-picture"') >= 8  # the explorer and every exercise
    for page in (built_handouts / "学员" / "07_客户贡献与财富客群.html", built_slides / "08_客户维护流程.html"):
        text = page.read_text(encoding="utf-8")
        assert '<figure class="diagram"><svg' in text and "```mermaid" not in text


@pytest.mark.parametrize("name,pages", [
    *[(f"学员/pdf/{nb.stem}.pdf", (2, 60)) for nb in NOTEBOOKS],
    ("学员/pdf/课程全本.pdf", (40, 400)), ("学员/pdf/速查卡.pdf", (1, 1)),
    ("学员/pdf/案例册.pdf", (len(tl.load_cases()) + 1, 40)), ("讲师/讲师手册.pdf", (10, 200)),
])
def test_every_pdf_has_its_page_range_and_embeds_the_bundled_chinese_font(name, pages, built_handouts):
    pdf = built_handouts / name
    assert pages[0] <= page_count(pdf) <= pages[1]
    fonts = embedded_fonts(pdf)
    assert any(f.startswith(BUNDLED_FONT) and embedded for f, embedded in fonts.items()), fonts


def test_the_booklet_has_every_case_and_question_but_no_answer(built_handouts):
    text = html.unescape((built_handouts / "学员" / "案例册.html").read_text(encoding="utf-8"))
    for case in tl.load_cases():
        assert case.title in text and all(q in text for q in case.questions)
        assert not any(a in text for a in case.model_answers), case.id
        assert case.quiz_explanation not in text and case.root_cause not in text


def test_the_guide_has_the_agenda_every_exercise_answer_and_every_case_answer(built_handouts):
    from tiering_lib.course.exercises import exercise_ids, get_exercise

    text = html.unescape((built_handouts / "讲师" / "讲师手册.html").read_text(encoding="utf-8"))
    for time in tl.workshop_schedule().index:
        assert time in text
    for path in chapter_notebooks(ROOT / "notebooks"):
        assert all(o in text for o in tl.notebook_header(path).objectives)
    for ex_id in exercise_ids():
        ex = get_exercise(ex_id)
        assert f"<b>{ex_id}</b>" in text
        if ex.answer is not None:
            assert ex.answer_text() in text, ex_id
    for case in tl.load_cases():
        assert all(a in text for a in case.model_answers)
    assert text.count("讲师提示") >= 8

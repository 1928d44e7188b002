"""Checks on a printed PDF (page count, embedded Chinese font) and a PNG of its first page to look at."""

from __future__ import annotations

from pathlib import Path

from handouts import BuildError

#: Pages a chapter's PDF may have: fewer means content went missing, more means something ran wild.
CHAPTER_PAGES = (2, 60)
#: The bundled font's PostScript name starts with this (subset prefixes like ``ABCDEF+`` are stripped).
BUNDLED_FONT = "NotoSansSC"


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    """``{font name: embedded?}`` for every font the PDF's pages use (descendant fonts included; spaces removed)."""
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}

    def visit(font) -> None:
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        name = str(font.get("/BaseFont") or descriptor.get("/FontName") or descriptor.get("/FontFamily") or "?")
        name = name.lstrip("/").replace(" ", "")
        name = name.split("+", 1)[1] if "+" in name[:7] else name
        # Chromium embeds an OpenType (CFF) font as Type 3 fonts: the glyphs themselves are in the file
        embedded = font.get("/Subtype") == "/Type3" or any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        fonts[name] = fonts.get(name, False) or embedded
        for child in font.get("/DescendantFonts", []) or []:
            visit(child)

    for page in PdfReader(str(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get_object().get("/Font") or {}).values():
            visit(font)
    return fonts


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def check_pdf(pdf: Path, pages: tuple[int, int] | None = None) -> None:
    """Raise BuildError unless ``pdf`` has ``pages`` (min, max) pages and embeds the bundled Chinese font."""
    low, high = pages or CHAPTER_PAGES
    count = page_count(pdf)
    if not low <= count <= high:
        raise BuildError(f"{pdf.name} 有 {count} 页，应在 {low}–{high} 页之间；请检查页面内容")
    fonts = embedded_fonts(pdf)
    if not any(name.startswith(BUNDLED_FONT) and embedded for name, embedded in fonts.items()):
        raise BuildError(f"{pdf.name} 没有嵌入随课程提供的中文字体（用到的字体：{', '.join(sorted(fonts)) or '无'}）")


def first_page_png(pdf: Path, png: Path, width: int = 900) -> Path:
    """The first page of ``pdf`` as a PNG ``width`` pixels wide (pypdfium2)."""
    import pypdfium2 as pdfium

    png.parent.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        scale = width / page.get_width()
        page.render(scale=scale).to_pil().save(png)
    finally:
        document.close()
    return png

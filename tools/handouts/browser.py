"""The Chromium the browser tests use (Debian's, driven by Playwright), for diagrams, PDFs and pictures.

Pages are opened from ``file://`` in the build folder; every request for anything else is refused and
recorded, and :meth:`Printer.check_offline` turns a recorded request into a build error, so a page that
would need the internet cannot be printed.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from handouts import BuildError

CHROMIUM_FLAGS = [
    "--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
#: Printed below every PDF page: the page number and the number of pages.
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#6b7280;text-align:center;font-family:sans-serif">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def chromium_path() -> str:
    """``$CHROMIUM``, else ``/usr/bin/chromium``; BuildError if there is none."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    raise BuildError("找不到 Chromium 浏览器；Debian/Ubuntu 上请运行 apt-get install chromium（或用 CHROMIUM=路径 指定）")


class Printer:
    """One Chromium session: open local pages, wait for fonts, print PDFs, take screenshots."""

    def __init__(self, browser):
        self.browser = browser
        self.refused: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def open(self, path: Path):
        """A new page showing the local file ``path``, with its fonts loaded."""
        page = self.context.new_page()
        page.set_default_timeout(120_000)
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page

    def check_offline(self, what: str) -> None:
        """Raise BuildError if any page asked for something outside the build folder."""
        if self.refused:
            urls = "、".join(sorted(set(self.refused))[:3])
            raise BuildError(f"{what} 要从网上加载 {urls}；讲义必须离线可用，请改为随构建复制的本地文件")

    def pdf(self, html_path: Path, pdf_path: Path, landscape: bool = False, footer: bool = True) -> Path:
        """Print ``html_path`` to ``pdf_path`` (A4) as the browser's print dialog would, page numbers below."""
        page = self.open(html_path)
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        page.emulate_media(media="print")
        page.pdf(
            path=str(pdf_path), format="A4", landscape=landscape, print_background=True,
            prefer_css_page_size=True, display_header_footer=footer,
            header_template="<div></div>", footer_template=FOOTER if footer else "<div></div>",
            margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
        )
        page.close()
        self.check_offline(html_path.name)
        return pdf_path


@contextmanager
def printer() -> Iterator[Printer]:
    """A :class:`Printer` on a fresh headless Chromium, closed afterwards."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise BuildError("没有安装 playwright；请先运行 make .venv/.installed") from err
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield Printer(browser)
        finally:
            browser.close()

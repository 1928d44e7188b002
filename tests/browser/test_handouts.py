"""The built course site and a slide deck, opened offline in a real Chromium.

Served from 127.0.0.1; every request to anything else is refused and recorded, so a page that needs the
internet fails here.  Screenshots go to build/screenshots/handouts_*.png and slides_*.png.
"""

from __future__ import annotations

import urllib.parse

import pytest
from helpers.handouts import serve
from helpers.lab import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FONT_LOADED = "() => document.fonts.check('16px \"TL Noto Sans SC\"', '客户分层') && document.fonts.status === 'loaded'"


def _offline_page(browser, base: str, refused: list[str], width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


def test_the_site_opens_offline_and_leads_from_chapter_to_chapter(browser, built_handouts):
    learner = built_handouts / "学员"
    chapters = sorted(p.stem for p in learner.glob("*.html") if p.stem[:2].isdigit() or p.stem.startswith("附录"))
    chapters.sort(key=lambda s: (not s[:2].isdigit(), s))
    refused: list[str] = []
    with serve(learner) as base:
        context, page = _offline_page(browser, base, refused)
        page.goto(f"{base}/index.html")
        assert page.locator("h1").first.inner_text() == "客户分层工作手册"
        page.wait_for_function(FONT_LOADED)
        screenshot(page, "handouts_index")
        page.locator(".chapter-list a").first.click()
        for i, stem in enumerate(chapters):
            page.wait_for_load_state("load")
            assert urllib.parse.unquote(page.url).endswith(f"/{stem}.html")
            assert page.locator("nav.toc a.current").inner_text() == page.locator("article h1").first.inner_text()
            assert "VBox(" not in page.locator("main").inner_text()
            page.wait_for_function(FONT_LOADED)
            if stem.startswith(("03", "07")):
                page.locator(".tl-static-picture, figure.diagram").last.scroll_into_view_if_needed()
            screenshot(page, f"handouts_{stem}")
            page.locator("main .pager a.next").first.click()
        page.wait_for_load_state("load")
        assert urllib.parse.unquote(page.url).endswith("/速查卡.html")  # after the last chapter: the card
        screenshot(page, "handouts_card")
        context.close()
    assert refused == []


def test_a_slide_deck_advances_offline(browser, built_slides):
    refused: list[str] = []
    with serve(built_slides) as base:
        context, page = _offline_page(browser, base, refused, 1280, 720)
        page.goto(f"{base}/{urllib.parse.quote('03_分层逻辑.html')}")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        page.wait_for_function(FONT_LOADED)
        total = page.evaluate("Reveal.getTotalSlides()")
        assert total >= 10
        assert page.locator(".reveal .slides section.present h1").inner_text().startswith("03 ")
        screenshot(page, "slides_03_title")
        seen = []
        for step in range(6):
            page.keyboard.press("Space")
            page.wait_for_timeout(900)
            seen.append(page.evaluate("JSON.stringify(Reveal.getIndices())"))
            screenshot(page, f"slides_03_{step + 1}")
        assert len(set(seen)) == 6  # every key press showed a new slide
        assert page.evaluate("Reveal.getProgress()") > 0
        assert _spilling(page) == []
        context.close()
    assert refused == []


def _spilling(page) -> list[str]:
    """Slides laid out now whose shown height passes the screen's: tall ones must be scaled to fit, or (past the
    smallest readable scale) shown in a box of the screen's height that scrolls."""
    return page.evaluate(
        "() => [...document.querySelectorAll('.reveal .slides section:not(.stack)')]"
        ".filter(s => s.style.display !== 'none')"
        ".filter(s => (s.style.overflowY === 'auto' ? s.clientHeight : s.scrollHeight)"
        "             * (parseFloat(s.style.zoom) || 1) > 720 * 1.01)"
        ".map(s => s.innerText.slice(0, 40))"
    )


def test_no_slide_of_any_deck_spills_over_the_screen(browser, built_slides):
    decks = sorted(built_slides.glob("[0-9][0-9]_*.html")) + sorted(built_slides.glob("附录*.html"))
    refused: list[str] = []
    with serve(built_slides) as base:
        context, page = _offline_page(browser, base, refused, 1280, 720)
        spilled, scrolling = {}, 0
        for deck in decks:
            page.goto(f"{base}/{urllib.parse.quote(deck.name)}")
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            page.wait_for_function(FONT_LOADED)
            for _ in range(page.evaluate("Reveal.getTotalSlides()")):
                if found := _spilling(page):
                    spilled[deck.stem] = found
                scrolling += page.evaluate("document.querySelectorAll('section.tl-scrolls').length")
                page.keyboard.press("Space")
                page.wait_for_timeout(60)
        assert spilled == {}
        assert scrolling > 0  # the long glossary of 00, for one, scrolls rather than shrinking past reading
        context.close()
    assert refused == []

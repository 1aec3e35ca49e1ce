"""The chapters as a reader sees them at 1280x800 (Chromium), and their
figures as the build drew them."""

from __future__ import annotations

import sys
from html import unescape

import pytest
from bs4 import BeautifulSoup

from tgdocs.drawing import draw
from tgdocs.site import DOCS, PARTS, ROOT, chapters

from .html import soup
from .sweep_checks import SELECTED, _guard

sys.path.insert(0, str(ROOT / "tools"))
from page_report import SCREEN, measure  # noqa: E402

NAMES = [page.relative_to(DOCS).with_suffix("").as_posix() for page in chapters()]


@pytest.fixture(scope="module")
def reader(browser, site_server):
    context = browser.new_context(viewport={"width": SCREEN[0], "height": SCREEN[1]})
    _guard(context)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("name", NAMES)
def test_chapter_code_fits_and_figures_show(reader, site_server, built_site, name):
    reader.goto(site_server.url(f"{name}.html"))
    row = measure(reader)
    assert row["sideways"] == 0, f"{name}: {row['sideways']} code blocks scroll sideways at 1280 px"
    assert row["figures"] >= 2
    assert row["mentions"] == 0
    assert row["first_code_screen"] == 1, f"{name}: the first snippet is on screen {row}"


@pytest.mark.parametrize("name", NAMES)
def test_tabs_open_on_the_chapters_framework(browser, site_server, built_site, name):
    context = browser.new_context()  # a new reader: no framework chosen yet
    page = context.new_page()
    page.goto(site_server.url(f"{name}.html"))
    wanted = PARTS[name.split("/")[0]] or "numpy"
    opened = page.evaluate(SELECTED, wanted)
    context.close()
    assert set(opened) <= {wanted}, f"{name} opens on {opened}, not {wanted}"


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_is_drawn_by_code_at_build(built_site, name):
    article = soup(built_site / f"{name}.html").select_one("article")
    assert article.find_all("img") == [], f"{name} shows an image file"
    # every picture; the dropdowns' chevrons are decorative (aria-hidden)
    figures = [svg for svg in article.select("svg") if svg.get("aria-hidden") != "true"]
    assert len(figures) >= 2
    for svg in figures:
        call = svg.get("data-tg-call")
        assert call, f"{name}: an SVG not drawn by the drawing directive"
        drawn = BeautifulSoup(draw(unescape(call)).svg, "html.parser").svg
        assert svg.get("aria-label") == drawn.get("aria-label")
        assert svg.get("viewbox") == drawn.get("viewbox")
        assert [t.get_text() for t in svg.find_all("text")] == [
            t.get_text() for t in drawn.find_all("text")]
        assert [r.get("class") for r in svg.find_all("rect")] == [
            r.get("class") for r in drawn.find_all("rect")]


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""
"""Cumulative layout shift of the page so far, as Lighthouse counts it."""


def test_the_longest_chapter_does_not_shift_while_it_loads(browser, site_server, built_site):
    longest = max(NAMES, key=lambda name: (built_site / f"{name}.html").stat().st_size)
    for width, height in ((1350, 940), (412, 823)):  # Lighthouse's desktop and mobile screens
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(site_server.url(f"{longest}.html"))
        shift = page.evaluate(LAYOUT_SHIFT)
        context.close()
        assert shift <= 0.05, f"{longest} at {width} px: cumulative layout shift {shift:.3f}"

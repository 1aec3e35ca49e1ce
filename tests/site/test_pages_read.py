"""What every built page carries for its reader, read from the HTML: the
"verified with" stamp, accessible diagrams, links to the glossary and the
references, previous/next links, and a 404 page."""

from __future__ import annotations

import datetime
import re


from tensorguide.device import framework_versions
from tgdocs import flow, missing_page, stamp

from .conftest import html_pages
from .html import soup
from .test_notebooks import chapter_pages


# --- the stamp ---------------------------------------------------------------------

def test_every_page_has_a_verified_with_stamp(built_site):
    versions = framework_versions()
    for page in html_pages(built_site) + [built_site / "404.html"]:
        stamps = soup(page).select("aside.tg-stamp")
        assert len(stamps) == 1, page
        text = stamps[0].get_text(" ", strip=True)
        for name, label in stamp.FRAMEWORKS:
            assert f"{label} {versions[name]}" in text, (page, text)
        assert "device cpu" in text or "device cuda" in text or "device mps" in text, text
        dates = stamps[0].select(f"time.{stamp.DATE_CLASS}")
        assert len(dates) == 1
        datetime.date.fromisoformat(dates[0]["datetime"])
        # the date is the only part of the page that may change between builds
        assert len(soup(page).select(f".{stamp.DATE_CLASS}")) == 1


def test_executed_pages_show_what_they_ran_with(built_site):
    for docname in chapter_pages():
        aside = soup(built_site / f"{docname}.html").select_one("aside.tg-stamp")
        assert aside["data-tg-executed"] == "true", docname
    aside = soup(built_site / "reference" / "glossary.html").select_one("aside.tg-stamp")
    assert aside["data-tg-executed"] == "false"


def test_build_date_honours_source_date_epoch():
    assert stamp.build_date({"SOURCE_DATE_EPOCH": "0"}) == datetime.date(1970, 1, 1)
    assert stamp.build_date({"SOURCE_DATE_EPOCH": "1767225600"}) == datetime.date(2026, 1, 1)
    runtime = {"numpy": "1", "torch": "2", "tensorflow": "3", "device": "cpu", "python": "3.11"}
    first = stamp.render(runtime, datetime.date(2026, 1, 1), True)
    assert first == stamp.render(runtime, datetime.date(2026, 1, 1), True)
    later = stamp.render(runtime, datetime.date(2026, 1, 2), True)
    strip = re.compile(rf'<time class="{stamp.DATE_CLASS}"[^>]*>.*?</time>')
    assert strip.sub("", first) == strip.sub("", later)


# --- diagrams ------------------------------------------------------------------------

def test_diagrams_are_accessible_images(built_site):
    count = 0
    for page in html_pages(built_site):
        ids = [tag["id"] for tag in soup(page).find_all(id=True) if tag["id"].startswith("tg-")]
        assert len(ids) == len(set(ids)), f"{page}: duplicate diagram ids"
        for svg in soup(page).select("svg.tg-flow"):
            count += 1
            assert svg["role"] == "img"
            title = soup(page).find(id=svg["aria-labelledby"])
            desc = soup(page).find(id=svg["aria-describedby"])
            assert title.name == "title" and title.get_text(strip=True)
            assert desc.name == "desc" and len(desc.get_text(strip=True)) > 10
    assert count >= 2


def test_no_ascii_flow_diagram_is_left_in_a_text_block(built_site):
    arrows = re.compile(r"^\s*[↓↑|v]\s*$")
    for page in html_pages(built_site):
        for pre in soup(page).select("div.highlight-text pre, div.highlight-none pre, div.highlight-default pre"):
            lines = pre.get_text().splitlines()
            assert not any(arrows.match(line) for line in lines), (page, pre.get_text()[:200])


def test_flow_layouts():
    down = flow.parse(["A | one", "B"])
    assert down == [("", [flow.Step("A", "one"), flow.Step("B")])]
    lanes = flow.parse(["TF 1 :: Define graph -> Session.run | feeds -> Optimise", "PyTorch :: Build -> Run"])
    assert [label for label, _ in lanes] == ["TF 1", "PyTorch"]
    assert lanes[0][1][1] == flow.Step("Session.run", "feeds")
    svg = flow.render_svg(lanes, "Two ways", "tg-flow-9")
    assert 'aria-labelledby="tg-flow-9-title"' in svg and ">TF 1</text>" in svg
    assert flow.describe(lanes).startswith("TF 1: Define graph, then Session.run (feeds), then")
    right = flow.render_svg(down, "", "x", direction="right")
    boxes = re.findall(r'<rect x="(\d+)" y="(\d+)"', right)
    assert len({y for _, y in boxes}) == 1 and len({x for x, _ in boxes}) == 2  # one row


# --- links a reader follows ------------------------------------------------------------

def test_chapters_link_to_the_glossary_and_the_references(built_site):
    for docname in chapter_pages():
        page = soup(built_site / f"{docname}.html")
        hrefs = [a["href"] for a in page.select("article a[href]")]
        assert any("reference/glossary.html#term-" in h for h in hrefs), docname
        if page.select("a[href*='references.html#']"):
            continue
        assert not page.select(".bibtex"), docname  # cites, so must link the references


def test_pages_have_previous_and_next_links(built_site):
    for docname in chapter_pages():
        page = soup(built_site / f"{docname}.html")
        assert page.select_one("a.left-prev") and page.select_one("a.right-next"), docname


def test_404_page_is_written_for_any_sub_path(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert missing_page.PLACEHOLDER not in html
    assert "tgdocs.missing_page" in html.split("</head>")[0]
    assert 'href="/' not in html and 'src="/' not in html  # nothing absolute


def test_deployment_prefix():
    assert missing_page.deployment_prefix({}) == ""
    assert missing_page.deployment_prefix({"TGDOCS_URL_PREFIX": "guide"}) == "/guide/"
    assert missing_page.deployment_prefix(
        {"READTHEDOCS_CANONICAL_URL": "https://x.example/en/latest/"}) == "/en/latest/"

"""What every built page carries for its reader, read from the HTML: the
"verified with" stamp, accessible figures, links to the glossary and the
references, previous/next links, and a 404 page."""

from __future__ import annotations

import datetime
import re


from tensorguide.device import framework_versions
from tgdocs import missing_page, site, stamp
from tgdocs.site import DOCS

from ..harness import gallery_examples
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


# --- figures -------------------------------------------------------------------------

def test_figures_are_accessible_images(built_site):
    count = 0
    for page in html_pages(built_site):
        for svg in soup(page).select("svg.tg-fig"):
            count += 1
            assert svg["role"] == "img"
            assert len(svg["aria-label"]) > 20
            assert svg.find("title").get_text() == svg["aria-label"]
    assert count >= 2 * 9  # two or more in each chapter


def test_no_ascii_flow_diagram_is_left_in_a_text_block(built_site):
    arrows = re.compile(r"^\s*[↓↑|v]\s*$")
    for page in html_pages(built_site):
        for pre in soup(page).select("div.highlight-text pre, div.highlight-none pre, div.highlight-default pre"):
            lines = pre.get_text().splitlines()
            assert not any(arrows.match(line) for line in lines), (page, pre.get_text()[:200])


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


def test_the_whole_book_is_in_every_sidebar(built_site):
    chapters = {p.relative_to(DOCS).with_suffix(".html").as_posix() for p in site.chapters()}
    wanted = chapters | {"auto_examples/index.html", "reference/glossary.html",
                         "reference/api.html", "reference/errata/index.html"}
    for page in html_pages(built_site):
        if page.name in ("search.html", "genindex.html", "py-modindex.html"):
            continue
        nav = soup(page).select_one("nav.bd-docs-nav")
        assert nav is not None, page
        linked = {(page.parent / a["href"].split("#")[0]).resolve().relative_to(built_site.resolve())
                  .as_posix() for a in nav.select("a[href]") if not a["href"].startswith("#")}
        linked.add(page.relative_to(built_site).as_posix())  # a page links itself as "#"
        assert wanted <= linked, (page.name, sorted(wanted - linked))


def test_gallery_thumbnails_are_cropped_to_their_figure(built_site):
    from PIL import Image

    thumbs = sorted((built_site / "_images").glob("sphx_glr_*_thumb.png"))
    assert len(thumbs) >= len(gallery_examples())
    for thumb in thumbs:
        with Image.open(thumb) as image:
            assert image.getbbox() == (0, 0, *image.size), f"{thumb.name} has empty margins"

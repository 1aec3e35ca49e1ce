"""Checks on the hand-written pages themselves."""

from __future__ import annotations

import re

import pytest

from tgdocs.site import DOCS, PAGE_EXCLUDES, chapters, pages

PLACEHOLDERS = re.compile(r"\[(CONCEPT|PARAMETER|BEHAVIOR)\]")
# Pictographs the source sprinkled over its headings; the site uses none.
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]")
CHAPTERS = chapters()


@pytest.mark.parametrize(
    "page",
    [page for page in pages() if "errata" not in page.parts],  # errata quote the source
    ids=lambda p: str(p.relative_to(DOCS)),
)
def test_no_template_placeholders(page):
    assert not PLACEHOLDERS.findall(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_emoji(page):
    assert EMOJI.findall(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: str(p.relative_to(DOCS)))
def test_chapter_links_its_errata(page):
    errata = DOCS / "reference" / "errata" / page.name
    assert errata.exists(), f"no errata page for {page.name}"
    assert f"</reference/errata/{page.stem}>" in page.read_text(encoding="utf-8")


def test_hand_written_rst_pages_hold_no_code():
    # .rst pages are outside sybil's MyST parsers, so they may hold autodoc
    # directives and prose only.
    for path in DOCS.rglob("*.rst"):
        if path.relative_to(DOCS).parts[0] in PAGE_EXCLUDES:
            continue
        text = path.read_text(encoding="utf-8")
        assert ">>>" not in text, path
        assert not re.search(r"^\s*\.\. (code-block|code|sourcecode|doctest|literalinclude)::", text, re.M), path
        assert not re.search(r"::\s*$", text, re.M), f"{path} has a literal block"


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_table_headers_are_not_empty(page):
    # a header row is the row above a | --- | separator; every cell names its column
    lines = page.read_text(encoding="utf-8").splitlines()
    empty = []
    for number, (header, rule) in enumerate(zip(lines, lines[1:]), start=1):
        if header.startswith("|") and re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", rule.strip()):
            cells = [cell.strip() for cell in header.strip().strip("|").split("|")]
            if any(not cell for cell in cells):
                empty.append(number)
    assert empty == [], f"table headers with an empty cell at lines {empty}"

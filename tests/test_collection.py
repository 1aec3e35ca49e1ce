"""Every code block on the site is run by sybil, or explicitly marked as not Python.

The inventory comes from :mod:`tgdocs.blocks`, which parses pages with
markdown-it independently of sybil's regular expressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Sybil

from conftest import pages as site_sybil
from tgdocs.blocks import code_blocks, unaccounted
from tgdocs.site import DOCS, pages
from tgdocs.sybil_parsers import AnyPythonBlockParser

FIXTURES = Path(__file__).parent / "fixtures"


def uncollected(path: Path) -> list[str]:
    """Blocks of ``path`` that no test would run, each described in words."""
    document = Sybil([AnyPythonBlockParser()]).parse(path)
    example_lines = [example.line for example in document.examples()]
    blocks = code_blocks(path)
    missed = [
        block
        for block in blocks
        if block.is_python and not any(block.line <= line <= block.end_line for line in example_lines)
    ]
    return [block.where() for block in missed + unaccounted(blocks)]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_block_of_the_page_is_collected(page):
    assert uncollected(page) == []


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_sybil_reads_the_page(page):
    assert site_sybil.should_parse(page)


def test_every_python_spelling_is_collected():
    blocks = code_blocks(FIXTURES / "every_spelling.md")
    assert sum(block.is_python for block in blocks) == 11
    assert uncollected(FIXTURES / "every_spelling.md") == []


def test_the_check_reports_blocks_outside_sybils_reach():
    reported = uncollected(FIXTURES / "uncollected.md")
    assert [line.split(", line ")[1].split(" ")[0] for line in reported] == ["7", "13", "17", "23"]
    assert "language missing" in reported[0]
    assert "indented" in reported[1]
    assert "language cython" in reported[2]
    assert "directive:literalinclude" in reported[3]


def test_the_site_has_pages_with_code():
    assert sum(len(code_blocks(page)) for page in pages()) > 0

"""Every code block on the site is run by sybil (or, a worked example, by the
build), or marked as not Python, and Python is spelled one way: a ```python
fence.

The inventory comes from :mod:`tgdocs.blocks`, which parses pages with
markdown-it apart from sybil's regular expressions, so a block that sybil's
parser misses cannot go unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Sybil

from conftest import pages as site_sybil
from tgdocs.blocks import code_blocks
from tgdocs.site import DOCS, pages

from .harness import page_parsers, where

FIXTURES = Path(__file__).parent / "fixtures"
NON_PYTHON_LANGUAGES = frozenset({"text", "console", "bash", "json", "yaml", "toml", "ini",
                                  "html", "markdown", "latex", "diff"})
"""Languages a writer marks as not Python; such blocks are shown, never run."""
RUN_BY_THE_BUILD = frozenset({"directive:worked-example"})  # tgdocs.worked_example


def misspelled(path: Path) -> list[str]:
    """Blocks that are neither a ```python fence, a worked example nor a fence
    marked as another language: ```py, ```python3, {code-block} python,
    {code-cell}, {doctest}, a fence with no language, an indented block, an
    included file."""
    return [where(block) for block in code_blocks(path)
            if not (block.is_python or block.form in RUN_BY_THE_BUILD
                    or (block.form == "fence" and block.language in NON_PYTHON_LANGUAGES))]


def uncollected(path: Path) -> list[str]:
    """``python`` blocks of ``path`` that sybil collects no example from."""
    document = Sybil(page_parsers()).parse(path)
    lines = [example.line for example in document.examples()]
    return [where(block) for block in code_blocks(path) if block.is_python
            and not any(block.line <= line <= block.end_line for line in lines)]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_python_block_of_the_page_is_collected(page):
    assert uncollected(page) == []


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_python_is_spelled_one_way(page):
    assert misspelled(page) == []


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_sybil_reads_the_page(page):
    assert site_sybil.should_parse(page)


def test_every_other_spelling_is_reported():
    reported = misspelled(FIXTURES / "every_spelling.md")
    forms = [line.split("(")[1].rstrip(")") for line in reported]
    assert forms == [
        "fence, language py", "fence, language python3", "directive:code-cell, language python",
        "directive:code-cell, language ipython3", "directive:code-block, language py3",
        "directive:code, language ipython", "directive:sourcecode, language python",
        "fence, language pycon", "directive:doctest, language missing",
    ]
    assert uncollected(FIXTURES / "every_spelling.md") == []  # the two ```python blocks


def test_the_check_reports_blocks_outside_sybils_reach():
    reported = misspelled(FIXTURES / "uncollected.md")
    assert [line.split(", line ")[1].split(" ")[0] for line in reported] == ["7", "13", "17", "23"]
    assert "language missing" in reported[0]
    assert "indented" in reported[1]
    assert "language cython" in reported[2]
    assert "directive:literalinclude" in reported[3]


def test_the_check_reports_a_python_block_sybil_misses(tmp_path):
    # markdown-it reads the language from the first word of the fence's info;
    # sybil's lexer takes the whole info string as the language
    page = tmp_path / "page.md"
    page.write_text('```python title="x"\nx = 1\n```\n', encoding="utf-8")
    assert uncollected(page) == [f"{page}, line 1 (fence, language python)"]


def test_the_site_has_pages_with_code():
    assert sum(len(code_blocks(page)) for page in pages()) > 500

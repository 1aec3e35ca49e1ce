"""Every framework-tab snippet runs alone, as a reader who copied it runs it.

See :mod:`tgdocs.fresh` for how "alone" is arranged: each snippet gets a new
process that has run no other snippet and an empty namespace.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tgdocs import fresh
from tgdocs.blocks import code_blocks
from tgdocs.site import DOCS, pages

from . import reuse


def framework_snippets():
    for page in pages():
        for block in code_blocks(page):
            tab = next((p for p in block.parents if p.name == "tab-item" and "sync" in p.options), None)
            if block.is_python and tab is not None:
                name = f"{page.relative_to(DOCS)}:{block.line}:{tab.options['sync']}"
                yield pytest.param(page, block, id=name)


SNIPPETS = list(framework_snippets())


@pytest.mark.parametrize("page, block", SNIPPETS)
def test_snippet_runs_alone(request, page, block):
    """A run that passed is reused while the snippet, tensorguide, the
    frameworks it imports and the runner are unchanged (tests/reuse.py)."""
    store = reuse.Store("snippet runs alone")
    key = reuse.key(block.source, reuse.environment([block.source]),
                    reuse.file_digest(Path(fresh.__file__)), reuse.file_digest(Path(__file__)))

    def make():
        runner = request.getfixturevalue("snippet_runner")  # started only when needed
        outcome = runner.run(block.source, f"{page}:{block.line}")
        assert outcome.ok, f"{block.where()} does not run on its own:\n{outcome.report}"
        return {"ok": outcome.ok}

    run = store.get(f"{page.relative_to(DOCS).as_posix()}:{block.line}", key, make)
    assert run["ok"]


def test_a_snippet_that_needs_earlier_code_fails_alone(snippet_runner):
    # `np` is defined by nothing in this snippet, so alone it must fail.
    outcome = snippet_runner.run(">>> np.zeros(2).shape\n(2,)\n", "fixture")
    assert not outcome.ok
    assert "NameError: name 'np' is not defined" in outcome.report


def test_a_wrong_shown_output_fails_alone(snippet_runner):
    outcome = snippet_runner.run(">>> import numpy as np\n>>> np.zeros(2).shape\n(3,)\n", "fixture")
    assert not outcome.ok
    assert "Expected:\n    (3,)\nGot:\n    (2,)" in outcome.report

"""Every framework tab runs alone, as a reader who copied it runs it, and the
tabs of a set compute the same thing.

Each tab's snippet runs once, in a new process that has run nothing else,
from an empty namespace (tests/snippets.py): as a doctest, so its shown
outputs are checked.  The last line of each tab is an expression whose value
is the set's result (a tensor, a shape or a number); the values of a set's
tabs are compared with :func:`tensorguide.crosscheck.assert_agree`.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tensorguide.crosscheck import DisagreementError, assert_agree
from tgdocs.blocks import code_blocks, tab_sets
from tgdocs.site import DOCS, pages

from . import snippets
from .harness import where
from .snippets import run_alone

TAB_SETS = [pytest.param(tabs, id=f"{page.relative_to(DOCS)}:{line}")
            for page in pages() for line, tabs in tab_sets(page).items()]


@pytest.mark.parametrize("tabs", TAB_SETS)
def test_tabs_run_alone_and_agree(tabs):
    compared = len(tabs) > 1
    outcomes = {framework: run_alone(block.source, f"{block.path}:{block.line}", compared)
                for framework, block in tabs.items()}
    failed = [f"{where(tabs[framework])}, the {framework} tab, does not run on its own:\n"
              f"{outcome.report}" for framework, outcome in outcomes.items() if not outcome.ok]
    assert failed == [], "\n\n".join(failed)
    if compared:
        assert_agree({framework: outcome.value for framework, outcome in outcomes.items()})


def test_the_site_has_tab_sets_to_compare():
    assert sum(len(param.values[0]) > 1 for param in TAB_SETS) >= 20


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_a_tab_holds_one_snippet(page):
    per_tab = Counter(next(p for p in reversed(block.parents) if p.name == "tab-item").line
                      for block in code_blocks(page) if block.is_python and block.tab)
    assert [line for line, count in per_tab.items() if count > 1] == []


def test_a_snippet_that_needs_earlier_code_fails_alone():
    # `np` is defined by nothing in this snippet, so alone it must fail.
    outcome = run_alone(">>> np.zeros(2).shape\n(2,)\n", "fixture")
    assert not outcome.ok
    assert "NameError: name 'np' is not defined" in outcome.report


def test_nothing_of_an_earlier_snippet_is_left():
    assert run_alone("import numpy as np\nleft = np.ones(2)\n", "first").ok
    outcome = run_alone("left\n", "second")
    assert not outcome.ok and "NameError: name 'left' is not defined" in outcome.report


def test_a_wrong_shown_output_fails_alone():
    outcome = run_alone(">>> import numpy as np\n>>> np.zeros(2).shape\n(3,)\n", "fixture")
    assert not outcome.ok
    assert "Expected:\n    (3,)\nGot:\n    (2,)" in outcome.report


def test_the_value_of_the_last_line_comes_back():
    doctest = run_alone(">>> import torch\n>>> torch.ones(2, 3).shape\ntorch.Size([2, 3])\n",
                        "fixture", want_value=True)
    code = run_alone("import numpy as np\nnp.arange(3) * 2\n", "fixture", want_value=True)
    assert doctest.ok and doctest.value == (2, 3)
    assert code.ok and code.value.tolist() == [0, 2, 4]


def test_a_tab_must_end_with_an_expression():
    outcome = run_alone(">>> import numpy as np\n>>> a = np.zeros(2)\n", "fixture", want_value=True)
    assert not outcome.ok and "the last line must be an expression" in outcome.report


def test_the_check_catches_disagreeing_tabs():
    numpy = run_alone(">>> import numpy as np\n>>> np.zeros((2, 3)).shape\n(2, 3)\n", "np", True)
    torch = run_alone(">>> import torch\n>>> torch.zeros(3, 2).shape\ntorch.Size([3, 2])\n",
                      "torch", True)
    with pytest.raises(DisagreementError):
        assert_agree({"numpy": numpy.value, "torch": torch.value})


def test_a_fresh_interpreter_on_request(monkeypatch):
    monkeypatch.setenv("TGDOCS_FRESH_INTERPRETER", "1")
    snippets._context.cache_clear()
    try:
        outcome = run_alone("import sys\nprint(sorted({'numpy', 'torch'} & set(sys.modules)))\n", "x")
    finally:
        snippets._context.cache_clear()  # the next test gets the forkserver again
    assert outcome.ok and outcome.report == "[]\n"  # nothing preloaded: a new interpreter

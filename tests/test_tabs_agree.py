"""The NumPy, PyTorch and TensorFlow tabs of a tab set compute the same thing.

Convention for framework tabs: the last line of each tab's snippet is an
expression whose value is the tab set's result (a tensor, a shape or a
number).  The three values are compared with
:func:`tensorguide.crosscheck.assert_agree`.
"""

from __future__ import annotations

import ast
import doctest
import io
from collections import defaultdict
from contextlib import redirect_stdout

import pytest

from tensorguide.crosscheck import assert_agree
from tgdocs.blocks import code_blocks
from tgdocs.site import DOCS, pages


def framework_tab_sets():
    for page in pages():
        sets = defaultdict(dict)
        for block in code_blocks(page):
            tab_set = next((p for p in block.parents if p.name == "tab-set"), None)
            tab = next((p for p in block.parents if p.name == "tab-item" and "sync" in p.options), None)
            if block.is_python and tab_set is not None and tab is not None:
                sets[tab_set.line][tab.options["sync"]] = block
        for line, blocks in sets.items():
            if len(blocks) > 1:
                yield pytest.param(blocks, id=f"{page.relative_to(DOCS)}:{line}")


def final_value(source: str):
    """Run ``source`` in a fresh namespace; return the value of its last expression."""
    if source.lstrip().startswith(">>>"):
        examples = doctest.DocTestParser().get_examples(source)
        code = "".join(example.source for example in examples)
    else:
        code = source
    tree = ast.parse(code)
    assert tree.body and isinstance(tree.body[-1], ast.Expr), "a tab must end with an expression"
    last = ast.Expression(tree.body.pop().value)
    namespace: dict = {"__name__": "__main__"}
    with redirect_stdout(io.StringIO()):
        exec(compile(tree, "<tab>", "exec"), namespace)
        return eval(compile(last, "<tab>", "eval"), namespace)


TAB_SETS = list(framework_tab_sets())


@pytest.mark.parametrize("blocks", TAB_SETS)
def test_framework_tabs_agree(blocks):
    results = {framework: final_value(block.source) for framework, block in blocks.items()}
    assert_agree(results)


def test_the_check_catches_disagreeing_tabs():
    from tensorguide.crosscheck import DisagreementError

    with pytest.raises(DisagreementError):
        assert_agree({
            "numpy": final_value(">>> import numpy as np\n>>> np.zeros((2, 3)).shape\n(2, 3)\n"),
            "torch": final_value(">>> import torch\n>>> torch.zeros(3, 2).shape\n"),
        })

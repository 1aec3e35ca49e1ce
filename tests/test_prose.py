"""The prose of every page is held to its code (see tests/prose.py)."""

import pytest
from tgdocs.site import pages

from .prose import problems


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.stem)
def test_prose_claims_hold(path):
    found = problems(path)
    assert not found, f"{len(found)} claim(s) in {path.name} not held to code:\n" + "\n".join(found)

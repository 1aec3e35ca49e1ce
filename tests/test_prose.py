"""The prose of every page is held to its code (see tests/prose.py)."""

import pytest
from tgdocs.site import DOCS, pages

from .prose import problems


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.stem)
def test_prose_claims_hold(path):
    found = problems(path)
    assert not found, f"{len(found)} claim(s) in {path.name} not held to code:\n" + "\n".join(found)


# The checker itself, on small pages: each rule reports what it should and
# nothing more.  A chapter's path is borrowed so that the chapter-only rules apply.
CHAPTER = DOCS / "pytorch" / "broadcasting.md"
CODE = """
```python
>>> import torch
>>> torch.ones(2, 3).sum(dim=0).shape
torch.Size([3])
```
"""


def check(prose: str, code: str = CODE) -> list[str]:
    return [line.split(": ", 1)[1] for line in problems(CHAPTER, "# T\n\n## S\n" + code + prose + "\n")]


def test_a_page_that_holds_to_its_code_has_no_problems():
    assert check("Summing `torch.ones` over `dim=0` gives shape `[3]`; 2 * 3 = 6 ones.") == []


@pytest.mark.parametrize(("prose", "reported"), [
    ("Call `torch.onse` to fill a tensor.", "torch.onse"),  # a typo of a real name
    ("Use {absent}`torch.ones` instead.", "exists"),  # said not to exist, but does
    ("The result has shape `(2, 4)`.", "(2, 4)"),  # in no code or output of the section
    ("It gives `float64`.", "float64"),
    ("It has 7 entries.", "7"),
    ("That is 2 * 3 = 7 ones.", "not 7"),  # a calculation is evaluated
    ("Half of them is 3 / 2 = 1.", "not 1"),  # a whole number is exact, not rounded
    ("So $25 / (2 \\cdot 3) = 4$.", "not 4"),
    ("This needs TensorFlow 9.", "newer than the installed"),
])
def test_each_rule_reports_a_claim_the_code_does_not_hold(prose, reported):
    found = check(prose)
    assert len(found) == 1 and reported in found[0], found


@pytest.mark.parametrize(("comment", "reported"), [
    ("# a view of the ones", "'view'"),
    ("# 3 column sums", "the number 3"),
    ("# 2 * 3 = 5", "not 5"),
])
def test_a_code_comment_shows_no_value_the_output_could_show(comment, reported):
    found = check("", CODE.replace("dim=0).shape", f"dim=0).shape   {comment}"))
    assert len(found) == 1 and reported in found[0], found
    assert check("", CODE.replace("dim=0).shape", "dim=0).shape   # 2 * 3 = 6 ones, summed")) == []

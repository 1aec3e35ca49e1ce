"""Every erratum has a source claim, a correction and evidence that is checked."""

from __future__ import annotations

import re

import pytest

from tgdocs.site import DOCS, ROOT

ERRATA = DOCS / "reference" / "errata"
ENTRY = re.compile(r"^## (E\d+\.\d+) (.+)$", re.M)
TEST_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def entries():
    for page in sorted(ERRATA.glob("*.md")):
        if page.name == "index.md":
            continue
        text = page.read_text(encoding="utf-8")
        heads = list(ENTRY.finditer(text))
        for head, following in zip(heads, heads[1:] + [None]):
            body = text[head.end(): following.start() if following else len(text)]
            yield pytest.param(page, head.group(1), body, id=f"{page.stem}:{head.group(1)}")


ENTRIES = list(entries())


@pytest.mark.parametrize("page, number, body", ENTRIES)
def test_entry_has_source_correction_and_evidence(page, number, body):
    for part in ("**Source.**", "**Correction.**", "**Evidence.**"):
        assert part in body, f"{number} lacks {part}"
    evidence = body.split("**Evidence.**", 1)[1]
    has_snippet = "```python" in evidence
    has_citation = "{cite:" in evidence
    tests = TEST_REFERENCE.findall(evidence)
    assert has_snippet or has_citation or tests, f"{number} has no checkable evidence"
    for path, name in tests:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.M), f"{number} cites missing test {path}::{name}"


def test_entry_numbers_are_unique_and_in_order():
    numbers = [number for _, number, _ in (p.values for p in ENTRIES)]
    assert len(numbers) == len(set(numbers))


def test_every_errata_page_is_listed():
    index = (ERRATA / "index.md").read_text(encoding="utf-8")
    for page in ERRATA.glob("*.md"):
        if page.name != "index.md":
            assert f"\n{page.stem}\n" in index, page.name

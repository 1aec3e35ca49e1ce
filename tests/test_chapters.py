"""The chapters are tutorials: checks on the page a writer hands in.

- a chapter never speaks of the document it was written from (provenance is
  on its errata page, which the chapter links in its last line);
- its code fits the column (no line longer than
  :data:`tools.page_report.MAX_CODE_LINE`; the browser test measures it too);
- it has at least two figures drawn at build by ``tensorguide.figures``;
- its errata page says where every subsection of the original went, and
  each place it names in italics is a heading or dropdown of the chapter
  (or, after "Glossary:", a glossary term).
"""

from __future__ import annotations

import re
import sys

import pytest

from tgdocs.site import DOCS, ROOT, chapters

sys.path.insert(0, str(ROOT / "tools"))
from page_report import MAX_CODE_LINE, ORIGINAL_DOCUMENT, static_report  # noqa: E402

ORIGINAL = ROOT.parent / "shared" / "source" / "tensors.md"
"""The original document, where the checkout sits beside the project's shared
folder (as on the developers' machines and in CI)."""

# Each chapter's section of the original, by the anchor of its heading.
SECTION_OF = {
    "what-are-tensors": "what-are-tensors-a-generalization-of-matrices",
    "pytorch-vs-tensorflow": "tensors-in-pytorch-vs-tensorflow",
    "common-operations": "common-tensor-operations-addition-multiplication-reshaping-etc",
    "creating-and-shaping": "creating-tensors-and-manipulating-shapes-in-pytorch",
    "indexing-and-slicing": "indexing-and-slicing-tensors-in-pytorch",
    "broadcasting": "broadcasting-and-its-importance-in-deep-learning",
    "key-differences": "tensorflow-vs-pytorch-key-differences-in-tensor-operations",
    "variables-constants-placeholders": "operations-in-tensorflow-tfvariable-tfconstant-tfplaceholder",
    "ops-for-models": "tensorflow-operations-for-deep-learning-models",
}
ERRATA_LINE = re.compile(r"\n---\n\n\{doc\}`Errata and corrections for this chapter "
                         r"</reference/errata/(?P<stem>[\w-]+)>`\n$")
MAPPING = "## Where each part of the original went"

CHAPTERS = chapters()
ids = [page.stem for page in CHAPTERS]


def normalize(heading: str) -> str:
    """A heading as a table may write it: no emoji, markup, numbering or colon."""
    text = re.sub(r"<a id=\"[^\"]*\"></a>|\*\*|`", "", heading)
    text = re.sub(r"^[^\w(]+", "", text.strip())
    text = re.sub(r"^\d+\.\s*", "", text)
    text = re.sub(r"\s*\([^)]*\)$", "", text.strip().rstrip(":"))  # "(3 use cases)", "(all four)"
    return text.strip().rstrip(":").strip().casefold()


def original_subsections(anchor: str) -> list[str]:
    """Every heading inside the original's section with this anchor."""
    headings, inside, fenced = [], False, False
    for line in ORIGINAL.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced or not line.startswith("#"):
            continue
        if line.startswith("# <a id="):
            inside = f'id="{anchor}"' in line
            continue
        if inside:
            headings.append(normalize(line.lstrip("#")))
    return headings


def test_every_chapter_is_known():
    assert sorted(ids) == sorted(SECTION_OF)


@pytest.mark.parametrize("page", CHAPTERS, ids=ids)
def test_chapter_does_not_mention_the_original_document(page):
    text = page.read_text(encoding="utf-8")
    found = [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
             if ORIGINAL_DOCUMENT.search(line)]
    assert found == [], f"{page.name} speaks of the original document: {found}"


@pytest.mark.parametrize("page", CHAPTERS, ids=ids)
def test_chapter_ends_with_its_errata_link(page):
    ending = ERRATA_LINE.search(page.read_text(encoding="utf-8"))
    assert ending and ending.group("stem") == page.stem


@pytest.mark.parametrize("page", CHAPTERS, ids=ids)
def test_code_fits_the_column(page):
    assert static_report(page)["long_code_lines"] == [], (
        f"{page.name}: code lines longer than {MAX_CODE_LINE} characters")


@pytest.mark.parametrize("page", CHAPTERS, ids=ids)
def test_chapter_has_two_figures_drawn_from_the_rules(page):
    assert static_report(page)["figures"] >= 2


def mapping_rows(page) -> list[list[str]]:
    """The cells of each row of the chapter's errata mapping table, header included."""
    errata = (DOCS / "reference" / "errata" / page.name).read_text(encoding="utf-8")
    assert MAPPING in errata, f"errata/{page.name} has no '{MAPPING}' table"
    table = errata.split(MAPPING, 1)[1].split("\n## ", 1)[0]
    return [line.strip().strip("|").split("|") for line in table.splitlines()
            if line.startswith("|") and not set(line) <= set("|-: ")]


@pytest.mark.skipif(not ORIGINAL.exists(), reason=f"the original document is not at {ORIGINAL}")
@pytest.mark.parametrize("page", CHAPTERS, ids=ids)
def test_errata_page_says_where_each_part_of_the_original_went(page):
    rows = mapping_rows(page)
    placed = {normalize(cells[0]): cells[1].strip() for cells in rows[1:] if len(cells) >= 2}
    wanted = original_subsections(SECTION_OF[page.stem])
    assert wanted, f"no subsections found for {page.stem} in the original"
    missing = [heading for heading in wanted if heading not in placed]
    assert missing == [], f"errata/{page.name} does not say where these went: {missing}"
    assert all(placed[heading] for heading in wanted), "a row says nowhere"


def _names(names) -> set[str]:
    """Headings or terms as the mapping table may write them: no code or bold markup, any case."""
    return {re.sub(r"`|\*\*", "", name).strip().casefold() for name in names}


@pytest.mark.parametrize("page", CHAPTERS, ids=ids)
def test_errata_mapping_names_real_headings_and_terms(page):
    text = page.read_text(encoding="utf-8")
    titles = _names(re.findall(r"^#+ (.+?)\s*$", text, re.MULTILINE)
                    + re.findall(r"^:{3,}\{dropdown\} (.+?)\s*$", text, re.MULTILINE))
    glossary = (DOCS / "reference" / "glossary.md").read_text(encoding="utf-8")
    terms = _names(re.findall(r"^(\S[^\n]*)\n  \S", glossary.split(":sorted:", 1)[1], re.MULTILINE))
    unknown = []
    for cells in mapping_rows(page)[1:]:
        for clause in re.split(r";\s*", cells[1]) if len(cells) > 1 else []:
            known = terms if clause.strip().startswith("Glossary:") else titles
            unknown += [name for name in re.findall(r"(?<![*\w])\*([^*]+)\*(?!\*)", clause)
                        if _names([name]) - known]
    assert unknown == [], f"errata/{page.name} names places the chapter does not have: {unknown}"

"""The site's pages, and which of them are chapters."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
PAGE_EXCLUDES = ("_build", "_ext", "auto_examples")  # folders of docs/ with no hand-written page
PARTS = {"intro": None, "pytorch": "pytorch", "tensorflow": "tensorflow"}
"""The book's parts (folders of ``docs/``), each with the framework its tabs open on."""


def pages() -> list[Path]:
    """Every hand-written MyST page of the site."""
    return sorted(p for p in DOCS.rglob("*.md")
                  if p.relative_to(DOCS).parts[0] not in PAGE_EXCLUDES)


def is_chapter(docname: str) -> bool:
    """Whether a page (``"pytorch/broadcasting"``) is a chapter: in a part, not its index."""
    part, _, name = docname.partition("/")
    return part in PARTS and bool(name) and "/" not in name and name != "index"


def chapters() -> list[Path]:
    """The chapter pages (see :func:`is_chapter`)."""
    return [p for p in pages() if is_chapter(p.relative_to(DOCS).with_suffix("").as_posix())]

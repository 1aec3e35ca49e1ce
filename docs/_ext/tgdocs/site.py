"""Where the site's pages and gallery examples are."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
GALLERY = ROOT / "gallery"

GENERATED = ("_build", "auto_examples", "sg_execution_times.rst")
"""What the build writes into ``docs/``; never edited by hand."""

PAGE_EXCLUDES = GENERATED + ("_ext",)
"""Top-level entries of ``docs/`` that hold no hand-written page (the build's
output, and the docs tooling)."""


def hand_written(path: Path) -> bool:
    """Whether a file under ``docs/`` is written by people (not the build)."""
    return path.relative_to(DOCS).parts[0] not in PAGE_EXCLUDES


def pages() -> list[Path]:
    """Every hand-written MyST page of the site."""
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if hand_written(path)
    )


PARTS = {"intro": None, "pytorch": "pytorch", "tensorflow": "tensorflow"}
"""The book's three parts (folders under ``docs/``), each with the framework
its tabs open on when the reader has not chosen one."""


def is_chapter(docname: str) -> bool:
    """Whether a page (its docname, ``"pytorch/broadcasting"``) is a chapter:
    a page of a part other than the part's index."""
    part, _, name = docname.partition("/")
    return part in PARTS and bool(name) and "/" not in name and name != "index"


def chapters() -> list[Path]:
    """The chapter pages (see :func:`is_chapter`)."""
    return [page for page in pages()
            if is_chapter(page.relative_to(DOCS).with_suffix("").as_posix())]


def gallery_examples() -> list[Path]:
    """Every gallery example script."""
    return sorted(GALLERY.rglob("plot_*.py"))


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a subprocess that must see this checkout's
    ``tensorguide`` and ``tgdocs`` (not some other installed copy)."""
    env = dict(os.environ)
    paths = [str(ROOT / "src"), str(DOCS / "_ext"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.update(extra)
    return env

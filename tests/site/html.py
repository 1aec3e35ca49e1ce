"""The built pages, parsed once per test process.

Parsing the site's HTML with BeautifulSoup takes seconds, and many tests
read the same pages; :func:`soup` parses each file once (again only when the
file changes) and hands every caller the same tree, which callers only read.
"""

from __future__ import annotations

import functools
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import html_pages

LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
          "audio": "src", "embed": "src", "link": "href"}
"""Elements whose URL the browser fetches when the page loads (a ``link``
only with one of :data:`FETCHED_LINKS` as its ``rel``)."""

FETCHED_LINKS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest"}
"""``rel`` values of the links a browser fetches (not next, prev, index, search)."""


@functools.lru_cache(maxsize=None)
def _parse(path: str, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    """The parsed page at ``path``: shared, so never modify it."""
    status = Path(path).stat()
    return _parse(str(path), status.st_mtime_ns, status.st_size)


def tabbed_pages(root: Path) -> list[str]:
    """The pages (relative to ``root``) with framework tabs."""
    return [path.relative_to(root).as_posix() for path in html_pages(root)
            if soup(path).select('label[data-sync-group="framework"][data-sync-id="pytorch"]')]

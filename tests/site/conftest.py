"""Fixtures for tests of the built site.

``built_site`` builds the site into ``docs/_build/html`` exactly as README
command 1 does (incrementally: when command 1 already built the same
sources, this is a no-op rebuild of a few seconds).  A file lock keeps
parallel test workers from building at the same time.  Where the machine
allows it, the build runs with no network at all (``unshare -rn``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from tgdocs.site import DOCS

from ..harness import child_env

HTML = DOCS / "_build" / "html"


def offline_prefix() -> list[str]:
    """``unshare -rn`` where this machine allows it: the build then runs in a
    network namespace with no network at all, so a build step that needs the
    network fails the tests instead of passing on a connected machine."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


@pytest.fixture(scope="session")
def built_site() -> Path:
    HTML.parent.mkdir(parents=True, exist_ok=True)
    # One build per test run: the workers of a pytest-xdist run share a run id.
    # A second, no-op build would still rewrite the theme's static files
    # (pygments.css is first written plain, then themed) while another worker's
    # browser is reading them.
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    marker = HTML.parent / f".built-{run_id}" if run_id else None
    with FileLock(str(HTML.parent / ".build.lock")):
        if marker is not None and marker.exists():
            return HTML
        completed = subprocess.run(
            offline_prefix()
            + [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html",
               str(DOCS), str(HTML)],
            capture_output=True, text=True, env=child_env(), timeout=1800,
        )
        assert completed.returncode == 0, f"the site does not build:\n{completed.stderr[-5000:]}"
        if marker is not None:
            for old in HTML.parent.glob(".built-*"):
                old.unlink()
            marker.touch()
    return HTML


def html_pages(root: Path) -> list[Path]:
    """The pages of the current build.

    An incremental build leaves the HTML of pages that no longer exist in the
    output folder, so the list comes from the search index Sphinx writes for
    the current build (every document), plus the generated index pages.
    """
    text = (root / "searchindex.js").read_text(encoding="utf-8")
    payload = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    names = list(payload["docnames"]) + ["genindex", "search", "py-modindex"]
    return sorted(root / f"{name}.html" for name in names if (root / f"{name}.html").exists())


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site served on 127.0.0.1 under a sub-path (see browser.py)."""
    from .browser import SiteServer

    server = SiteServer(built_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (skips or fails when
    missing: see browser.py)."""
    from .browser import launch, unavailable

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()

"""Two clean builds of the site produce byte-identical HTML.

Excluded, explicitly, are the fields that record when and how fast a build
ran: the build date of the verified-with stamp (``<time
class="tg-build-date">``), sphinx-gallery's running-time line
(``sphx-glr-timing``), and the text
output of the gallery examples that measure time or memory
(``sphx-glr-script-out`` blocks on those pages), whose numbers differ from
run to run by design.  Everything else must match.

Two clean builds take a few minutes, so this test runs only when
``TENSORGUIDE_REPRODUCIBILITY=1`` (``tox -e repro``, which CI runs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tgdocs.site import ROOT

from ..harness import GALLERY, child_env

pytestmark = pytest.mark.skipif(
    os.environ.get("TENSORGUIDE_REPRODUCIBILITY") != "1",
    reason="two clean builds: run with tox -e repro",
)

IGNORE = shutil.ignore_patterns(".git", ".tox", "_build", "auto_examples", ".hypothesis",
                                "__pycache__", "*.egg-info")
BUILD_DATE = re.compile(r'<time class="tg-build-date"[^>]*>.*?</time>', re.S)
TIMING = re.compile(r'<p class="sphx-glr-timing">.*?</p>', re.S)
SCRIPT_OUT = re.compile(r'<div class="sphx-glr-script-out[^"]*">.*?</pre></div>\s*</div>', re.S)


def measuring_examples() -> set[str]:
    """Gallery pages whose printed output holds measured times or memory."""
    return {
        str(path.relative_to(GALLERY).with_suffix(".html"))
        for path in GALLERY.rglob("plot_*.py")
        if re.search(r"time_call\(|memory_report\(|perf_counter\(", path.read_text(encoding="utf-8"))
    }


def normalise(relative: str, html: str) -> str:
    html = BUILD_DATE.sub('<time class="tg-build-date">(excluded)</time>', html)
    html = TIMING.sub('<p class="sphx-glr-timing">(excluded)</p>', html)
    if relative.removeprefix("auto_examples/") in measuring_examples():
        html = SCRIPT_OUT.sub("(measured output excluded)", html)
    return html


def clean_build(scratch: Path, name: str) -> Path:
    tree = scratch / name
    shutil.copytree(ROOT, tree, ignore=IGNORE)
    html = tree / "docs" / "_build" / "html"
    completed = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html",
         str(tree / "docs"), str(html)],
        capture_output=True, text=True, env=child_env(), timeout=3600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return html


def test_two_clean_builds_are_identical(tmp_path):
    first = clean_build(tmp_path, "first")
    second = clean_build(tmp_path, "second")
    first_pages = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.html"))
    second_pages = sorted(p.relative_to(second).as_posix() for p in second.rglob("*.html"))
    assert first_pages == second_pages
    differing = [
        page for page in first_pages
        if normalise(page, (first / page).read_text(encoding="utf-8"))
        != normalise(page, (second / page).read_text(encoding="utf-8"))
    ]
    assert differing == [], f"pages that differ between two clean builds: {differing}"
    assert len(first_pages) > 20

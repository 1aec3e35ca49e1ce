"""Serve MathJax from the site itself, so math renders with no network.

Sphinx points ``mathjax_path`` at a CDN by default.  MathJax 3's files come
from the ``sphinx-mathjax-offline`` distribution; only what the TeX-to-HTML
combined component needs is copied (about 2.5 MB instead of 24 MB), and only
when the copy in the output is missing or different, so a no-op rebuild
copies nothing.
"""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
from pathlib import Path

MATHJAX_DISTRIBUTION = "sphinx-mathjax-offline"
MATHJAX_PARTS = ("tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "ui", "a11y")


def mathjax_source() -> Path:
    spec = importlib.util.find_spec(MATHJAX_DISTRIBUTION)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"MathJax files not found: install {MATHJAX_DISTRIBUTION} "
            "(it is in the docs requirements)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"


def _copy_if_changed(source: Path, target: Path) -> int:
    copied = 0
    files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
    for path in files:
        dest = target if source.is_file() else target / path.relative_to(source)
        if dest.exists() and filecmp.cmp(path, dest, shallow=True):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
        copied += 1
    return copied


def copy_mathjax(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        _copy_if_changed(source / part, target / part)


def setup(app) -> None:
    """Copy MathJax into the output; ``conf.py`` sets ``mathjax_path`` to
    ``"mathjax/tex-chtml.js"``."""
    app.connect("build-finished", copy_mathjax)

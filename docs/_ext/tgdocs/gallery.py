"""Hooks around sphinx-gallery (named in ``sphinx_gallery_conf`` or ``setup``).

- ``rerun_when_dependencies_change``: sphinx-gallery re-runs an example only
  when its text changes, so a new tensorguide or framework deletes its records;
- ``reset_state`` seeds every generator and sets the gallery's text size;
- ``phone_scraper`` fails the build on text unreadable on a phone;
- ``crop_thumbnails`` cuts the empty box sphinx-gallery pads thumbnails into.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import random
import sys
from pathlib import Path

# distributions whose version changes an example's output (either TensorFlow)
DISTRIBUTIONS = ("numpy", "torch", "tensorflow", "tensorflow-cpu", "matplotlib")
KEY_FILE = ".tgdocs-dependencies"
# A figure is shown at the article's width, 358 CSS px on a 390-px phone, so a
# point of font shows at 358 / (72 W) px in a figure W inches wide; 12 pt reads
# at 10.8 px in one 5.5 in wide, the widest a figure may be.
PHONE_FIGURE_PX = 358
MIN_TEXT_PX = 10.5
GALLERY_RC = {"font.size": 12}


def dependency_key() -> str:
    """A hash of the Python and framework versions and tensorguide's sources."""
    import tensorguide

    digest = hashlib.sha256(sys.version.encode())
    for name in DISTRIBUTIONS:
        try:
            digest.update(f"{name} {importlib.metadata.version(name)};".encode())
        except importlib.metadata.PackageNotFoundError:
            continue
    root = Path(tensorguide.__file__).parent
    for path in sorted(root.rglob("*.py")):
        if "worked_examples" in path.parts:  # the pages' tables; no example imports them
            continue
        digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def rerun_when_dependencies_change(app) -> None:
    """Delete sphinx-gallery's MD5 records when the dependency key changed."""
    key = dependency_key()
    for gallery_dir in app.config.sphinx_gallery_conf["gallery_dirs"]:
        root = Path(app.srcdir) / gallery_dir
        if (root / KEY_FILE).is_file() and (root / KEY_FILE).read_text() == key:
            continue
        for record in root.rglob("*.py.md5"):
            record.unlink()
        root.mkdir(parents=True, exist_ok=True)
        (root / KEY_FILE).write_text(key)


def crop_thumbnails(app) -> None:
    """Crop each thumbnail to its figure (cropping twice changes nothing)."""
    from PIL import Image

    for gallery_dir in app.config.sphinx_gallery_conf["gallery_dirs"]:
        for thumb in sorted((Path(app.srcdir) / gallery_dir).rglob("images/thumb/*_thumb.png")):
            with Image.open(thumb) as image:
                box = image.getbbox() if image.mode == "RGBA" else None
                if box is None or box == (0, 0, *image.size):
                    continue
                cropped = image.crop(box)
            cropped.save(thumb)


def reset_state(gallery_conf, fname, when) -> None:
    """Seed 0 everywhere around each example; before one, the base text size
    (sphinx-gallery restores matplotlib's defaults before and after)."""
    random.seed(0)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(0)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(0)
    if "tensorflow" in sys.modules:
        sys.modules["tensorflow"].random.set_seed(0)
    if when == "before":
        import matplotlib

        matplotlib.rcParams.update(GALLERY_RC)


def _shown_width_in(fig) -> float:
    """The width, in inches, of the image the figure is saved as."""
    import matplotlib

    if matplotlib.rcParams["savefig.bbox"] == "tight":
        return fig.get_tightbbox(fig.canvas.get_renderer()).width
    return fig.get_figwidth()


def small_texts(fig, min_px: float = MIN_TEXT_PX, width_px: float = PHONE_FIGURE_PX):
    """``(text, px)`` for each text that drawing ``fig`` shows under ``min_px``
    px when the figure is shown ``width_px`` px wide."""
    from matplotlib.text import Text

    drawn, draw = {}, Text.draw

    def record(text, renderer):
        drawn[id(text)] = text
        return draw(text, renderer)

    Text.draw = record  # matplotlib decides what is drawn: hidden axes, ticks out of view
    try:
        fig.canvas.draw()
    finally:
        Text.draw = draw
    scale = width_px / (72 * _shown_width_in(fig))
    return [(text.get_text(), text.get_fontsize() * scale) for text in drawn.values()
            if text.get_visible() and text.get_text().strip() and text.get_fontsize() * scale < min_px - 1e-9]


def phone_scraper(block, block_vars, gallery_conf) -> str:
    """sphinx-gallery's matplotlib scraper, after the phone check of every open figure."""
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import matplotlib_scraper

    problems = [f"figure {n} ({_shown_width_in(plt.figure(n)):.2f} in wide): {text[:40]!r} is {px:.1f} px"
                for n in plt.get_fignums() for text, px in small_texts(plt.figure(n))]
    if problems:
        plt.close("all")
        raise ValueError(f"{block_vars.get('src_file')}: text under {MIN_TEXT_PX} px when the figure is "
                         f"{PHONE_FIGURE_PX} px wide, as on a 390-px phone (pt * {PHONE_FIGURE_PX} / "
                         f"(72 * width in) >= {MIN_TEXT_PX}): " + "; ".join(problems))
    return matplotlib_scraper(block, block_vars, gallery_conf)


def setup(app) -> None:
    # around sphinx-gallery's own builder-inited handler (priority 500), which runs the examples
    app.connect("builder-inited", rerun_when_dependencies_change, priority=400)
    app.connect("builder-inited", crop_thumbnails, priority=600)

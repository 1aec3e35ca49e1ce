"""Hooks around sphinx-gallery.

``reset_state`` gives every example the same seeds, as pages get, and the
text size that ``phone_scraper`` checks for.
``phone_scraper`` saves an example's figures as sphinx-gallery would, after
checking that every text in them is readable on a phone.
``trim_thumbnails`` crops the empty margins sphinx-gallery pads every
thumbnail with, so a card shows the figure itself (``tensorguide.css`` fills
the card with its top part).
``invalidate_stale_examples`` makes sphinx-gallery re-run its examples when
what they depend on changed: sphinx-gallery only compares each script's own
MD5, so a new ``tensorguide`` or framework version would otherwise leave old
outputs in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util import logging

from . import envkey, state

logger = logging.getLogger(__name__)

GALLERY_DEPENDENCIES = ("numpy", "torch", "tensorflow", "matplotlib", "tensorguide")
KEY_FILE = ".tgdocs-environment-key"


def gallery_dirs(app) -> list[str]:
    """The folders (under ``docs/``) sphinx-gallery writes its pages into."""
    dirs = app.config.sphinx_gallery_conf.get("gallery_dirs", [])
    return [dirs] if isinstance(dirs, str) else list(dirs)


def invalidate_stale_examples(app) -> None:
    """Delete sphinx-gallery's MD5 records when the environment key changed."""
    key = envkey.environment_key(GALLERY_DEPENDENCIES)
    for gallery_dir in gallery_dirs(app):
        root = Path(app.srcdir) / gallery_dir
        key_file = root / KEY_FILE
        if key_file.exists() and key_file.read_text() == key:
            continue
        removed = 0
        for record in root.rglob("*.py.md5"):
            record.unlink()
            removed += 1
        if removed:
            logger.info(f"[tgdocs] dependencies changed: re-running {removed} gallery example(s)")
        root.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key)


def trim_thumbnails(app) -> None:
    """Crop each thumbnail to what it shows.

    sphinx-gallery scales the first figure into a fixed box and pads the rest
    with transparent pixels; the gallery's figures are tall now (panels
    stacked for phones), so the padding took most of each card.  Cropping
    an already cropped image changes nothing, so this is safe on every build.
    """
    from PIL import Image

    for gallery_dir in gallery_dirs(app):
        for thumb in sorted((Path(app.srcdir) / gallery_dir).rglob("images/thumb/*_thumb.png")):
            with Image.open(thumb) as image:
                box = image.getbbox() if image.mode == "RGBA" else None
                if box is None or box == (0, 0, *image.size):
                    continue
                cropped = image.crop(box)
            cropped.save(thumb)


# A figure is shown at the article's width; on a 390-px phone that is 358 CSS
# px, so a figure W inches wide shows a point of font at 358 / (72 W) px.
PHONE_FIGURE_PX = 358
MIN_TEXT_PX = 10.5
# The base text size in the examples: 12 pt reads at 10.8 px on a phone in a
# figure 5.5 in wide, the widest an example's figure may be with it.
GALLERY_RC = {"font.size": 12}


def reset_state(gallery_conf, fname, when):
    """Seed every generator before and after each example; before one, set
    the base text size (sphinx-gallery has just restored matplotlib's
    defaults, and restores them again after the example, so pages that run
    later see matplotlib untouched)."""
    state.reset()
    if when == "before":
        import matplotlib

        matplotlib.rcParams.update(GALLERY_RC)


def _drawn_texts(artist):
    """The visible, non-empty Text artists that drawing ``artist`` shows."""
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    if not artist.get_visible():
        return
    if isinstance(artist, Text):
        if artist.get_text().strip():
            yield artist
        return
    children = list(artist.get_children())
    if isinstance(artist, Axes) and not artist.axison:
        # ``ax.axis("off")``: neither axis nor spines are drawn
        children = [c for c in children
                    if not isinstance(c, Axis) and c not in artist.spines.values()]
    if isinstance(artist, Axis):
        # only the ticks inside the view limits are drawn
        try:
            drawn = artist._update_ticks()
        except Exception:  # a private helper: if it changes, check every tick
            drawn = None
        if drawn is not None:
            ticks = set(artist.majorTicks) | set(artist.minorTicks)
            children = [c for c in children if c not in ticks or c in drawn]
    for child in children:
        yield from _drawn_texts(child)


def _shown_width_in(fig) -> float:
    """The width, in inches, of the image the figure is saved as."""
    import matplotlib

    if matplotlib.rcParams["savefig.bbox"] == "tight":
        renderer = fig.canvas.get_renderer()
        return fig.get_tightbbox(renderer).width
    return fig.get_figwidth()


def small_texts(fig, min_px: float = MIN_TEXT_PX, width_px: float = PHONE_FIGURE_PX):
    """``(text, px)`` for each drawn text of ``fig`` under ``min_px`` px when
    the figure is shown ``width_px`` px wide."""
    fig.canvas.draw()  # lay out first: tick labels get their text at draw
    scale = width_px / (72 * _shown_width_in(fig))
    found = []
    for text in _drawn_texts(fig):
        px = text.get_fontsize() * scale
        if px < min_px - 1e-9:
            found.append((text.get_text(), px))
    return found


class PhoneScraper:
    """sphinx-gallery's matplotlib scraper, after a check that every text of
    every open figure is at least ``MIN_TEXT_PX`` px tall on a phone.

    An instance rather than a function, because Sphinx will not cache a
    configuration that holds a function; instances compare equal so that an
    unchanged configuration is recognised as unchanged.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __repr__(self) -> str:  # stable, so Sphinx sees an unchanged configuration
        return "tgdocs.gallery.phone_scraper"

    def __call__(self, block, block_vars: dict[str, Any], gallery_conf) -> str:
        import matplotlib.pyplot as plt
        from sphinx_gallery.scrapers import matplotlib_scraper

        problems = []
        for number in plt.get_fignums():
            fig = plt.figure(number)
            width = _shown_width_in(fig)
            for text, px in small_texts(fig):
                shown = text if len(text) <= 40 else text[:37] + "..."
                problems.append(f"figure {number} ({width:.2f} in wide): {shown!r} "
                                f"is {px:.1f} px")
        if problems:
            source = block_vars.get("src_file", "a gallery example")
            plt.close("all")
            raise ValueError(
                f"{source}: text under {MIN_TEXT_PX} px when the figure is "
                f"{PHONE_FIGURE_PX} px wide, as on a 390-px phone "
                f"(pt * {PHONE_FIGURE_PX} / (72 * width in) >= {MIN_TEXT_PX}): "
                + "; ".join(problems))
        return matplotlib_scraper(block, block_vars, gallery_conf)


phone_scraper = PhoneScraper()



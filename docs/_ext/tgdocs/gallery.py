"""Hooks around sphinx-gallery.

``reset_state`` gives every example the same seeds, as pages get.
``call_memory`` measures the peak resident memory an example adds, which
sphinx-gallery prints under the example as "Estimated memory usage".
``invalidate_stale_examples`` makes sphinx-gallery re-run its examples when
what they depend on changed: sphinx-gallery only compares each script's own
MD5, so a new ``tensorguide`` or framework version would otherwise leave old
outputs in place.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sphinx.util import logging

from . import envkey, state

logger = logging.getLogger(__name__)

GALLERY_DEPENDENCIES = ("numpy", "torch", "tensorflow", "matplotlib", "tensorguide")
KEY_FILE = ".tgdocs-environment-key"


def invalidate_stale_examples(app) -> None:
    """Delete sphinx-gallery's MD5 records when the environment key changed."""
    conf = app.config.sphinx_gallery_conf
    gallery_dirs = conf.get("gallery_dirs", [])
    if isinstance(gallery_dirs, str):
        gallery_dirs = [gallery_dirs]
    key = envkey.environment_key(GALLERY_DEPENDENCIES)
    for gallery_dir in gallery_dirs:
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

_MIB = 1024 * 1024


def reset_state(gallery_conf, fname, when):
    """Seed every generator before and after each example."""
    state.reset()


def _rss_bytes() -> int:
    import psutil

    return psutil.Process().memory_info().rss


class CallMemory:
    """Run an example; return (peak MiB added above the starting RSS, its value).

    A background thread samples the resident set size every 5 ms, so short
    spikes between samples can be missed; the figure is a lower bound.

    An instance rather than a function, because Sphinx will not cache a
    configuration that holds a function; instances compare equal so that an
    unchanged configuration is recognised as unchanged.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __repr__(self) -> str:  # stable, so Sphinx sees an unchanged configuration
        return "tgdocs.gallery.call_memory"

    def __call__(self, func):
        start = _rss_bytes()
        peak = start
        done = threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _rss_bytes())
                time.sleep(0.005)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            value = func()
        finally:
            done.set()
            sampler.join()
        peak = max(peak, _rss_bytes())
        return (peak - start) / _MIB, value


call_memory = CallMemory()

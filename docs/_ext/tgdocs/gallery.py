"""Hooks around sphinx-gallery.

``reset_state`` gives every example the same seeds, as pages get.
``invalidate_stale_examples`` makes sphinx-gallery re-run its examples when
what they depend on changed: sphinx-gallery only compares each script's own
MD5, so a new ``tensorguide`` or framework version would otherwise leave old
outputs in place.
"""

from __future__ import annotations

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



def reset_state(gallery_conf, fname, when):
    """Seed every generator before and after each example."""
    state.reset()



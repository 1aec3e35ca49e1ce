"""tgdocs: the machinery that keeps tensorguide's pages verified.

- :mod:`tgdocs.blocks` lists every code block of a page, independently of sybil;
- :mod:`tgdocs.sybil_parsers` is what sybil uses to collect and check them;
- :mod:`tgdocs.execute` and :mod:`tgdocs.pages` execute notebook pages in the
  build process, cached under :mod:`tgdocs.envkey`'s keys;
- :mod:`tgdocs.state` resets and checks process state between pages.

``setup`` makes the package a Sphinx extension.
"""

from __future__ import annotations


def setup(app):
    from . import flow, gallery, offline_math, pages, state

    # pages and gallery examples import TensorFlow themselves; keep its C++
    # start-up logging out of the build log
    state.install_quiet_tensorflow_import()

    pages.setup(app)
    flow.setup(app)
    # before sphinx-gallery's own builder-inited handler (priority 500)
    app.connect("builder-inited", gallery.invalidate_stale_examples, priority=400)
    offline_math.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

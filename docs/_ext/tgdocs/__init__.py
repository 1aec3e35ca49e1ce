"""tgdocs: the machinery that keeps tensorguide's pages verified.

- :mod:`tgdocs.blocks` lists every code block of a page, independently of sybil;
- :mod:`tgdocs.sybil_parsers` is what sybil uses to collect and check them;
- :mod:`tgdocs.execute` and :mod:`tgdocs.pages` execute notebook pages in the
  build process, cached under :mod:`tgdocs.envkey`'s keys;
- :mod:`tgdocs.state` resets and checks process state between pages, and
  keeps TensorFlow's start-up logging quiet;
- :mod:`tgdocs.stamp` writes the "verified with" stamp on every page;
- :mod:`tgdocs.notebooks` makes each chapter a downloadable notebook;
- :mod:`tgdocs.missing_page` makes the 404 page work under any sub-path;
- :mod:`tgdocs.a11y` fixes what axe-core finds in the theme's markup;
- :mod:`tgdocs.stable_config` keeps a no-op rebuild from rewriting every page;
- :mod:`tgdocs.assets` loads on each page only what it uses, deferred;
- :mod:`tgdocs.search` ranks the chapter about a query's words first;
- :mod:`tgdocs.meta` gives every page a meta description;
- :mod:`tgdocs.tabs` opens framework tabs on the chapter's framework;
- :mod:`tgdocs.drawing` draws figures with :mod:`tensorguide.figures`;
- :mod:`tgdocs.mathml` writes formulas as MathML,
  which browsers draw with no script.

``setup`` makes the package a Sphinx extension.
"""

from __future__ import annotations


def setup(app):
    from . import (
        a11y, assets, drawing, gallery, meta, mathml, missing_page, notebooks, pages, search, stable_config, stamp,
        state, tabs,
    )

    # pages and gallery examples import TensorFlow themselves; keep its C++
    # start-up logging out of the build log
    state.install_quiet_tensorflow_import()

    stable_config.setup(app)
    pages.setup(app)
    drawing.setup(app)
    tabs.setup(app)
    meta.setup(app)
    assets.setup(app)
    search.setup(app)
    stamp.setup(app)
    notebooks.setup(app)
    missing_page.setup(app)
    a11y.setup(app)
    # before sphinx-gallery's own builder-inited handler (priority 500)
    app.connect("builder-inited", gallery.invalidate_stale_examples, priority=400)
    # after sphinx-gallery has written its thumbnails (priority 500)
    app.connect("builder-inited", gallery.trim_thumbnails, priority=600)
    mathml.setup(app)
    from . import claims

    claims.setup(app)
    # env_version: bump when what the extension keeps in the environment changes
    # (2: chapter word counts for search), so old environments are re-read
    return {"version": "1", "env_version": 2, "parallel_read_safe": True,
            "parallel_write_safe": True}

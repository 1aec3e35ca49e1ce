"""tgdocs: the Sphinx extension that builds tensorguide's pages (each module's
docstring says what it adds).  The page model (blocks, site) is shared with the tests."""

from __future__ import annotations

import os

# The one place that quiets TensorFlow in the build (tox.ini's set_env: in the tests).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def setup(app):
    from . import claims, drawing, gallery, markup, mathml, missing_page, notebooks, search, stamp, tabs, worked_example

    for module in (worked_example, drawing, tabs, markup, search, stamp, notebooks, missing_page, gallery,
                   mathml, claims):
        module.setup(app)
    # env_version: bumped when what is kept in the environment changes (3: worked examples)
    return {"version": "1", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}

"""Keep a no-op rebuild a no-op.

Sphinx compares the configuration saved with the last build to the new one
right after ``config-inited``; any difference makes it rewrite every page.
Several extensions change configuration values later, while the builder
starts (sphinx-gallery, sphinx-design and sphinx-copybutton add to
``html_static_path``; the theme adds to ``templates_path`` and
``html_theme_options``; Sphinx normalises ``html_css_files``), so the saved
configuration never equals the next build's and every build rewrote all
pages.

This module remembers each value as it stood when Sphinx compared it, and
saves those values with the environment instead; the live configuration the
pages are written with is restored right after the environment is saved.
"""

from __future__ import annotations

import copy

from sphinx.util._serialise import stable_str

_SEEN = "_tgdocs_config_as_compared"
_LIVE = "_tgdocs_config_live"


def remember(app, config) -> None:
    seen = {}
    for item in config:
        try:
            seen[item.name] = copy.deepcopy(item.value)
        except Exception:  # a value that cannot be copied is saved as it is
            continue
    setattr(app, _SEEN, seen)


def save_as_compared(app, env) -> None:
    live = {}
    config = env.config
    for name, value in getattr(app, _SEEN, {}).items():
        current = getattr(config, name)
        if stable_str(current) != stable_str(value):
            live[name] = current
            setattr(config, name, value)
    setattr(app, _LIVE, live)


def restore_live(app, *args) -> None:
    for name, value in getattr(app, _LIVE, {}).items():
        setattr(app.config, name, value)
    setattr(app, _LIVE, {})


def setup(app) -> None:
    # last config-inited handler: the values exactly as Sphinx will compare them
    app.connect("config-inited", remember, priority=999)
    # env-updated comes just before the environment is pickled (when any page
    # was read) and env-check-consistency just after; write-started comes
    # before any page is written, whether or not the environment was pickled
    app.connect("env-updated", save_as_compared, priority=999)
    app.connect("env-check-consistency", restore_live, priority=1)
    app.connect("write-started", restore_live, priority=1)

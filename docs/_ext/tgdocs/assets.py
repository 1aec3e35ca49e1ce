"""Each page loads only the CSS and scripts it uses, and no script blocks
the first paint.

- sphinx-gallery's style sheets and tag script are needed on gallery pages
  only (it adds them to every page);
- every script file except ``documentation_options.js`` (which the page's
  inline scripts extend at once) is deferred: each waits for the HTML to be
  parsed and still runs before ``DOMContentLoaded``, in order.  Not on the
  search page, whose theme template loads ``searchtools.js`` without
  ``defer``, and it needs ``doctools.js`` to have run.
"""

from __future__ import annotations

from sphinx.builders.html._assets import _JavaScript

from .gallery import gallery_dirs

GALLERY_ASSETS = ("_static/sg_", "_static/sg-tags.js")
BLOCKING = ("_static/documentation_options.js",)


def _path(asset) -> str:
    return str(getattr(asset, "filename", asset) or "")


def trim_assets(app, pagename, templatename, context, doctree) -> None:
    on_gallery_page = pagename.startswith(tuple(f"{d}/" for d in gallery_dirs(app)))
    if not on_gallery_page:
        context["css_files"] = [c for c in context.get("css_files", [])
                                if not _path(c).startswith(GALLERY_ASSETS)]
    scripts = []
    for script in context.get("script_files", []):
        path = _path(script)
        if path.startswith(GALLERY_ASSETS) and not on_gallery_page:
            continue
        attributes = dict(getattr(script, "attributes", {}))
        if (path and pagename != "search" and not path.startswith(BLOCKING)
                and not {"async", "defer"} & set(attributes)):
            attributes["defer"] = "defer"
            script = _JavaScript(script.filename, priority=script.priority, **attributes)
        scripts.append(script)
    context["script_files"] = scripts


def setup(app) -> None:
    app.connect("html-page-context", trim_assets)

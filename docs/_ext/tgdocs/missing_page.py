"""The 404 page, working wherever the site is served.

sphinx-notfound-page renders ``404.html`` with absolute links under one fixed
prefix (``/en/latest/`` unless told otherwise), because a server returns it
for a missing URL at any depth, where relative links would point nowhere.
A fixed prefix breaks the page as soon as the site is served from another
sub-path, or opened from a local folder.

So the page is rendered under a placeholder prefix, and after the build every
placeholder becomes a link relative to the site's root, and a small inline
script right after ``<meta charset>`` sets ``<base href>`` to that root.  The
page's style sheets and scripts (head and body) are taken out of the HTML and
written by that script once the base is set: written in the HTML, the browser's preload
scanner would fetch them from the wrong folder before the script runs.  The
script finds the root from the requested URL:

1. the deployment's prefix, when the build knows it (``TGDOCS_URL_PREFIX``,
   or the path of Read the Docs' ``READTHEDOCS_CANONICAL_URL``) and the URL
   is under it;
2. otherwise the part of the path before the first of the site's own
   top-level folders (``intro/``, ``pytorch/``, ``_static/``, ...), so a miss
   at ``/guide/pytorch/nope.html`` finds the root ``/guide/``;
3. otherwise the folder of the URL itself (a miss at the root, or the file
   opened from a local folder).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

PLACEHOLDER = "/__tgdocs_site_root__/"

CONTEXT = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>\n"
        "<p>There is no page at this address. It may have moved when the guide "
        "was reorganised.</p>\n"
        '<p>Start again from the <a href="index.html">contents</a>, or '
        '<a href="search.html">search the guide</a>.</p>\n'
    ),
}

_SCRIPT = """<script>
/* tgdocs.missing_page: make the site's root the base of every link on this page */
(function () {
  var folders = %(folders)s, prefix = %(prefix)s;
  var path = window.location.pathname, root = path.slice(0, path.lastIndexOf("/") + 1);
  if (prefix && path.indexOf(prefix) === 0) {
    root = prefix;
  } else {
    var parts = path.split("/");
    for (var i = 1; i < parts.length - 1; i++) {
      if (folders.indexOf(parts[i]) !== -1) { root = parts.slice(0, i).join("/") + "/"; break; }
    }
  }
  var base = document.createElement("base");
  base.href = root;
  document.head.insertBefore(base, document.head.firstChild);
  document.write(%(assets)s);
  document.addEventListener("DOMContentLoaded", function () {
    /* links within this page stay on this page */
    document.querySelectorAll('a[href^="#"]').forEach(function (a) {
      a.href = window.location.href.split("#")[0] + a.getAttribute("href");
    });
  });
})();
</script>
"""


def deployment_prefix(environ: dict[str, str] | None = None) -> str:
    """The URL path the site is served under, when the build is told it."""
    env = os.environ if environ is None else environ
    prefix = env.get("TGDOCS_URL_PREFIX") or urlparse(env.get("READTHEDOCS_CANONICAL_URL", "")).path
    if not prefix:
        return ""
    return "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"


def top_level_folders(docnames) -> list[str]:
    """First path components of the site's pages, and Sphinx's asset folders."""
    folders = {name.split("/")[0] for name in docnames if "/" in name}
    return sorted(folders | {"_static", "_images", "_downloads", "_sources"})


ASSET = re.compile(r'<link [^>]*rel="(?:stylesheet|preload|icon)"[^>]*>'
                   r'|<link [^>]*href="[^"]*"[^>]*rel="(?:stylesheet|preload|icon)"[^>]*>'
                   r'|<script [^>]*src="[^"]*"[^>]*></script>')
"""What the browser fetches by itself: style sheets, preloads, the icon and
script files (the theme's last scripts sit at the end of ``<body>``)."""


def rewrite(html: str, folders: list[str], prefix: str) -> str:
    """``404.html`` with placeholder links made root-relative, every style
    sheet, preload, icon and script file moved into the base script, and that
    script inserted right after ``<meta charset>``."""
    html = html.replace(PLACEHOLDER, "")
    assets = ASSET.findall(html)
    for asset in assets:
        html = html.replace(asset, "", 1)
    script = _SCRIPT % {"folders": json.dumps(folders), "prefix": json.dumps(prefix),
                        "assets": json.dumps("\n".join(assets)).replace("</", "<\\/")}
    charset = html.index(">", html.index("<meta charset")) + 1
    return html[:charset] + "\n" + script + html[charset:]


def _configure(app, config) -> None:
    config.notfound_urls_prefix = PLACEHOLDER
    config.notfound_context = CONTEXT


def _finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    page = Path(app.outdir) / f"{app.config.notfound_pagename}.html"
    if not page.exists():
        return
    html = page.read_text(encoding="utf-8")
    if PLACEHOLDER not in html:
        return  # already rewritten (an incremental build that did not write it)
    folders = top_level_folders(app.env.found_docs)
    page.write_text(rewrite(html, folders, deployment_prefix()), encoding="utf-8")


def setup(app) -> None:
    app.connect("config-inited", _configure, priority=100)
    app.connect("build-finished", _finish)

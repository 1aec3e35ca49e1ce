"""The 404 page, working under any sub-path and from a local folder.

sphinx-notfound-page writes ``404.html`` with absolute links under one fixed
prefix, since a server returns it at any depth.  Here its prefix is a
placeholder; after the build the placeholder is dropped (links relative to
the site's root), and a script right after ``<meta charset>`` sets
``<base href>`` to the root and only then writes the page's style sheets and
scripts, so the browser's preload scanner fetches none from a wrong folder.
The root is the deployment's prefix when the build is told it and the URL is
under it, else the path before the first of the site's top-level folders,
else the URL's own folder.
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
    "body": ("<h1>Page not found</h1>\n<p>There is no page at this address. It may have moved when "
             "the guide was reorganised.</p>\n<p>Start again from the "
             '<a href="index.html">contents</a>, or <a href="search.html">search the guide</a>.</p>\n'),
}
# what the browser fetches by itself: style sheets, preloads, the icon, script files
ASSET = re.compile(r'<link [^>]*rel="(?:stylesheet|preload|icon)"[^>]*>|<script [^>]*src="[^"]*"[^>]*></script>')
SCRIPT = """<script>
/* tgdocs.missing_page: make the site's root the base of every link on this page */
(function () {
  var folders = %(folders)s, prefix = %(prefix)s, path = window.location.pathname;
  var root = path.slice(0, path.lastIndexOf("/") + 1), parts = path.split("/");
  if (prefix && path.indexOf(prefix) === 0) root = prefix;
  else for (var i = 1; i < parts.length - 1; i++) {
    if (folders.indexOf(parts[i]) !== -1) { root = parts.slice(0, i).join("/") + "/"; break; }
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


def deployment_prefix(environ=os.environ) -> str:
    """The URL path the site is served under (``TGDOCS_URL_PREFIX``, or the
    path of Read the Docs' ``READTHEDOCS_CANONICAL_URL``), "" when unknown."""
    prefix = environ.get("TGDOCS_URL_PREFIX") or urlparse(environ.get("READTHEDOCS_CANONICAL_URL", "")).path
    return "/" + prefix.strip("/") + "/" if prefix.strip("/") else ("/" if prefix else "")


def rewrite(html: str, folders: list[str], prefix: str) -> str:
    """``404.html`` with root-relative links and its assets moved into the script."""
    html = html.replace(PLACEHOLDER, "")
    assets = ASSET.findall(html)
    for asset in assets:
        html = html.replace(asset, "", 1)
    script = SCRIPT % {"folders": json.dumps(folders), "prefix": json.dumps(prefix),
                       "assets": json.dumps("\n".join(assets)).replace("</", "<\\/")}
    charset = html.index(">", html.index("<meta charset")) + 1
    return html[:charset] + "\n" + script + html[charset:]


def _configure(app, config) -> None:
    config.notfound_urls_prefix = PLACEHOLDER
    config.notfound_context = CONTEXT


def _finish(app, exception) -> None:
    page = Path(app.outdir) / f"{app.config.notfound_pagename}.html"
    if exception is not None or not page.exists() or PLACEHOLDER not in page.read_text(encoding="utf-8"):
        return  # not written by this build
    folders = {name.split("/")[0] for name in app.env.found_docs if "/" in name}
    folders = sorted(folders | {"_static", "_images", "_downloads", "_sources"})
    page.write_text(rewrite(page.read_text(encoding="utf-8"), folders, deployment_prefix()), encoding="utf-8")


def setup(app) -> None:
    app.connect("config-inited", _configure, priority=100)
    app.connect("build-finished", _finish)

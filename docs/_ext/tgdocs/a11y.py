"""Accessibility fixes for HTML that the theme and Sphinx write.

axe-core (run on every page by ``tests/site/sweep_checks.py``) finds two
problems in markup that is not ours to template:

- pydata-sphinx-theme's sidebar puts an empty ``<summary>`` (only a
  decorative chevron) on every section that can expand, so a screen reader
  announces a nameless control.  Each one gets an ``aria-label`` naming the
  section it opens.
- Sphinx marks each bibliography entry ``role="doc-biblioentry"`` inside a
  ``role="list"`` container; ARIA 1.2 deprecated that role, so the list has
  no list items.  Entries become ``role="listitem"``.
- myst-nb's toggle for a hidden cell output puts two ``<p>`` elements in a
  ``<summary>`` (invalid HTML) and names it "Toggle hidden content", which
  is not the text it shows.  The paragraphs become ``<span>`` elements
  (``tensorguide.css`` shows the right one, as myst-nb's CSS did for the
  paragraphs) and the summary is named by its visible text.

(Sphinx-gallery's thumbnail links hide their text with ``display: none``;
``tensorguide.css`` hides it visually instead, so the link keeps its name.)
"""

from __future__ import annotations

import functools
import re

from bs4 import BeautifulSoup


def name_toggles(html):
    """Give every empty sidebar ``<summary>`` an ``aria-label``."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(str(html), "html.parser")
    for summary in soup.select("summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        item = summary.find_parent("li")
        link = item.find("a", recursive=False) if item is not None else None
        title = link.get_text(" ", strip=True) if link is not None else "this section"
        summary["aria-label"] = f"Show or hide the pages under {title}"
    return soup if isinstance(html, BeautifulSoup) else str(soup)


def _wrap_toctree(app, pagename, templatename, context, doctree):
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_tgdocs", False):
        return

    @functools.wraps(generate)
    def generate_named(*args, **kwargs):
        return name_toggles(generate(*args, **kwargs))

    generate_named._tgdocs = True
    context["generate_toctree_html"] = generate_named


def _bibliography_roles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


_TOGGLE = re.compile(
    r'<summary aria-label="Toggle hidden content">(\s*)<p class="collapsed admonition-title">'
    r'([^<]*)</p>(\s*)<p class="expanded admonition-title">([^<]*)</p>')


def _cell_toggles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and "Toggle hidden content" in body:
        context["body"] = _TOGGLE.sub(
            r'<summary>\1<span class="collapsed admonition-title">\2</span>'
            r'\3<span class="expanded admonition-title">\4</span>', body)


def setup(app) -> None:
    # after the theme's own handler, which puts generate_toctree_html in the context
    app.connect("html-page-context", _wrap_toctree, priority=900)
    app.connect("html-page-context", _bibliography_roles)
    app.connect("html-page-context", _cell_toggles)

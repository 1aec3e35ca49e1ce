"""What every page's HTML gets beyond what Sphinx, the theme and myst-nb write:
a ``<meta name="description">`` (the first paragraph of six words or more, cut
at a word to 160 characters); a name for each sidebar toggle (the theme's
empty ``<summary>``); bibliography entries as ``role="listitem"`` (docutils
writes ``doc-biblioentry``, deprecated in ARIA 1.2); myst-nb's hidden-output
toggle as valid HTML (``<span>`` for its ``<p>``) named by its visible text.
axe-core (the site sweep) and the Nu HTML checker check the result.
"""

from __future__ import annotations

import re
from html import escape

from docutils import nodes

DESCRIPTION_LENGTH = 160
SITE_SUMMARY = ("A guide to tensors in NumPy, PyTorch and TensorFlow in which every line of "
                "code has been run and every output shown is checked by a test.")
_TOGGLE = re.compile(r'<summary aria-label="Toggle hidden content">(\s*)<p (class="collapsed admonition-title")>'
                     r'([^<]*)</p>(\s*)<p (class="expanded admonition-title")>([^<]*)</p>')
_NAMELESS = re.compile(r'(<a [^>]*>([^<]*)</a><details[^>]*><summary)>')


def description(doctree: nodes.document | None) -> str:
    """The first paragraph of a page, shortened to ``DESCRIPTION_LENGTH`` characters."""
    for paragraph in doctree.findall(nodes.paragraph) if doctree is not None else ():
        text = " ".join(paragraph.astext().split())
        if (paragraph.next_node(nodes.Invisible) or isinstance(paragraph.parent, nodes.caption)
                or len(text.split()) < 6):
            continue
        if len(text) > DESCRIPTION_LENGTH:
            text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
        return text
    return SITE_SUMMARY


def _page_context(app, pagename, templatename, context, doctree) -> None:
    tag = f'<meta name="description" content="{escape(description(doctree))}" />\n'
    context["metatags"] = context.get("metatags", "") + tag
    body = context.get("body", "").replace('role="doc-biblioentry"', 'role="listitem"')
    context["body"] = _TOGGLE.sub(r"<summary>\1<span \2>\3</span>\4<span \5>\6</span>", body)
    generate = context.get("generate_toctree_html")
    if generate is not None:  # each toggle that follows a link is named by the link's text
        context["generate_toctree_html"] = lambda *args, **kwargs: _NAMELESS.sub(
            r'\1 aria-label="Show or hide the pages under \2">', str(generate(*args, **kwargs)))


def setup(app) -> None:
    # after the theme's own handler, which puts generate_toctree_html in the context
    app.connect("html-page-context", _page_context, priority=900)

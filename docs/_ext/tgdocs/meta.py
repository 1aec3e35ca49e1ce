"""A ``<meta name="description">`` for every page, from the page's own words.

Search engines and link previews show it.  It is the page's first paragraph
(a chapter's "what you will learn"), cut at a word to at most
:data:`LENGTH` characters; pages without a body (search, index) get the
site's own summary.
"""

from __future__ import annotations

from html import escape

from docutils import nodes

LENGTH = 160
SITE = ("A guide to tensors in NumPy, PyTorch and TensorFlow in which every line of "
        "code has been run and every output shown is checked by a test.")


def summary(doctree: nodes.document | None) -> str:
    """The first paragraph of a page, shortened to :data:`LENGTH` characters."""
    for paragraph in doctree.findall(nodes.paragraph) if doctree is not None else ():
        if paragraph.next_node(nodes.Invisible) or isinstance(paragraph.parent, nodes.caption):
            continue
        text = " ".join(paragraph.astext().split())
        if len(text.split()) < 6:
            continue
        if len(text) > LENGTH:
            text = text[: LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
        return text
    return SITE


def add_description(app, pagename, templatename, context, doctree) -> None:
    tag = f'<meta name="description" content="{escape(summary(doctree))}" />\n'
    context["metatags"] = context.get("metatags", "") + tag


def setup(app) -> None:
    app.connect("html-page-context", add_description)

"""Search ranks the chapter about a topic first.

Sphinx's search index says which pages use a word, not how much a page is
about it, so a glossary entry or an errata page ties with the chapter that
teaches the word.  While the site builds, each chapter's words are counted
(stemmed as Sphinx's index stems them, kept when a word appears three times
or more) and written to ``_static/tg-search-counts.js``, which only the
search page loads; the search scorer (``docs/_static/tg-search-scorer.js``)
ranks chapters by how often they use the words of the query.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sphinx.builders.html._assets import _JavaScript

from .site import is_chapter

COUNTS_FILE = "_static/tg-search-counts.js"
MIN_COUNT = 3
_ATTR = "tgdocs_word_counts"


def _counts(env) -> dict[str, dict[str, int]]:
    if not hasattr(env, _ATTR):
        setattr(env, _ATTR, {})
    return getattr(env, _ATTR)


def count_words(app, doctree) -> None:
    docname = app.env.docname
    if not is_chapter(docname):
        return
    from sphinx.search.en import SearchEnglish

    language = SearchEnglish({})
    words = Counter(language.stem(word) for word in language.split(doctree.astext()))
    _counts(app.env)[docname] = {w: n for w, n in sorted(words.items()) if n >= MIN_COUNT}


def purge(app, env, docname) -> None:
    _counts(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    _counts(env).update({d: c for d, c in _counts(other).items() if d in docnames})


def write_counts(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    text = "var TG_WORD_COUNTS = " + json.dumps(_counts(app.env), sort_keys=True) + ";\n"
    target = Path(app.outdir) / COUNTS_FILE
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def load_counts_on_search(app, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        context["script_files"] = [*context.get("script_files", []),
                                   _JavaScript(COUNTS_FILE, priority=900)]


def setup(app) -> None:
    app.connect("doctree-read", count_words)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", write_counts)
    app.connect("html-page-context", load_counts_on_search)

"""Word counts that let search rank the chapter about a topic first.

Sphinx's index says which pages use a word, not how much.  Each chapter's
words, stemmed as the index stems them, are counted (from three uses on) into
``_static/tg-search-counts.js``, which ``search.html`` loads for the scorer
(``docs/_static/tg-search-scorer.js``)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sphinx.search.en import SearchEnglish

from .site import is_chapter

COUNTS_FILE = "_static/tg-search-counts.js"
MIN_COUNT = 3


def write_counts(app, exception) -> None:
    """Count again when a chapter was read after the counts were written."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / COUNTS_FILE
    chapters = sorted(name for name in app.env.found_docs if is_chapter(name))
    read = max(((Path(app.doctreedir) / f"{n}.doctree").stat().st_mtime for n in chapters), default=0)
    if target.exists() and target.stat().st_mtime >= read:
        return
    language, counts = SearchEnglish({}), {}
    for name in chapters:
        words = Counter(map(language.stem, language.split(app.env.get_doctree(name).astext())))
        counts[name] = {word: n for word, n in sorted(words.items()) if n >= MIN_COUNT}
    target.write_text(f"var TG_WORD_COUNTS = {json.dumps(counts, sort_keys=True)};\n", encoding="utf-8")


def setup(app) -> None:
    app.connect("build-finished", write_counts)

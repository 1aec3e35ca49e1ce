"""Sybil parsers that collect Python in every spelling a MyST page can use.

Sybil's stock MyST parser collects a block only when its language is exactly
``python``.  Pages here may also write ``py``, ``python3``, ``ipython3``,
``pycon``, the ``{doctest}`` directive, and ``{code-cell}`` with any of those
arguments, so this parser accepts every language in
:data:`tgdocs.blocks.PYTHON_LANGUAGES`.  A block whose text starts with
``>>>`` is a doctest, and its shown output is checked; any other block is run
as code.
"""

from __future__ import annotations

import doctest
from collections.abc import Iterable

from sybil import Document, Region
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.abstract.lexers import LexerCollection
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer
from sybil.parsers.myst.lexers import DirectiveLexer

from .blocks import PYTHON_LANGUAGES

DOCTEST_FLAGS = doctest.ELLIPSIS
"""Option flags for every doctest on the site.  Whitespace is compared
exactly, so a changed space in a shown output fails the tests."""


class AnyPythonBlockParser:
    """Collect every Python code block of a MyST page."""

    def __init__(self, optionflags: int = DOCTEST_FLAGS) -> None:
        self.lexers = LexerCollection(
            [
                FencedCodeBlockLexer(
                    language=r"[^\s{][^\s]*", mapping={"language": "language", "source": "source"}
                ),
                DirectiveLexer(directive=r"(sourcecode|code-block|code-cell|code|doctest)"),
            ]
        )
        self.doctest_parser = DocTestStringParser(DocTestEvaluator(optionflags))
        self.code_evaluator = PythonEvaluator()

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in self.lexers(document):
            lexemes = region.lexemes
            if lexemes.get("directive") == "doctest":
                language = "pycon"
            elif "directive" in lexemes:
                language = (lexemes["arguments"].split() or [""])[0]
            else:
                language = lexemes["language"]
            if language not in PYTHON_LANGUAGES:
                continue
            source = region.lexemes["source"]
            if language == "pycon" or source.lstrip().startswith(">>>"):
                for example in self.doctest_parser(source, document.path):
                    example.adjust(region, source)
                    yield example
            else:
                region.parsed = source
                region.evaluator = self.code_evaluator
                yield region

"""Formulas written as MathML at build (``html_math_renderer = "mathml"``).

Browsers draw MathML themselves: no script to download or wait for, nothing
that moves once drawn.  ``latex2mathml`` converts every ``$...$``,
``$$...$$`` and ``:math:``; a formula it cannot convert fails the build with
its page and line.
"""

from __future__ import annotations

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _mathml(self, node: nodes.Node, display: str) -> str:
    try:
        return convert(node.astext(), display=display)
    except Exception as error:  # latex2mathml raises several types
        logger.warning(f"cannot convert formula {node.astext()!r} to MathML: {error}", location=node)
        return self.encode(node.astext())


def visit_math(self, node: nodes.math) -> None:
    self.body.append(_mathml(self, node, "inline"))
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math") + _mathml(self, node, "block") + "</div>\n")
    raise nodes.SkipNode


def setup(app) -> None:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))

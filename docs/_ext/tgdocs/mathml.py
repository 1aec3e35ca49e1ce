"""Formulas written as MathML while the site builds.

Browsers draw MathML themselves, so a page with formulas loads no script for
them: nothing to download (MathJax was 1.1 MB and kept a page's largest
paint waiting on a phone), nothing that moves the text once it has been
drawn, and nothing to fetch from the network.  ``latex2mathml`` converts the
TeX of every ``$...$``, ``$$...$$`` and ``:math:`` on the site; a formula
it cannot convert fails the build with its page and line.
"""

from __future__ import annotations

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _mathml(self, node: nodes.Node, latex: str, display: str) -> str:
    try:
        return convert(latex, display=display)
    except Exception as error:  # latex2mathml raises several types
        logger.warning(f"cannot convert formula {latex!r} to MathML: {error}", location=node)
        return self.encode(latex)


def visit_math(self, node: nodes.math) -> None:
    self.body.append(_mathml(self, node, node.astext(), "inline"))
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math"))
    for part in (p for p in node.astext().split("\n\n") if p.strip()):
        self.body.append(_mathml(self, node, part, "block"))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app) -> None:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))

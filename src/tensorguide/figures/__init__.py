"""Figures drawn from the rules, for the pages' ``drawing`` directive.

Each function computes what it shows with tensorguide's own rules (or with
NumPy on small arange tensors) and returns a
:class:`~tensorguide.figures.svg.Figure`: an SVG picture and its alt text.
The site calls them while it builds, so a picture cannot drift from the code.
"""

from .drawings import arrays, broadcast, events, ladder, layout, matmul, reduce, reshape
from .svg import Figure

__all__ = ["Figure", "arrays", "broadcast", "events", "ladder", "layout", "matmul", "reduce",
           "reshape"]

"""The ``drawing`` directive: a figure drawn at build by tensorguide::

    ```{drawing} broadcast((3, 1), (1, 4))
    A column plus a row.
    ```

The argument is one call to a function of :mod:`tensorguide.figures` (``np``
and ``tensorguide`` in scope); the body is an optional caption.  The SVG is
inlined, so it follows the theme's light and dark colours, with the call in
``data-tg-call`` for the tests to draw again.  Every module of tensorguide is
a dependency of the page: editing a rule redraws its pictures.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .worked_example import module_files


def draw(call: str):
    """The :class:`~tensorguide.figures.Figure` that ``call`` draws."""
    import numpy as np

    import tensorguide
    import tensorguide.worked_examples  # so a call can name a worked example's function
    from tensorguide import figures

    names = {"np": np, "tensorguide": tensorguide, **{name: getattr(figures, name) for name in figures.__all__}}
    return eval(call, names)  # noqa: S307 - the call is written by a page author


class DrawingDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        call = self.arguments[0]
        figure = draw(call)
        for path in sorted(module_files(["tensorguide.figures"])):  # and what it imports
            self.env.note_dependency(path)
        svg = figure.svg.replace("<svg ", f'<svg data-tg-call="{escape(call)}" ', 1)
        node = nodes.figure(classes=["tg-drawing"])
        node += nodes.raw("", svg, format="html")
        if self.content:
            text, messages = self.state.inline_text(" ".join(self.content), self.lineno)
            node += nodes.caption("", "", *text)
            node += messages
        return [node]


def setup(app) -> None:
    app.add_directive("drawing", DrawingDirective)

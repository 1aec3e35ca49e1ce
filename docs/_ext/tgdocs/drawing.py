"""The ``drawing`` directive: a figure drawn at build time by tensorguide.

A page asks for a picture by naming the call that draws it::

    ```{drawing} broadcast((3, 1), (1, 4))
    A column plus a row.
    ```

The argument is one call to a function of :mod:`tensorguide.figures`
(``np`` and ``tensorguide`` are in scope for computed arguments); the body is
an optional caption.  The SVG is inlined so it follows the theme's light and
dark colours, its alt text is the description the same call computes, and the
call is kept on the ``<svg>`` (``data-tg-call``) so the tests can draw it
again and compare.  Every module of tensorguide is a dependency of the page:
editing a rule redraws its pictures.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


def namespace() -> dict:
    """What a drawing's call can name."""
    import numpy as np

    import tensorguide
    import tensorguide.worked_examples  # so a call can name a worked example's function
    from tensorguide import figures

    return {"np": np, "tensorguide": tensorguide,
            **{name: getattr(figures, name) for name in figures.__all__}}


def draw(call: str):
    """The :class:`~tensorguide.figures.Figure` that ``call`` draws."""
    return eval(call, namespace())  # noqa: S307 - the call is written by a page author


class DrawingDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        import tensorguide

        call = self.arguments[0]
        figure = draw(call)
        for path in sorted(Path(tensorguide.__file__).parent.rglob("*.py")):
            self.env.note_dependency(str(path))
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

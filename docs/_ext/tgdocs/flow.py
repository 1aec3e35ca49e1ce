"""The ``flow`` directive: a flow diagram drawn as SVG when the site is built.

The source's ASCII flow diagrams become real diagrams, drawn by this
directive from plain text, with no JavaScript and no network::

    ```{flow}
    :caption: Each step adds one axis.

    Scalar | 0 axes
    Vector | 1 axis
    ```

Each line is a box: a title, optionally ``|`` and a note under it.  Boxes are
joined top to bottom by arrows.  The SVG takes its colours from the theme's
CSS variables, so it follows light and dark mode, and it carries a text
description for screen readers.
"""

from __future__ import annotations

import hashlib
from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

BOX_HEIGHT = 52
GAP = 30
CHAR_WIDTH = 8.2  # generous average width at the font size used, in px
PADDING = 24


def render_svg(steps: list[tuple[str, str]], caption: str) -> str:
    """SVG markup for boxes ``steps`` (title, note) joined by downward arrows."""
    longest = max(max(len(title), len(note)) for title, note in steps)
    width = int(longest * CHAR_WIDTH + 2 * PADDING)
    height = len(steps) * BOX_HEIGHT + (len(steps) - 1) * GAP + 4
    description = "; then ".join(f"{t} ({n})" if n else t for t, n in steps)
    # unique per diagram and stable from build to build
    marker = "tg-arrow-" + hashlib.sha1(description.encode()).hexdigest()[:8]
    parts = [
        f'<svg class="tg-flow" role="img" viewBox="0 0 {width + 4} {height}" '
        f'width="{width + 4}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(caption or 'Flow diagram')}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="tg-flow-arrowhead"/></marker></defs>',
    ]
    for index, (title, note) in enumerate(steps):
        top = 2 + index * (BOX_HEIGHT + GAP)
        parts.append(
            f'<rect x="2" y="{top}" width="{width}" height="{BOX_HEIGHT}" rx="8" class="tg-flow-box"/>'
        )
        title_y = top + (20 if note else 31)
        parts.append(
            f'<text x="{2 + width / 2:.0f}" y="{title_y}" text-anchor="middle" '
            f'class="tg-flow-title">{escape(title)}</text>'
        )
        if note:
            parts.append(
                f'<text x="{2 + width / 2:.0f}" y="{top + 40}" text-anchor="middle" '
                f'class="tg-flow-note">{escape(note)}</text>'
            )
        if index < len(steps) - 1:
            x = 2 + width / 2
            parts.append(
                f'<line x1="{x:.0f}" y1="{top + BOX_HEIGHT}" x2="{x:.0f}" '
                f'y2="{top + BOX_HEIGHT + GAP - 2}" class="tg-flow-edge" marker-end="url(#{marker})"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


class FlowDirective(SphinxDirective):
    has_content = True
    option_spec = {"caption": directives.unchanged}

    def run(self):
        steps = []
        for line in self.content:
            if not line.strip():
                continue
            title, _, note = line.partition("|")
            steps.append((title.strip(), note.strip()))
        if not steps:
            raise self.error("flow: give at least one line 'Title | note'")
        caption = self.options.get("caption", "")
        figure = nodes.figure(classes=["tg-flow-figure"])
        figure += nodes.raw("", render_svg(steps, caption), format="html")
        if caption:
            figure += nodes.caption(caption, caption)
        return [figure]


def setup(app) -> None:
    app.add_directive("flow", FlowDirective)

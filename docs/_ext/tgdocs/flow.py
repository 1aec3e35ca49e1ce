"""The ``flow`` directive: a flow diagram drawn as SVG when the site is built.

The source's ASCII flow diagrams become real diagrams, drawn by this
directive from plain text, with no JavaScript and no network.  One step per
line, top to bottom::

    ```{flow}
    :caption: Each step adds one axis.

    Scalar | 0 axes
    Vector | 1 axis
    ```

Each line is a box: a title, optionally ``|`` and a note under it.
``:direction: right`` lays the same boxes out left to right.

Lines with arrows (``->``) are *lanes*: each line is one row, drawn left to
right, and an optional label before ``::`` names the row.  Use lanes to set
flows side by side::

    ```{flow}
    :caption: Two ways to run a model.

    TensorFlow 1 :: Define graph -> Session.run | feeds values -> Static optimisation
    PyTorch :: Build tensors -> Forward pass -> Autograd
    ```

The SVG takes its colours from the theme's CSS variables, so it follows
light and dark mode.  It is an image with an accessible name (the caption)
and a description that reads the whole flow in words, and the figure's
caption is visible under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

BOX_HEIGHT = 52
GAP = 30  # between boxes, along the flow
LANE_GAP = 22  # between lanes
TITLE_CHAR = 8.4  # average width of a title character (600 14px sans), in px
NOTE_CHAR = 7.4  # average width of a note character (12px monospace), in px
PADDING = 16
MIN_BOX = 90


@dataclass(frozen=True)
class Step:
    title: str
    note: str = ""

    @property
    def width(self) -> int:
        return int(max(len(self.title) * TITLE_CHAR, len(self.note) * NOTE_CHAR, MIN_BOX) + 2 * PADDING)

    def words(self) -> str:
        return f"{self.title} ({self.note})" if self.note else self.title


def parse_step(text: str) -> Step:
    title, _, note = text.partition("|")
    return Step(title.strip(), note.strip())


def _box(x: float, y: float, width: float, step: Step) -> list[str]:
    center = x + width / 2
    parts = [
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" height="{BOX_HEIGHT}" rx="8" class="tg-flow-box"/>',
        f'<text x="{center:.0f}" y="{y + (20 if step.note else 31):.0f}" text-anchor="middle" '
        f'class="tg-flow-title">{escape(step.title)}</text>',
    ]
    if step.note:
        parts.append(
            f'<text x="{center:.0f}" y="{y + 40:.0f}" text-anchor="middle" '
            f'class="tg-flow-note">{escape(step.note)}</text>'
        )
    return parts


def _arrow(x1: float, y1: float, x2: float, y2: float, marker: str) -> str:
    return (
        f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
        f'class="tg-flow-edge" marker-end="url(#{marker})"/>'
    )


def _layout_down(steps: list[Step], marker: str) -> tuple[int, int, list[str]]:
    width = max(step.width for step in steps)
    parts = []
    for index, step in enumerate(steps):
        top = 2 + index * (BOX_HEIGHT + GAP)
        parts += _box(2, top, width, step)
        if index < len(steps) - 1:
            x = 2 + width / 2
            parts.append(_arrow(x, top + BOX_HEIGHT, x, top + BOX_HEIGHT + GAP - 2, marker))
    height = len(steps) * BOX_HEIGHT + (len(steps) - 1) * GAP + 4
    return width + 4, height, parts


def _layout_lanes(lanes: list[tuple[str, list[Step]]], marker: str) -> tuple[int, int, list[str]]:
    columns = max(len(steps) for _, steps in lanes)
    widths = [
        max((steps[i].width for _, steps in lanes if i < len(steps)), default=MIN_BOX)
        for i in range(columns)
    ]
    label_width = max((int(len(label) * TITLE_CHAR) + PADDING for label, _ in lanes if label), default=0)
    parts = []
    for row, (label, steps) in enumerate(lanes):
        top = 2 + row * (BOX_HEIGHT + LANE_GAP)
        if label:
            parts.append(
                f'<text x="2" y="{top + 31}" class="tg-flow-lane">{escape(label)}</text>'
            )
        x = 2 + label_width
        for index, step in enumerate(steps):
            parts += _box(x, top, widths[index], step)
            if index < len(steps) - 1:
                y = top + BOX_HEIGHT / 2
                parts.append(_arrow(x + widths[index], y, x + widths[index] + GAP - 2, y, marker))
            x += widths[index] + GAP
    width = 4 + label_width + sum(widths) + GAP * (columns - 1)
    height = len(lanes) * BOX_HEIGHT + (len(lanes) - 1) * LANE_GAP + 4
    return width, height, parts


def describe(lanes: list[tuple[str, list[Step]]]) -> str:
    """The diagram in words, for screen readers (the SVG's description)."""
    sentences = []
    for label, steps in lanes:
        flow = ", then ".join(step.words() for step in steps)
        sentences.append(f"{label}: {flow}." if label else f"{flow[0].upper()}{flow[1:]}.")
    return " ".join(sentences)


def render_svg(lanes: list[tuple[str, list[Step]]], caption: str, ident: str,
               direction: str = "down") -> str:
    """SVG markup for ``lanes`` (label, steps); one unlabelled lane is a single
    flow, drawn top to bottom (``direction="down"``) or left to right."""
    marker = f"{ident}-arrow"
    if len(lanes) == 1 and not lanes[0][0] and direction == "down":
        width, height, body = _layout_down(lanes[0][1], marker)
    else:
        width, height, body = _layout_lanes(lanes, marker)
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    parts = [
        f'<svg class="tg-flow" role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(caption or "Flow diagram")}</title>',
        f'<desc id="{desc_id}">{escape(describe(lanes))}</desc>',
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="tg-flow-arrowhead"/></marker></defs>',
        *body,
        "</svg>",
    ]
    return "".join(parts)


def parse(lines: list[str]) -> list[tuple[str, list[Step]]]:
    """Lanes of a diagram from the directive's lines (see the module docstring)."""
    lines = [line.strip() for line in lines if line.strip()]
    if any("->" in line for line in lines):
        lanes = []
        for line in lines:
            label, found, rest = line.partition("::")
            if not found:
                label, rest = "", line
            lanes.append((label.strip(), [parse_step(part) for part in rest.split("->")]))
        return lanes
    return [("", [parse_step(line) for line in lines])]


class FlowDirective(SphinxDirective):
    has_content = True
    option_spec = {
        "caption": directives.unchanged,
        "direction": lambda value: directives.choice(value, ("down", "right")),
    }

    def run(self):
        lanes = parse(list(self.content))
        if not lanes or not lanes[0][1] or any(not step.title for _, steps in lanes for step in steps):
            raise self.error("flow: give one 'Title | note' per line, or lanes 'label :: A -> B'")
        caption = self.options.get("caption", "")
        ident = f"tg-flow-{self.env.new_serialno('tg-flow')}"
        figure = nodes.figure(classes=["tg-flow-figure"])
        figure += nodes.raw(
            "", render_svg(lanes, caption, ident, self.options.get("direction", "down")), format="html"
        )
        if caption:
            figure += nodes.caption(caption, caption)
        return [figure]


def setup(app) -> None:
    app.add_directive("flow", FlowDirective)

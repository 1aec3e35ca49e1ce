"""Small SVG pictures of grids of numbers, for the pages' figures.

A figure is a row of :class:`Panel` objects (a title, one or more 2-D grids
of cells, a subtitle) with short operator glyphs between them, wrapped onto
several rows when it would be wider than a phone screen.  Colours come from
CSS classes whose values fall back to light colours where the page's theme
variables are missing (a notebook), and follow the theme on the site.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape

import numpy as np

__all__ = ["Figure", "Panel", "Cell", "compose", "array_panel", "cell_text", "MAX_WIDTH"]

CELL = 24          # height of a cell, and its smallest width
CHAR = 7.2         # width of one character at the figure's font size
GAP = 16           # between panels, and between the grids of one panel
LINE = 16          # height of a title or subtitle line
#: Figures wider than this wrap onto more rows: a 390-px phone shows them at
#: least 94% of their size.
MAX_WIDTH = 380

# Cell classes: plain, highlighted, a stretched (virtual) copy, at fault,
# not read.
STYLE = (
    "<style>"
    ".tg-fig text{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "fill:var(--pst-color-text-base,#222)}"
    ".tg-fig .tg-title{font-weight:bold}"
    ".tg-fig .tg-note{fill:var(--pst-color-text-muted,#555)}"
    ".tg-fig rect{stroke:var(--pst-color-text-muted,#555);stroke-width:1;"
    "fill:var(--pst-color-background,#fff)}"
    ".tg-fig rect.tg-hl{fill:var(--tg-fig-hl,#cfe3ff)}"
    ".tg-fig rect.tg-ghost{stroke-dasharray:3 3;fill:none}"
    ".tg-fig text.tg-ghost{fill:var(--pst-color-text-muted,#555)}"
    ".tg-fig rect.tg-bad{fill:var(--tg-fig-bad,#ffd6d6)}"
    ".tg-fig rect.tg-off{fill:none;stroke-opacity:.45}"
    ".tg-fig text.tg-off{fill:var(--pst-color-text-muted,#555)}"
    "</style>"
)


@dataclass(frozen=True)
class Cell:
    """One cell: its text and its class ('' for plain)."""

    text: str
    kind: str = ""


@dataclass
class Panel:
    """A title, grids of cells side by side, and a subtitle under them."""

    title: str
    grids: list[list[list[Cell]]]
    subtitle: str = ""
    grid_labels: list[str] = field(default_factory=list)

    def cell_width(self) -> float:
        longest = max((len(c.text) for g in self.grids for row in g for c in row), default=1)
        return max(CELL, longest * CHAR + 10)

    def size(self) -> tuple[float, float]:
        w = self.cell_width()
        grids_w = sum(max(len(r) for r in g) * w if g else 0 for g in self.grids)
        grids_w += GAP * (len(self.grids) - 1)
        text_w = max(len(self.title), len(self.subtitle)) * CHAR
        grids_h = max(len(g) for g in self.grids) * CELL
        labels_h = LINE if self.grid_labels else 0
        return max(grids_w, text_w), LINE * 2 + labels_h + grids_h + 8

    def draw(self, x: float, y: float) -> list[str]:
        width, _ = self.size()
        w = self.cell_width()
        parts = [_text(x + width / 2, y + 12, self.title, "tg-title")]
        y += LINE + 4
        grids_w = sum(max(len(r) for r in g) * w for g in self.grids) + GAP * (len(self.grids) - 1)
        gx = x + (width - grids_w) / 2
        for k, grid in enumerate(self.grids):
            cols = max(len(r) for r in grid)
            top = y
            if self.grid_labels:
                parts.append(_text(gx + cols * w / 2, y + 12, self.grid_labels[k], "tg-note"))
                top += LINE
            for i, row in enumerate(grid):
                for j, cell in enumerate(row):
                    cx, cy = gx + j * w, top + i * CELL
                    parts.append(
                        f'<rect x="{cx:g}" y="{cy:g}" width="{w:g}" height="{CELL}"'
                        f'{_cls(cell.kind)}/>'
                    )
                    parts.append(_text(cx + w / 2, cy + CELL / 2 + 4, cell.text, cell.kind))
            gx += cols * w + GAP
        rows_h = max(len(g) for g in self.grids) * CELL + (LINE if self.grid_labels else 0)
        parts.append(_text(x + width / 2, y + rows_h + 14, self.subtitle, "tg-note"))
        return parts


@dataclass(frozen=True)
class Figure:
    """An SVG picture and the words that describe it (its alt text)."""

    svg: str
    alt: str

    def _repr_svg_(self) -> str:  # shown by Jupyter
        return self.svg


def _cls(kind: str) -> str:
    return f' class="{kind}"' if kind else ""


def _text(x: float, y: float, text: str, kind: str = "") -> str:
    return f'<text x="{x:g}" y="{y:g}" text-anchor="middle"{_cls(kind)}>{escape(text)}</text>'


def compose(items: list[Panel | str], alt: str) -> Figure:
    """Lay out panels and operator glyphs (strings) in rows no wider than
    :data:`MAX_WIDTH` where possible, and return the figure."""
    rows: list[list[tuple[Panel | str, float, float]]] = [[]]
    row_w = 0.0
    for item in items:
        w, h = item.size() if isinstance(item, Panel) else (len(item) * CHAR + 4, 0)
        if rows[-1] and row_w + w > MAX_WIDTH and isinstance(item, Panel):
            rows.append([])
            row_w = 0.0
        rows[-1].append((item, w, h))
        row_w += w + 8
    parts: list[str] = []
    y = 4.0
    width = 0.0
    for row in rows:
        height = max(h for _, _, h in row)
        x = 4.0
        for item, w, _ in row:
            if isinstance(item, Panel):
                parts += item.draw(x, y)
            else:
                parts.append(_text(x + w / 2, y + height / 2 + 8, item, "tg-title"))
            x += w + 8
        width = max(width, x - 4)
        y += height + 8
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tg-fig" role="img" '
        f'aria-label="{escape(alt)}" width="{width:g}" height="{y:g}" style="--tg-w: {width:g}px" '
        f'viewBox="0 0 {width:g} {y:g}">{STYLE}<title>{escape(alt)}</title>'
        + "".join(parts) + "</svg>"
    )
    return Figure(svg, alt)


MAX_SLICES = 6
SHOWN = 6
"""Axes longer than this are drawn with their first :data:`SHOWN` cells only."""


def cell_text(value: object) -> str:
    """How a value is written in a cell: ``T``/``F``, at most two decimals."""
    if isinstance(value, (bool, np.bool_)):
        return "T" if value else "F"
    if isinstance(value, (float, np.floating)):
        return np.format_float_positional(float(value), precision=2, trim="-")
    return str(value)


def _grids(values: np.ndarray, kinds: np.ndarray | None = None):
    """2-D grids of cells for an array: one grid per index of its leading
    axes, labelled with that index."""
    values = np.asarray(values)
    kinds = np.full(values.shape, "", dtype=object) if kinds is None else kinds
    if values.ndim <= 2:
        grid = np.atleast_2d(values)
        kind = np.atleast_2d(kinds)
        cells = [[Cell(cell_text(v), k) for v, k in zip(r, kr)] for r, kr in zip(grid, kind)]
        return [cells], []
    lead = values.shape[:-2]
    grids, labels = [], []
    for index in itertools.islice(np.ndindex(*lead), MAX_SLICES):
        grid, _ = _grids(values[index], kinds[index])
        grids += grid
        labels.append("[" + ", ".join(map(str, index)) + "]")
    return grids, labels


def array_panel(title: str, values, kinds=None, subtitle: str = "", clip: bool = False) -> Panel:
    """A panel of an array's values (``kinds``: a cell class per value); with
    ``clip``, each axis shows its first :data:`SHOWN` cells."""
    values = np.asarray(values)
    cut = tuple(slice(0, SHOWN if clip else None) for _ in range(values.ndim))
    kinds = None if kinds is None else np.asarray(kinds, dtype=object)[cut]
    grids, labels = _grids(values[cut], kinds)
    return Panel(title, grids, subtitle, labels)

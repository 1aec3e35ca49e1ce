"""The figures the pages draw, each computed from a rule of tensorguide.

Every function returns a :class:`~tensorguide.figures.svg.Figure` whose
picture *and* alt text come from the same computation, so neither can drift
from the rule it shows.

Examples
--------
>>> figure = broadcast((3, 1), (1, 4))
>>> figure.alt
'Shape (3, 1) plus shape (1, 4) gives shape (3, 4). The first operand is stretched along axis -1 (1 -> 4). The second operand is stretched along axis -2 (1 -> 3). Dashed cells are stretched copies; nothing is copied in memory.'
>>> figure.svg.startswith("<svg")
True
"""

from __future__ import annotations

import numpy as np

from ..broadcasting import explain_broadcast
from ..errors import ShapeError
from ..matmul import matmul_shape
from ..reshape import reshape_shape
from ..shapes import as_int, as_shape, format_shape
from ..strides import Layout
from .svg import MAX_WIDTH, SHOWN, Cell, Figure, Panel, cell_text, compose
from .svg import array_panel as _panel

__all__ = ["broadcast", "layout", "ladder", "matmul", "reduce", "reshape", "arrays", "events"]

def _counting(shape, step: int = 1) -> np.ndarray:
    """``step, 2 * step, ...`` in ``shape``: the values the chapters' examples use."""
    return step * np.arange(1, int(np.prod(shape)) + 1).reshape(shape)


def _stretched(shape, result, step: int) -> tuple[np.ndarray, np.ndarray]:
    """An operand counting in ``step`` broadcast to ``result``, and which
    cells are stretched copies."""
    values = np.broadcast_to(_counting(shape, step), result)
    padded = (1,) * (len(result) - len(shape)) + tuple(shape)
    kinds = np.full(result, "", dtype=object)
    for index in np.ndindex(*result):
        if any(i > 0 and d == 1 for i, d in zip(index, padded)):
            kinds[index] = "tg-ghost"
    return values, kinds


def broadcast(shape_a, shape_b, names=("a", "b")) -> Figure:
    """Two operands of ``a + b`` and the result, stretched copies dashed;
    shapes that do not broadcast are drawn side by side with the clash named.
    ``a`` counts 1, 2, 3, ... and ``b`` counts 10, 20, 30, ..., as the
    chapters' examples do; ``names`` are what the page calls them."""
    first_name, second_name = names
    a, b = as_shape(shape_a, op="broadcast"), as_shape(shape_b, op="broadcast")
    try:
        explained = explain_broadcast(a, b)
    except ShapeError as error:
        first, second = _counting(a), _counting(b, 10)
        panels = [_panel(first_name, first, np.full(a, "tg-bad", dtype=object), format_shape(a)),
                  "+",
                  _panel(second_name, second, np.full(b, "tg-bad", dtype=object), format_shape(b))]
        axis = error.axis
        sizes = f"{a[axis]} vs {b[axis]}" if axis is not None else ""
        alt = (f"Shape {format_shape(a)} plus shape {format_shape(b)} does not broadcast: "
               f"axis {axis} has sizes {sizes}, and neither is 1.")
        return compose(panels, alt)
    result = explained.result
    first, first_kinds = _stretched(a, result, 1)
    second, second_kinds = _stretched(b, result, 10)
    panels = [_panel(first_name, first, first_kinds, format_shape(a), clip=True), "+",
              _panel(second_name, second, second_kinds, format_shape(b), clip=True), "=",
              _panel(f"{first_name} + {second_name}", first + second, None, format_shape(result),
                     clip=True)]
    notes = []
    for index, name in enumerate(("first", "second")):
        rows = [r for r in explained.rows if index in r.stretched() or index in r.prepended()]
        if rows:
            how = ", ".join(f"axis {r.axis} (1 -> {r.result})" for r in rows)
            notes.append(f"The {name} operand is stretched along {how}.")
    alt = (f"Shape {format_shape(a)} plus shape {format_shape(b)} gives shape "
           f"{format_shape(result)}. " + " ".join(notes)
           + (" Dashed cells are stretched copies; nothing is copied in memory." if notes else "")
           + (f" Each axis shows at most its first {SHOWN} cells." if max(result, default=0) > SHOWN
              else ""))
    return compose(panels, alt.strip())


def layout(shape, view: str = "", name: str = "t") -> Figure:
    """A view of ``name = arange(prod(shape)).reshape(shape)``: its grid of
    storage offsets, and the storage cells it reads.  ``view`` chains Layout
    calls, e.g. ``"transpose(0, 1)"`` or ``"[1:, ::2]"``; ``name`` is what the
    page calls the tensor."""
    base = Layout.row_major(shape)
    expression = "base" + ("" if not view or view.startswith("[") else ".") + view
    seen = eval(expression, {"__builtins__": {}}, {"base": base})  # noqa: S307 (page-authored)
    offsets = np.zeros(seen.shape, dtype=int)
    for index in np.ndindex(*seen.shape):
        offsets[index] = seen.offset_of(index) if seen.shape else seen.offset
    read = set(offsets.ravel().tolist())
    size = int(np.prod(base.shape))
    strip = np.arange(size)
    strip_kinds = np.array(["tg-hl" if i in read else "tg-off" for i in strip], dtype=object)
    width = min(12, size)
    rows = -(-size // width)
    padded = np.full(rows * width, "", dtype=object)
    padded_kinds = np.full(rows * width, "tg-ghost", dtype=object)
    padded[:size], padded_kinds[:size] = strip, strip_kinds
    contiguous = "contiguous" if seen.is_contiguous() else "not contiguous"
    title = name + ("" if not view or view.startswith("[") else ".") + view
    view_panel = _panel(title, offsets, np.full(seen.shape, "tg-hl", dtype=object),
                        f"strides {format_shape(seen.strides)}, offset {seen.offset}, {contiguous}")
    storage = _panel("storage", padded.reshape(rows, width),
                     padded_kinds.reshape(rows, width), f"{size} elements in memory order")
    order = ", ".join(map(str, offsets.ravel()[:24])) + (", ..." if offsets.size > 24 else "")
    alt = (f"{title} of a row-major tensor of shape {format_shape(base.shape)} has shape "
           f"{format_shape(seen.shape)}, strides {format_shape(seen.strides)} and offset "
           f"{seen.offset}; it reads storage elements {order} in that order; {contiguous}.")
    return compose([view_panel, storage], alt)


def ladder(*shapes) -> Figure:
    """From a scalar to a tensor, one axis at a time."""
    shapes = shapes or ((), (3,), (2, 3), (2, 2, 3))
    names = {0: "scalar", 1: "vector", 2: "matrix"}
    panels, words = [], []
    for shape in (as_shape(s, op="ladder") for s in shapes):
        name = names.get(len(shape), f"{len(shape)}-D tensor")
        panels.append(_panel(name, np.arange(int(np.prod(shape))).reshape(shape),
                             subtitle=f"shape {format_shape(shape)}"))
        axes = "1 axis" if len(shape) == 1 else f"{len(shape)} axes"
        words.append(f"a {name} of shape {format_shape(shape)} ({axes})")
    return compose(panels, "From left to right: " + ", ".join(words) + ".")


def matmul(shape_a, shape_b, names=("a", "b")) -> Figure:
    """``a @ b``: the inner sizes that must match, and the result's shape;
    ``names`` are what the page calls the operands."""
    first_name, second_name = names
    a, b = as_shape(shape_a, op="matmul"), as_shape(shape_b, op="matmul")
    try:
        result = matmul_shape(a, b)
        problem = ""
    except ShapeError as error:
        result, problem = None, str(error)
    kind = "tg-bad" if problem else "tg-hl"
    left = np.full((min(a[-2], 4) if len(a) > 1 else 1, min(a[-1], 4)), "", dtype=object)
    right = np.full((min(b[-2], 4) if len(b) > 1 else min(b[-1], 4),
                     min(b[-1], 4) if len(b) > 1 else 1), "", dtype=object)
    left_kinds = np.full(left.shape, "", dtype=object)
    left_kinds[0, :] = kind
    right_kinds = np.full(right.shape, "", dtype=object)
    right_kinds[:, 0] = kind
    panels = [_panel(first_name, left, left_kinds, format_shape(a)), "@",
              _panel(second_name, right, right_kinds, format_shape(b))]
    product = f"{first_name} @ {second_name}"
    if problem:
        return compose(panels, f"{product} with shapes {format_shape(a)} and {format_shape(b)} "
                               f"fails: {problem}")
    out = np.full((left.shape[0], right.shape[1]), "", dtype=object)
    out_kinds = np.full(out.shape, "", dtype=object)
    out_kinds[0, 0] = "tg-hl"
    panels += ["=", _panel(product, out, out_kinds, format_shape(result))]
    clipped = max(a[-2:] + b[-2:]) > 4
    return compose(panels, (
        f"{first_name} of shape {format_shape(a)} times {second_name} of shape {format_shape(b)} "
        f"gives shape {format_shape(result)}: each result element is the dot product of a row "
        f"of {first_name} and a column of {second_name}, both of length {a[-1]}."
        + (" The grids show at most 4 by 4 cells of each matrix." if clipped else "")))


def reduce(shape, axis: int) -> Figure:
    """``x.sum(axis)`` for ``x = arange(n).reshape(shape)``."""
    shape = as_shape(shape, op="reduce")
    try:
        axis = as_int(axis)
        in_range = -len(shape) <= axis < len(shape)
    except TypeError:
        in_range = False
    if not in_range:
        raise ShapeError(f"reduce: axis {axis!r} is out of range for shape {format_shape(shape)}",
                         op="reduce", shapes=(shape,), axis=axis if type(axis) is int else None)
    x = np.arange(int(np.prod(shape))).reshape(shape)
    total = x.sum(axis=axis)
    panels = [_panel("x", x, subtitle=format_shape(shape)), "->",
              _panel(f"x.sum(axis={axis})", total, subtitle=format_shape(total.shape))]
    values = ", ".join(map(str, total.ravel()))
    return compose(panels, f"Summing x of shape {format_shape(shape)} along axis {axis} removes "
                           f"that axis: the result has shape {format_shape(total.shape)} "
                           f"and holds {values}.")


def reshape(shape, new_shape) -> Figure:
    """The same row-major numbers poured into a new shape."""
    old = as_shape(shape, op="reshape")
    new = reshape_shape(old, new_shape)
    x = np.arange(int(np.prod(old)))
    panels = [_panel("x", x.reshape(old), subtitle=format_shape(old)), "->",
              _panel("x.reshape", x.reshape(new), subtitle=format_shape(new))]
    return compose(panels, f"Reshaping shape {format_shape(old)} to {format_shape(new)} keeps "
                           f"the elements in row-major order, 0 to {x.size - 1}, and regroups "
                           "them; no element changes axis order.")


def arrays(*panels, ops=()) -> Figure:
    """Small multiples of arrays computed by the caller: ``(label, array)``."""
    items: list = []
    words = []
    for k, (label, values) in enumerate(panels):
        array = np.asarray(values)
        if k and k - 1 < len(ops):
            items.append(ops[k - 1])
        items.append(_panel(label, array, subtitle=f"shape {format_shape(array.shape)}"))
        flat = ", ".join(cell_text(v) for v in array.ravel()[:12])
        words.append(f"{label}, shape {format_shape(array.shape)}: {flat}"
                     + (", ..." if array.size > 12 else ""))
    return compose(items, "; ".join(words) + ".")


def events(items) -> Figure:
    """A strip of labelled steps in order; highlighted ones are marked."""
    items = [(str(label), bool(marked)) for label, marked in items]
    cells = [Cell(label, "tg-hl" if marked else "") for label, marked in items]
    per_row = max(1, int(MAX_WIDTH // Panel("", [[cells]]).cell_width()))
    rows = [cells[k:k + per_row] for k in range(0, len(cells), per_row)]
    marked = [label for label, m in items if m]
    panel = Panel("in order", [rows], f"{len(marked)} of {len(items)} highlighted")
    return compose([panel], "Steps in order: " + "; ".join(
        f"{label}{' (highlighted)' if m else ''}" for label, m in items) + ".")

"""The broadcasting rule, on shapes.

This follows the Array API standard's definition.  For two shapes:

1. Let ``N1 = len(shape1)``, ``N2 = len(shape2)`` and ``N = max(N1, N2)``.
2. Line the shapes up on the right: axis ``-1`` of one faces axis ``-1`` of
   the other.  A shape with fewer axes is treated as if it had extra axes of
   size 1 on the left.
3. For each axis ``i`` from ``-1`` down to ``-N``, with sizes ``d1`` and
   ``d2``:

   - if ``d1 == 1``, the result has ``d2`` (the first input is stretched);
   - else if ``d2 == 1``, the result has ``d1`` (the second is stretched);
   - else if ``d1 == d2``, the result has ``d1``;
   - otherwise the shapes cannot be broadcast.

More than two shapes are combined one after another; the order does not
change the result.  Stretching copies nothing: the framework reuses the same
element along that axis (a stride of 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BroadcastError
from .shapes import as_shape, format_shape

__all__ = ["broadcast_shapes", "explain_broadcast", "BroadcastExplanation", "AxisRow"]

_OP = "broadcast"


def _check(shapes: tuple[object, ...]) -> tuple[tuple[int, ...], ...]:
    if not shapes:
        raise BroadcastError(f"{_OP}: needs at least one shape", op=_OP)
    return tuple(as_shape(shape, op=_OP) for shape in shapes)


def _size_at(shape: tuple[int, ...], axis: int) -> int | None:
    """Size of ``shape`` at negative ``axis``, or None where it has no such axis."""
    return shape[axis] if -axis <= len(shape) else None


def broadcast_shapes(*shapes: object) -> tuple[int, ...]:
    """Shape of the result of broadcasting ``shapes`` together.

    Parameters
    ----------
    *shapes : sequence of int
        One or more shapes.

    Returns
    -------
    tuple of int
        The broadcast shape.

    Raises
    ------
    BroadcastError
        If two shapes have different sizes, neither of them 1, on the same
        axis.  The message names both shapes and the axis, counted from the
        right as in the rule.
    ShapeError
        If a shape holds a negative or non-integer size.

    Examples
    --------
    >>> broadcast_shapes((8, 1, 6, 1), (7, 1, 5))      # the Array API example
    (8, 7, 6, 5)
    >>> broadcast_shapes((3, 4), (4,))                  # a row added to every row
    (3, 4)
    >>> broadcast_shapes((2, 1), (1, 3), ())            # any number of shapes
    (2, 3)
    >>> broadcast_shapes((5, 0), (1,))                  # size 0 is a size like any other
    (5, 0)
    >>> broadcast_shapes((2, 3), (4,))
    Traceback (most recent call last):
    ...
    tensorguide.errors.BroadcastError: cannot broadcast (2, 3) with (4,): axis -1 has 3 vs 4
    """
    checked = _check(shapes)
    ndim = max(len(shape) for shape in checked)
    result = []
    for axis in range(-1, -ndim - 1, -1):
        size, owner = 1, None
        for shape in checked:
            d = _size_at(shape, axis)
            if d is None or d == 1:
                continue
            if size == 1:
                size, owner = d, shape
            elif d != size:
                raise BroadcastError(
                    f"cannot broadcast {format_shape(owner)} with {format_shape(shape)}: "
                    f"axis {axis} has {size} vs {d}",
                    op=_OP,
                    shapes=checked,
                    axis=axis,
                )
        result.append(size)
    return tuple(reversed(result))


@dataclass(frozen=True)
class AxisRow:
    """How one axis of the result lines up.

    ``axis`` counts from the right (``-1`` is the last axis).  ``sizes`` holds
    each input's size there, ``None`` where the input has no such axis.
    """

    axis: int
    sizes: tuple[int | None, ...]
    result: int

    def stretched(self) -> tuple[int, ...]:
        """Indices of the inputs whose size 1 is stretched on this axis."""
        return tuple(
            i for i, d in enumerate(self.sizes) if d == 1 and self.result != 1
        )

    def prepended(self) -> tuple[int, ...]:
        """Indices of the inputs that have no such axis (treated as size 1)."""
        return tuple(i for i, d in enumerate(self.sizes) if d is None)


@dataclass(frozen=True)
class BroadcastExplanation:
    """A broadcast worked out axis by axis.  ``str()`` gives the aligned table."""

    shapes: tuple[tuple[int, ...], ...]
    rows: tuple[AxisRow, ...]

    @property
    def result(self) -> tuple[int, ...]:
        """The broadcast shape."""
        return tuple(row.result for row in self.rows)

    def expanded_axes(self, index: int) -> tuple[int, ...]:
        """Axes of the result (counted from the right) along which input
        ``index`` is virtually expanded: axes it lacks, and size-1 axes that
        are stretched."""
        return tuple(
            row.axis
            for row in self.rows
            if index in row.prepended() or index in row.stretched()
        )

    def __str__(self) -> str:
        labels = [f"input {i}" for i in range(len(self.shapes))] + ["result"]
        cells = [[str(r.axis) for r in self.rows]]
        for i in range(len(self.shapes)):
            cells.append(["-" if r.sizes[i] is None else str(r.sizes[i]) for r in self.rows])
        cells.append([str(r.result) for r in self.rows])
        lines = []
        if self.rows:
            width = max(len(c) for line in cells for c in line)
            label_width = max(len(label) for label in labels + ["axis"])
            for label, line in zip(["axis"] + labels, cells):
                lines.append(f"{label:<{label_width}}  " + "  ".join(c.rjust(width) for c in line))
        else:
            lines.append("no axes to line up: every input is a scalar")
        for i, shape in enumerate(self.shapes):
            notes = []
            for row in self.rows:
                if i in row.prepended():
                    notes.append(f"axis {row.axis} added (size {row.result})")
                elif i in row.stretched():
                    notes.append(f"axis {row.axis} stretched 1 -> {row.result}")
            what = ", ".join(notes) if notes else "used as is"
            lines.append(f"input {i} {format_shape(shape)}: {what}")
        lines.append(f"result: {format_shape(self.result)}")
        return "\n".join(lines)


def explain_broadcast(*shapes: object) -> BroadcastExplanation:
    """Work out a broadcast axis by axis, for teaching and for error reports.

    Parameters
    ----------
    *shapes : sequence of int
        One or more shapes.

    Returns
    -------
    BroadcastExplanation
        Its ``rows`` line the shapes up on the right; ``str()`` of it is an
        aligned table followed by what happens to each input.

    Raises
    ------
    BroadcastError
        As :func:`broadcast_shapes`.

    Examples
    --------
    >>> print(explain_broadcast((8, 1, 6, 1), (7, 1, 5)))
    axis     -4  -3  -2  -1
    input 0   8   1   6   1
    input 1   -   7   1   5
    result    8   7   6   5
    input 0 (8, 1, 6, 1): axis -3 stretched 1 -> 7, axis -1 stretched 1 -> 5
    input 1 (7, 1, 5): axis -4 added (size 8), axis -2 stretched 1 -> 6
    result: (8, 7, 6, 5)

    Which axes of the result each input is expanded along:

    >>> explanation = explain_broadcast((3, 4), (4,))
    >>> explanation.expanded_axes(0), explanation.expanded_axes(1)
    ((), (-2,))

    Scalars have no axes to line up:

    >>> print(explain_broadcast((), ()))
    no axes to line up: every input is a scalar
    input 0 (): used as is
    input 1 (): used as is
    result: ()
    """
    result = broadcast_shapes(*shapes)  # raises with the full message first
    checked = _check(shapes)
    rows = tuple(
        AxisRow(
            axis=axis,
            sizes=tuple(_size_at(shape, axis) for shape in checked),
            result=result[axis],
        )
        for axis in range(-len(result), 0)
    )
    return BroadcastExplanation(shapes=checked, rows=rows)

"""Worked example of the chapter "Broadcasting and its importance in deep learning":
a row added to every row of a matrix, one step at a time."""

from __future__ import annotations

import numpy as np

from ..broadcasting import broadcast_shapes, explain_broadcast
from ..errors import BroadcastError
from ..shapes import as_shape, format_shape
from ..strides import Layout
from .table import Step, Table, show

__all__ = ["broadcast_row_add", "refusal"]


def broadcast_row_add() -> Table:
    """Add the vector ``[10, 20, 30]`` to every row of a ``(2, 3)`` matrix.

    The rule decides the result shape, the vector is stretched along the
    missing axis with a stride of 0 (checked against
    :meth:`tensorguide.strides.Layout.expand`), and the six sums are done one
    by one.

    Examples
    --------
    >>> table = broadcast_row_add()
    >>> table[0].result, table[-1].result    # the shape, then the sum
    ('(2, 3)', '[[11,22,33],[14,25,36]]')
    """
    a = np.array([[1, 2, 3], [4, 5, 6]])
    b = np.array([10, 20, 30])
    explanation = explain_broadcast(a.shape, b.shape)
    result_shape = explanation.result

    lifted = b.reshape((1,) * (len(result_shape) - b.ndim) + b.shape)
    stretched = np.broadcast_to(b, result_shape)
    strides = tuple(step // stretched.itemsize for step in stretched.strides)
    predicted = Layout.row_major(lifted.shape).expand(*result_shape).strides
    if strides != predicted:  # NumPy and the layout rule must agree
        raise AssertionError(f"NumPy strides {strides} differ from the predicted {predicted}")
    total = a + b

    steps = [
        Step(1, "Find the result shape by the rule",
             f"broadcast_shapes({a.shape}, {b.shape})", show(result_shape)),
        Step(2, f"Read B as {lifted.shape}: a missing axis has size 1",
             f"b.reshape{lifted.shape}", show(lifted)),
        Step(3, f"Stretch B down axis 0, no copy: strides {strides}",
             f"np.broadcast_to(b, {result_shape})", show(stretched)),
    ]
    for i in range(result_shape[0]):
        for j in range(result_shape[1]):
            steps.append(
                Step(len(steps) + 1, f"Add [{i}, {j}]",
                     f"{a[i, j]} + {stretched[i, j]}", show(total[i, j]))
            )
    steps.append(Step(len(steps) + 1, "The result", "a + b", show(total)))
    return Table(Step.COLUMNS, steps)


def refusal(*shapes: object) -> str:
    """Why the rule refuses ``shapes``: each shape as the rule reads it,
    padded with size-1 axes on the left, and the axis where sizes clash.

    The chapter's table of shapes that do not broadcast shows this, so a
    row that did broadcast would fail the build.

    Examples
    --------
    >>> refusal((15, 3, 5), (15, 3))
    '(15, 3, 5) with (15, 3) read as (1, 15, 3): axis -1 has 5 vs 3'
    >>> refusal((2, 3), (3, 2))
    '(2, 3) with (3, 2): axis -1 has 3 vs 2'
    >>> refusal((4, 1), (4,))
    Traceback (most recent call last):
    ...
    ValueError: refusal: (4, 1) and (4,) broadcast to (4, 4), nothing is refused
    """
    checked = [as_shape(shape, op="refusal") for shape in shapes]
    ndim = max((len(shape) for shape in checked), default=0)
    padded = [(1,) * (ndim - len(shape)) + shape for shape in checked]
    try:
        result = broadcast_shapes(*padded)
    except BroadcastError as exc:
        clash = [shape for shape in padded if shape[exc.axis] != 1]
        read = [format_shape(shape) + ("" if shape == full else
                                       f" read as {format_shape(full)}")
                for shape, full in zip(checked, padded)]
        return (" with ".join(read)
                + f": axis {exc.axis} has "
                + " vs ".join(str(shape[exc.axis]) for shape in clash))
    raise ValueError(f"refusal: {' and '.join(format_shape(s) for s in checked)} "
                     f"broadcast to {format_shape(result)}, nothing is refused")

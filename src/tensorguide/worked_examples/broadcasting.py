"""Worked example of the chapter "Broadcasting and its importance in deep learning":
a row added to every row of a matrix, one step at a time."""

from __future__ import annotations

import numpy as np

from ..broadcasting import explain_broadcast
from ..strides import Layout
from .table import Step, Table, show

__all__ = ["broadcast_row_add"]


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

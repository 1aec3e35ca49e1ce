"""Worked example of the chapter "Common tensor operations"."""

from __future__ import annotations

import numpy as np

from ..errors import ShapeError
from ..matmul import matmul_shape
from .table import Step, Table, show

__all__ = ["add_reshape_matmul_sum"]


def add_reshape_matmul_sum(t=((1, 2, 3), (4, 5, 6))) -> Table:
    """Add 1 to a matrix, reshape the result to the reversed shape, multiply the two, sum.

    ``t`` is any 2-D array-like of shape ``(m, k)``.  The reshaped copy has
    shape ``(k, m)``, so the inner sizes of the product are ``k`` and ``k``
    and the product is defined, with shape ``(m, m)``.  (A ``(1, 2)`` row
    times a ``(3, 2)`` matrix, by contrast, is not defined.)

    Examples
    --------
    >>> [step.result for step in add_reshape_matmul_sum()]
    ['[[1,2,3],[4,5,6]]', '[[2,3,4],[5,6,7]]', '[[2,3],[4,5],[6,7]]', '(2, 2)', '[[40,49],[76,94]]', '259']
    >>> add_reshape_matmul_sum([[0, 1]])[3].calculation     # (1, 2) @ (2, 1)
    '(1, 2) @ (2, 1)'
    """
    t = np.asarray(t)
    if t.ndim != 2:
        raise ShapeError(f"add_reshape_matmul_sum needs a 2-D input, got shape {t.shape}",
                         op="add_reshape_matmul_sum", shapes=(t.shape,), axis=None)
    shifted = t + 1
    reshaped = shifted.reshape(shifted.shape[::-1])
    product_shape = matmul_shape(shifted.shape, reshaped.shape)
    product = shifted @ reshaped
    total = product.sum()
    inner = shifted.shape[1]
    dot_products = ", ".join(
        "[" + ", ".join(
            " + ".join(f"{a}*{b}" for a, b in zip(row, column)) for column in reshaped.T
        ) + "]"
        for row in shifted
    )
    return Table(Step.COLUMNS, 
        [
            Step(1, f"Create a tensor of shape {t.shape}", f"t = {t.tolist()}", show(t)),
            Step(2, "Add the scalar 1 (broadcast to every element)", "a = t + 1", show(shifted)),
            Step(3, f"Reshape a to {reshaped.shape} (row-major order kept)",
                 f"b = a.reshape{reshaped.shape}", show(reshaped)),
            Step(4, f"Check the shapes of the product: inner sizes {inner} and {inner} match",
                 f"{shifted.shape} @ {reshaped.shape}", show(product_shape)),
            Step(5, "Multiply: each entry is a row of a times a column of b",
                 f"[{dot_products}]", show(product)),
            Step(6, "Sum all elements", " + ".join(str(v) for v in product.ravel()), show(total)),
        ]
    )

"""Worked example of the chapter "Common tensor operations"."""

from __future__ import annotations

import numpy as np

from ..matmul import matmul_shape
from .table import Step, StepTable, show

__all__ = ["add_reshape_matmul_sum"]


def add_reshape_matmul_sum() -> StepTable:
    """Add 1 to a (2, 3) tensor, reshape a copy to (3, 2), multiply the two, sum.

    The source's example multiplied ``[[2, 3]]`` (shape (1, 2)) by a (3, 2)
    matrix, a product that is not defined.  This version multiplies the
    (2, 3) tensor of step 2 by the (3, 2) tensor of step 3: the inner sizes
    are both 3, and the product has shape (2, 2).

    Examples
    --------
    >>> [step.result for step in add_reshape_matmul_sum()]
    ['[[1,2,3],[4,5,6]]', '[[2,3,4],[5,6,7]]', '[[2,3],[4,5],[6,7]]', '(2, 2)', '[[40,49],[76,94]]', '259']
    """
    t = np.array([[1, 2, 3], [4, 5, 6]])
    shifted = t + 1
    reshaped = shifted.reshape(3, 2)
    product_shape = matmul_shape(shifted.shape, reshaped.shape)
    product = shifted @ reshaped
    total = product.sum()
    dot_products = ", ".join(
        "[" + ", ".join(
            " + ".join(f"{a}*{b}" for a, b in zip(row, column)) for column in reshaped.T
        ) + "]"
        for row in shifted
    )
    return StepTable(
        [
            Step(1, f"Create a tensor of shape {t.shape}", "t = [[1, 2, 3], [4, 5, 6]]", show(t)),
            Step(2, "Add the scalar 1 (broadcast to every element)", "a = t + 1", show(shifted)),
            Step(3, f"Reshape a to {reshaped.shape} (row-major order kept)",
                 "b = a.reshape(3, 2)", show(reshaped)),
            Step(4, "Check the shapes of the product: inner sizes 3 and 3 match",
                 f"{shifted.shape} @ {reshaped.shape}", show(product_shape)),
            Step(5, "Multiply: each entry is a row of a times a column of b",
                 f"[{dot_products}]", show(product)),
            Step(6, "Sum all elements", " + ".join(str(v) for v in product.ravel()), show(total)),
        ]
    )

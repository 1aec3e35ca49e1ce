"""Worked example of the chapter "What are tensors?"."""

from __future__ import annotations

import numpy as np

from .table import Step, Table, show

__all__ = ["reshape_add_sum"]


def reshape_add_sum() -> Table:
    """Create a (2, 3) tensor, reshape it to (3, 2), add 1, sum everything.

    The example of the chapter "What are tensors?".

    Examples
    --------
    >>> [step.result for step in reshape_add_sum()]
    ['[[1,2,3],[4,5,6]]', '[[1,2],[3,4],[5,6]]', '[[2,3],[4,5],[6,7]]', '27']
    """
    t = np.array([[1, 2, 3], [4, 5, 6]])
    reshaped = t.reshape(3, 2)
    shifted = reshaped + 1
    total = shifted.sum()
    terms = " + ".join(str(v) for v in shifted.ravel())
    return Table(Step.COLUMNS, 
        [
            Step(1, f"Create a tensor of shape {t.shape}", "t = [[1, 2, 3], [4, 5, 6]]", show(t)),
            Step(2, f"Reshape to {reshaped.shape} (row-major order kept)",
                 "t.reshape(3, 2)", show(reshaped)),
            Step(3, "Add the scalar 1 (broadcast to every element)", "t + 1", show(shifted)),
            Step(4, "Sum all elements", terms, show(total)),
        ]
    )

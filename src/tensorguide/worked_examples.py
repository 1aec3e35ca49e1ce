"""Worked examples whose tables appear on the pages.

Each function performs its example with NumPy and returns the rows of the
step-by-step table as a :class:`StepTable`.  A page shows the table by
evaluating the function in a code cell, and the tests assert the rows, so a
table can never disagree with its arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Step", "StepTable", "reshape_add_sum"]


def _show(value: object) -> str:
    """Compact text for a table cell: arrays as nested lists, shapes as tuples."""
    if isinstance(value, np.ndarray):
        return str(value.tolist()).replace(" ", "")
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


@dataclass(frozen=True)
class Step:
    """One row of a step-by-step table."""

    number: int
    operation: str
    calculation: str
    result: str


class StepTable(tuple):
    """The rows of a worked example; renders as a Markdown table in notebooks.

    Examples
    --------
    >>> table = StepTable([Step(1, "Create", "x = [1, 2]", "(2,)")])
    >>> print(table.to_markdown())
    | Step | Operation | Calculation | Result |
    | ---: | --- | --- | --- |
    | 1 | Create | `x = [1, 2]` | `(2,)` |
    """

    def to_markdown(self) -> str:
        lines = ["| Step | Operation | Calculation | Result |", "| ---: | --- | --- | --- |"]
        for step in self:
            lines.append(
                f"| {step.number} | {step.operation} | `{step.calculation}` | `{step.result}` |"
            )
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def reshape_add_sum() -> StepTable:
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
    return StepTable(
        [
            Step(1, f"Create a tensor of shape {t.shape}", "t = [[1, 2, 3], [4, 5, 6]]", _show(t)),
            Step(2, f"Reshape to {reshaped.shape} (row-major order kept)",
                 "t.reshape(3, 2)", _show(reshaped)),
            Step(3, "Add the scalar 1 (broadcast to every element)", "t + 1", _show(shifted)),
            Step(4, "Sum all elements", terms, _show(total)),
        ]
    )

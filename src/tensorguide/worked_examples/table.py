"""The table type every worked example returns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Step", "StepTable", "show"]


def show(value: object) -> str:
    """Compact text for a table cell: tensors of any framework as nested
    lists, everything else as ``str`` gives it.

    Examples
    --------
    >>> show(np.array([[1, 2], [3, 4]]))
    '[[1,2],[3,4]]'
    >>> show(np.float32(2.5)), show((2, 3))
    ('2.5', '(2, 3)')
    """
    if not isinstance(value, (np.ndarray, np.generic, str, int, float, tuple, list)):
        from ..adapters import to_numpy

        try:
            value = to_numpy(value)
        except TypeError:
            pass
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

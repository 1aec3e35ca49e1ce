"""The table type every worked example returns, and how a value is written in a cell."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

__all__ = ["Step", "Table", "show"]


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

    COLUMNS: ClassVar[tuple[str, ...]] = ("Step", "Operation", "Calculation", "Result")

    number: int
    operation: str
    calculation: str
    result: str

    def cells(self) -> tuple[str, ...]:
        """The row's texts under ``COLUMNS``; code is marked as code."""
        return (str(self.number), self.operation, f"`{self.calculation}`", f"`{self.result}`")


class Table(tuple):
    """Rows under named columns: a Markdown table in notebooks, aligned
    plain text when printed.  The one table type of the worked examples.

    A row is a tuple of cell texts, or a record with a ``cells()`` method
    (:class:`Step`, :class:`~tensorguide.worked_examples.creating_and_shaping.ViewCase`),
    which keeps its typed fields for the tests.  A column of whole numbers
    is right-aligned.

    Examples
    --------
    >>> table = Table(Step.COLUMNS, [Step(1, "Create", "x = [1, 2]", "(2,)")])
    >>> print(table.to_markdown())
    | Step | Operation | Calculation | Result |
    | ---: | --- | --- | --- |
    | 1 | Create | `x = [1, 2]` | `(2,)` |
    >>> table[0].result
    '(2,)'
    >>> table = Table(("key", "length"), [("`[::3]`", "4"), ("`[5:]`", "5")])
    >>> table.column("length")
    ['4', '5']
    >>> print(table)                 # code marks dropped, columns aligned
    key   length
    [::3] 4
    [5:]  5
    """

    columns: tuple[str, ...]

    def __new__(cls, columns: Iterable[str], rows: Iterable[object]) -> Table:
        table = super().__new__(cls, rows)
        table.columns = tuple(columns)
        return table

    def __getnewargs__(self) -> tuple[tuple[str, ...], tuple[object, ...]]:
        return self.columns, tuple(self)

    def cells(self) -> list[tuple[str, ...]]:
        """Every row's cell texts, top to bottom."""
        return [tuple(row.cells()) if hasattr(row, "cells") else tuple(row) for row in self]

    def column(self, name: str) -> list[str]:
        """The cells of one column, top to bottom."""
        k = self.columns.index(name)
        return [cells[k] for cells in self.cells()]

    def to_text(self, columns: tuple[str, ...] | None = None) -> str:
        """The table as plain text, one space between left-aligned columns,
        narrow enough for a doctest; ``columns`` picks and orders them."""
        names = self.columns if columns is None else columns
        picked = [self.columns.index(name) for name in names]
        grid = [list(names)] + [[cells[k].strip("`") for k in picked] for cells in self.cells()]
        widths = [max(len(line[k]) for line in grid) for k in range(len(names))]
        return "\n".join(" ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()
                         for line in grid)

    def __str__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        rows = self.cells()
        rule = ["---:" if rows and all(r[k].isdigit() for r in rows) else "---"
                for k in range(len(self.columns))]
        lines = ["| " + " | ".join(self.columns) + " |", "| " + " | ".join(rule) + " |"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

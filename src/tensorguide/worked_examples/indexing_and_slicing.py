"""Worked examples of the chapter "Indexing and slicing tensors in PyTorch".

Three tables, each computed by running the frameworks:

- :func:`slice_then_multiply`, the chapter's step-by-step example;
- :func:`slice_lengths`, the slice-length formula next to what
  :func:`tensorguide.slicing.slice_span`, NumPy, PyTorch and TensorFlow give;
- :func:`views_and_copies`, which keys give views (with the layout
  :meth:`tensorguide.strides.Layout.index` predicts) and which give copies.
"""

from __future__ import annotations

from ..slicing import format_key, slice_span
from ..strides import Layout
from .table import Step, Table, show

__all__ = [
    "slice_then_multiply",
    "slice_lengths",
    "formula_length",
    "views_and_copies",
]


def slice_then_multiply() -> Table:
    """Slice two rows of a 3 x 3 tensor, take two columns, multiply, unsqueeze.

    The step-by-step example of the indexing chapter, run with PyTorch.

    Examples
    --------
    >>> [step.result for step in slice_then_multiply()][-2:]
    ['[3,24]', '[[3],[24]]']
    """
    import torch

    a = torch.arange(1, 10).reshape(3, 3)
    rows = a[0:2]
    last = rows[:, -1]
    first = rows[:, 0]
    product = last * first
    column = product.unsqueeze(-1)
    shares = rows.untyped_storage().data_ptr() == a.untyped_storage().data_ptr()
    terms = ", ".join(f"{x} * {y}" for x, y in zip(last.tolist(), first.tolist()))
    return Table(Step.COLUMNS, 
        [
            Step(1, f"A tensor of shape {tuple(a.shape)}",
                 "a = torch.arange(1, 10).reshape(3, 3)", show(a)),
            Step(2, f"Rows 0 and 1 (stop excluded), a view: {shares}",
                 "rows = a[0:2]", show(rows)),
            Step(3, f"Last column, shape {tuple(last.shape)}",
                 "last = rows[:, -1]", show(last)),
            Step(4, f"First column, shape {tuple(first.shape)}",
                 "first = rows[:, 0]", show(first)),
            Step(5, "Multiply element by element", terms, show(product)),
            Step(6, f"As a column, shape {tuple(column.shape)}",
                 "product.unsqueeze(-1)", show(column)),
        ]
    )


def formula_length(size: int, part: slice) -> int:
    """Length of ``part`` on an axis of ``size`` by the chapter's formula.

    Bounds are clamped first (as ``slice.indices`` does), then the length
    is ``max(0, ceil((stop - start) / step))``.  Written out here rather than
    taken from :func:`tensorguide.slicing.slice_span`, so the two can be
    compared.

    Examples
    --------
    >>> formula_length(10, slice(2, 100, 3))      # start 2, stop clamped to 10
    3
    >>> formula_length(10, slice(None, None, -3))  # 9, 6, 3, 0
    4
    """
    start, stop, step = part.indices(size)
    return max(0, -((start - stop) // step))  # ceil((stop - start) / step)


DEFAULT_SLICES = (
    slice(2, 8, 1),
    slice(None, None, 3),
    slice(5, None, None),
    slice(-3, None, None),
    slice(3, 100, None),
    slice(-100, 2, None),
    slice(7, 3, None),
    slice(1, 9, 4),
    slice(None, None, -1),
    slice(8, 1, -3),
)
"""The slices of the chapter's length table."""


def slice_lengths(size: int = 10, slices: tuple[slice, ...] = DEFAULT_SLICES) -> Table:
    """For each slice of an axis of ``size``: clamped bounds, the formula's
    length, and the length each framework gives on a real tensor.

    PyTorch refuses negative steps; its cell says so instead of a length.

    Examples
    --------
    >>> table = slice_lengths(5, (slice(1, 99, 2), slice(None, None, -2)))
    >>> table.column("formula"), table.column("PyTorch")
    (['2', '3'], ['2', 'refused'])
    """
    import numpy as np
    import tensorflow as tf
    import torch

    values = np.arange(size)
    tensor = torch.arange(size)
    tf_tensor = tf.range(size)
    rows = []
    for part in slices:
        span = slice_span(size, part)
        try:
            torch_length = str(len(tensor[part]))
        except ValueError:  # "step must be greater than zero"
            torch_length = "refused"
        rows.append((
            f"`[{format_key(part)}]`",
            str(span.start), str(span.stop), str(span.step),
            str(formula_length(size, part)),
            str(span.length),
            str(len(values[part])),
            torch_length,
            str(int(tf.size(tf_tensor[part]))),
        ))
    return Table(
        ("slice", "start", "stop", "step", "formula", "slice_span", "NumPy", "PyTorch", "TensorFlow"),
        tuple(rows),
    )


VIEW_KEYS = (
    (slice(None, None, 3), slice(5, None)),
    (2,),
    (slice(1, None), slice(None, None, 4)),
    (-1, slice(3, 9, 2)),
    ([0, 3, 9],),
    (slice(None), [0, 11]),
)
"""Keys applied to ``torch.arange(120).view(10, 12)`` in :func:`views_and_copies`."""


def views_and_copies(keys: tuple = VIEW_KEYS) -> Table:
    """Index ``torch.arange(120).view(10, 12)`` with each key and report
    whether the result shares the tensor's storage, and its real layout next
    to the layout :meth:`~tensorguide.strides.Layout.index` predicts.

    Keys with integer lists are advanced indexing: they copy, and a layout
    over the old storage does not apply to them.

    Examples
    --------
    >>> table = views_and_copies()
    >>> table.column("shares storage")
    ['yes', 'yes', 'yes', 'yes', 'no', 'no']
    """
    import torch

    base = torch.arange(120).view(10, 12)
    layout = Layout.row_major((10, 12))
    rows = []
    for key in keys:
        torch_key = tuple(torch.tensor(p) if isinstance(p, list) else p for p in key)
        result = base[torch_key]
        shares = result.untyped_storage().data_ptr() == base.untyped_storage().data_ptr()
        real = (tuple(result.shape), result.stride(), result.storage_offset())
        advanced = any(isinstance(p, list) for p in key)
        if advanced:
            predicted = "copy: new storage"
        else:
            view = layout.index(key)
            predicted = f"{view.shape}, {view.strides}, {view.offset}"
        rows.append((
            f"`x[{format_key(key)}]`",
            "yes" if shares else "no",
            f"{real[0]}, {real[1]}, {real[2]}",
            predicted,
        ))
    return Table(
        ("expression", "shares storage", "real shape, strides, offset", "Layout.index predicts"),
        tuple(rows),
    )

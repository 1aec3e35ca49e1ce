"""Reading and validating shapes.

All shape rules in tensorguide take shapes as sequences of non-negative
integers.  :func:`as_shape` turns whatever the caller passed into a tuple of
Python ints, or raises :class:`~tensorguide.errors.ShapeError` naming the
operation and the position of the bad entry.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable

from .errors import ShapeError

__all__ = ["as_int", "as_shape", "as_index", "format_shape", "numel"]


def as_int(value: object) -> int:
    """``value`` as a Python int if it is an integer but not a bool.

    The one integer check of tensorguide: sizes, indices, axes, strides and
    counts all go through it.  NumPy integers and objects with
    ``__index__`` are integers; ``True`` is an ``int`` to Python but never a
    size or an index here.

    Raises
    ------
    TypeError
        For a bool, a float, a string or anything else without ``__index__``.

    Examples
    --------
    >>> import numpy as np
    >>> as_int(np.int64(3))
    3
    >>> as_int(True)
    Traceback (most recent call last):
    ...
    TypeError: True is a bool, not an integer
    """
    if isinstance(value, bool):
        raise TypeError(f"{value!r} is a bool, not an integer")
    return operator.index(value)


def format_shape(shape: Iterable[object]) -> str:
    """Write a shape the way Python writes a tuple.

    Examples
    --------
    >>> format_shape([2, 3])
    '(2, 3)'
    >>> format_shape((4,))          # a one-element tuple keeps its comma
    '(4,)'
    >>> format_shape(())            # the shape of a scalar
    '()'
    """
    return repr(tuple(shape))


def as_shape(shape: object, *, op: str, allow_minus_one: bool = False) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of ints, or raise a clear error.

    Parameters
    ----------
    shape : sequence of int
        The shape to check.  NumPy integers and objects with ``__index__``
        are accepted; floats, booleans and strings are not.
    op : str
        Name of the operation asking, used in the error message.
    allow_minus_one : bool, optional
        Accept ``-1`` entries (a reshape target may contain one).  Whether
        there is at most one is the caller's rule to check.

    Returns
    -------
    tuple of int

    Raises
    ------
    ShapeError
        If ``shape`` is not a sequence, an entry is not an integer, or an
        entry is negative.

    Examples
    --------
    >>> as_shape([2, 3], op="broadcast")
    (2, 3)
    >>> as_shape((2, -3), op="broadcast")
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: broadcast: shape (2, -3) has a negative size -3 at axis 1
    >>> as_shape((2, 3.0), op="broadcast")
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: broadcast: shape (2, 3.0) has a non-integer size 3.0 at axis 1
    """
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Iterable):
        raise ShapeError(
            f"{op}: a shape must be a sequence of integers, got {shape!r}", op=op
        )
    entries = tuple(shape)
    sizes = []
    for axis, entry in enumerate(entries):
        try:
            size = as_int(entry)
        except TypeError:
            what = "boolean" if isinstance(entry, bool) else "non-integer size"
            raise ShapeError(
                f"{op}: shape {format_shape(entries)} has a {what} {entry!r} at axis {axis}",
                op=op,
                axis=axis,
            ) from None
        if size < 0 and not (allow_minus_one and size == -1):
            raise ShapeError(
                f"{op}: shape {format_shape(entries)} has a negative size {size} at axis {axis}",
                op=op,
                axis=axis,
            )
        sizes.append(size)
    return tuple(sizes)


def as_index(index: object, *, op: str) -> tuple[int, ...]:
    """Return a multi-index as a tuple of ints (negative entries allowed).

    Examples
    --------
    >>> as_index((1, -1), op="offset_of")
    (1, -1)
    >>> as_index((1, "a"), op="offset_of")
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: offset_of: index (1, 'a') has a non-integer entry 'a' at position 1
    """
    if isinstance(index, (str, bytes)) or not isinstance(index, Iterable):
        raise ShapeError(f"{op}: an index must be a sequence of integers, got {index!r}", op=op)
    entries = tuple(index)
    result = []
    for position, entry in enumerate(entries):
        try:
            result.append(as_int(entry))
        except TypeError:
            raise ShapeError(
                f"{op}: index {format_shape(entries)} has a non-integer entry {entry!r} "
                f"at position {position}",
                op=op,
            ) from None
    return tuple(result)


def numel(shape: Iterable[int]) -> int:
    """Number of elements of a tensor of this shape (1 for a scalar).

    Examples
    --------
    >>> numel((2, 3, 4))
    24
    >>> numel(())                   # a scalar holds one element
    1
    >>> numel((5, 0, 3))            # any zero-size axis empties the tensor
    0
    """
    total = 1
    for size in shape:
        total *= size
    return total

"""Matrix multiplication, on shapes, as in the Array API standard's ``matmul``.

For ``a @ b`` with ``a`` of shape ``(..., m, k)`` and ``b`` of shape
``(..., k, n)`` the result is ``(..., m, n)``:

- both 1-D, ``(k,) @ (k,)``: a dot product, shape ``()``;
- ``(k,) @ (..., k, n)``: ``a`` is treated as ``(1, k)`` and the added axis
  is removed again, giving ``(..., n)``;
- ``(..., m, k) @ (k,)``: ``b`` is treated as ``(k, 1)``, giving ``(..., m)``;
- two axes or more on both: the last two axes multiply as matrices and the
  leading ("batch") axes broadcast (see :mod:`tensorguide.broadcasting`).

The inner sizes (``k``) must be equal, and 0-d operands are not allowed.
"""

from __future__ import annotations

from .broadcasting import broadcast_shapes
from .errors import BroadcastError, ShapeError
from .shapes import as_shape, format_shape

__all__ = ["matmul_shape"]

_OP = "matmul"


def matmul_shape(a_shape: object, b_shape: object) -> tuple[int, ...]:
    """Shape of ``a @ b``.

    Raises
    ------
    ShapeError
        If an operand is 0-d, the inner sizes differ (the message names axis
        -1 of ``a`` and the axis of ``b`` it is matched with), or the batch
        axes do not broadcast.

    Examples
    --------
    >>> matmul_shape((3, 4), (4, 5))
    (3, 5)
    >>> matmul_shape((4,), (4,))                    # dot product
    ()
    >>> matmul_shape((4,), (2, 4, 5))               # vector @ batch of matrices
    (2, 5)
    >>> matmul_shape((2, 1, 3, 4), (5, 4, 6))       # batch axes (2, 1) and (5,) broadcast
    (2, 5, 3, 6)
    >>> matmul_shape((3, 4), (5, 6))
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: cannot matmul (3, 4) with (5, 6): axis -1 of the first has 4 but axis -2 of the second has 5
    """
    a = as_shape(a_shape, op=_OP)
    b = as_shape(b_shape, op=_OP)
    for name, shape in (("first", a), ("second", b)):
        if not shape:
            raise ShapeError(
                f"{_OP}: the {name} operand is 0-d (shape ()); matmul needs at least one axis",
                op=_OP, shapes=(a, b),
            )
    b_inner_axis = -1 if len(b) == 1 else -2
    if a[-1] != b[b_inner_axis]:
        raise ShapeError(
            f"cannot matmul {format_shape(a)} with {format_shape(b)}: axis -1 of the first "
            f"has {a[-1]} but axis {b_inner_axis} of the second has {b[b_inner_axis]}",
            op=_OP, shapes=(a, b), axis=-1,
        )
    if len(a) == 1 and len(b) == 1:
        return ()
    if len(a) == 1:
        return b[:-2] + (b[-1],)
    if len(b) == 1:
        return a[:-1]
    try:
        batch = broadcast_shapes(a[:-2], b[:-2])
    except BroadcastError as err:
        # err.axis counts from the right of the batch axes; both operands
        # have a size there, or they could not conflict
        axis = err.axis - 2
        raise ShapeError(
            f"cannot matmul {format_shape(a)} with {format_shape(b)}: the batch axes "
            f"{format_shape(a[:-2])} and {format_shape(b[:-2])} do not broadcast "
            f"(axis {axis} has {a[axis]} vs {b[axis]})",
            op=_OP, shapes=(a, b), axis=axis,
        ) from err
    return batch + (a[-2], b[-1])

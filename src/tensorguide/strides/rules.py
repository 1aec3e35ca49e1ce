"""The stride rules: row-major strides, PyTorch's contiguity test, and
the checks of strides and axes that :class:`Layout` shares."""

from __future__ import annotations

from ..errors import ShapeError
from ..shapes import as_int, as_shape, format_shape, numel

__all__ = ["row_major_strides", "is_contiguous"]


def row_major_strides(shape: object) -> tuple[int, ...]:
    """Strides of a contiguous (row-major, "C order") tensor of this shape.

    The last axis has stride 1 and each axis to the left skips over one whole
    slice of the axes to its right.

    Examples
    --------
    >>> row_major_strides((2, 3, 4))
    (12, 4, 1)
    >>> row_major_strides(())               # a scalar has no strides
    ()
    """
    sizes = as_shape(shape, op="strides")
    strides = []
    step = 1
    for size in reversed(sizes):
        strides.append(step)
        step *= max(size, 1)
    return tuple(reversed(strides))


def is_contiguous(shape: object, strides: object) -> bool:
    """PyTorch's rule: the layout is row-major, ignoring axes of size 1.

    An axis of size 1 is never stepped along, so its stride does not matter;
    an empty tensor is contiguous whatever its strides.

    Examples
    --------
    >>> is_contiguous((2, 3), (3, 1))
    True
    >>> is_contiguous((3, 2), (1, 3))       # a transposed (2, 3)
    False
    >>> is_contiguous((2, 1, 3), (3, 99, 1))  # the size-1 axis's stride is ignored
    True
    """
    sizes = as_shape(shape, op="is_contiguous")
    steps = _as_strides(strides, sizes, op="is_contiguous")
    if numel(sizes) == 0:
        return True
    expected = 1
    for size, stride in zip(reversed(sizes), reversed(steps)):
        if size == 1:
            continue
        if stride != expected:
            return False
        expected *= size
    return True


def _as_strides(strides: object, sizes: tuple[int, ...], *, op: str) -> tuple[int, ...]:
    # strides may be negative (NumPy allows it), so as_shape does not apply
    try:
        if isinstance(strides, (str, bytes)):
            raise TypeError
        steps = tuple(as_int(step) for step in strides)
    except TypeError:
        raise ShapeError(
            f"{op}: strides must be a sequence of integers, got {strides!r}", op=op, shapes=(sizes,)
        ) from None
    if len(steps) != len(sizes):
        raise ShapeError(
            f"{op}: shape {format_shape(sizes)} has {len(sizes)} axes but strides "
            f"{format_shape(steps)} has {len(steps)}",
            op=op,
            shapes=(sizes,),
        )
    return steps


def _axis(axis: int, ndim: int, *, op: str, shape: tuple[int, ...]) -> int:
    try:
        axis = as_int(axis)
    except TypeError:
        raise ShapeError(
            f"{op}: axis must be an integer, got {axis!r}", op=op, shapes=(shape,)
        ) from None
    if not -ndim <= axis < ndim:
        raise ShapeError(
            f"{op}: axis {axis} is out of range for shape {format_shape(shape)} "
            f"(valid: {-ndim} to {ndim - 1})",
            op=op,
            shapes=(shape,),
            axis=axis,
        )
    return axis % ndim

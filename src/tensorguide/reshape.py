"""Reshaping, on shapes: the element-count rule, ``-1``, and when a view is possible.

1. A reshape keeps every element: the product of the new sizes must equal
   the product of the old ones.
2. At most one new size may be ``-1``; it is inferred so that rule 1
   holds.  It cannot be inferred when the other sizes multiply to 0.
3. The elements are read and written in row-major order.  A reshape never
   moves data from one axis to another.
4. PyTorch's ``view`` succeeds only when the result can be described by
   strides over the same memory.  That needs *stride compatibility*, not
   full contiguity: each group of old axes that is merged must be laid out
   contiguously *relative to each other*.  ``reshape`` returns such a view
   when it can and copies otherwise.
"""

from __future__ import annotations

from .errors import ShapeError
from .shapes import as_shape, format_shape, numel
from .strides.rules import _as_strides

__all__ = ["reshape_shape", "view_strides", "can_view"]

_OP = "reshape"


def reshape_shape(shape: object, new_shape: object) -> tuple[int, ...]:
    """The shape a reshape of ``shape`` to ``new_shape`` produces, with ``-1`` inferred.

    Raises
    ------
    ShapeError
        If the element counts differ, ``-1`` appears twice, ``-1`` cannot be
        inferred, or a size is negative or not an integer.

    Examples
    --------
    >>> reshape_shape((2, 3), (3, 2))
    (3, 2)
    >>> reshape_shape((2, 3, 4), (-1, 4))        # -1 becomes 24 / 4 = 6
    (6, 4)
    >>> reshape_shape((2, 3), (4, 2))
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: cannot reshape (2, 3) (6 elements) into (4, 2) (8 elements)
    >>> reshape_shape((2, 3), (-1, -1))
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: reshape: (-1, -1) has -1 on axes 0 and 1; only one size can be inferred
    """
    old = as_shape(shape, op=_OP)
    new = as_shape(new_shape, op=_OP, allow_minus_one=True)
    unknown = [axis for axis, size in enumerate(new) if size == -1]
    if len(unknown) > 1:
        axes = " and ".join(str(a) for a in unknown)
        raise ShapeError(
            f"{_OP}: {format_shape(new)} has -1 on axes {axes}; only one size can be inferred",
            op=_OP, shapes=(old, new), axis=unknown[1],
        )
    total = numel(old)
    if unknown:
        known = numel(size for size in new if size != -1)
        if known == 0:
            raise ShapeError(
                f"{_OP}: cannot infer -1 in {format_shape(new)}: the other sizes multiply to 0, "
                "so any size would do",
                op=_OP, shapes=(old, new), axis=unknown[0],
            )
        if total % known:
            raise ShapeError(
                f"cannot reshape {format_shape(old)} ({total} elements) into "
                f"{format_shape(new)}: {total} is not a multiple of {known}",
                op=_OP, shapes=(old, new), axis=unknown[0],
            )
        new = tuple(total // known if size == -1 else size for size in new)
    if numel(new) != total:
        raise ShapeError(
            f"cannot reshape {format_shape(old)} ({total} elements) into "
            f"{format_shape(new)} ({numel(new)} elements)",
            op=_OP, shapes=(old, new),
        )
    return new


def view_strides(shape: object, strides: object, new_shape: object) -> tuple[int, ...] | None:
    """Strides of ``view(new_shape)`` over the same memory, or ``None`` if no view exists.

    This is PyTorch's rule.  The old axes are split into chunks, each a run
    of axes whose strides chain (``stride[k] == stride[k + 1] * size[k + 1]``);
    a view exists when every chunk maps onto whole new axes.

    Examples
    --------
    >>> view_strides((2, 3), (3, 1), (6,))            # contiguous: always a view
    (1,)
    >>> view_strides((3, 2), (1, 3), (6,)) is None    # a transposed (2, 3): must copy
    True
    >>> view_strides((4, 3), (6, 1), (2, 2, 3))       # every other row of an (8, 3)
    (12, 6, 1)
    """
    old = as_shape(shape, op="view")
    steps = _as_strides(strides, old, op="view")
    new = reshape_shape(old, new_shape)
    if not old:
        return tuple(1 for _ in new)
    total = numel(old)
    if total == 0:
        if old == new:
            return steps
        result = [0] * len(new)
        for axis in range(len(new) - 1, -1, -1):
            result[axis] = 1 if axis == len(new) - 1 else max(new[axis + 1], 1) * result[axis + 1]
        return tuple(result)
    result = [0] * len(new)
    view_axis = len(new) - 1
    chunk_base = steps[-1]
    chunk_numel = view_numel = 1
    for axis in range(len(old) - 1, -1, -1):
        chunk_numel *= old[axis]
        chunk_ends = axis == 0 or (
            old[axis - 1] != 1 and steps[axis - 1] != chunk_numel * chunk_base
        )
        if chunk_ends:
            while view_axis >= 0 and (view_numel < chunk_numel or new[view_axis] == 1):
                result[view_axis] = view_numel * chunk_base
                view_numel *= new[view_axis]
                view_axis -= 1
            if view_numel != chunk_numel:
                return None
            if axis > 0:
                chunk_base = steps[axis - 1]
                chunk_numel = view_numel = 1
    if view_axis != -1:
        return None
    return tuple(result)


def can_view(shape: object, strides: object, new_shape: object) -> bool:
    """Whether PyTorch's ``view(new_shape)`` works on this layout (no copy).

    Examples
    --------
    >>> can_view((3, 2), (1, 3), (6,))     # transposed: view() raises, reshape() copies
    False
    >>> can_view((3, 2), (1, 3), (3, 2, 1))  # adding a size-1 axis is always fine
    True
    """
    return view_strides(shape, strides, new_shape) is not None

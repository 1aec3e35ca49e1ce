"""Strides and contiguity: how a shape is laid out in one flat block.

A tensor is a flat block of memory plus a :class:`Layout`: its shape, its
strides (how many elements to skip for one step along each axis) and the
offset of its first element.  Element ``(i1, ..., in)`` lives at
``offset + i1 * s1 + ... + in * sn``.

Views (transpose, permute, basic slicing, expand) only compute a new layout
over the same block; nothing is copied.  All strides here are counted in
elements, as PyTorch counts them; NumPy counts in bytes.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from .errors import ShapeError
from .shapes import as_index, as_shape, format_shape, numel

__all__ = ["Layout", "row_major_strides", "is_contiguous"]


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
        steps = tuple(_integer(step) for step in strides)
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


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise TypeError("a boolean is not an integer size")
    return operator.index(value)


def _axis(axis: int, ndim: int, *, op: str, shape: tuple[int, ...]) -> int:
    if not isinstance(axis, int) or isinstance(axis, bool):
        raise ShapeError(f"{op}: axis must be an integer, got {axis!r}", op=op, shapes=(shape,))
    if not -ndim <= axis < ndim:
        raise ShapeError(
            f"{op}: axis {axis} is out of range for shape {format_shape(shape)} "
            f"(valid: {-ndim} to {ndim - 1})",
            op=op,
            shapes=(shape,),
            axis=axis,
        )
    return axis % ndim


@dataclass(frozen=True)
class Layout:
    """Shape, strides (in elements) and offset of a tensor over its storage.

    Examples
    --------
    >>> base = Layout.row_major((2, 3))
    >>> base
    Layout(shape=(2, 3), strides=(3, 1), offset=0)
    >>> base.transpose(0, 1)                # a view: same storage, swapped strides
    Layout(shape=(3, 2), strides=(1, 3), offset=0)
    >>> base.transpose(0, 1).is_contiguous()
    False
    >>> base.offset_of((1, 2))              # element [1, 2] is the 6th of the block
    5
    """

    shape: tuple[int, ...]
    strides: tuple[int, ...]
    offset: int = 0

    def __post_init__(self) -> None:
        sizes = as_shape(self.shape, op="layout")
        object.__setattr__(self, "shape", sizes)
        object.__setattr__(self, "strides", _as_strides(self.strides, sizes, op="layout"))

    @classmethod
    def row_major(cls, shape: object) -> Layout:
        """The layout of a freshly created, contiguous tensor."""
        sizes = as_shape(shape, op="layout")
        return cls(sizes, row_major_strides(sizes), 0)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def is_contiguous(self) -> bool:
        """See :func:`is_contiguous`."""
        return is_contiguous(self.shape, self.strides)

    def offset_of(self, index: object) -> int:
        """Position in storage of the element at ``index`` (negative indices allowed).

        Raises
        ------
        ShapeError
            If the index has the wrong length or is out of range on an axis.
        """
        op = "offset_of"
        position = as_index(index, op=op)
        if len(position) != self.ndim:
            raise ShapeError(
                f"{op}: index {format_shape(position)} has {len(position)} entries "
                f"for shape {format_shape(self.shape)} with {self.ndim} axes",
                op=op,
                shapes=(self.shape,),
            )
        total = self.offset
        for axis, (i, size, stride) in enumerate(zip(position, self.shape, self.strides)):
            if not -size <= i < size:
                raise ShapeError(
                    f"{op}: index {i} is out of range for axis {axis} of shape "
                    f"{format_shape(self.shape)} (size {size})",
                    op=op,
                    shapes=(self.shape,),
                    axis=axis,
                )
            total += (i % size) * stride
        return total

    def permute(self, *dims: int) -> Layout:
        """Reorder the axes: axis ``k`` of the result is axis ``dims[k]`` of this one.

        Examples
        --------
        >>> Layout.row_major((2, 3, 4)).permute(2, 0, 1)
        Layout(shape=(4, 2, 3), strides=(1, 12, 4), offset=0)
        """
        op = "permute"
        order = [_axis(d, self.ndim, op=op, shape=self.shape) for d in dims]
        if sorted(order) != list(range(self.ndim)):
            raise ShapeError(
                f"{op}: dims {tuple(dims)} are not a permutation of the {self.ndim} axes "
                f"of shape {format_shape(self.shape)}",
                op=op,
                shapes=(self.shape,),
            )
        return Layout(
            tuple(self.shape[d] for d in order), tuple(self.strides[d] for d in order), self.offset
        )

    def transpose(self, dim0: int, dim1: int) -> Layout:
        """Swap two axes."""
        order = list(range(self.ndim))
        a = _axis(dim0, self.ndim, op="transpose", shape=self.shape)
        b = _axis(dim1, self.ndim, op="transpose", shape=self.shape)
        order[a], order[b] = order[b], order[a]
        return self.permute(*order)

    def expand(self, *sizes: int) -> Layout:
        """PyTorch's ``expand``: stretch size-1 axes (stride 0) and add leading axes.

        ``-1`` keeps an existing size.  Nothing is copied: every step along a
        stretched axis reads the same elements again.

        Examples
        --------
        >>> Layout.row_major((3, 1)).expand(2, 3, 4)
        Layout(shape=(2, 3, 4), strides=(0, 1, 0), offset=0)
        >>> Layout.row_major((3, 2)).expand(3, 4)
        Traceback (most recent call last):
        ...
        tensorguide.errors.ShapeError: expand: cannot expand shape (3, 2) to (3, 4): axis -1 has size 2, which is not 1
        """
        op = "expand"
        target = as_shape(sizes, op=op, allow_minus_one=True)
        if len(target) < self.ndim:
            raise ShapeError(
                f"{op}: target {format_shape(target)} has fewer axes than shape "
                f"{format_shape(self.shape)}",
                op=op,
                shapes=(self.shape, target),
            )
        lead = len(target) - self.ndim
        shape = [0] * len(target)
        strides = [0] * len(target)
        # From the right, as PyTorch does: a new leading axis starts as size 1
        # with the stride unsqueeze would give it; any axis stretched from
        # size 1 gets stride 0.
        for k in range(len(target) - 1, -1, -1):
            if k < lead:
                if target[k] == -1:
                    raise ShapeError(
                        f"{op}: -1 is not allowed for the new leading axis {k} of "
                        f"{format_shape(target)}",
                        op=op,
                        shapes=(self.shape, target),
                        axis=k,
                    )
                old = 1
                stride = shape[k + 1] * strides[k + 1] if k + 1 < len(target) else 1
            else:
                old, stride = self.shape[k - lead], self.strides[k - lead]
            size = old if target[k] == -1 else target[k]
            if size != old:
                if old != 1:
                    axis = k - len(target)
                    raise ShapeError(
                        f"{op}: cannot expand shape {format_shape(self.shape)} to "
                        f"{format_shape(target)}: axis {axis} has size {old}, which is not 1",
                        op=op,
                        shapes=(self.shape, target),
                        axis=axis,
                    )
                stride = 0
            shape[k], strides[k] = size, stride
        return Layout(tuple(shape), tuple(strides), self.offset)

    def index(self, key: object) -> Layout:
        """The view that basic indexing ``tensor[key]`` returns.

        ``key`` may hold integers, slices, ``None`` and one ``Ellipsis``; see
        :func:`tensorguide.slicing.index_shape` for the rules.

        Examples
        --------
        >>> Layout.row_major((4, 6))[1:, ::2]
        Layout(shape=(3, 3), strides=(6, 2), offset=6)
        >>> Layout.row_major((4, 6))[2]
        Layout(shape=(6,), strides=(1,), offset=12)
        """
        from .slicing import normalize_key

        shape: list[int] = []
        strides: list[int] = []
        offset = self.offset
        for axis, part in normalize_key(self.shape, key):
            if part is None:
                # PyTorch applies the key left to right; an axis added by None
                # gets the stride unsqueeze gives it at that moment: size times
                # stride of the not-yet-indexed axis to its right, or 1 at the end.
                shape.append(1)
                strides.append(self.shape[axis] * self.strides[axis] if axis < self.ndim else 1)
            elif isinstance(part, int):
                offset += part * self.strides[axis]
            else:
                shape.append(part.length)
                strides.append(self.strides[axis] * part.step)
                offset += part.start * self.strides[axis]
        return Layout(tuple(shape), tuple(strides), offset)

    __getitem__ = index

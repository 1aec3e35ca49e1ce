"""A tensor's :class:`Layout` over its storage, and the views that only
compute a new one: permute, transpose, expand and basic indexing."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ShapeError
from ..shapes import as_index, as_shape, format_shape
from .rules import _as_strides, _axis, is_contiguous, row_major_strides

__all__ = ["Layout"]


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
        from ..slicing import normalize_key

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

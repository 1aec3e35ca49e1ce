"""Basic indexing and slicing, on shapes.

A key is what goes between the brackets of ``tensor[key]``: integers,
slices, ``None`` (adds an axis of size 1) and at most one ``Ellipsis``
(``...``, stands for as many full slices as needed).  Following the Array
API standard and Python's sequences:

1. An integer ``i`` on an axis of size ``d`` must satisfy ``-d <= i < d``;
   a negative index counts from the end.  The axis disappears.
2. A slice ``start:stop:step`` never fails on out-of-range bounds: they are
   clamped to the axis, and the result may be empty.  Its length is
   ``len(range(start, stop, step))`` after clamping (``slice.indices``).
3. A step of 0 is an error.  A negative step walks backwards; NumPy and
   TensorFlow allow it, PyTorch refuses it (pass ``framework="torch"`` to
   apply PyTorch's rule; use ``torch.flip`` there instead).
4. ``None`` inserts an axis of size 1; ``...`` expands to full slices for
   every axis the key does not mention.

Advanced indexing (integer arrays, boolean masks) is not basic indexing: it
copies, and is described in the indexing chapter.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ShapeError
from .shapes import as_int, as_shape, format_shape

__all__ = ["SliceSpan", "slice_span", "normalize_key", "index_shape", "format_key"]

_OP = "index"


@dataclass(frozen=True)
class SliceSpan:
    """A slice resolved against an axis: clamped start, stop, step and length."""

    start: int
    stop: int
    step: int
    length: int


def format_key(key: object) -> str:
    """Write an indexing key the way it is typed between the brackets.

    Examples
    --------
    >>> format_key((slice(None, None, 3), slice(5, None)))
    '::3, 5:'
    >>> format_key(([0, 2], Ellipsis, None))
    '[0, 2], ..., None'
    """
    parts = key if isinstance(key, tuple) else (key,)
    written = []
    for part in parts:
        if isinstance(part, slice):
            text = ":".join("" if v is None else str(v) for v in (part.start, part.stop))
            if part.step is not None:
                text += f":{part.step}"
            written.append(text)
        elif part is Ellipsis:
            written.append("...")
        else:
            written.append(repr(part))
    return ", ".join(written)


def slice_span(size: int, part: slice, *, framework: str = "numpy", axis: int = 0,
               shape: tuple[int, ...] | None = None) -> SliceSpan:
    """Resolve ``part`` on an axis of ``size`` elements.

    Examples
    --------
    >>> slice_span(10, slice(2, 100, 3))        # stop is clamped to 10
    SliceSpan(start=2, stop=10, step=3, length=3)
    >>> slice_span(5, slice(None, None, -1))    # NumPy walks backwards
    SliceSpan(start=4, stop=-1, step=-1, length=5)
    >>> slice_span(5, slice(None, None, -1), framework="torch")
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: index: PyTorch does not support negative steps (step -1 on axis 0); use torch.flip
    """
    where = f"axis {axis}" + (f" of shape {format_shape(shape)}" if shape is not None else "")
    shapes = (shape,) if shape is not None else ()

    def bound(value, name):
        if value is None:
            return None
        try:
            return as_int(value)
        except TypeError:
            raise ShapeError(
                f"{_OP}: slice {name} must be an integer or None, got {value!r} on {where}",
                op=_OP, shapes=shapes, axis=axis,
            ) from None

    start, stop, step = bound(part.start, "start"), bound(part.stop, "stop"), bound(part.step, "step")
    if step == 0:
        raise ShapeError(
            f"{_OP}: slice step cannot be zero ({where})",
            op=_OP, shapes=shapes, axis=axis,
        )
    if step is not None and step < 0 and framework == "torch":
        raise ShapeError(
            f"{_OP}: PyTorch does not support negative steps (step {step} on {where}); "
            "use torch.flip",
            op=_OP, shapes=shapes, axis=axis,
        )
    begin, end, stride = slice(start, stop, step).indices(size)
    return SliceSpan(begin, end, stride, len(range(begin, end, stride)))


def normalize_key(shape: object, key: object, *, framework: str = "numpy"):
    """Pair each part of ``key`` with the axis it applies to.

    Returns a list of ``(axis, part)`` where ``part`` is ``None`` for a new
    axis, a non-negative ``int`` for an integer index, or a
    :class:`SliceSpan`.  Axes the key does not mention get full slices.
    """
    sizes = as_shape(shape, op=_OP)
    parts = key if isinstance(key, tuple) else (key,)
    if sum(part is Ellipsis for part in parts) > 1:
        raise ShapeError(
            f"{_OP}: key [{format_key(parts)}] has more than one Ellipsis", op=_OP, shapes=(sizes,)
        )
    used = sum(1 for part in parts if part is not None and part is not Ellipsis)
    if used > len(sizes):
        raise ShapeError(
            f"{_OP}: key [{format_key(parts)}] indexes {used} axes but shape "
            f"{format_shape(sizes)} has only {len(sizes)}",
            op=_OP, shapes=(sizes,),
        )
    expanded = []
    for part in parts:
        if part is Ellipsis:
            expanded.extend([slice(None)] * (len(sizes) - used))
        else:
            expanded.append(part)
    if Ellipsis not in parts:
        expanded.extend([slice(None)] * (len(sizes) - used))
    result = []
    axis = 0
    for part in expanded:
        if part is None:
            result.append((axis, None))
            continue
        size = sizes[axis]
        if isinstance(part, slice):
            result.append(
                (axis, slice_span(size, part, framework=framework, axis=axis, shape=sizes))
            )
        else:
            try:
                index = as_int(part)
            except TypeError:
                raise ShapeError(
                    f"{_OP}: {part!r} in key [{format_key(parts)}] is not an integer, slice, "
                    "None or Ellipsis (arrays and masks are advanced indexing)",
                    op=_OP, shapes=(sizes,), axis=axis,
                ) from None
            if not -size <= index < size:
                raise ShapeError(
                    f"{_OP}: index {index} is out of range for axis {axis} of shape "
                    f"{format_shape(sizes)} (valid: {-size} to {size - 1})",
                    op=_OP, shapes=(sizes,), axis=axis,
                )
            result.append((axis, index % size))
        axis += 1
    return result


def index_shape(shape: object, key: object, *, framework: str = "numpy") -> tuple[int, ...]:
    """Shape of ``tensor[key]`` for a tensor of ``shape`` and a basic key.

    Parameters
    ----------
    shape : sequence of int
    key : int, slice, None, Ellipsis, or a tuple of them
    framework : {"numpy", "torch", "tensorflow"}
        Only PyTorch differs: it rejects negative steps.

    Raises
    ------
    ShapeError
        For an out-of-range integer, a zero step, too many indices, more than
        one Ellipsis, or a part that is not basic.

    Examples
    --------
    >>> index_shape((8, 3, 64, 64), slice(2, 5))             # x[2:5]
    (3, 3, 64, 64)
    >>> index_shape((10, 12), (slice(None, None, 3), slice(5, None)))  # x[::3, 5:]
    (4, 7)
    >>> index_shape((2, 3), (Ellipsis, None))               # x[..., None]
    (2, 3, 1)
    >>> index_shape((5,), slice(10, 20))                    # clamped: empty, no error
    (0,)
    >>> index_shape((2, 3), (0, 3))
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: index: index 3 is out of range for axis 1 of shape (2, 3) (valid: -3 to 2)
    """
    result = []
    for _, part in normalize_key(shape, key, framework=framework):
        if part is None:
            result.append(1)
        elif isinstance(part, SliceSpan):
            result.append(part.length)
    return tuple(result)

"""Advanced indexing: integer arrays and boolean masks in a key, on shapes.

Basic indexing (integers, slices, ``None``, ``...``) is
:mod:`tensorguide.slicing`; it returns a view.  A key that holds an integer
array or a boolean mask is *advanced*, and the result is a copy.  Its shape
follows NumPy's rule, in these steps; PyTorch differs at steps 2 and 4:

1. A boolean mask covering ``k`` axes counts as ``k`` integer arrays, each
   of shape ``(n,)`` where ``n`` is the number of ``True`` entries.  The
   mask's shape must equal the sizes of the axes it covers.
2. The advanced indices are the integer arrays.  In NumPy a plain integer in
   a key that also holds an array is one too (an array of shape ``()``); in
   PyTorch it stays basic and only removes its axis.
3. The shapes of the advanced indices broadcast to one shape ``B``.
4. If the advanced indices sit next to each other in the key, ``B``
   replaces the axes they index, where they were.  If a slice, ``None`` or
   ``...`` separates them, ``B`` goes first.  NumPy counts ``...`` as a
   separator even when it stands for no axes; PyTorch does not.
5. Every other part of the key contributes what it does in basic indexing.

The index arrays are read for their shape, their dtype, their values (an
array entry out of range raises, except where nothing is read: NumPy skips
the check when the broadcast index shape is empty, PyTorch when the result
is)
and, for masks, their number of ``True`` entries.  Lists, NumPy arrays and
tensors of any framework are accepted.  A key may hold one ``...``.
"""

from __future__ import annotations

import numpy as np

from .broadcasting import broadcast_shapes
from .errors import BroadcastError, ShapeError
from .shapes import as_int, as_shape, format_shape
from .slicing import index_shape, slice_span

__all__ = ["advanced_index_shape"]

_OP = "index"
_FRAMEWORKS = ("numpy", "torch")


def _as_array(part: object) -> np.ndarray | None:
    """``part`` as a NumPy array if it is an index array, else ``None``."""
    if isinstance(part, (list, tuple, np.ndarray)):
        return np.asarray(part)
    if hasattr(part, "shape") and hasattr(part, "dtype"):
        from .adapters import to_numpy

        try:
            return to_numpy(part)
        except (TypeError, ValueError):
            return None
    return None


def _classify(part: object, sizes: tuple[int, ...]):
    """One part of a key as ``(kind, value)``."""
    if part is None:
        return "new", None
    if part is Ellipsis:
        return "ellipsis", None
    if isinstance(part, slice):
        return "slice", part
    try:
        return "int", as_int(part)
    except TypeError:
        if isinstance(part, bool):
            raise ShapeError(
                f"{_OP}: a bare {part!r} in a key is not supported here", op=_OP, shapes=(sizes,)
            ) from None
    array = _as_array(part)
    if array is None:
        raise ShapeError(
            f"{_OP}: {part!r} is not an integer, slice, None, Ellipsis, integer array or "
            "boolean mask",
            op=_OP, shapes=(sizes,),
        )
    if array.dtype.kind == "b":
        if array.ndim == 0:
            raise ShapeError(
                f"{_OP}: a 0-d boolean in a key is not supported here", op=_OP, shapes=(sizes,)
            )
        return "mask", array
    if array.dtype.kind in "iu" or array.size == 0:  # [] is an empty integer index
        if array.ndim == 0:
            return "int", int(array)
        return "array", array.astype(np.int64)
    raise ShapeError(
        f"{_OP}: index arrays must hold integers or booleans, got dtype {array.dtype}",
        op=_OP, shapes=(sizes,),
    )


def _axes_taken(kind: str, value) -> int:
    if kind in ("int", "slice", "array"):
        return 1
    if kind == "mask":
        return value.ndim
    return 0


def _check_in_range(indices: np.ndarray, axis: int, sizes: tuple[int, ...]) -> None:
    size = sizes[axis]
    bad = indices[(indices < -size) | (indices >= size)]
    if bad.size:
        raise ShapeError(
            f"{_OP}: index {int(bad.flat[0])} is out of range for axis {axis} of shape "
            f"{format_shape(sizes)} (valid: {-size} to {size - 1})",
            op=_OP, shapes=(sizes,), axis=axis,
        )


def advanced_index_shape(shape: object, key: object, *, framework: str = "numpy") -> tuple[int, ...]:
    """Shape of ``tensor[key]`` when ``key`` may hold integer arrays and masks.

    Parameters
    ----------
    shape : sequence of int
    key : int, slice, None, Ellipsis, list, array, tensor, or a tuple of them
        Lists and arrays of integers are index arrays; arrays of booleans are
        masks.  A key with neither is basic, and the answer is
        :func:`tensorguide.slicing.index_shape`'s.
    framework : {"numpy", "torch"}
        Whose rule to apply; they differ for an integer separated from an
        index array, for an empty ``...`` between index arrays, and in that
        PyTorch refuses negative slice steps.

    Raises
    ------
    ShapeError
        For an index out of range, a mask whose shape does not match the axes
        it covers, index arrays that do not broadcast, too many indices, or a
        part that is not an index.

    Examples
    --------
    >>> advanced_index_shape((2, 3, 4, 5), (slice(None), [0, 1], [0, 1]))   # adjacent: in place
    (2, 2, 5)
    >>> advanced_index_shape((2, 3, 4, 5), ([0, 1], slice(None), [0, 1]))   # separated: first
    (2, 3, 5)
    >>> mask = [[True, False, True], [False, True, False]]
    >>> advanced_index_shape((2, 3), mask)                                 # a full mask: 1-D
    (3,)
    >>> key = (0, slice(None), [0, 1])                                     # frameworks differ
    >>> advanced_index_shape((2, 3, 4), key), advanced_index_shape((2, 3, 4), key, framework="torch")
    ((2, 3), (3, 2))
    >>> advanced_index_shape((2, 3), ([0, 1], [0, 1, 2]))
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: index: index arrays of shapes (2,) and (3,) do not broadcast: cannot broadcast (2,) with (3,): axis -1 has 2 vs 3
    """
    if framework not in _FRAMEWORKS:
        raise ValueError(f"framework must be one of {_FRAMEWORKS}, got {framework!r}")
    sizes = as_shape(shape, op=_OP)
    parts = key if isinstance(key, tuple) else (key,)
    items = [_classify(part, sizes) for part in parts]
    if not any(kind in ("array", "mask") for kind, _ in items):
        return index_shape(sizes, key, framework=framework)
    if sum(kind == "ellipsis" for kind, _ in items) > 1:
        raise ShapeError(f"{_OP}: a key may hold only one Ellipsis", op=_OP, shapes=(sizes,))
    taken = sum(_axes_taken(kind, value) for kind, value in items)
    if taken > len(sizes):
        raise ShapeError(
            f"{_OP}: the key indexes {taken} axes but shape {format_shape(sizes)} has only "
            f"{len(sizes)}",
            op=_OP, shapes=(sizes,),
        )

    # Walk the key.  `entries` keeps, in key order, "advanced" markers and
    # the sizes each other part contributes; an empty tuple is a separator
    # that adds no axis (NumPy's Ellipsis that stands for nothing).
    entries: list[tuple[str, tuple[int, ...]]] = []
    advanced: list[tuple[int, ...]] = []
    to_check: list[tuple[np.ndarray, int]] = []  # checked once the result is known
    axis = 0
    for kind, value in items:
        if kind == "ellipsis":
            fill = len(sizes) - taken
            if framework == "numpy":
                entries.append(("basic", ()))
            for _ in range(fill):
                entries.append(("basic", (sizes[axis],)))
                axis += 1
        elif kind == "new":
            entries.append(("basic", (1,)))
        elif kind == "slice":
            span = slice_span(sizes[axis], value, framework=framework, axis=axis, shape=sizes)
            entries.append(("basic", (span.length,)))
            axis += 1
        elif kind == "int":
            _check_in_range(np.asarray([value]), axis, sizes)
            if framework == "numpy":
                entries.append(("advanced", ()))
                advanced.append(())
            axis += 1
        elif kind == "array":
            to_check.append((value, axis))
            entries.append(("advanced", ()))
            advanced.append(value.shape)
            axis += 1
        else:  # a mask: one block of mask.ndim index arrays of shape (count,)
            covered = sizes[axis: axis + value.ndim]
            if value.shape != covered:
                raise ShapeError(
                    f"{_OP}: mask of shape {format_shape(value.shape)} does not match the "
                    f"sizes {format_shape(covered)} of the axes {axis} to "
                    f"{axis + value.ndim - 1} of shape {format_shape(sizes)}",
                    op=_OP, shapes=(sizes, value.shape), axis=axis,
                )
            entries.append(("advanced", ()))
            advanced.extend([(int(np.count_nonzero(value)),)] * value.ndim)
            axis += value.ndim
    entries.extend(("basic", (size,)) for size in sizes[axis:])

    try:
        block = broadcast_shapes(*advanced)
    except BroadcastError as err:
        listed = " and ".join(format_shape(s) for s in advanced)
        raise ShapeError(
            f"{_OP}: index arrays of shapes {listed} do not broadcast: {err}",
            op=_OP, shapes=(sizes,),
        ) from None

    positions = [k for k, (kind, _) in enumerate(entries) if kind == "advanced"]
    first, last = positions[0], positions[-1]

    def basic_sizes(part):
        return tuple(size for kind, sizes_ in part if kind == "basic" for size in sizes_)

    if positions == list(range(first, last + 1)):
        result = basic_sizes(entries[:first]) + block + basic_sizes(entries[last + 1:])
    else:
        result = block + basic_sizes(entries)
    # Nothing is read when the index block (NumPy) or the result (PyTorch) is
    # empty, and then neither framework checks the index values.
    if 0 not in (block if framework == "numpy" else result):
        for indices, where in to_check:
            _check_in_range(indices, where, sizes)
    return result

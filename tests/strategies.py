"""Hypothesis strategies for shapes, keys and view operations."""

from __future__ import annotations

from hypothesis import strategies as st

sizes = st.integers(min_value=0, max_value=5)
shapes = st.lists(sizes, min_size=0, max_size=4).map(tuple)


@st.composite
def broadcastable_shapes(draw, count=st.integers(2, 3)):
    """Shapes that mostly broadcast: variants of one base shape, with some
    sizes set to 1, leading axes dropped, and now and then a wrong size."""
    base = draw(st.lists(st.integers(0, 4), min_size=0, max_size=4))
    result = []
    for _ in range(draw(count)):
        shape = list(base[draw(st.integers(0, len(base))):])
        for axis in range(len(shape)):
            roll = draw(st.integers(0, 9))
            if roll < 3:
                shape[axis] = 1
            elif roll >= 8:
                shape[axis] = draw(st.integers(0, 4))  # sometimes incompatible
        result.append(tuple(shape))
    return result


@st.composite
def reshape_targets(draw, shape):
    """A new shape for ``shape``: usually the same element count, sometimes
    with one or two -1, sometimes wrong."""
    total = 1
    for size in shape:
        total *= size
    kind = draw(st.integers(0, 9))
    if kind == 9:
        return tuple(draw(st.lists(st.integers(-1, 6), min_size=0, max_size=4)))
    factors = []
    remaining = total
    for p in (2, 3, 5):
        while remaining and remaining % p == 0:
            factors.append(p)
            remaining //= p
    if remaining != 1:
        factors.append(remaining)
    factors = draw(st.permutations(factors)) if factors else []
    groups = draw(st.integers(1, max(1, len(factors))))
    target = [1] * groups
    for factor in factors:
        target[draw(st.integers(0, groups - 1))] *= factor
    for _ in range(draw(st.integers(0, 2))):
        target.insert(draw(st.integers(0, len(target))), 1)
    if kind >= 6 and target:
        target[draw(st.integers(0, len(target) - 1))] = -1
    if kind == 8 and len(target) > 1:
        target[draw(st.integers(0, len(target) - 1))] = -1
    return tuple(target)


@st.composite
def basic_keys(draw, shape):
    """A basic indexing key for ``shape``: ints (some out of range), slices
    (steps including negative, rarely zero), None, at most one Ellipsis."""
    parts = []
    axis = 0
    ellipsis_used = False
    while axis < len(shape) + 1 and draw(st.integers(0, 4)) > 0:
        choice = draw(st.integers(0, 9))
        size = shape[axis] if axis < len(shape) else 3
        if choice <= 2:
            parts.append(draw(st.integers(-size - 1, size)))
            axis += 1
        elif choice <= 6:
            bound = st.one_of(st.none(), st.integers(-size - 3, size + 3))
            step = draw(st.sampled_from([None, 1, 2, 3, -1, -2, 0]) if choice == 6 else
                        st.sampled_from([None, 1, 2, 3, -1]))
            parts.append(slice(draw(bound), draw(bound), step))
            axis += 1
        elif choice <= 8:
            parts.append(None)
        elif not ellipsis_used:
            parts.append(Ellipsis)
            ellipsis_used = True
    if len(parts) == 1 and draw(st.booleans()):
        return parts[0]
    return tuple(parts)


@st.composite
def layouts(draw):
    """A base shape and a short sequence of view operations on it."""
    base = tuple(draw(st.lists(st.integers(1, 5), min_size=1, max_size=4)))
    ops = []
    shape = list(base)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["permute", "slice", "expand", "index", "newaxis"]))
        if kind == "permute":
            order = draw(st.permutations(range(len(shape))))
            ops.append(("permute", tuple(order)))
            shape = [shape[d] for d in order]
        elif kind == "slice":
            key = []
            for size in shape:
                start = draw(st.integers(0, size))
                stop = draw(st.integers(start, size))
                step = draw(st.integers(1, 3))
                key.append(slice(start, stop, step))
            ops.append(("slice", tuple(key)))
            shape = [len(range(s.start, s.stop, s.step)) for s in key]
        elif kind == "expand":
            target = [draw(st.integers(1, 4)) if size == 1 else size for size in shape]
            lead = draw(st.lists(st.integers(1, 3), max_size=1))
            ops.append(("expand", tuple(lead + target)))
            shape = lead + target
        elif kind == "newaxis":
            # a None somewhere among slices of the other axes
            position = draw(st.integers(0, len(shape)))
            key = [slice(0, draw(st.integers(0, size)), 1) for size in shape]
            key.insert(position, None)
            ops.append(("slice", tuple(key)))
            shape = [s.stop for s in key[:position]] + [1] + [s.stop for s in key[position + 1:]]
        elif kind == "index" and len(shape) > 1 and shape[0] > 0:
            ops.append(("index", draw(st.integers(0, shape[0] - 1))))
            shape = shape[1:]
    return base, ops

"""Every shape rule against NumPy, PyTorch and TensorFlow, on generated shapes.

For each generated case the framework either returns a result, which must
equal tensorguide's, or refuses, in which case tensorguide must raise its own
error.  Known disagreements between the frameworks themselves are listed in
``tests/frameworks.py`` (``DISAGREEMENTS``) and explained with runnable
examples on ``docs/reference/framework-differences.md``; a case in one of
those categories is checked against what that framework documents.

The number of cases per test is Hypothesis' ``max_examples`` (the
``tensorguide`` profile in the root conftest; ``TENSORGUIDE_EXAMPLES``
overrides it).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tensorguide import (
    BroadcastError,
    Layout,
    ShapeError,
    broadcast_shapes,
    index_shape,
    matmul_shape,
    reshape_shape,
    view_strides,
)

from . import frameworks as fw
from .strategies import basic_keys, broadcastable_shapes, layouts, reshape_targets, shapes

FRAMEWORKS = pytest.mark.parametrize("framework_name", fw.FRAMEWORKS)


def rule(compute, error=ShapeError):
    """("ok", result) or ("refused", None) for a tensorguide rule."""
    try:
        return "ok", compute()
    except error:
        return "refused", None


def framework(compute):
    """("ok", result) or ("refused", None) for a framework; the outcome is
    recorded so ``--hypothesis-show-statistics`` shows both kinds occur."""
    try:
        outcome = "ok", compute()
    except fw.Refused:
        outcome = "refused", None
    event(f"framework {outcome[0]}")
    return outcome


@FRAMEWORKS
@given(case=broadcastable_shapes())
def test_broadcast(framework_name, case):
    expected = framework(lambda: fw.broadcast(framework_name, case))
    assert rule(lambda: broadcast_shapes(*case), BroadcastError) == expected


@FRAMEWORKS
@given(data=st.data(), shape=shapes)
def test_reshape(framework_name, data, shape):
    target = data.draw(reshape_targets(shape))
    expected = framework(lambda: fw.reshape(framework_name, shape, target))
    actual = rule(lambda: reshape_shape(shape, target))
    known_sizes = [s for s in target if s != -1]
    infers_for_empty = target.count(-1) == 1 and 0 in known_sizes
    if framework_name == "tensorflow" and infers_for_empty:
        # DISAGREEMENTS["tensorflow-infers-minus-one-for-empty"]
        assert actual == ("refused", None)
        return
    assert actual == expected


@FRAMEWORKS
@given(data=st.data(), shape=shapes)
def test_basic_indexing(framework_name, data, shape):
    key = data.draw(basic_keys(shape))
    expected = framework(lambda: fw.index(framework_name, shape, key))
    rules = "torch" if framework_name == "torch" else "numpy"
    # DISAGREEMENTS["torch-refuses-negative-steps"] is modelled by framework="torch"
    assert rule(lambda: index_shape(shape, key, framework=rules)) == expected


@FRAMEWORKS
@given(a=shapes, b=shapes)
def test_matmul(framework_name, a, b):
    expected = framework(lambda: fw.matmul(framework_name, a, b))
    actual = rule(lambda: matmul_shape(a, b))
    if framework_name == "tensorflow" and (len(a) < 2 or len(b) < 2):
        # DISAGREEMENTS["tensorflow-matmul-needs-two-axes"]
        assert expected == ("refused", None)
        return
    assert actual == expected


@given(a=st.lists(st.integers(0, 4), min_size=2, max_size=4).map(tuple), data=st.data())
def test_matmul_inner_sizes_equal_is_accepted(a, data):
    # bias generation toward valid products, which random shapes rarely are
    b = tuple(data.draw(st.lists(st.integers(0, 4), max_size=2))) + (a[-1], data.draw(st.integers(0, 4)))
    batch_ok = rule(lambda: broadcast_shapes(a[:-2], b[:-2]), BroadcastError)[0] == "ok"
    expected = framework(lambda: fw.matmul("torch", a, b))
    assert (expected[0] == "ok") == batch_ok
    assert rule(lambda: matmul_shape(a, b)) == expected


def _torch_view(base, ops):
    import torch

    t = torch.arange(int(np.prod(base)), dtype=torch.float32).reshape(base)
    layout = Layout.row_major(base)
    for kind, arg in ops:
        if kind == "permute":
            t, layout = t.permute(*arg), layout.permute(*arg)
        elif kind == "slice":
            t, layout = t[arg], layout[arg]
        elif kind == "expand":
            t, layout = t.expand(*arg), layout.expand(*arg)
        else:
            t, layout = t[arg], layout[arg]
    return t, layout


def _numpy_view(base, ops):
    a = np.arange(int(np.prod(base)), dtype=np.float32).reshape(base)
    for kind, arg in ops:
        if kind == "permute":
            a = a.transpose(arg)
        elif kind == "expand":
            a = np.broadcast_to(a, arg)
        else:
            a = a[arg]
    return a


@given(case=layouts())
def test_layout_matches_torch(case):
    base, ops = case
    t, layout = _torch_view(base, ops)
    assert layout.shape == tuple(t.shape)
    assert layout.strides == t.stride()
    assert layout.offset == t.storage_offset()
    assert layout.is_contiguous() == t.is_contiguous()


@given(case=layouts())
def test_layout_matches_numpy(case):
    base, ops = case
    a = _numpy_view(base, ops)
    layout = Layout.row_major(base)
    for kind, arg in ops:
        layout = getattr(layout, {"permute": "permute", "expand": "expand"}.get(kind, "index"))(
            *(arg if kind in ("permute", "expand") else (arg,))
        )
    assert layout.shape == a.shape
    # DISAGREEMENTS["numpy-strides-of-size-one-axes"]: compare where it matters
    steps = [(ours, theirs // a.itemsize)
             for ours, theirs, size in zip(layout.strides, a.strides, a.shape) if size > 1]
    assert all(ours == theirs for ours, theirs in steps)
    assert layout.is_contiguous() == a.flags["C_CONTIGUOUS"]


@given(case=layouts(), data=st.data())
def test_view_rule_matches_torch(case, data):
    base, ops = case
    t, layout = _torch_view(base, ops)
    target = data.draw(reshape_targets(tuple(t.shape)))
    try:
        viewed = t.view(target)
    except RuntimeError:
        expected = None
    else:
        expected = viewed.stride()
    try:
        actual = view_strides(layout.shape, layout.strides, target)
    except ShapeError:
        assert expected is None
        return
    if expected is not None and 0 in viewed.shape:
        # strides of an empty tensor are arbitrary; only "a view exists" matters
        assert actual is not None
        return
    assert actual == expected


@given(case=layouts(), data=st.data())
def test_view_rule_matches_numpy_no_copy_reshape(case, data):
    base, ops = case
    a = _numpy_view(base, ops)
    t, layout = _torch_view(base, ops)
    target = data.draw(reshape_targets(a.shape))
    try:
        np.reshape(a, target, copy=False)
    except ValueError:
        numpy_view = False
    else:
        numpy_view = True
    try:
        ours = view_strides(layout.shape, layout.strides, target) is not None
    except ShapeError:
        ours = False
    assert ours == numpy_view

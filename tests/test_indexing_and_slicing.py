"""The chapter "Indexing and slicing tensors in PyTorch": its worked examples,
its rules checked against the frameworks, the claims its prose makes without
a snippet, and the examples of the text it was rewritten from."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tensorguide.advanced_indexing import advanced_index_shape
from tensorguide.errors import ShapeError
from tensorguide.slicing import index_shape, slice_span
from tensorguide.strides import Layout
from tensorguide.worked_examples import slice_lengths, slice_then_multiply, views_and_copies
from tensorguide.worked_examples.indexing_and_slicing import formula_length

PAGE = Path(__file__).resolve().parent.parent / "docs" / "pytorch" / "indexing-and-slicing.md"

# ---------------------------------------------------------------------------
# The worked examples: every row asserted.


def test_slice_then_multiply_rows():
    rows = slice_then_multiply()
    assert [row.number for row in rows] == [1, 2, 3, 4, 5, 6]
    assert [row.result for row in rows] == [
        "[[1,2,3],[4,5,6],[7,8,9]]",
        "[[1,2,3],[4,5,6]]",
        "[3,6]",
        "[1,4]",
        "[3,24]",
        "[[3],[24]]",
    ]
    assert rows[1].operation == "Rows 0 and 1 (stop excluded), a view: True"
    assert rows[4].calculation == "3 * 1, 6 * 4"
    assert rows[5].operation == "As a column, shape (2, 1)"


def test_slice_lengths_agree_across_frameworks():
    table = slice_lengths()
    assert table.column("slice") == [
        "`[2:8:1]`", "`[::3]`", "`[5:]`", "`[-3:]`", "`[3:100]`",
        "`[-100:2]`", "`[7:3]`", "`[1:9:4]`", "`[::-1]`", "`[8:1:-3]`",
    ]
    expected = ["6", "4", "5", "3", "7", "2", "0", "2", "10", "3"]
    for column in ("formula", "slice_span", "NumPy", "TensorFlow"):
        assert table.column(column) == expected, column
    assert table.column("PyTorch") == expected[:8] + ["refused", "refused"]
    assert table.column("start") == ["2", "0", "5", "7", "3", "0", "7", "1", "9", "8"]
    assert table.column("stop") == ["8", "10", "10", "10", "10", "2", "3", "9", "-1", "1"]


def test_views_and_copies_rows():
    table = views_and_copies()
    assert table.column("expression") == [
        "`x[::3, 5:]`", "`x[2]`", "`x[1:, ::4]`", "`x[-1, 3:9:2]`",
        "`x[[0, 3, 9]]`", "`x[:, [0, 11]]`",
    ]
    assert table.column("shares storage") == ["yes", "yes", "yes", "yes", "no", "no"]
    real = table.column("real shape, strides, offset")
    predicted = table.column("Layout.index predicts")
    assert real[:4] == predicted[:4]
    assert real[0] == "(4, 7), (36, 1), 5"
    assert real[3] == "(3,), (2,), 111"
    assert predicted[4:] == ["copy: new storage"] * 2


# ---------------------------------------------------------------------------
# The slice-length formula.


BOUNDS = [None, *range(-8, 9)]


def test_formula_matches_range_and_slice_span():
    for size, start, stop, step in itertools.product(
        range(0, 7), BOUNDS, BOUNDS, [None, -4, -3, -2, -1, 1, 2, 3, 4]
    ):
        part = slice(start, stop, step)
        expected = len(range(size)[part])
        assert formula_length(size, part) == expected, (size, part)
        assert slice_span(size, part).length == expected, (size, part)


def test_positive_step_formula_is_a_ceiling():
    for size, step in itertools.product(range(1, 12), range(1, 5)):
        for start, stop in itertools.product(range(size + 1), repeat=2):
            ceiling = max(0, -(-(stop - start) // step))
            assert formula_length(size, slice(start, stop, step)) == ceiling


slices = st.builds(
    slice,
    st.none() | st.integers(-14, 14),
    st.none() | st.integers(-14, 14),
    st.none() | st.integers(1, 5),
)


@settings(max_examples=60, deadline=None)
@given(rows=st.integers(0, 6), cols=st.integers(0, 6), first=slices, second=slices)
def test_index_shape_matches_frameworks(rows, cols, first, second):
    import tensorflow as tf

    key = (first, second)
    expected = index_shape((rows, cols), key, framework="torch")
    assert np.zeros((rows, cols))[key].shape == expected
    assert tuple(torch.zeros(rows, cols)[key].shape) == expected
    assert tuple(tf.zeros((rows, cols))[key].shape) == expected


@settings(max_examples=60, deadline=None)
@given(size=st.integers(1, 8), start=st.none() | st.integers(-10, 10),
       stop=st.none() | st.integers(-10, 10), step=st.integers(-4, -1))
def test_negative_steps_numpy_and_tensorflow_agree_torch_refuses(size, start, stop, step):
    import tensorflow as tf

    part = slice(start, stop, step)
    expected = slice_span(size, part).length
    assert len(np.arange(size)[part]) == expected
    assert int(tf.size(tf.range(size)[part])) == expected
    with pytest.raises(ValueError, match="^step must be greater than zero$"):
        torch.arange(size)[part]
    with pytest.raises(ShapeError, match="PyTorch does not support negative steps"):
        slice_span(size, part, framework="torch")
    # the fix of the page: index with the positions the slice takes
    span = slice_span(size, part)
    positions = torch.tensor(range(span.start, span.stop, span.step), dtype=torch.long)
    assert torch.arange(size)[positions].tolist() == np.arange(size)[part].tolist()
    if span.start >= span.stop:
        reversed_arange = torch.arange(span.start, span.stop, span.step)
        assert torch.arange(size)[reversed_arange].tolist() == np.arange(size)[part].tolist()
    else:   # an empty slice whose start is below its stop: arange refuses
        assert span.length == 0
        with pytest.raises(RuntimeError, match="upper bound and lower bound inconsistent"):
            torch.arange(span.start, span.stop, span.step)


def test_zero_step_messages():
    with pytest.raises(ValueError, match="^slice step cannot be zero$"):
        torch.arange(5)[::0]
    with pytest.raises(ValueError, match="^slice step cannot be zero$"):
        np.arange(5)[::0]


# ---------------------------------------------------------------------------
# Views: Layout.index predicts PyTorch's shape, strides and offset.


basic_parts = st.one_of(
    st.builds(slice, st.none() | st.integers(-6, 6), st.none() | st.integers(-6, 6),
              st.none() | st.integers(1, 3)),
    st.integers(-2, 1),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(shape=st.lists(st.integers(2, 5), min_size=1, max_size=3), data=st.data())
def test_layout_index_matches_torch_views(shape, data):
    key = tuple(data.draw(st.lists(basic_parts, min_size=1, max_size=len(shape))))
    base = torch.arange(int(np.prod(shape))).reshape(shape)
    view = base[key]
    predicted = Layout.row_major(shape).index(key)
    assert view.untyped_storage().data_ptr() == base.untyped_storage().data_ptr()
    assert predicted.shape == tuple(view.shape)
    assert predicted.offset == view.storage_offset()
    if view.numel() > 1:
        # strides of size-1 axes are never used, and PyTorch may report any value
        used = [k for k, size in enumerate(view.shape) if size > 1]
        assert [predicted.strides[k] for k in used] == [view.stride()[k] for k in used]


def test_layout_index_new_axis_stride_matches_torch():
    view = torch.arange(120).view(10, 12)[..., None, :2]
    assert Layout.row_major((10, 12))[..., None, :2].strides == view.stride()


def test_advanced_indexing_copies_and_basic_indexing_does_not():
    x = torch.arange(12.0).reshape(3, 4)

    def shares(a):
        return a.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()

    assert shares(x[1:, ::2]) and shares(x[2]) and shares(x[..., None])
    assert not shares(x[x > 5]) and not shares(x[[0, 2]]) and not shares(x[:, [1]])
    a = np.arange(12.0).reshape(3, 4)
    assert np.shares_memory(a[1:, ::2], a) and not np.shares_memory(a[[0, 2]], a)


# ---------------------------------------------------------------------------
# Advanced indexing: the shape rule against NumPy and PyTorch.


MIXED_KEYS = [
    (slice(None), [0, 1], [0, 1]),
    ([0, 1], slice(None), [0, 1]),
    (slice(None), [0, 1], slice(None), [0, 1]),
    (0, slice(None), [0, 1]),
    (slice(None), 0, [0, 1]),
    ([0, 1], 0, [1, 2]),
    ([0, 1], None, [0, 1]),
    (slice(None), [[0], [1]], [0, 1, 2]),
    (Ellipsis, [0, 2]),
    ([1], Ellipsis, [0, 3]),
    (slice(1, None), [2, 0], slice(None, None, 2)),
    ([[True, False, True], [False, True, True]],),
    ([True, False],),
    (slice(None), [True, False, True], 1),
]


@pytest.mark.parametrize("framework", ["numpy", "torch"])
@pytest.mark.parametrize("key", MIXED_KEYS, ids=lambda k: repr(k).replace(" ", ""))
def test_advanced_index_shape_matches(framework, key):
    shape = (2, 3, 4, 5)
    if len(key) == 1 and isinstance(key[0], list) and isinstance(key[0][0], list):
        shape = (2, 3, 4)
    predicted = advanced_index_shape(shape, key, framework=framework)
    if framework == "numpy":
        real = np.zeros(shape)[tuple(np.asarray(p) if isinstance(p, list) else p for p in key)].shape
    else:
        real = tuple(torch.zeros(shape)[tuple(torch.tensor(p) if isinstance(p, list) else p
                                              for p in key)].shape)
    assert predicted == real


def test_frameworks_differ_for_an_integer_separated_from_an_array():
    key = (0, slice(None), [0, 1])
    assert np.zeros((2, 3, 4))[key].shape == (2, 3)
    assert tuple(torch.zeros(2, 3, 4)[key].shape) == (3, 2)
    assert advanced_index_shape((2, 3, 4), key) == (2, 3)
    assert advanced_index_shape((2, 3, 4), key, framework="torch") == (3, 2)


def _random_key(draw, shape):
    count = draw(st.integers(1, 3))
    parts = []
    axis = 0
    ellipsis = False
    for _ in range(draw(st.integers(1, len(shape) + 1))):
        kind = draw(st.sampled_from(["int", "slice", "none", "ellipsis", "array", "array", "mask"]))
        if kind == "none":
            parts.append(None)
            continue
        if kind == "ellipsis":
            if not ellipsis:
                parts.append(Ellipsis)
                ellipsis = True
            continue
        if axis >= len(shape):
            break
        size = shape[axis]
        if kind == "int":
            parts.append(draw(st.integers(-size, size - 1)))
        elif kind == "slice":
            parts.append(draw(st.builds(slice, st.none() | st.integers(-5, 5),
                                        st.none() | st.integers(-5, 5),
                                        st.none() | st.integers(1, 3))))
        elif kind == "array":
            index_shape_ = draw(st.sampled_from([(count,), (1,), (count, 1), (2, count)]))
            values = draw(st.lists(st.integers(-size, size - 1),
                                   min_size=int(np.prod(index_shape_)),
                                   max_size=int(np.prod(index_shape_))))
            parts.append(np.array(values, dtype=np.int64).reshape(index_shape_))
        else:
            span = draw(st.integers(1, len(shape) - axis))
            covered = shape[axis: axis + span]
            bits = draw(st.lists(st.booleans(), min_size=int(np.prod(covered)),
                                 max_size=int(np.prod(covered))))
            parts.append(np.array(bits).reshape(covered))
            axis += span - 1
        axis += 1
    return tuple(parts)


@settings(max_examples=150, deadline=None)
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=4).map(tuple), data=st.data())
def test_advanced_index_shape_matches_frameworks_on_random_keys(shape, data):
    key = data.draw(st.composite(lambda draw: _random_key(draw, shape))())
    for framework in ("numpy", "torch"):
        try:
            if framework == "numpy":
                real = np.zeros(shape)[key].shape
            else:
                torch_key = tuple(torch.from_numpy(p) if isinstance(p, np.ndarray) else p
                                  for p in key)
                real = tuple(torch.zeros(shape)[torch_key].shape)
        except (IndexError, ValueError, RuntimeError):
            real = "error"
        try:
            predicted = advanced_index_shape(shape, key, framework=framework)
        except ShapeError:
            predicted = "error"
        assert predicted == real, (framework, shape, key)


def test_advanced_index_shape_errors_name_the_problem():
    with pytest.raises(ShapeError, match=r"^index: index 5 is out of range for axis 1 of shape "
                                         r"\(2, 3\) \(valid: -3 to 2\)$"):
        advanced_index_shape((2, 3), (slice(None), [0, 5]))
    with pytest.raises(ShapeError, match=r"^index: mask of shape \(3,\) does not match the sizes "
                                         r"\(2,\) of the axes 0 to 0 of shape \(2, 3\)$"):
        advanced_index_shape((2, 3), [True, False, True])
    with pytest.raises(ShapeError, match="do not broadcast"):
        advanced_index_shape((2, 3), ([0, 1], [0, 1, 2]))
    with pytest.raises(ShapeError, match="indexes 3 axes but shape"):
        advanced_index_shape((2, 3), ([0], [0], [0]))
    with pytest.raises(ShapeError, match="PyTorch does not support negative steps"):
        advanced_index_shape((2, 3), ([0], slice(None, None, -1)), framework="torch")
    with pytest.raises(ValueError, match="framework must be one of"):
        advanced_index_shape((2, 3), [0], framework="tensorflow")


def test_basic_keys_fall_back_to_index_shape():
    assert advanced_index_shape((10, 12), (slice(None, None, 3), slice(5, None))) == (4, 7)


# ---------------------------------------------------------------------------
# Autograd through indexing.


def test_gradients_of_slices_masks_and_repeated_indices():
    w = torch.arange(1.0, 7.0).reshape(2, 3).requires_grad_()
    w[:, 1:].sum().backward()
    assert w.grad.tolist() == [[0, 1, 1], [0, 1, 1]]
    w.grad = None
    (10 * w[w > 2]).sum().backward()
    assert w.grad.tolist() == [[0, 0, 10], [10, 10, 10]]
    v = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    v[torch.tensor([0, 0, 2])].sum().backward()
    assert v.grad.tolist() == [2, 0, 1, 0]


def test_tensorflow_gather_gradient_accumulates():
    import tensorflow as tf

    w = tf.Variable([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(tf.gather(w, [0, 0, 2]))
    assert tf.convert_to_tensor(tape.gradient(total, w)).numpy().tolist() == [2, 0, 1, 0]


def test_in_place_writes_that_raise():
    leaf = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="a view of a leaf Variable that requires grad is "
                                           "being used in an in-place operation"):
        leaf[0] = 5.0
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used "
                                           "in an in-place operation"):
        leaf.add_(1)
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    saved = a.exp()
    saved[0] = 0.0
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        saved.sum().backward()


def test_write_through_a_view_reaches_the_base():
    base = torch.zeros(2, 3)
    base[0][1] = 7
    base[[1]][0, 0] = 9            # a copy: no effect
    assert base.tolist() == [[0, 7, 0], [0, 0, 0]]


def test_repeated_indices_with_plus_equals_count_once():
    labels = torch.tensor([0, 0, 2])
    counts = torch.zeros(3)
    counts[labels] += 1
    assert counts.tolist() == [1, 0, 1]
    array = np.zeros(3)
    array[[0, 0, 2]] += 1                     # "NumPy does the same"
    assert array.tolist() == [1, 0, 1]
    array = np.zeros(3)
    np.add.at(array, [0, 0, 2], 1)
    assert array.tolist() == [2, 0, 1]
    accumulated = torch.zeros(3).index_put_((labels,), torch.tensor(1.0), accumulate=True)
    assert accumulated.tolist() == [2, 0, 1]


def test_a_slice_first_makes_a_chained_write_land():
    x = torch.zeros(3, 2)
    x[0:2][:, 0] = 9                          # a view: the write reaches x
    assert x.tolist() == [[9, 0], [9, 0], [0, 0]]


def test_reversing_numpy_has_negative_strides_torch_flip_copies():
    assert np.arange(5)[::-1].strides == (-np.arange(5).itemsize,)
    v = torch.arange(10)
    flipped = torch.flip(v, dims=(0,))
    assert flipped.untyped_storage().data_ptr() != v.untyped_storage().data_ptr()
    assert flipped.tolist() == list(range(9, -1, -1))


def test_mask_of_the_wrong_shape_raises():
    with pytest.raises(IndexError, match=r"The shape of the mask \[3\] at index 0 does not match"):
        torch.zeros(4, 3)[torch.tensor([True, False, True])]


def test_view_after_transpose_that_merges_the_swapped_axes_raises():
    with pytest.raises(RuntimeError, match=r"view size is not compatible .* Use \.reshape"):
        torch.arange(6).view(2, 3).t().view(6)
    assert torch.arange(6).view(2, 3).t().reshape(6).tolist() == [0, 3, 1, 4, 2, 5]


def test_embedding_lookup_is_integer_array_indexing():
    embedding = torch.nn.Embedding(5, 2)
    ids = torch.tensor([[4, 0, 4]])
    assert torch.equal(embedding(ids), embedding.weight[ids])


def test_indexing_on_the_picked_device():
    from tensorguide import pick_device

    device = pick_device()
    x = torch.arange(120, device=device).view(10, 12)
    rows = torch.tensor([0, 9], device=device)
    assert x[::3, 5:].shape == (4, 7) and x[rows].shape == (2, 12)
    assert x[rows].device == x.device


# ---------------------------------------------------------------------------
# The examples of the text the chapter was rewritten from, run (errata E5.05, E5.06).


def test_source_examples():
    tensor = torch.randn(8, 3, 64, 64, generator=torch.Generator().manual_seed(0))
    assert tensor[2:5].shape == (3, 3, 64, 64)
    assert tensor.ndim == 4                       # the source's comment said 3D
    every_third = torch.arange(120).view(10, 12)[::3, 5:]
    assert every_third.shape == (4, 7)            # "4 samples, last 7 features"
    assert every_third[:, 0].tolist() == [5, 41, 77, 113]
    scores = torch.tensor([[0.2, 0.8, 0.3], [0.6, 0.4, 0.9]])
    filtered = scores[scores > 0.5]
    assert torch.allclose(filtered, torch.tensor([0.8, 0.6, 0.9]))   # row-major order


def test_masked_fill_and_where_keep_the_shape():
    scores = torch.tensor([[0.2, 0.8, 0.3], [0.6, 0.4, 0.9]])
    mask = scores > 0.5
    kept = torch.tensor([[0.0, 0.8, 0.0], [0.6, 0.0, 0.9]])
    assert torch.equal(scores.masked_fill(~mask, 0.0), kept)
    assert torch.equal(torch.where(mask, scores, 0.0), kept)


def test_tensorflow_refuses_item_assignment():
    import tensorflow as tf

    with pytest.raises(TypeError, match="does not support item assignment"):
        tf.zeros((2, 3))[0, 1] = 5.0
    state = tf.Variable(tf.zeros((2, 3)))
    state[:, 2].assign([7.0, 8.0])            # the page's way to write in place
    assert state.numpy().tolist() == [[0, 0, 7], [0, 0, 8]]


def test_tensorflow_brackets_take_no_position_lists_gather_nd_does():
    import tensorflow as tf

    table = tf.reshape(tf.range(12), (4, 3))
    with pytest.raises(TypeError, match="are valid indices"):
        table[[0, 3], [2, 1]]
    assert tf.gather_nd(table, [[0, 2], [3, 1]]).numpy().tolist() == [2, 10]
    # the mixed key x[:, [0, 1], [0, 2]] as gather_nd with a batch axis
    x = tf.reshape(tf.range(120), (2, 3, 4, 5))
    pairs = tf.constant([[[0, 0], [1, 2]]] * 2)
    picked = tf.gather_nd(x, pairs, batch_dims=1).numpy()
    assert picked.tolist() == torch.arange(120).reshape(2, 3, 4, 5)[:, [0, 1], [0, 2]].tolist()


def test_tensorflow_strided_slice_is_what_brackets_call():
    import tensorflow as tf

    frames = tf.reshape(tf.range(120), (10, 12))
    direct = tf.strided_slice(frames, begin=[0, 5], end=[10, 12], strides=[3, 1])
    assert direct.numpy().tolist() == frames[::3, 5:].numpy().tolist()
    assert direct.shape == (4, 7)


# ---------------------------------------------------------------------------
# The page itself.


def test_page_has_no_invented_percentages():
    text = PAGE.read_text(encoding="utf-8")
    for figure in ("5% accuracy drop", "2% improvement", "40ms savings", "22% latency",
                   "15% memory"):
        # the page may quote a figure only to say it was not measured
        for match in re.finditer(re.escape(figure), text):
            context = text[max(0, match.start() - 300): match.end() + 300]
            assert "not measured" in context or "were not measured" in context, figure


def test_cross_realm_table_appears_once():
    text = PAGE.read_text(encoding="utf-8")
    assert text.count("| Realm | Where indexing shows up |") == 1
    assert "AGI" not in text

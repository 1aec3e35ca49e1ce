"""The chapter "Creating tensors and manipulating shapes in PyTorch": its
worked examples, its view rule checked against PyTorch, and the claims its
errata rest on."""

from __future__ import annotations

import inspect
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

torch = pytest.importorskip("torch")

from tensorguide import Layout, can_view, is_contiguous, pick_device, view_strides  # noqa: E402
from tensorguide.worked_examples import reshape_steps, view_cases  # noqa: E402


# --- worked examples ------------------------------------------------------------------


def test_reshape_steps_rows():
    rows = reshape_steps()
    assert [row.number for row in rows] == [1, 2, 3, 4, 5, 6]
    assert [row.result for row in rows] == [
        "(6,), strides (1,), int64, contiguous; shared",
        "(2, 3), strides (3, 1), contiguous; shared",
        "(3, 2), strides (1, 3), not contiguous; shared",
        "(1, 3, 2), strides (3, 1, 3), not contiguous; shared",
        "(1, 3, 2), strides (3, 1, 3), float32, not contiguous; a copy",
        "(6,), strides (1,), contiguous; a copy",
    ]
    assert [row.calculation for row in rows] == [
        "t = torch.tensor([1, 2, 3, 4, 5, 6])",
        "r = t.reshape(2, 3)",
        "p = r.permute(1, 0)",
        "b = p.unsqueeze(0)",
        "f = b.to(torch.float32)",
        "f.reshape(-1)",
    ]


def test_reshape_steps_last_step_cannot_be_a_view():
    # the table's step 6 says view(-1) raises; reshape(-1) is what it runs
    f = torch.tensor([1, 2, 3, 4, 5, 6]).reshape(2, 3).permute(1, 0).unsqueeze(0).to(torch.float32)
    assert not can_view(tuple(f.shape), f.stride(), (6,))
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        f.view(-1)


def test_reshape_steps_render_as_markdown():
    markdown = reshape_steps()._repr_markdown_()
    assert markdown.splitlines()[0] == "| Step | Operation | Calculation | Result |"
    assert "| 3 | Swap the two axes | `p = r.permute(1, 0)` |" in markdown


EXPECTED_VIEW_CASES = [
    # name, shape, strides, target, contiguous, view works, reshape copies
    ("contiguous", (2, 3), (3, 1), (6,), True, True, False),
    ("transposed", (3, 2), (1, 3), (6,), False, False, True),
    ("transposed", (3, 2), (1, 3), (3, 1, 2), False, True, False),
    ("permuted 3-D", (3, 4, 2), (4, 1, 12), (12, 2), False, True, False),
    ("permuted 3-D", (3, 4, 2), (4, 1, 12), (24,), False, False, True),
    ("rows with step 2", (4, 3), (6, 1), (2, 2, 3), False, True, False),
    ("rows with step 2", (4, 3), (6, 1), (12,), False, False, True),
    ("columns with step 2", (3, 2), (4, 2), (6,), False, True, False),
    ("expanded", (4, 3), (0, 1), (2, 2, 3), False, True, False),
    ("expanded", (4, 3), (0, 1), (12,), False, False, True),
]


def test_view_cases_match_torch():
    cases = view_cases()
    observed = [
        (c.name, c.shape, c.strides, c.target, c.contiguous, c.torch_view, c.reshape_copies)
        for c in cases
    ]
    assert observed == EXPECTED_VIEW_CASES
    for case in cases:
        assert case.predicted == case.torch_view, case
        assert is_contiguous(case.shape, case.strides) == case.contiguous, case
        # reshape copies exactly where view is impossible
        assert case.reshape_copies == (not case.torch_view), case


def test_view_cases_render_as_markdown():
    markdown = view_cases()._repr_markdown_()
    assert markdown.splitlines()[0].startswith("| Tensor | Shape | Strides | Contiguous |")
    assert (
        "| `torch.arange(24).reshape(2, 3, 4).permute(1, 2, 0)` | (3, 4, 2) | "
        "(4, 1, 12) | no | (12, 2) | yes | a view | a view |"
    ) in markdown


# --- the view rule against PyTorch, on named and on random layouts ---------------------


def _named_layouts():
    return {
        "transposed": torch.arange(6).reshape(2, 3).t(),
        "sliced-with-step": torch.arange(24).reshape(8, 3)[::2],
        "expanded": torch.arange(3).expand(4, 3),
        "permuted-3d": torch.arange(24).reshape(2, 3, 4).permute(1, 2, 0),
        "narrowed-columns": torch.arange(12).reshape(3, 4)[:, 1:3],
    }


TARGETS = [(-1,), (2, -1), (-1, 2), (1, -1), (-1, 1, 2)]


@pytest.mark.parametrize("name", sorted(_named_layouts()))
@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_view_strides_match_torch_on_named_layouts(name, target):
    tensor = _named_layouts()[name]
    try:
        predicted = view_strides(tuple(tensor.shape), tensor.stride(), target)
    except ValueError:  # the element count does not divide: torch must refuse too
        with pytest.raises(RuntimeError, match="is invalid for input of size"):
            tensor.view(target)
        return
    if predicted is None:
        with pytest.raises(RuntimeError, match="view size is not compatible"):
            tensor.view(target)
    else:
        viewed = tensor.view(target)
        assert viewed.stride() == predicted
        assert viewed.data_ptr() == tensor.data_ptr()


@pytest.mark.parametrize("name", sorted(_named_layouts()))
def test_view_can_always_split_an_axis(name):
    # the chapter's rule of thumb: splitting never fails, only merging can
    tensor = _named_layouts()[name]
    for axis, size in enumerate(tensor.shape):
        for part in (d for d in range(1, size + 1) if size % d == 0):
            target = (*tensor.shape[:axis], part, size // part, *tensor.shape[axis + 1:])
            assert can_view(tuple(tensor.shape), tensor.stride(), target), target
            assert tensor.view(target).data_ptr() == tensor.data_ptr()


def test_permute_reorders_the_strides_and_copies_nothing():
    images = torch.zeros(8, 32, 32, 3)  # TensorFlow's (batch, height, width, channels)
    moved = images.permute(0, 3, 1, 2)
    assert moved.shape == (8, 3, 32, 32)
    assert moved.stride() == tuple(images.stride()[axis] for axis in (0, 3, 1, 2))
    assert moved.data_ptr() == images.data_ptr()


def _build_layout(data):
    """A real tensor made by a random chain of view operations."""
    ndim = data.draw(st.integers(1, 4), label="ndim")
    shape = tuple(data.draw(st.lists(st.integers(1, 4), min_size=ndim, max_size=ndim), label="shape"))
    tensor = torch.zeros(shape)
    layout = Layout.row_major(shape)
    for _ in range(data.draw(st.integers(0, 3), label="operations")):
        operation = data.draw(st.sampled_from(["permute", "slice", "expand"]), label="operation")
        if operation == "permute":
            order = data.draw(st.permutations(range(tensor.dim())), label="order")
            tensor, layout = tensor.permute(*order), layout.permute(*order)
        elif operation == "slice":
            axis = data.draw(st.integers(0, tensor.dim() - 1), label="axis")
            start = data.draw(st.integers(0, 1), label="start")
            step = data.draw(st.integers(1, 3), label="step")
            key = tuple(slice(start, None, step) if k == axis else slice(None) for k in range(tensor.dim()))
            tensor, layout = tensor[key], layout[key]
        else:
            lead = data.draw(st.integers(1, 3), label="lead")
            tensor, layout = tensor.expand(lead, *tensor.shape), layout.expand(lead, *layout.shape)
    return tensor, layout


def _factorizations(count, parts):
    if parts == 1:
        yield (count,)
        return
    for size in range(1, count + 1):
        if count % size == 0:
            for rest in _factorizations(count // size, parts - 1):
                yield (size, *rest)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_can_view_matches_torch_on_random_layouts(data):
    tensor, layout = _build_layout(data)
    # tensorguide's Layout follows the same operations to the same layout
    assert layout.shape == tuple(tensor.shape)
    assert layout.is_contiguous() == tensor.is_contiguous()
    count = tensor.numel()
    if count == 0:  # no element is ever addressed: strides and offset are arbitrary
        return
    # The stride of a size-1 axis is never used to find an element, and
    # tensorguide's Layout.expand gives a new leading axis of size 1 stride 0
    # where PyTorch gives it the stride unsqueeze would; compare the others.
    used = [axis for axis, size in enumerate(tensor.shape) if size != 1]
    assert [layout.strides[axis] for axis in used] == [tensor.stride()[axis] for axis in used]
    assert layout.offset == tensor.storage_offset()
    for parts in (1, 2, 3):
        for target in _factorizations(count, parts):
            try:
                viewed = tensor.view(target)
            except RuntimeError:
                viewed = None
            assert can_view(tuple(tensor.shape), tensor.stride(), target) == (viewed is not None), target
            if viewed is not None:
                assert view_strides(tuple(tensor.shape), tensor.stride(), target) == viewed.stride()


# --- memory: what copies and what does not ---------------------------------------------


def test_slice_is_a_view_with_an_offset():
    grid = torch.arange(12).reshape(3, 4)
    corner = grid[1:, 1:]
    assert corner.untyped_storage().data_ptr() == grid.untyped_storage().data_ptr()
    assert corner.storage_offset() == 5
    assert corner.data_ptr() - grid.data_ptr() == 5 * grid.element_size()
    assert Layout.row_major((3, 4))[1:, 1:] == Layout((2, 3), (4, 1), 5)
    # the chapter's example: grid[:, 1:] of a (2, 3) grid starts at position 1
    small = torch.arange(6).reshape(2, 3)
    assert small[:, 1:].storage_offset() == 1
    assert Layout.row_major((2, 3))[:, 1:].offset == 1


def test_contiguous_returns_the_tensor_itself_when_it_already_is():
    grid = torch.arange(6).reshape(2, 3)
    assert grid.contiguous() is grid
    turned = grid.t().contiguous()
    assert turned.data_ptr() != grid.data_ptr() and turned.stride() == (2, 1)


def test_numpy_of_a_cpu_tensor_shares_its_storage():
    tensor = torch.arange(3.0)
    array = tensor.numpy()
    tensor[0] = 100.0
    assert array.tolist() == [100.0, 1.0, 2.0]


def test_tensorflow_keeps_its_own_copy_of_a_numpy_array():
    tf = pytest.importorskip("tensorflow")
    array = np.arange(3.0)
    constant = tf.constant(array)
    array[0] = 100.0
    assert constant.numpy().tolist() == [0.0, 1.0, 2.0]


def test_the_same_seed_gives_different_numbers_in_numpy_and_torch():
    from_numpy = np.random.default_rng(0).standard_normal((2, 3))
    from_torch = torch.randn(2, 3, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    assert from_numpy.shape == tuple(from_torch.shape)
    assert not np.allclose(from_numpy, from_torch.numpy())


def test_from_numpy_shares_and_tensor_copies():
    source = np.arange(3.0)
    shared, copied, as_tensor = torch.from_numpy(source), torch.tensor(source), torch.as_tensor(source)
    source[0] = 100.0
    assert shared.tolist() == [100.0, 1.0, 2.0]
    assert as_tensor.tolist() == [100.0, 1.0, 2.0]
    assert copied.tolist() == [0.0, 1.0, 2.0]


def test_an_expanded_tensor_cannot_be_written_in_place_until_cloned():
    expanded = torch.arange(3).expand(4, 3)
    with pytest.raises(RuntimeError, match="more than one element of the written-to tensor"):
        expanded.add_(1)
    written = expanded.clone().add_(1)
    assert written.tolist() == [[1, 2, 3]] * 4


def test_expand_saves_exactly_the_repeat_factor():
    row = torch.arange(3)
    for factor in (2, 10, 1000):
        expanded, repeated = row.expand(factor, 3), row.repeat(factor, 1)
        assert expanded.untyped_storage().nbytes() == row.untyped_storage().nbytes()
        assert repeated.untyped_storage().nbytes() == factor * row.untyped_storage().nbytes()


def test_contiguous_copies_the_whole_tensor():
    x = torch.zeros(8, 16, 4, 4).permute(0, 2, 3, 1)
    packed = x.contiguous()
    assert packed.data_ptr() != x.data_ptr()
    assert packed.untyped_storage().nbytes() == x.untyped_storage().nbytes()
    assert packed.stride() == (256, 64, 16, 1)


def test_empty_with_zero_rows_has_no_elements():
    empty = torch.empty((0, 5))
    assert empty.numel() == 0
    with pytest.raises(IndexError):
        empty[0] = 1.0


def test_saving_a_slice_saves_its_whole_storage():
    records = torch.arange(1000, dtype=torch.float32)
    for tensor, expected in ((records[:10], 4000), (records[:10].clone(), 40)):
        buffer = io.BytesIO()
        torch.save(tensor, buffer)
        loaded = torch.load(io.BytesIO(buffer.getvalue()))
        assert loaded.untyped_storage().nbytes() == expected


def test_chained_views_fail_where_a_direct_view_works():
    cube = torch.arange(24).reshape(2, 3, 4).permute(1, 2, 0)
    assert cube.view(12, 2).shape == (12, 2)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        cube.view(-1).view(12, 2)


# --- autograd through views, copies and in-place operations -----------------------------


def test_gradients_flow_through_view_and_copying_reshape():
    w = torch.arange(6.0, requires_grad=True)
    (w.view(2, 3) * torch.arange(1.0, 7.0).view(2, 3)).sum().backward()
    assert w.grad.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    m = torch.arange(6.0).reshape(2, 3).requires_grad_()
    flat = m.t().reshape(6)
    assert flat.data_ptr() != m.data_ptr()
    (flat * torch.arange(6.0)).sum().backward()
    assert m.grad.tolist() == [[0.0, 2.0, 4.0], [1.0, 3.0, 5.0]]


def test_in_place_on_a_leaf_raises_and_no_grad_allows_it():
    weight = torch.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        weight.add_(1)
    with torch.no_grad():
        weight.add_(1)
    assert weight.is_leaf and weight.tolist() == [2.0, 2.0, 2.0]


def test_version_counter_catches_a_changed_saved_tensor():
    x = torch.ones(3, requires_grad=True)
    y = x.sigmoid()
    y.mul_(2)
    assert y._version == 1
    with pytest.raises(RuntimeError, match="is at version 1; expected version 0 instead"):
        y.sum().backward()


def test_detach_shares_the_version_counter_and_data_bypasses_it():
    x = torch.ones(3, requires_grad=True)
    y = x.sigmoid()
    y.detach().zero_()
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()
    x = torch.ones(3, requires_grad=True)
    y = x.sigmoid()
    y.data.zero_()
    y.sum().backward()  # no error, and a wrong gradient
    assert x.grad.tolist() == [0.0, 0.0, 0.0]
    correct = torch.sigmoid(torch.tensor(1.0)) * (1 - torch.sigmoid(torch.tensor(1.0)))
    assert abs(float(correct) - 0.1966) < 1e-4


def test_the_gradient_through_expand_is_summed_over_the_stretched_axis():
    column = torch.ones(3, 1, requires_grad=True)
    weights = torch.arange(12.0).reshape(3, 4)
    (column.expand(3, 4) * weights).sum().backward()
    assert column.grad.tolist() == [[6.0], [22.0], [38.0]]


def test_permuted_tensor_has_no_grad_but_the_leaf_does():
    w = torch.ones(2, 3, requires_grad=True)
    w_t = w.t()
    (w_t * 2).sum().backward()
    assert w.grad.tolist() == [[2.0] * 3] * 2
    with pytest.warns(UserWarning, match="not a leaf Tensor"):
        assert w_t.grad is None
    w_p = w.permute(1, 0)
    w_p.retain_grad()
    (w_p * 2).sum().backward()
    assert w_p.grad.tolist() == [[2.0] * 2] * 3
    with pytest.raises(TypeError, match="unexpected keyword argument 'copy'"):
        w.transpose(0, 1, copy=True)


# --- device independence and the engineering tips -----------------------------------------


def test_torch_keeps_lua_torch_type_names():
    assert torch.tensor([1.0]).type() == "torch.FloatTensor"
    assert torch.tensor([1]).type() == "torch.LongTensor"


def test_without_a_dtype_the_libraries_guess_differently():
    tf = pytest.importorskip("tensorflow")
    assert (np.array([1, 2]).dtype, torch.tensor([1, 2]).dtype) == (np.int64, torch.int64)
    assert tf.constant([1, 2]).dtype == tf.int32
    assert (np.array([1.0]).dtype, torch.tensor([1.0]).dtype) == (np.float64, torch.float32)
    assert tf.constant([1.0]).dtype == tf.float32


@pytest.mark.parametrize("setting", ["cpu", "auto"])
def test_device_snippet_prints_the_same_everywhere(monkeypatch, setting):
    monkeypatch.setenv("TENSORGUIDE_DEVICE", setting)
    device = pick_device()
    data = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float16, device=device)
    assert data.device.type == device
    assert (data.dtype, data.tolist(), tuple(data.shape)) == (
        torch.float16, [[1.0, 2.0], [3.0, 4.0]], (2, 2))


def test_onnx_export_accepts_variable_shapes():
    parameters = inspect.signature(torch.onnx.export).parameters
    assert "dynamic_axes" in parameters and "dynamic_shapes" in parameters

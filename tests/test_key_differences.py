"""The chapter "TensorFlow vs PyTorch: key differences": every row of its
table of equivalent calls, its worked example and figure data, and the
claims its prose makes that no snippet on the page shows."""

from __future__ import annotations

import inspect
import re
import warnings

import numpy as np
import pytest
import tensorflow as tf
import torch

from tensorguide.crosscheck import assert_agree, comparable
from tensorguide import can_view
from tensorguide.worked_examples import matmul_walkthrough
from tensorguide.worked_examples.key_differences import tracing_events
from tgdocs.site import DOCS

PAGE = DOCS / "tensorflow" / "key-differences.md"
TABLE_HEADER = "| Task | PyTorch | TensorFlow |"
CODE = re.compile(r"`([^`]+)`")


# --- the table of equivalent calls -------------------------------------------

def table_rows() -> dict[str, dict[str, str]]:
    """The rows of the page's table of equivalent calls, by task."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index(TABLE_HEADER)
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        task, torch_cell, tf_cell = (cell.strip() for cell in line.strip("|").split("|"))
        rows[task] = {"torch": torch_cell, "tensorflow": tf_cell}
    return rows


def create_from_a_list():
    return {
        "torch": torch.tensor([1.0, 2.0]),
        "tensorflow": tf.constant([1.0, 2.0]),
        "numpy": np.array([1.0, 2.0], dtype=np.float32),
    }


def integers_as_64_bit():
    assert tf.constant([1, 2, 3]).dtype == tf.int32          # TensorFlow's default differs
    assert torch.tensor([1, 2, 3]).dtype == torch.int64       # "int64"
    return {
        "torch": torch.tensor([1, 2, 3]),
        "tensorflow": tf.constant([1, 2, 3], dtype=tf.int64),
        "numpy": np.array([1, 2, 3]),
    }


def a_range():
    assert tf.range(6).dtype == tf.int32
    return {
        "torch": torch.arange(6),
        "tensorflow": tf.range(6, dtype=tf.int64),
        "numpy": np.arange(6),
    }


def reshape():
    x = torch.arange(6)
    torch_result = x.reshape(3, 2)
    x = tf.range(6, dtype=tf.int64)
    tf_result = tf.reshape(x, (3, 2))
    x = np.arange(6)
    return {"torch": torch_result, "tensorflow": tf_result, "numpy": x.reshape(3, 2)}


def add_an_axis():
    dim = axis = 1  # PyTorch names the argument dim, TensorFlow axis
    x = torch.arange(6.0).reshape(2, 3)
    torch_result = x.unsqueeze(dim)
    x = tf.reshape(tf.range(6.0), (2, 3))
    tf_result = tf.expand_dims(x, axis)
    x = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    results = {"torch": torch_result, "tensorflow": tf_result, "numpy": np.expand_dims(x, axis)}
    assert all(tuple(r.shape) == (2, 1, 3) for r in results.values())
    return results


def remove_a_size_1_axis():
    dim = axis = 1
    x = torch.arange(6.0).reshape(2, 1, 3)
    torch_result = x.squeeze(dim)
    x = tf.reshape(tf.range(6.0), (2, 1, 3))
    tf_result = tf.squeeze(x, axis)
    x = np.arange(6.0, dtype=np.float32).reshape(2, 1, 3)
    results = {"torch": torch_result, "tensorflow": tf_result, "numpy": np.squeeze(x, axis)}
    assert all(tuple(r.shape) == (2, 3) for r in results.values())
    return results


def reorder_axes():
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    x = torch.from_numpy(data)
    torch_result = x.permute(2, 0, 1)
    x = tf.constant(data)
    tf_result = tf.transpose(x, perm=[2, 0, 1])
    x = data
    return {"torch": torch_result, "tensorflow": tf_result, "numpy": np.transpose(x, (2, 0, 1))}


def swap_the_last_two_axes():
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    x = torch.from_numpy(data)
    torch_result = x.mT
    x = tf.constant(data)
    tf_result = tf.linalg.matrix_transpose(x)
    x = data
    results = {"torch": torch_result, "tensorflow": tf_result, "numpy": x.mT}
    assert tuple(results["numpy"].shape) == (2, 4, 3)
    return results


def cast():
    x = torch.tensor([1, 2, 3])
    torch_result = x.to(torch.float64)
    x = tf.constant([1, 2, 3])
    tf_result = tf.cast(x, tf.float64)
    x = np.array([1, 2, 3])
    return {"torch": torch_result, "tensorflow": tf_result, "numpy": x.astype(np.float64)}


def place_on_a_device():
    from tensorguide import pick_device
    from tensorguide.device import tf_device_name

    device = pick_device()
    x = torch.arange(6.0)
    torch_result = (x.to(device) * 2).cpu()
    assert str(x.to(device).device).startswith(device)
    name = tf_device_name(device) if tf.config.list_logical_devices("GPU") else "/CPU:0"
    with tf.device(name):
        tf_result = tf.range(6.0) * 2
    return {"torch": torch_result, "tensorflow": tf_result}


def matrix_product():
    left = np.arange(6, dtype=np.float32).reshape(2, 3)
    right = np.arange(12, dtype=np.float32).reshape(3, 4)
    a, b = torch.from_numpy(left), torch.from_numpy(right)
    torch_result = a @ b
    a, b = tf.constant(left), tf.constant(right)
    tf_result = tf.linalg.matmul(a, b)
    a, b = left, right
    return {"torch": torch_result, "tensorflow": tf_result, "numpy": a @ b}


def einsum():
    left = np.arange(6, dtype=np.float32).reshape(2, 3)
    right = np.arange(12, dtype=np.float32).reshape(3, 4)
    a, b = torch.from_numpy(left), torch.from_numpy(right)
    torch_result = torch.einsum("ij,jk->ik", a, b)
    a, b = tf.constant(left), tf.constant(right)
    tf_result = tf.einsum("ij,jk->ik", a, b)
    a, b = left, right
    results = {"torch": torch_result, "tensorflow": tf_result, "numpy": np.einsum("ij,jk->ik", a, b)}
    np.testing.assert_array_equal(results["numpy"], left @ right)
    return results


def gradient():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = (x ** 2).sum()
    y.backward()
    torch_result = x.grad
    x = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(x ** 2)
    return {"torch": torch_result, "tensorflow": tape.gradient(y, x)}


def compile_a_function():
    def torch_f(x):
        return torch.relu(x) * 2.0

    def tf_f(x):
        return tf.nn.relu(x) * 2.0

    f = torch_f
    compiled_torch = torch.compile(f)
    f = tf_f
    compiled_tf = tf.function(f)
    values = [-1.0, 0.5, 2.0]
    return {
        "torch": compiled_torch(torch.tensor(values)),
        "tensorflow": compiled_tf(tf.constant(values)),
    }


def back_to_numpy():
    x = torch.arange(3.0, requires_grad=True) * 1     # a tensor that needs .detach()
    torch_array = x.detach().cpu().numpy()
    x = tf.range(3.0)
    tf_array = x.numpy()
    assert isinstance(torch_array, np.ndarray) and isinstance(tf_array, np.ndarray)
    return {"torch": torch_array, "tensorflow": tf_array}


ROW_CHECKS = {
    "from a list": create_from_a_list,
    "integers as int64": integers_as_64_bit,
    "a range": a_range,
    "reshape": reshape,
    "add an axis": add_an_axis,
    "drop a size-1 axis": remove_a_size_1_axis,
    "reorder axes": reorder_axes,
    "swap last two axes": swap_the_last_two_axes,
    "cast": cast,
    "use a device": place_on_a_device,
    "matrix product": matrix_product,
    "einsum": einsum,
    "gradient": gradient,
    "compile": compile_a_function,
    "to NumPy": back_to_numpy,
}
"""One check per row of the page's table, by task."""

ROWS = table_rows()


def test_the_table_is_found_and_has_the_required_rows():
    required = {"from a list", "reshape", "add an axis", "drop a size-1 axis",
                "reorder axes", "cast", "integers as int64", "use a device",
                "gradient", "compile"}
    assert required <= set(ROWS)


@pytest.mark.parametrize("task", list(ROWS))
def test_table_row_runs_in_both_libraries_and_agrees(task):
    assert task in ROW_CHECKS, f"the table row {task!r} has no check in this file"
    check = ROW_CHECKS[task]
    source = inspect.getsource(check)
    for framework, cell in ROWS[task].items():
        for snippet in CODE.findall(cell):
            assert snippet in source, f"{task!r}: the {framework} call `{snippet}` is not what the check runs"
    results = check()
    assert {"torch", "tensorflow"} <= set(results)
    assert_agree(results)
    dtypes = {name: comparable(value).dtype for name, value in results.items()}
    assert len(set(dtypes.values())) == 1, f"{task!r}: dtypes differ: {dtypes}"


def test_every_check_has_a_row():
    assert set(ROW_CHECKS) <= set(ROWS)


# --- the worked example ----------------------------------------------------------

def test_matmul_walkthrough_rows():
    rows = matmul_walkthrough()
    assert [row.number for row in rows] == list(range(1, 15))
    assert [row.calculation for row in rows[:12]] == [
        "2 * 1", "3 * 6", "2 + 18",
        "2 * 5", "3 * 2", "10 + 6",
        "1 * 1", "4 * 6", "1 + 24",
        "1 * 5", "4 * 2", "5 + 8",
    ]
    assert [row.result for row in rows[:12]] == [
        "2", "18", "20", "10", "6", "16", "1", "24", "25", "5", "8", "13",
    ]
    assert rows[12].result == rows[13].result == "[[20,16],[25,13]]"


def test_matmul_walkthrough_matches_the_source_and_rejects_other_shapes():
    assert (np.array([[2, 3], [1, 4]]) @ np.array([[1, 5], [6, 2]])).tolist() == [[20, 16], [25, 13]]
    with pytest.raises(ValueError, match="2 x 2"):
        matmul_walkthrough(np.ones((2, 3)), np.ones((3, 2)))


def test_tracing_events_marks_a_trace_for_each_new_shape_only():
    events = tracing_events(((1, 3), (4, 3), (1, 3), (4, 3), (4, 2)))
    assert [traced for _, traced in events] == [True, True, False, False, True]
    assert [label for label, _ in events][:2] == ["(1, 3): trace", "(4, 3): trace"]
    assert events[2][0] == "(1, 3): reuse"


# --- tensor_chain: a Python assert in a tf.function -----------------------------------------------------

def tensor_chain(a, b):
    assert a.shape[-1] == b.shape[0], "Inner dim mismatch"
    c = tf.linalg.matmul(a, b)
    return tf.nn.relu(c)


def checked_chain(a, b):
    inner_sizes_match = tf.debugging.assert_equal(
        tf.shape(a)[-1], tf.shape(b)[0], message="tensor_chain: inner sizes differ")
    with tf.control_dependencies([inner_sizes_match]):
        c = tf.linalg.matmul(a, b)
    return tf.nn.relu(c)


ANY_SIZE = [tf.TensorSpec([None, None]), tf.TensorSpec([None, None])]
PARTLY_KNOWN = [tf.TensorSpec([None, 3]), tf.TensorSpec([None, 4])]


def test_tensor_chain_assert_runs_only_while_tracing():
    traces = []

    def counted(a, b):
        traces.append((a.shape, b.shape))
        return tensor_chain(a, b)

    traced = tf.function(counted)
    for _ in range(3):
        traced(tf.ones((2, 3)), tf.ones((3, 4)))
    assert traces == [(tf.TensorShape([2, 3]), tf.TensorShape([3, 4]))]


def test_tensor_chain_assert_catches_known_static_shapes_at_trace_time():
    with pytest.raises(AssertionError, match="Inner dim mismatch"):
        tf.function(tensor_chain)(tf.ones((2, 3)), tf.ones((5, 4)))


def test_tensor_chain_assert_passes_vacuously_with_unknown_sizes():
    relaxed = tf.function(tensor_chain, input_signature=ANY_SIZE)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Matrix size-incompatible"):
        relaxed(tf.ones((2, 3)), tf.ones((5, 4)))


def test_tensor_chain_assert_rejects_valid_inputs_with_partly_known_sizes():
    with pytest.raises(AssertionError, match="Inner dim mismatch"):
        tf.function(tensor_chain, input_signature=PARTLY_KNOWN)(tf.ones((2, 3)), tf.ones((3, 4)))


def test_matmul_checks_static_shapes_at_trace_time():
    @tf.function
    def product(a, b):
        return tf.linalg.matmul(a, b)

    with pytest.raises(ValueError, match="Dimensions must be equal, but are 3 and 5"):
        product(tf.ones((2, 3)), tf.ones((5, 4)))


@pytest.mark.parametrize("signature", [None, ANY_SIZE, PARTLY_KNOWN], ids=["traced", "any", "partly"])
def test_checked_chain_accepts_valid_inputs(signature):
    checked = tf.function(checked_chain, input_signature=signature)
    np.testing.assert_array_equal(checked(tf.ones((2, 3)), tf.ones((3, 4))).numpy(), np.full((2, 4), 3.0))


def test_checked_chain_reports_a_mismatch_with_its_own_message_on_every_call():
    checked = tf.function(checked_chain, input_signature=ANY_SIZE)
    for _ in range(3):  # the check is part of the graph, so it runs every time
        with pytest.raises(tf.errors.InvalidArgumentError, match="tensor_chain: inner sizes differ"):
            checked(tf.ones((2, 3)), tf.ones((5, 4)))
    with pytest.raises(tf.errors.InvalidArgumentError, match="tensor_chain: inner sizes differ"):
        checked_chain(tf.ones((2, 3)), tf.ones((5, 4)))  # eagerly, too


def test_torch_compile_keeps_python_asserts_and_side_effects():
    seen = []

    def guarded(x):
        seen.append(tuple(x.shape))
        assert x.shape[-1] == 3, "last axis must be 3"
        return x + 1

    compiled = torch.compile(guarded)
    for rows in (2, 2, 5):
        compiled(torch.zeros(rows, 3))
    assert seen == [(2, 3), (2, 3), (5, 3)]
    with pytest.raises(AssertionError, match="last axis must be 3"):
        compiled(torch.zeros(2, 4))


# --- dynamic_einsum: guessing what the axes mean ---------------------------------------------------

def dynamic_einsum(x, y):
    if x.ndim != y.ndim:
        y = y.unsqueeze(-1)
    z = torch.einsum('bij,bjk->bik', x, y)
    return z.to_sparse() if x.is_sparse else z


def test_dynamic_einsum_silently_misreads_a_shared_matrix():
    x, shared = torch.rand(2, 3, 2), torch.rand(2, 2)
    assert dynamic_einsum(x, shared).shape == (2, 3, 1)
    assert (x @ shared).shape == (2, 3, 2)
    with pytest.raises(RuntimeError, match="subscript b"):
        dynamic_einsum(torch.rand(2, 3, 4), torch.rand(4, 5))


def test_dynamic_einsum_handles_batches_of_vectors_and_matrices():
    x = torch.rand(2, 3, 4)
    vectors, matrices = torch.rand(2, 4), torch.rand(2, 4, 5)
    torch.testing.assert_close(dynamic_einsum(x, vectors), (x @ vectors.unsqueeze(-1)))
    torch.testing.assert_close(dynamic_einsum(x, matrices), x @ matrices)


def test_dynamic_einsum_fails_on_sparse_input():
    with pytest.raises(RuntimeError, match="sparse"):
        dynamic_einsum(torch.ones(2, 3, 4).to_sparse(), torch.ones(2, 4, 5))


def test_torch_refuses_a_missing_device():
    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA device")
    with pytest.raises((AssertionError, RuntimeError)):
        torch.ones(2, device="cuda")


def test_tensorflow_falls_back_from_a_missing_device():
    assert tf.config.get_soft_device_placement()
    if tf.config.list_logical_devices("TPU"):
        pytest.skip("this machine has a TPU")
    with tf.device("/TPU:0"):
        doubled = tf.ones(3) * 2
    assert "TPU" not in doubled.device


# --- other claims of the chapter ------------------------------------------------------

@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_empty_cache_does_not_free_memory_held_by_tensors():
    held = torch.empty(64 * 2**20, dtype=torch.uint8, device="cuda")
    allocated = torch.cuda.memory_allocated()
    torch.cuda.empty_cache()
    assert torch.cuda.memory_allocated() == allocated
    del held
    torch.cuda.empty_cache()
    assert torch.cuda.memory_allocated() < allocated


def test_libraries_ship_what_the_chapter_names():
    assert hasattr(tf.distribute, "TPUStrategy")
    assert hasattr(tf.keras, "mixed_precision") and hasattr(torch, "autocast")
    assert hasattr(torch, "export") and hasattr(tf.saved_model, "save")
    assert "pin_memory" in inspect.signature(torch.utils.data.DataLoader).parameters
    assert "non_blocking" in torch.Tensor.to.__doc__


def test_tf_function_has_no_warmup_option_and_xla_is_opt_in():
    parameters = inspect.signature(tf.function).parameters
    assert "warmup_steps" not in parameters
    assert parameters["jit_compile"].default is None
    assert tf.config.optimizer.get_jit() == ""


def test_scaled_dot_product_attention_is_exact_attention():
    generator = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(2, 4, 8, 16, generator=generator) for _ in range(3))
    scores = q @ k.transpose(-2, -1) / 16 ** 0.5
    torch.testing.assert_close(
        torch.nn.functional.scaled_dot_product_attention(q, k, v), scores.softmax(-1) @ v)


def test_torch_jit_trace_is_deprecated_and_freezes_a_branch():
    def absolute(x):
        if x.sum() > 0:
            return x
        return -x

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        traced = torch.jit.trace(absolute, torch.ones(2))
    messages = " ".join(str(w.message) for w in caught)
    assert "deprecated" in messages
    torch.testing.assert_close(traced(-torch.ones(2)), -torch.ones(2))


def test_tensorflow_transpose_copies_and_torch_transpose_is_a_view():
    m = torch.arange(6).reshape(2, 3)
    assert m.t().data_ptr() == m.data_ptr()
    from tensorguide.adapters import describe

    assert describe(tf.transpose(tf.reshape(tf.range(6), (2, 3)))).strides is None


def test_attention_kernels_and_tensor_exchange_exist_in_both_ecosystems():
    import keras

    assert hasattr(torch.backends.cuda, "flash_sdp_enabled")
    assert "flash_attention" in inspect.signature(keras.ops.dot_product_attention).parameters
    assert hasattr(torch, "from_dlpack") and hasattr(tf.experimental, "dlpack")
    assert hasattr(tf.config, "run_functions_eagerly")


def test_tf_transpose_without_perm_reverses_all_axes():
    assert tf.transpose(tf.zeros((2, 3, 4, 5))).shape == (5, 4, 3, 2)
    assert torch.zeros(2, 3, 4, 5).transpose(1, 2).shape == (2, 4, 3, 5)


def test_saved_model_keeps_variables(tmp_path):
    module = tf.Module()
    module.weight = tf.Variable([1.0, 2.0])
    tf.saved_model.save(module, str(tmp_path))
    loaded = tf.saved_model.load(str(tmp_path))
    assert isinstance(loaded.weight, tf.Variable)
    loaded.weight.assign([3.0, 4.0])
    np.testing.assert_array_equal(loaded.weight.numpy(), [3.0, 4.0])


# --- views after a transpose ---------------------------------------------------------

@pytest.mark.parametrize("new_shape, works", [
    ((2, 5, 4, 2, 4), True),    # splits dim
    ((2, 5, 4, 8), True),       # unchanged
    ((2, 5, 32), False),        # merges heads (swapped) with dim
    ((10, 4, 8), False),        # merges batch with length (swapped)
    ((2, 20, 8), False),        # merges the two swapped axes
], ids=str)
def test_a_view_after_a_transpose_fails_only_when_it_merges_a_swapped_axis(new_shape, works):
    per_token = torch.zeros(2, 4, 5, 8).transpose(1, 2)
    assert can_view(tuple(per_token.shape), per_token.stride(), new_shape) is works
    if works:
        assert per_token.view(new_shape).data_ptr() == per_token.data_ptr()
    else:
        with pytest.raises(RuntimeError, match="view size is not compatible"):
            per_token.view(new_shape)
        assert per_token.reshape(new_shape).data_ptr() != per_token.data_ptr()


def test_a_view_may_merge_untouched_neighbours_of_a_transpose():
    swapped = torch.zeros(2, 3, 4, 5).transpose(0, 1)
    assert swapped.view(3, 2, 20).data_ptr() == swapped.data_ptr()


# --- dtypes and devices -----------------------------------------------------------------

def test_torch_promotes_element_wise_but_not_in_matmul():
    half = torch.ones(2, 2, dtype=torch.bfloat16)
    assert (torch.ones(2, 2) + half).dtype == torch.float32
    with pytest.raises(RuntimeError, match="same dtype"):
        torch.ones(2, 2) @ half


def test_a_0_dim_cpu_tensor_mixes_with_another_device_and_others_do_not():
    devices = ["meta"] + (["cuda"] if torch.cuda.is_available() else [])
    for device in devices:
        data = torch.ones(2, device=device)
        assert (data + torch.tensor(2.0)).device.type == device
        with pytest.raises(RuntimeError, match="device"):
            data + torch.ones(2)
        with pytest.raises(RuntimeError, match="device"):
            data + torch.ones(1)


def test_gradient_tape_watches_variables_but_not_constants():
    constant, variable = tf.constant([1.0, 2.0]), tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(constant ** 2) + tf.reduce_sum(variable ** 2)
    unwatched, watched = tape.gradient(y, [constant, variable])
    assert unwatched is None
    np.testing.assert_array_equal(watched.numpy(), [2.0, 4.0])
    with tf.GradientTape() as tape:
        tape.watch(constant)
        y = tf.reduce_sum(constant ** 2)
    np.testing.assert_array_equal(tape.gradient(y, constant).numpy(), [2.0, 4.0])


def test_bmm_multiplies_a_sparse_batch_that_einsum_refuses():
    sparse = torch.ones(2, 3, 4).to_sparse()
    with pytest.raises(RuntimeError):
        torch.einsum("bij,bjk->bik", sparse, torch.ones(2, 4, 5))
    product = torch.bmm(sparse, torch.ones(2, 4, 5))
    torch.testing.assert_close(product, torch.ones(2, 3, 4) @ torch.ones(2, 4, 5))


def test_writing_into_a_view_writes_into_its_base_and_tf_tensors_refuse():
    base = torch.zeros(2, 3)
    base.t()[0, 1] = 5.0
    assert base[1, 0] == 5.0
    with pytest.raises(TypeError, match="does not support item assignment"):
        tf.zeros((2, 3))[0, 1] = 5.0


def test_hard_device_placement_makes_a_missing_device_an_error():
    if tf.config.list_logical_devices("TPU"):
        pytest.skip("this machine has a TPU")
    tf.config.set_soft_device_placement(False)
    try:
        with pytest.raises(tf.errors.InvalidArgumentError, match="Could not satisfy device"):
            with tf.device("/TPU:0"):
                tf.ones(3) * 2
    finally:
        tf.config.set_soft_device_placement(True)


def test_print_runs_once_per_trace_in_tf_function_and_every_call_under_torch_compile(capsys):
    @tf.function
    def tf_double(x):
        print("called")
        return x * 2

    def torch_double(x):
        print("called")
        return x * 2

    compiled = torch.compile(torch_double)
    for rows in (2, 2, 2, 5):
        tf_double(tf.zeros((rows, 3)))
    assert capsys.readouterr().out.count("called") == 2
    for rows in (2, 2, 2, 5):
        compiled(torch.zeros(rows, 3))
    assert capsys.readouterr().out.count("called") == 4

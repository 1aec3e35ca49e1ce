"""The chapter "Variables, constants and placeholders in TensorFlow": its
worked example row by row, and the behaviour its prose relies on."""

from __future__ import annotations

import numpy as np
import pytest

from tensorguide.worked_examples import variable_update_walkthrough
from tensorguide.worked_examples.variables_constants_placeholders import trace_events

from .snippets import run_alone

tf = pytest.importorskip("tensorflow")


def test_variable_update_walkthrough_rows():
    rows = variable_update_walkthrough()
    assert [row.number for row in rows] == [1, 2, 3, 4]
    assert [row.result for row in rows] == ["2.0", "-0.5", "0.05", "2.05"]
    assert [row.calculation for row in rows] == [
        "tf.Variable(2.0, dtype=tf.float64)",
        "2.0 - 2.5",
        "-0.1 * (-0.5)",
        "2.0 + 0.05",
    ]


def test_walkthrough_matches_the_update_rule():
    # theta_new = theta - eta * dL/dtheta with dL/dtheta = theta - target
    for initial, target, rate in [(2.0, 2.5, 0.1), (3.0, 2.5, 0.1), (0.0, 1.0, 0.5)]:
        rows = variable_update_walkthrough(initial, target, rate)
        gradient = initial - target
        assert float(rows[1].result) == pytest.approx(gradient)
        assert float(rows[3].result) == pytest.approx(initial - rate * gradient)


def test_walkthrough_renders_as_markdown():
    markdown = variable_update_walkthrough()._repr_markdown_()
    assert markdown.splitlines()[0] == "| Step | Operation | Calculation | Result |"
    assert "| 4 | Apply it in place with assign_sub | `2.0 + 0.05` | `2.05` |" in markdown


def test_keras_optimizer_takes_the_same_step():
    # The table's assign_sub is what an SGD optimizer does (up to its float32 learning rate).
    theta = tf.Variable(2.0, dtype=tf.float64)
    tf.keras.optimizers.SGD(learning_rate=0.1).apply_gradients([(tf.constant(-0.5, tf.float64), theta)])
    assert float(theta.numpy()) == pytest.approx(2.05, abs=1e-8)


def test_row_one_names_the_dtype_it_creates():
    # The operation column says float64, so the calculation must create a float64.
    first = variable_update_walkthrough()[0]
    assert "float64" in first.operation and "dtype=tf.float64" in first.calculation


@pytest.mark.parametrize("sizes", [(4, 4, 2, 7, 1, 0), (1, 0, 3)], ids=str)
def test_signature_traces_once_for_every_batch_size(sizes):
    events = trace_events(sizes)
    assert [traced for _, traced in events] == [i == 0 for i in range(len(sizes))]
    assert [label.split(":")[0] for label, _ in events] == [f"({n}, 3)" for n in sizes]


def test_the_drawn_calls_include_an_empty_batch_served_without_a_trace():
    # The chapter draws trace_events() and says "one trace serves every batch
    # size, an empty batch included": the drawn calls must hold one.
    events = dict(trace_events())
    assert events.get("(0, 3): reuse") is False, events


def test_without_signature_each_new_batch_size_traces():
    sizes = (4, 4, 2, 7, 2, 1)
    traced = [traced for _, traced in trace_events(sizes, signature=False)]
    assert traced == [n not in sizes[:i] for i, n in enumerate(sizes)]


def test_assign_converts_python_numbers():
    v = tf.Variable([1.0, 2.0])
    v.assign([3, 4])  # Python ints, converted to the variable's float32
    assert v.dtype == tf.float32 and v.numpy().tolist() == [3.0, 4.0]


def test_watch_gives_the_gradient_of_a_constant():
    w, k = tf.Variable(2.0), tf.constant(3.0)
    with tf.GradientTape() as tape:
        loss = w * k
    assert tape.gradient(loss, k) is None
    with tf.GradientTape() as tape:
        tape.watch(k)
        loss = w * k
    assert float(tape.gradient(loss, k)) == 2.0


def test_read_only_numpy_refuses_writes_and_inference_tensors_raise_after_writing():
    torch = pytest.importorskip("torch")
    array = np.array([1.0, 2.0, 3.0])
    array.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        array[0] = 5.0
    with torch.inference_mode():
        locked = torch.tensor([1.0, 2.0, 3.0])
    with pytest.raises(RuntimeError, match="inference tensor outside InferenceMode"):
        locked.add_(1)
    # the error guards autograd's bookkeeping, not the values: the write happened
    assert locked.tolist() == [2.0, 3.0, 4.0]
    plain = torch.tensor([1.0, 2.0, 3.0])
    plain[0] = 5.0  # a plain tensor is writable
    assert plain[0].item() == 5.0


def test_parameter_update_needs_no_grad():
    torch = pytest.importorskip("torch")
    parameter = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0]))
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        parameter -= 0.1 * torch.ones(3)


@pytest.mark.slow  # a process of its own, with TensorFlow
def test_disable_eager_execution_switches_the_whole_process():
    # Why the page runs legacy code inside tf.Graph().as_default() instead.
    code = (
        "import tensorflow as tf\n"
        "tf.compat.v1.disable_eager_execution()\n"
        "print(tf.executing_eagerly(), tf.compat.v1.placeholder(tf.float32).op.type)\n"
    )
    outcome = run_alone(code, "graph mode")  # a process of its own, switched for good
    assert outcome.ok, outcome.report
    assert outcome.report.split() == ["False", "Placeholder"]


def test_python_value_is_frozen_and_variable_is_read_each_call():
    box = {"scale": 2.0}
    factors = np.array([2.0], dtype=np.float32)

    @tf.function
    def frozen(x):
        return x * box["scale"]

    @tf.function
    def frozen_array(x):
        return x * factors

    variable = tf.Variable(2.0)

    @tf.function
    def live(x):
        return x * variable

    one = tf.constant(1.0)
    assert float(frozen(one)) == 2.0 and float(live(one)) == 2.0
    assert float(frozen_array(one)[0]) == 2.0
    box["scale"] = 3.0
    factors[0] = 3.0  # changed in place: still frozen in the graph
    variable.assign(3.0)
    assert float(frozen(one)) == 2.0
    assert float(frozen_array(one)[0]) == 2.0
    assert float(live(one)) == 3.0
    assert frozen.experimental_get_tracing_count() == 1
    assert live.experimental_get_tracing_count() == 1


def test_input_signature_serves_every_batch_size_with_one_trace():
    weights = tf.zeros([784, 256])

    @tf.function(input_signature=[tf.TensorSpec([None, 784], tf.float32)])
    def model(x):
        return tf.matmul(x, weights)

    for batch in (1, 2, 5, 32):
        assert model(tf.ones([batch, 784])).shape == (batch, 256)
    assert model.experimental_get_tracing_count() == 1


def test_placeholder_is_only_in_compat_v1_and_graph_mode():
    assert not hasattr(tf, "placeholder")
    with pytest.raises(RuntimeError, match="not compatible with eager execution"):
        tf.compat.v1.placeholder(tf.float32, [None, 784])
    with tf.Graph().as_default():
        placeholder = tf.compat.v1.placeholder(tf.float32, [None, 784])
        assert placeholder.shape.as_list() == [None, 784]
    assert tf.executing_eagerly()


def test_source_apis_exist_or_not():
    # What the source names, and whether TensorFlow 2.21 has it.
    assert hasattr(tf, "Variable") and hasattr(tf, "constant")
    assert hasattr(tf.debugging, "assert_non_negative")
    assert hasattr(tf.initializers, "GlorotNormal")
    assert hasattr(tf.data.Dataset, "from_tensor_slices")
    assert hasattr(tf.saved_model, "save")
    assert not hasattr(tf, "init_global_variables")
    assert hasattr(tf.compat.v1, "global_variables_initializer")
    assert hasattr(tf.keras.utils, "set_random_seed")
    assert hasattr(tf.function(lambda x: x), "experimental_get_tracing_count")


def test_checkpoints_match_variables_by_place_not_name(tmp_path):
    saved = tf.Module()
    saved.w = tf.Variable(5.0, name="alpha")
    path = tf.train.Checkpoint(model=saved).save(str(tmp_path / "checkpoint"))
    restored = tf.Module()
    restored.w = tf.Variable(0.0, name="beta")  # another name, the same place
    tf.train.Checkpoint(model=restored).restore(path).assert_consumed()
    assert float(restored.w) == 5.0

"""The chapter "Variables, constants and placeholders in TensorFlow": its
worked example row by row, and the behaviour its prose relies on."""

from __future__ import annotations

import pytest

from tensorguide.worked_examples import variable_update_walkthrough

tf = pytest.importorskip("tensorflow")


def test_variable_update_walkthrough_rows():
    rows = variable_update_walkthrough()
    assert [row.number for row in rows] == [1, 2, 3, 4]
    assert [row.result for row in rows] == ["2.0", "-0.5", "0.05", "2.05"]
    assert [row.calculation for row in rows] == [
        "theta = tf.Variable(2.0)",
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


def test_python_value_is_frozen_and_variable_is_read_each_call():
    box = {"scale": 2.0}

    @tf.function
    def frozen(x):
        return x * box["scale"]

    variable = tf.Variable(2.0)

    @tf.function
    def live(x):
        return x * variable

    one = tf.constant(1.0)
    assert float(frozen(one)) == 2.0 and float(live(one)) == 2.0
    box["scale"] = 3.0
    variable.assign(3.0)
    assert float(frozen(one)) == 2.0
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

"""The chapter "Tensors in PyTorch vs TensorFlow": its tables and its claims."""

from __future__ import annotations

import logging
import re

import pytest

from tgdocs.site import DOCS
from tensorguide.worked_examples import double_flatten_sum, tracing_log
from tensorguide.worked_examples.pytorch_vs_tensorflow import trace_events

PAGE = DOCS / "intro" / "pytorch-vs-tensorflow.md"


def test_double_flatten_sum_rows():
    rows = double_flatten_sum()
    assert [row.number for row in rows] == [1, 2, 3, 4]
    assert [row.result for row in rows] == ["[[1,2],[3,4]]", "[[2,4],[6,8]]", "[2,4,6,8]", "20"]
    assert rows[3].calculation == "2 + 4 + 6 + 8"


def test_double_flatten_sum_matches_numpy():
    import numpy as np

    assert int((2 * np.array([[1, 2], [3, 4]])).reshape(4).sum()) == 20


def test_tracing_log_rows():
    rows = tracing_log()
    assert [row.number for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [row.result for row in rows] == [
        "2.0, traces: 1",
        "4.0, traces: 1",
        "[2.0,4.0], traces: 2",
        "2, traces: 3",
        "6, traces: 4",
        "6, traces: 4",
        "8, traces: 5",
    ]
    assert [row.calculation for row in rows] == [
        "print: tracing; tf.print: running with 1",
        "print: (nothing); tf.print: running with 2",
        "print: tracing; tf.print: running with [1 2]",
        "print: tracing; tf.print: running with 1",
        "print: tracing; tf.print: running with 3",
        "print: (nothing); tf.print: running with 3",
        "print: tracing; tf.print: running with 4",
    ]


def test_python_print_runs_exactly_when_the_trace_count_grows():
    rows = tracing_log()
    counts = [0] + [int(row.result.rsplit(" ", 1)[1]) for row in rows]
    for row, before, after in zip(rows, counts, counts[1:]):
        assert row.calculation.startswith("print: tracing") == (after == before + 1), row


def test_trace_events_mark_the_calls_that_traced():
    # Calls 2 and 6 repeat a dtype and shape, and a Python value, seen before.
    events = trace_events()
    assert [traced for _, traced in events] == [True, False, True, True, True, False, True]
    assert [traced for _, traced in events] == [
        row.calculation.startswith("print: tracing") for row in tracing_log()]
    assert [label for label, _ in events][3:] == ["tf.constant(1)", "Python 3", "Python 3", "Python 4"]


def test_tracing_log_is_the_same_every_time():
    assert tracing_log() == tracing_log()


def test_the_tracing_count_api_exists_in_this_tensorflow():
    import tensorflow as tf

    function = tf.function(lambda x: x + 1)
    assert function.experimental_get_tracing_count() == 0
    function(tf.constant(1))
    assert function.experimental_get_tracing_count() == 1


def test_tensorflow_warns_about_frequent_retracing():
    # The page says that TensorFlow logs a warning naming "tf.function
    # retracing" and its usual causes; a fresh function shows it.
    import tensorflow as tf

    messages = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    logger = tf.get_logger()
    handler = Collect()
    logger.addHandler(handler)
    try:
        @tf.function
        def retraced(x):
            return x + 1

        for value in range(6):
            retraced(value)  # a new Python value each time: a new trace
    finally:
        logger.removeHandler(handler)
    assert retraced.experimental_get_tracing_count() == 6
    warning = next(m for m in messages if "retracing" in m)
    assert "triggered tf.function retracing" in warning
    assert "passing Python objects instead of tensors" in warning


def test_tf_function_leaves_eager_execution_on():
    import tensorflow as tf

    tracing_log()
    assert tf.executing_eagerly()


@pytest.mark.parametrize("name", ["script", "trace"])
def test_torchscript_entry_points_are_deprecated(name):
    import warnings

    import torch

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if name == "script":
            torch.jit.script(torch.nn.ReLU())
        else:
            torch.jit.trace(torch.nn.ReLU(), torch.ones(2))
    messages = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
    assert f"`torch.jit.{name}` is deprecated. Please switch to `torch.compile` or `torch.export`." in messages


FIGURE = re.compile(r"[+\u2212-]?\d+\s?%|\b\d+(\.\d+)?x (faster|larger)\b")


def test_no_invented_figures():
    # The original's memory and speed figures (~30%, +10%, -40%, 2x) were not
    # measured.  The chapter states no such figure anywhere in its prose or
    # tables (the errata page quotes them); code and its output may.
    text = PAGE.read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    stated = [paragraph[:120] for paragraph in prose.split("\n\n") if FIGURE.search(paragraph)]
    assert stated == [], f"the chapter states unmeasured figures: {stated}"


def test_the_figure_check_catches_a_stated_figure():
    assert FIGURE.search("compiling saves ~30% of memory")
    assert FIGURE.search("mixed precision is 2x faster")
    assert not FIGURE.search("PyTorch 2.13 and TensorFlow 2.0")


def test_keras_optimizer_skips_and_warns_about_a_missing_gradient():
    # The gotcha says an optimizer given a None gradient skips the variable
    # and that Keras optimizers warn.
    import warnings

    import keras
    import tensorflow as tf

    weight, bias = tf.Variable(2.0), tf.Variable(1.0)
    with tf.GradientTape() as tape:
        prediction = weight * 3.0
    gradients = tape.gradient(prediction, [weight, bias])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        keras.optimizers.SGD(0.1).apply_gradients(zip(gradients, [weight, bias]))
    assert any("Gradients do not exist for variables" in str(w.message) for w in caught)
    assert float(bias) == 1.0
    assert float(weight) == pytest.approx(2.0 - 0.1 * 3.0)


def test_torch_compile_dynamic_graph_covers_sizes_from_2_but_not_0_or_1_nor_a_new_dtype():
    # The page: a second size makes the size dynamic (one more graph, which
    # covers further sizes of 2 and up); sizes 0 and 1 are specialised, one
    # graph each; a new dtype means a new graph.
    import torch

    graphs = []

    def record_graph(graph_module, example_inputs):
        graphs.append(graph_module)
        return graph_module.forward

    compiled = torch.compile(lambda x: torch.relu(x) * 2, backend=record_graph)
    counts = []
    arguments = [torch.ones(n) for n in (2, 2, 3, 4, 5, 1, 0, 6, 1, 0)] + [torch.ones(4, dtype=torch.int64)]
    for argument in arguments:
        compiled(argument)
        counts.append(len(graphs))
    assert counts == [1, 1, 2, 2, 2, 3, 4, 4, 4, 4, 5]

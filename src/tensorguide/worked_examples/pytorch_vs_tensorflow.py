"""Worked examples of the chapter "Tensors in PyTorch vs TensorFlow"."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile

from .table import Step, Table, show
from .tracing import tensorflow_log_quiet

__all__ = ["double_flatten_sum", "tracing_log", "trace_events", "reused_calls"]


def double_flatten_sum() -> Table:
    """Double a (2, 2) tensor, flatten it to (4,), sum it: in PyTorch and in TensorFlow.

    Every step is computed by both frameworks; a step whose two results
    differ raises ``AssertionError``, so the table shows numbers both agree on.

    Examples
    --------
    >>> [step.result for step in double_flatten_sum()]
    ['[[1,2],[3,4]]', '[[2,4],[6,8]]', '[2,4,6,8]', '20']
    """
    import tensorflow as tf
    import torch

    t = torch.tensor([[1, 2], [3, 4]])
    f = tf.constant([[1, 2], [3, 4]])
    steps = [
        ("Create a (2, 2) tensor", "t = [[1, 2], [3, 4]]", t, f),
        ("Multiply by the scalar 2 (element-wise)", "2 * t", 2 * t, 2 * f),
    ]
    steps.append(("Reshape (2, 2) to (4,) (row-major order)", "t.reshape(4)",
                  steps[-1][2].reshape(4), tf.reshape(steps[-1][3], (4,))))
    flat_torch, flat_tf = steps[-1][2], steps[-1][3]
    terms = " + ".join(str(int(v)) for v in flat_torch)
    steps.append(("Sum all elements", terms, flat_torch.sum(), tf.reduce_sum(flat_tf)))
    rows = []
    for number, (operation, calculation, in_torch, in_tf) in enumerate(steps, start=1):
        if show(in_torch) != show(in_tf):
            raise AssertionError(f"step {number}: torch gives {show(in_torch)}, tf {show(in_tf)}")
        rows.append(Step(number, operation, calculation, show(in_torch)))
    return Table(Step.COLUMNS, rows)


def tracing_log() -> Table:
    """Call one ``tf.function`` with different arguments and record what runs.

    The function holds a Python ``print`` (runs only while TensorFlow traces
    the function into a graph) and a ``tf.print`` (an operation in the graph,
    so it runs on every call).  Each row is one call: what each of the two
    printed, and the trace count from ``experimental_get_tracing_count()``
    after the call.

    Examples
    --------
    >>> [step.result for step in tracing_log()]  # doctest: +NORMALIZE_WHITESPACE
    ['2.0, traces: 1', '4.0, traces: 1', '[2.0,4.0], traces: 2', '2, traces: 3',
     '6, traces: 4', '6, traces: 4', '8, traces: 5']
    """
    return Table(Step.COLUMNS, _run_tracing_calls())


def trace_events() -> list[tuple[str, bool]]:
    """The calls of :func:`tracing_log`, each with whether it traced.

    One ``(argument, traced)`` pair per call, in order, for a strip of
    events: a call traced when the trace count grew during it.  A Python
    argument is labelled as such (``"Python 3"``).

    Examples
    --------
    >>> trace_events()[3:5]
    [('tf.constant(1)', True), ('Python 3', True)]
    """
    counts = [0] + [int(step.result.rsplit(" ", 1)[1]) for step in tracing_log()]
    labels = [argument if argument.startswith("tf.") else f"Python {argument}"
              for argument, *_ in _CALLS]
    return [(label, after > before)
            for label, before, after in zip(labels, counts, counts[1:])]


def reused_calls() -> list[int]:
    """The numbers of the calls of :func:`tracing_log` that traced nothing,
    reusing a graph (the page names them, so they are counted, not typed).

    Examples
    --------
    >>> reused_calls()
    [2, 6]
    """
    return [number for number, (_, traced) in enumerate(trace_events(), start=1)
            if not traced]


# (argument as written, what happens, how to make the argument given `tf`)
_CALLS = [
    ("tf.constant(1.0)", "first call: trace a graph for float32, shape ()",
     lambda tf: tf.constant(1.0)),
    ("tf.constant(2.0)", "same dtype and shape: reuse the graph", lambda tf: tf.constant(2.0)),
    ("tf.constant([1.0, 2.0])", "new shape (2,): trace again",
     lambda tf: tf.constant([1.0, 2.0])),
    ("tf.constant(1)", "new dtype int32: trace again", lambda tf: tf.constant(1)),
    ("3", "a Python int: its value is part of the signature", lambda tf: 3),
    ("3", "the same Python value: reuse", lambda tf: 3),
    ("4", "a new Python value: trace again", lambda tf: 4),
]


def _run_tracing_calls() -> list[Step]:
    import tensorflow as tf

    with tempfile.TemporaryDirectory() as folder, tensorflow_log_quiet(tf):
        log_path = os.path.join(folder, "tf_print.log")

        @tf.function
        def double(x):
            print("tracing")  # Python: runs while tracing only
            tf.print("running with", x, output_stream=f"file://{log_path}")  # a graph op
            return x * 2

        rows = []
        lines_seen = 0
        for number, (argument, why, make_argument) in enumerate(_CALLS, start=1):
            python_out = io.StringIO()
            with contextlib.redirect_stdout(python_out):
                result = double(make_argument(tf))
            with open(log_path, encoding="utf-8") as log:
                graph_lines = log.read().splitlines()
            new_graph_lines, lines_seen = graph_lines[lines_seen:], len(graph_lines)
            printed = " ".join(python_out.getvalue().split()) or "(nothing)"
            calculation = f"print: {printed}; tf.print: {' / '.join(new_graph_lines) or '(nothing)'}"
            rows.append(
                Step(number, f"double({argument}): {why}", calculation,
                     f"{_short(result)}, traces: {double.experimental_get_tracing_count()}")
            )
    return rows


def _short(value: object) -> str:
    """A tensor's value as a plain number or list: ``2.0``, ``[2.0,4.0]``."""
    return show(value.numpy())

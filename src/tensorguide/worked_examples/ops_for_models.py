"""Worked examples of the chapter "TensorFlow operations for deep learning
models": a mean squared error, its gradient, and updates by a real optimizer.

The model is a line, ``y_pred = w * x + b``, fitted to two points with
plain SGD.  Every number in the tables is read from TensorFlow: the
forward pass and the loss from the tensors, the gradients from
``tf.GradientTape``, and the new weights from
``tf.keras.optimizers.SGD.apply_gradients``.  There is no randomness, so the
tables are the same on every run and every device.

TensorFlow is imported when a function is called, never at import time.
"""

from __future__ import annotations

from collections.abc import Iterable

from .table import Step, Table

__all__ = ["INPUTS", "mse_sgd_step", "sgd_updates"]

INPUTS = {
    "x": (1.0, 2.0),
    "y_true": (2.0, 4.0),
    "w": 2.0,
    "b": -1.0,
    "learning_rate": 0.1,
}
"""The data and starting point of both tables.  With ``w = 2`` and ``b = -1``
the predictions are ``[1, 3]``, the source's numerical example."""


def _number(value: object) -> str:
    """A float32 number to four significant digits, so that float32
    rounding (2.3 is stored as 2.2999999523...) does not show."""
    text = f"{float(value):.4g}"
    return "0" if text == "-0" else text


def _vector(values: Iterable[object]) -> str:
    return "[" + ", ".join(_number(v) for v in values) + "]"


def _signed(value: object) -> str:
    """A number to subtract: in parentheses when negative."""
    text = _number(value)
    return f"({text})" if text.startswith("-") else text


def _setup():
    import tensorflow as tf

    x = tf.constant(INPUTS["x"])
    y_true = tf.constant(INPUTS["y_true"])
    w = tf.Variable(INPUTS["w"], name="w")
    b = tf.Variable(INPUTS["b"], name="b")
    optimizer = tf.keras.optimizers.SGD(learning_rate=INPUTS["learning_rate"])
    return tf, x, y_true, w, b, optimizer


def _forward(tf, x, y_true, w, b):
    """One forward and backward pass: predictions, loss and the gradients
    with respect to the predictions and to ``w`` and ``b``."""
    with tf.GradientTape(persistent=True) as tape:
        y_pred = w * x + b
        tape.watch(y_pred)
        loss = tf.reduce_mean(tf.square(y_pred - y_true))
    grad_pred = tape.gradient(loss, y_pred)
    grad_w, grad_b = tape.gradient(loss, [w, b])
    del tape
    return y_pred, loss, grad_pred, grad_w, grad_b


def mse_sgd_step() -> Table:
    """One training step, from the prediction to the updated weights.

    The loss is the mean squared error of ``w * x + b`` against ``y_true``;
    the gradients (rows 5 to 7) come from ``tf.GradientTape``, whatever the
    formula in the row says, and the update from
    ``tf.keras.optimizers.SGD`` with learning rate 0.1.

    Examples
    --------
    >>> rows = mse_sgd_step()
    >>> rows[3].result, rows[4].result            # the MSE and dL/dy_pred
    ('1', '[-1, -1]')
    >>> rows[-2].result, rows[-1].result          # the new w and b
    ('2.3', '-0.8')
    """
    tf, x, y_true, w, b, optimizer = _setup()
    n = int(tf.size(y_true))
    lr = INPUTS["learning_rate"]
    w_before, b_before = float(w.numpy()), float(b.numpy())
    y_pred, loss, grad_pred, grad_w, grad_b = _forward(tf, x, y_true, w, b)
    error = y_pred - y_true
    optimizer.apply_gradients(zip([grad_w, grad_b], [w, b]))
    return Table(Step.COLUMNS, 
        [
            Step(1, "Predict: w * x + b",
                 f"{_number(w_before)} * {_vector(x.numpy())} + {_signed(b_before)}",
                 _vector(y_pred.numpy())),
            Step(2, "Error: y_pred - y_true",
                 f"{_vector(y_pred.numpy())} - {_vector(y_true.numpy())}",
                 _vector(error.numpy())),
            Step(3, "Square each error", f"{_vector(error.numpy())} ** 2",
                 _vector(tf.square(error).numpy())),
            Step(4, f"Mean over N = {n}: the MSE",
                 "(" + " + ".join(_number(v) for v in tf.square(error).numpy()) + f") / {n}",
                 _number(loss.numpy())),
            Step(5, "dL/dy_pred = 2 (y_pred - y_true) / N",
                 f"2 * {_vector(error.numpy())} / {n}", _vector(grad_pred.numpy())),
            Step(6, "dL/dw = sum(dL/dy_pred * x)",
                 " + ".join(f"{_signed(g)} * {_number(xi)}"
                            for g, xi in zip(grad_pred.numpy(), x.numpy())),
                 _number(grad_w.numpy())),
            Step(7, "dL/db = sum(dL/dy_pred)",
                 " + ".join(_signed(g) for g in grad_pred.numpy()),
                 _number(grad_b.numpy())),
            Step(8, "SGD: w - lr * dL/dw",
                 f"{_number(w_before)} - {lr} * {_signed(grad_w.numpy())}",
                 _number(w.numpy())),
            Step(9, "SGD: b - lr * dL/db",
                 f"{_number(b_before)} - {lr} * {_signed(grad_b.numpy())}",
                 _number(b.numpy())),
        ]
    )


def sgd_updates(steps: int = 3) -> Table:
    """Several SGD steps on the same data: the variables and the loss.

    Each row is one call of ``optimizer.apply_gradients``: the operation
    shows the optimizer's own step counter, the calculation ``w`` and ``b``
    before and after the step, and the result the loss before and after.

    Examples
    --------
    >>> [row.result for row in sgd_updates(steps=2)]
    ['loss 1 -> 0.145', 'loss 0.145 -> 0.05905']
    """
    tf, x, y_true, w, b, optimizer = _setup()
    rows = []
    for number in range(1, steps + 1):
        w_before, b_before = float(w.numpy()), float(b.numpy())
        _, loss, _, grad_w, grad_b = _forward(tf, x, y_true, w, b)
        optimizer.apply_gradients(zip([grad_w, grad_b], [w, b]))
        loss_after = tf.reduce_mean(tf.square(w * x + b - y_true))
        rows.append(
            Step(
                number,
                f"SGD step (iterations = {int(optimizer.iterations.numpy())})",
                f"w {_number(w_before)} -> {_number(w.numpy())}; "
                f"b {_number(b_before)} -> {_number(b.numpy())}",
                f"loss {_number(loss.numpy())} -> {_number(loss_after.numpy())}",
            )
        )
    return Table(Step.COLUMNS, rows)

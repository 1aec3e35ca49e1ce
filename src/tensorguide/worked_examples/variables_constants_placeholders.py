"""Worked examples of the chapter "Variables, constants and placeholders in
TensorFlow".

TensorFlow is imported when an example runs, not when this module is
imported, so ``import tensorguide`` stays free of frameworks.
"""

from __future__ import annotations

import os

from . import tracing
from .table import Step, Table, show

__all__ = ["variable_update_walkthrough", "trace_events"]


def variable_update_walkthrough(
    initial: float = 2.0, target: float = 2.5, learning_rate: float = 0.1
) -> Table:
    """One step of gradient descent on a ``tf.Variable``.

    The loss is :math:`L(\\theta) = \\tfrac12 (\\theta - \\text{target})^2`,
    whose gradient :math:`\\theta - \\text{target}` is ``-0.5`` at the
    defaults.  The gradient comes from ``tf.GradientTape`` and the update
    from ``Variable.assign_sub``.  The variable is ``float64`` so that the
    table shows the decimal results exactly; in ``float32`` the last value
    would print as ``2.049999952316284``.

    Parameters
    ----------
    initial : float
        The variable's value before the step.
    target : float
        Where the loss is smallest.
    learning_rate : float
        The step size :math:`\\eta`.

    Returns
    -------
    Table
        Four rows: the variable, the gradient, the update, the new value.

    Examples
    --------
    >>> [step.result for step in variable_update_walkthrough()]   # the defaults
    ['2.0', '-0.5', '0.05', '2.05']
    >>> variable_update_walkthrough(initial=3.0)[-1].result   # above the minimum: goes down
    '2.95'
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    theta = tf.Variable(initial, dtype=tf.float64, name="theta")
    start = theta.numpy()
    with tf.GradientTape() as tape:
        loss = 0.5 * (theta - target) ** 2
    gradient = tape.gradient(loss, theta)
    update = -learning_rate * gradient
    theta.assign_sub(learning_rate * gradient)
    return Table(Step.COLUMNS, 
        [
            Step(1, f"Create the variable ({theta.dtype.name}, trainable)",
                 f"tf.Variable({initial}, dtype=tf.{theta.dtype.name})", show(start)),
            Step(2, f"Gradient of L = 0.5 * (theta - {target})**2, recorded by GradientTape",
                 f"{show(start)} - {target}", show(gradient)),
            Step(3, "Update: minus learning rate times gradient",
                 f"-{learning_rate} * ({show(gradient)})", show(update)),
            Step(4, "Apply it in place with assign_sub",
                 f"{show(start)} + {show(update)}", show(theta)),
        ]
    )


def trace_events(
    batch_sizes: tuple[int, ...] = (4, 4, 2, 7, 1, 0), signature: bool = True
) -> list[tuple[str, bool]]:
    """Which calls trace, for batches of 3 features of ``batch_sizes`` rows, with
    ``input_signature=[tf.TensorSpec([None, 3], tf.float32)]`` (the modern form
    of a placeholder of shape ``[None, 3]``) or, without ``signature``, none.
    See :func:`tensorguide.worked_examples.tracing.trace_events`.

    Examples
    --------
    >>> trace_events((4, 2, 4))                   # one trace serves every size
    [('(4, 3): trace', True), ('(2, 3): reuse', False), ('(4, 3): reuse', False)]
    >>> [traced for _, traced in trace_events((4, 2, 4), signature=False)]
    [True, True, False]
    """
    return tracing.trace_events([(rows, 3) for rows in batch_sizes],
                                signature=(None, 3) if signature else None)

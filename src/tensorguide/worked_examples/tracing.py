"""Which calls of a ``tf.function`` trace: the items of the chapters'
``events`` figures.

TensorFlow is imported when a function runs, not when this module is
imported, so ``import tensorguide`` stays free of frameworks.
"""

from __future__ import annotations

import contextlib
import logging
import os

from ..shapes import as_shape


def trace_events(shapes, signature=None) -> list[tuple[str, bool]]:
    """Call one ``tf.function`` with zeros of each shape in turn; say which
    calls traced a new graph and which reused one.

    Parameters
    ----------
    shapes : sequence of shapes
        The input of each call, in call order (float32 zeros).
    signature : shape or None
        An ``input_signature`` for the function, ``None`` for an unknown
        size (``(None, 3)`` is the modern form of a placeholder of shape
        ``[None, 3]``); without it TensorFlow traces for every new shape.

    Returns
    -------
    list of (str, bool)
        ``("(4, 3): trace", True)`` or ``("(4, 3): reuse", False)`` per call:
        a call traced when ``experimental_get_tracing_count()`` grew during it.

    Examples
    --------
    >>> trace_events([(2, 3), (2, 3), (5, 3)])         # a new shape traces again
    [('(2, 3): trace', True), ('(2, 3): reuse', False), ('(5, 3): trace', True)]
    >>> [traced for _, traced in trace_events([(4, 3), (2, 3)], signature=(None, 3))]
    [True, False]
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    options = {} if signature is None else {
        "input_signature": [tf.TensorSpec(list(signature), tf.float32)]}

    @tf.function(**options)
    def double(x):
        return 2.0 * x

    events = []
    with tensorflow_log_quiet(tf):
        for shape in (as_shape(s, op="trace_events") for s in shapes):
            before = double.experimental_get_tracing_count()
            double(tf.zeros(shape))
            traced = double.experimental_get_tracing_count() > before
            events.append((f"{shape}: {'trace' if traced else 'reuse'}", traced))
    return events


@contextlib.contextmanager
def tensorflow_log_quiet(tf):
    """Keep TensorFlow's Python log messages (its warning about frequent
    retracing, which these examples trigger on purpose) off stderr."""
    logger = tf.get_logger()
    saved = logger.handlers[:], logger.propagate
    logger.handlers[:] = [logging.NullHandler()]
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers[:], logger.propagate = saved

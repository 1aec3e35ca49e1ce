"""Helpers that ask each framework directly, for comparison with the rules."""

from __future__ import annotations

FRAMEWORKS = ["numpy", "torch", "tensorflow"]


def framework_broadcast(framework: str, shapes) -> tuple[int, ...]:
    """Broadcast shape according to ``framework``; ValueError where it refuses."""
    if framework == "numpy":
        import numpy as np

        return tuple(np.broadcast_shapes(*shapes))
    if framework == "torch":
        import torch

        try:
            return tuple(torch.broadcast_shapes(*shapes))
        except RuntimeError as err:
            raise ValueError(str(err)) from err
    if framework == "tensorflow":
        import tensorflow as tf

        result = tf.TensorShape([])
        try:
            for shape in shapes:
                result = tf.broadcast_static_shape(result, tf.TensorShape(shape))
        except ValueError:
            raise
        return tuple(result.as_list())
    raise AssertionError(framework)

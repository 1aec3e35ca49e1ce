"""Ask NumPy, PyTorch and TensorFlow directly, for comparison with the rules.

Every function takes the framework name first and returns a plain tuple
(shape, or shape and layout), or raises :class:`Refused` when the framework
rejects the input.  Frameworks are imported inside the functions, so a test
that uses only NumPy does not pay for TensorFlow.
"""

from __future__ import annotations

FRAMEWORKS = ["numpy", "torch", "tensorflow"]


class Refused(Exception):
    """The framework raised; the message is the framework's own."""


# Where the frameworks disagree with each other.  tensorguide follows the
# Array API standard, NumPy and PyTorch; each entry is explained with a
# runnable example on docs/reference/framework-differences.md, under the
# heading named here.
DISAGREEMENTS = {
    "tensorflow-infers-minus-one-for-empty": (
        "TensorFlow infers -1 even when the other sizes multiply to 0; "
        "NumPy, PyTorch and tensorguide refuse because any size would fit"
    ),
    "tensorflow-matmul-needs-two-axes": (
        "tf.matmul needs at least two axes on both operands; NumPy, PyTorch "
        "and tensorguide accept 1-D operands"
    ),
    "torch-refuses-negative-steps": (
        "PyTorch refuses negative slice steps; NumPy, TensorFlow and "
        "tensorguide (by default) walk backwards"
    ),
    "numpy-strides-of-size-one-axes": (
        "NumPy often gives a size-1 axis (added by None, or kept by broadcast_to) "
        "stride 0 where PyTorch gives the stride unsqueeze would; tensorguide "
        "follows PyTorch, and since a size-1 axis is never stepped along both "
        "are correct"
    ),
}


def _errors(framework: str) -> tuple[type[BaseException], ...]:
    if framework == "tensorflow":
        import tensorflow as tf

        return (ValueError, TypeError, IndexError, tf.errors.InvalidArgumentError)
    if framework == "torch":
        return (ValueError, TypeError, IndexError, RuntimeError)
    return (ValueError, TypeError, IndexError)


def zeros(framework: str, shape):
    if framework == "numpy":
        import numpy as np

        return np.zeros(shape, dtype=np.float32)
    if framework == "torch":
        import torch

        return torch.zeros(shape, dtype=torch.float32)
    import tensorflow as tf

    return tf.zeros(shape, dtype=tf.float32)


def _ask(framework: str, compute):
    try:
        return compute()
    except _errors(framework) as err:
        raise Refused(f"{framework}: {type(err).__name__}: {err}") from err


def broadcast(framework: str, shapes) -> tuple[int, ...]:
    """Shape of the sum of zero tensors of ``shapes``."""

    def compute():
        total = zeros(framework, shapes[0])
        for shape in shapes[1:]:
            total = total + zeros(framework, shape)
        return tuple(int(s) for s in total.shape)

    return _ask(framework, compute)


def reshape(framework: str, shape, new_shape) -> tuple[int, ...]:
    def compute():
        x = zeros(framework, shape)
        if framework == "tensorflow":
            import tensorflow as tf

            return tuple(int(s) for s in tf.reshape(x, new_shape).shape)
        return tuple(int(s) for s in x.reshape(new_shape).shape)

    return _ask(framework, compute)


def index(framework: str, shape, key) -> tuple[int, ...]:
    return _ask(framework, lambda: tuple(int(s) for s in zeros(framework, shape)[key].shape))


def matmul(framework: str, a_shape, b_shape) -> tuple[int, ...]:
    def compute():
        a, b = zeros(framework, a_shape), zeros(framework, b_shape)
        if framework == "tensorflow":
            import tensorflow as tf

            return tuple(int(s) for s in tf.matmul(a, b).shape)
        return tuple(int(s) for s in (a @ b).shape)

    return _ask(framework, compute)


def framework_broadcast(framework: str, shapes) -> tuple[int, ...]:
    """Broadcast shape according to ``framework``; ValueError where it refuses."""
    try:
        return broadcast(framework, shapes)
    except Refused as err:
        raise ValueError(str(err)) from err

"""Worked example of the chapter "TensorFlow vs PyTorch: key differences"."""

from __future__ import annotations

import numpy as np

from . import tracing
from .table import Step, Table, show

__all__ = ["WALKTHROUGH_A", "WALKTHROUGH_B", "matmul_walkthrough", "tracing_events"]

WALKTHROUGH_A = ((2, 3), (1, 4))
"""The left matrix of the walkthrough."""

WALKTHROUGH_B = ((1, 5), (6, 2))
"""The right matrix of the walkthrough."""


def matmul_walkthrough(a=WALKTHROUGH_A, b=WALKTHROUGH_B) -> Table:
    """Multiply two 2 x 2 matrices entry by entry, then check the whole product
    with NumPy, PyTorch and TensorFlow.

    Each entry ``C[i, j]`` takes two multiplications and one sum, so the
    table has three rows per entry, then one row for the product computed
    with ``@`` in NumPy and one for PyTorch and TensorFlow agreeing with it.

    Examples
    --------
    >>> rows = matmul_walkthrough()
    >>> [row.result for row in rows][:3]        # the first entry: 2*1 + 3*6
    ['2', '18', '20']
    >>> rows[-2].result                         # the whole product
    '[[20,16],[25,13]]'
    """
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != (2, 2) or b.shape != (2, 2):
        raise ValueError(f"the walkthrough multiplies 2 x 2 matrices, got {a.shape} and {b.shape}")
    steps = []
    for i in range(2):
        for j in range(2):
            products = []
            for k in range(2):
                product = a[i, k] * b[k, j]
                products.append(product)
                steps.append(Step(
                    len(steps) + 1,
                    f"Multiply A[{i},{k}] by B[{k},{j}]",
                    f"{a[i, k]} * {b[k, j]}",
                    show(product),
                ))
            steps.append(Step(
                len(steps) + 1,
                f"Sum the products: C[{i},{j}]",
                " + ".join(str(p) for p in products),
                show(sum(products)),
            ))
    product = a @ b
    steps.append(Step(len(steps) + 1, "The whole product with NumPy", "A @ B", show(product)))
    steps.append(Step(
        len(steps) + 1,
        "The same product with PyTorch and TensorFlow (checked equal)",
        "torch.matmul(A, B); tf.linalg.matmul(A, B)",
        _framework_product(a, b, product),
    ))
    return Table(Step.COLUMNS, steps)


def _framework_product(a: np.ndarray, b: np.ndarray, expected: np.ndarray) -> str:
    """PyTorch's product of ``a`` and ``b``, after checking that it and
    TensorFlow's equal ``expected``."""
    import os

    import torch

    from ..crosscheck import assert_agree

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    torch_product = torch.matmul(torch.as_tensor(a), torch.as_tensor(b))
    tf_product = tf.linalg.matmul(tf.constant(a), tf.constant(b))
    assert_agree({"numpy": expected, "torch": torch_product, "tensorflow": tf_product})
    return show(torch_product)


def tracing_events(shapes=((2, 3), (2, 3), (5, 3), (5, 3))) -> list[tuple[str, bool]]:
    """Which calls of one ``tf.function`` trace for inputs of ``shapes``: a
    new shape runs the Python body again, a shape seen before reuses its
    graph.  See :func:`tensorguide.worked_examples.tracing.trace_events`.

    Examples
    --------
    >>> [traced for _, traced in tracing_events()]
    [True, False, True, False]
    """
    return tracing.trace_events(shapes)

"""The chapter "Common tensor operations": its table and its claims."""

from __future__ import annotations

import pytest

from tensorguide import matmul_shape
from tensorguide.errors import ShapeError
from tensorguide.worked_examples import add_reshape_matmul_sum
from tests.frameworks import FRAMEWORKS


def test_add_reshape_matmul_sum_rows():
    rows = add_reshape_matmul_sum()
    assert [row.number for row in rows] == [1, 2, 3, 4, 5, 6]
    assert [row.result for row in rows] == [
        "[[1,2,3],[4,5,6]]",
        "[[2,3,4],[5,6,7]]",
        "[[2,3],[4,5],[6,7]]",
        "(2, 2)",
        "[[40,49],[76,94]]",
        "259",
    ]
    assert rows[3].calculation == "(2, 3) @ (3, 2)"
    assert rows[4].calculation == (
        "[[2*2 + 3*4 + 4*6, 2*3 + 3*5 + 4*7], [5*2 + 6*4 + 7*6, 5*3 + 6*5 + 7*7]]"
    )
    assert rows[5].calculation == "40 + 49 + 76 + 94"


def test_dot_products_by_hand():
    assert [2 * 2 + 3 * 4 + 4 * 6, 2 * 3 + 3 * 5 + 4 * 7] == [40, 49]
    assert [5 * 2 + 6 * 4 + 7 * 6, 5 * 3 + 6 * 5 + 7 * 7] == [76, 94]
    assert 40 + 49 + 76 + 94 == 259


def _product_and_sum(framework):
    if framework == "numpy":
        import numpy as np

        a = np.array([[1, 2, 3], [4, 5, 6]]) + 1
        product = a @ a.reshape(3, 2)
        return product.tolist(), int(product.sum())
    if framework == "torch":
        import torch

        a = torch.tensor([[1, 2, 3], [4, 5, 6]]) + 1
        product = a @ a.reshape(3, 2)
        return product.tolist(), int(product.sum())
    import tensorflow as tf

    a = tf.constant([[1, 2, 3], [4, 5, 6]]) + 1
    product = tf.matmul(a, tf.reshape(a, (3, 2)))
    return product.numpy().tolist(), int(tf.reduce_sum(product))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_framework_computes_the_same_product(framework):
    assert _product_and_sum(framework) == ([[40, 49], [76, 94]], 259)


def test_the_sources_product_is_not_defined():
    with pytest.raises(ShapeError, match="axis -1 of the first has 2 but axis -2 of the second has 3"):
        matmul_shape((1, 2), (3, 2))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_framework_refuses_the_sources_product(framework):
    row, matrix = [[2, 3]], [[2, 4], [3, 5], [4, 6]]
    if framework == "numpy":
        import numpy as np

        with pytest.raises(ValueError):
            np.array(row) @ np.array(matrix)
    elif framework == "torch":
        import torch

        with pytest.raises(RuntimeError, match=r"cannot be multiplied \(1x2 and 3x2\)"):
            torch.tensor(row) @ torch.tensor(matrix)
    else:
        import tensorflow as tf

        with pytest.raises(tf.errors.InvalidArgumentError, match="Matrix size-incompatible"):
            tf.constant(row) @ tf.constant(matrix)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_attention_scores_shape(framework):
    shape = (2, 4, 5, 8)
    expected = matmul_shape(shape, shape[:-2] + (shape[-1], shape[-2]))
    if framework == "numpy":
        import numpy as np

        q = k = np.ones(shape)
        got = (q @ k.swapaxes(-2, -1)).shape
    elif framework == "torch":
        import torch

        q = k = torch.ones(shape)
        got = tuple((q @ k.transpose(-2, -1)).shape)
    else:
        import tensorflow as tf

        q = k = tf.ones(shape)
        got = tuple(tf.linalg.matmul(q, k, transpose_b=True).shape)
    assert got == expected == (2, 4, 5, 5)


def test_section_two_table_still_sums_to_20():
    # The previous chapter's step table (2 x tensor, reshape, sum) is checked
    # here too, since this chapter refers to it.
    from tensorguide.worked_examples import double_flatten_sum

    assert double_flatten_sum()[-1].result == "20"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_broadcasting_is_silent_in_every_framework(framework):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        if framework == "numpy":
            import numpy as np

            shape = (np.ones((3, 1)) - np.ones(3)).shape
        elif framework == "torch":
            import torch

            shape = tuple((torch.ones(3, 1) - torch.ones(3)).shape)
        else:
            import tensorflow as tf

            shape = tuple((tf.ones((3, 1)) - tf.ones(3)).shape)
    assert shape == (3, 3)

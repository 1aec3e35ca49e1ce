"""The chapter "Common tensor operations": its table and its claims."""

from __future__ import annotations

import pytest

from tensorguide import can_view, matmul_shape
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


def test_the_table_follows_its_input():
    # a = [[1, 2, 3, 4], [5, 6, 7, 8]]; b = a.reshape(4, 2) = [[1, 2], [3, 4], [5, 6], [7, 8]]
    rows = add_reshape_matmul_sum([[0, 1, 2, 3], [4, 5, 6, 7]])
    by_hand = [[1 * 1 + 2 * 3 + 3 * 5 + 4 * 7, 1 * 2 + 2 * 4 + 3 * 6 + 4 * 8],
               [5 * 1 + 6 * 3 + 7 * 5 + 8 * 7, 5 * 2 + 6 * 4 + 7 * 6 + 8 * 8]]
    assert rows[2].calculation == "b = a.reshape(4, 2)"
    assert rows[3].calculation == "(2, 4) @ (4, 2)"
    assert rows[3].operation.endswith("inner sizes 4 and 4 match")
    assert rows[4].result == str(by_hand).replace(" ", "")
    assert rows[5].result == str(sum(map(sum, by_hand)))


def test_the_table_needs_a_matrix():
    with pytest.raises(ShapeError, match=r"needs a 2-D input, got shape \(3,\)"):
        add_reshape_matmul_sum([1, 2, 3])


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
    # The previous chapter's step table (2 x tensor, reshape, sum), checked
    # here as well as in its own chapter's tests.
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


def test_mse_loss_warns_about_a_column_and_a_vector_and_still_broadcasts():
    # The gotcha "A column minus a vector": PyTorch's loss warns, the arithmetic does not.
    import torch

    predictions = torch.tensor([[1.0], [2.0], [3.0]])
    targets = torch.tensor([1.0, 2.0, 3.0])
    with pytest.warns(UserWarning, match="target size"):
        loss = torch.nn.functional.mse_loss(predictions, targets)
    assert loss.item() == pytest.approx(((predictions - targets) ** 2).mean().item())
    assert loss.item() > 0


@pytest.mark.parametrize("new_shape, is_view", [((2, 2, 3), True), ((12,), False)])
def test_reshape_after_transpose_copies_only_when_it_merges_the_swapped_axes(new_shape, is_view):
    import numpy as np
    import torch

    m = torch.arange(12).reshape(3, 4)
    t = m.T
    assert (t.shape, t.stride()) == ((4, 3), (1, 4))
    assert can_view(tuple(t.shape), t.stride(), new_shape) is is_view
    assert (t.reshape(new_shape).data_ptr() == m.data_ptr()) is is_view
    a = np.arange(12).reshape(3, 4)
    assert np.shares_memory(a, a.T.reshape(new_shape)) is is_view


def test_view_refuses_only_merges_of_the_swapped_axes():
    import torch

    transposed = torch.arange(12).reshape(3, 4).T
    assert transposed.view(2, 2, 3).data_ptr() == transposed.data_ptr()
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        transposed.view(12)


def test_tf_transpose_writes_a_new_row_major_tensor():
    import numpy as np
    import tensorflow as tf

    x = tf.reshape(tf.range(12.0), (3, 4))
    transposed = tf.transpose(x).numpy()
    assert transposed.flags.c_contiguous  # laid out row-major as (4, 3), not a strided view
    assert transposed.tolist() == np.arange(12.0).reshape(3, 4).T.tolist()


def test_torch_matmul_needs_one_dtype():
    import torch

    with pytest.raises(RuntimeError, match="same dtype"):
        torch.ones(8, 2, 3) @ torch.arange(12).reshape(3, 4)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_an_index_outside_the_shape_is_an_error(framework):
    if framework == "numpy":
        import numpy as np

        with pytest.raises(IndexError, match="out of bounds"):
            np.ones((2, 3))[2, 0]
    elif framework == "torch":
        import torch

        with pytest.raises(IndexError, match="out of bounds"):
            torch.ones(2, 3)[2, 0]
    else:
        import tensorflow as tf

        with pytest.raises(tf.errors.InvalidArgumentError, match="out of bounds"):
            tf.ones((2, 3))[2, 0]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_reshape_to_another_count_is_refused(framework):
    if framework == "numpy":
        import numpy as np

        with pytest.raises(ValueError, match="cannot reshape array of size 6"):
            np.arange(6).reshape(4, 2)
    elif framework == "torch":
        import torch

        with pytest.raises(RuntimeError, match="invalid for input of size 6"):
            torch.arange(6).reshape(4, 2)
    else:
        import tensorflow as tf

        with pytest.raises(tf.errors.InvalidArgumentError, match="6 values"):
            tf.reshape(tf.range(6), (4, 2))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_joining_needs_matching_sizes(framework):
    # concatenate: every axis but the joined one; stack: the whole shape
    if framework == "numpy":
        import numpy as np

        a, b = np.zeros((2, 3)), np.ones((2, 4))
        assert np.concatenate([a, b], axis=1).shape == (2, 7)
        with pytest.raises(ValueError):
            np.concatenate([a, b], axis=0)
        with pytest.raises(ValueError):
            np.stack([a, b])
    elif framework == "torch":
        import torch

        a, b = torch.zeros(2, 3), torch.ones(2, 4)
        assert torch.cat([a, b], dim=1).shape == (2, 7)
        with pytest.raises(RuntimeError, match="Sizes of tensors must match"):
            torch.cat([a, b], dim=0)
        with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
            torch.stack([a, b])
    else:
        import tensorflow as tf

        a, b = tf.zeros((2, 3)), tf.ones((2, 4))
        assert tuple(tf.concat([a, b], axis=1).shape) == (2, 7)
        with pytest.raises(tf.errors.InvalidArgumentError):
            tf.concat([a, b], axis=0)
        with pytest.raises(tf.errors.InvalidArgumentError):
            tf.stack([a, b])


def test_gradients_of_the_product_and_the_reshape():
    # The dropdown "How gradients flow through them": C = A B sends G B^T to A
    # and A^T G to B; a reshape sends G back in A's shape.
    import torch

    generator = torch.Generator().manual_seed(0)
    a = torch.randn(2, 3, generator=generator, requires_grad=True)
    b = torch.randn(3, 4, generator=generator, requires_grad=True)
    upstream = torch.randn(2, 4, generator=generator)
    ((a @ b) * upstream).sum().backward()
    assert torch.allclose(a.grad, upstream @ b.detach().T)
    assert torch.allclose(b.grad, a.detach().T @ upstream)

    v = torch.arange(6.0, requires_grad=True)
    (v.reshape(2, 3) * upstream[:, :3]).sum().backward()
    assert torch.equal(v.grad, upstream[:, :3].reshape(6))

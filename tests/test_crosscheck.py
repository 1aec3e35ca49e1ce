"""crosscheck: dtype-aware agreement across frameworks, and clear disagreement."""

from __future__ import annotations

import numpy as np
import pytest

from tensorguide.crosscheck import DisagreementError, assert_agree, tolerance


def test_three_frameworks_agree_on_a_matmul():
    import tensorflow as tf
    import torch

    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    assert_agree({
        "numpy": a @ a.T,
        "torch": torch.from_numpy(a) @ torch.from_numpy(a).T,
        "tensorflow": tf.matmul(a, a, transpose_b=True),
    })


def test_shapes_of_every_kind_compare_as_tuples():
    import tensorflow as tf
    import torch

    assert_agree({"numpy": (2, 3), "torch": torch.Size([2, 3]), "tensorflow": tf.TensorShape([2, 3])})


@pytest.mark.parametrize(
    "dtype, expected",
    [(np.float16, (1e-3, 1e-3)), (np.float32, (1e-5, 1e-6)), (np.float64, (1e-12, 1e-12)),
     (np.int32, (0.0, 0.0)), (np.bool_, (0.0, 0.0))],
    ids=["float16", "float32", "float64", "int32", "bool"],
)
def test_tolerance_follows_the_dtype(dtype, expected):
    assert tolerance(dtype) == expected


def test_float32_rounding_is_tolerated_but_a_real_difference_is_not():
    base = np.float32(1.0)
    assert_agree({"a": base, "b": base + np.float32(1e-7)})
    with pytest.raises(DisagreementError, match=r"b differs from a by up to 0\.001"):
        assert_agree({"a": base, "b": base + np.float32(1e-3)})


def test_integers_compare_exactly():
    with pytest.raises(DisagreementError):
        assert_agree({"a": np.array([1, 2]), "b": np.array([1, 3])})


def test_array_shapes_must_match():
    with pytest.raises(DisagreementError, match=r"b gives an array of shape \(3,\) but a gives \(2,\)"):
        assert_agree({"a": np.zeros(2), "b": np.zeros(3)})


def test_needs_two_results():
    with pytest.raises(ValueError, match="at least two frameworks"):
        assert_agree({"a": np.zeros(2)})

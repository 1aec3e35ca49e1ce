"""The chapter "TensorFlow operations for deep learning models": its
step-by-step tables row by row, and the claims the page states without
showing them in full: random numbers (dropout), a setup a page cannot show
(two devices), every cell of a rule, and the figures it must not repeat."""

from __future__ import annotations

import re

import numpy as np
import pytest
import tensorflow as tf

from tensorguide.conv import conv2d_param_count, conv_output_length, same_padding
from tensorguide.errors import ShapeError
from tensorguide.worked_examples import mse_sgd_step, sgd_updates
from tgdocs.site import DOCS

from .snippets import run_alone

PAGE = DOCS / "tensorflow" / "ops-for-models.md"
ERRATA = DOCS / "reference" / "errata" / "ops-for-models.md"


# --- the step-by-step tables ----------------------------------------------------


def test_mse_sgd_step_rows():
    rows = mse_sgd_step()
    assert [row.number for row in rows] == list(range(1, 10))
    assert [(row.calculation, row.result) for row in rows] == [
        ("2 * [1, 2] + (-1)", "[1, 3]"),
        ("[1, 3] - [2, 4]", "[-1, -1]"),
        ("[-1, -1] ** 2", "[1, 1]"),
        ("(1 + 1) / 2", "1"),
        ("2 * [-1, -1] / 2", "[-1, -1]"),
        ("(-1) * 1 + (-1) * 2", "-3"),
        ("(-1) + (-1)", "-2"),
        ("2 - 0.1 * (-3)", "2.3"),
        ("-1 - 0.1 * (-2)", "-0.8"),
    ]
    assert rows[3].operation == "Mean over N = 2: the MSE"
    assert rows[4].operation == "dL/dy_pred = 2 (y_pred - y_true) / N"
    assert [row.operation[:5] for row in rows[7:]] == ["SGD: ", "SGD: "]


def test_mse_sgd_step_gradients_come_from_the_tape():
    """Rows 5 to 7, GradientTape's numbers, equal the formulas in their
    operation column, computed here in float64 NumPy."""
    rows = mse_sgd_step()
    x, y, w, b = np.array([1.0, 2.0]), np.array([2.0, 4.0]), 2.0, -1.0
    grad_pred = 2 * (w * x + b - y) / x.size
    shown = [rows[4].result, rows[5].result, rows[6].result]
    assert shown == [f"[{', '.join(f'{g:g}' for g in grad_pred)}]",
                     f"{np.sum(grad_pred * x):g}", f"{np.sum(grad_pred):g}"]


def test_sgd_updates_rows():
    rows = sgd_updates(steps=3)
    assert [row.number for row in rows] == [1, 2, 3]
    assert [row.operation for row in rows] == [
        f"SGD step (iterations = {n})" for n in (1, 2, 3)
    ]
    assert [row.calculation for row in rows] == [
        "w 2 -> 2.3; b -1 -> -0.8",
        "w 2.3 -> 2.39; b -0.8 -> -0.73",
        "w 2.39 -> 2.414; b -0.73 -> -0.701",
    ]
    assert [row.result for row in rows] == [
        "loss 1 -> 0.145",
        "loss 0.145 -> 0.05905",
        "loss 0.05905 -> 0.04925",
    ]


def _sgd_by_hand(steps: int):
    """The same steps in float64 NumPy, from the formulas alone."""
    x, y = np.array([1.0, 2.0]), np.array([2.0, 4.0])
    w, b, lr = 2.0, -1.0, 0.1
    history = []
    for _ in range(steps):
        grad_pred = 2 * (w * x + b - y) / x.size
        w, b = w - lr * np.sum(grad_pred * x), b - lr * np.sum(grad_pred)
        history.append((w, b, np.mean((w * x + b - y) ** 2)))
    return history


def test_optimizer_steps_match_the_formulas():
    rows = sgd_updates(steps=3)
    for row, (w, b, loss) in zip(rows, _sgd_by_hand(3)):
        shown_w = float(row.calculation.split(";")[0].rsplit("->", 1)[1])
        shown_b = float(row.calculation.split(";")[1].rsplit("->", 1)[1])
        shown_loss = float(row.result.rsplit(" ", 1)[1])
        assert shown_w == pytest.approx(w, rel=1e-3)
        assert shown_b == pytest.approx(b, rel=1e-3)
        assert shown_loss == pytest.approx(loss, rel=1e-3)


def test_many_steps_reach_the_best_line():
    last = sgd_updates(steps=400)[-1]
    w = float(last.calculation.split(";")[0].rsplit("->", 1)[1])
    b = float(last.calculation.split(";")[1].rsplit("->", 1)[1])
    assert w == pytest.approx(2.0, abs=0.01)
    assert b == pytest.approx(0.0, abs=0.01)
    assert [w, b] == pytest.approx([_sgd_by_hand(400)[-1][0], _sgd_by_hand(400)[-1][1]], abs=1e-3)


def test_tables_are_deterministic():
    assert mse_sgd_step() == mse_sgd_step()
    assert sgd_updates(steps=3) == sgd_updates(steps=3)


def test_tables_render_as_markdown():
    markdown = mse_sgd_step()._repr_markdown_()
    assert "| 8 | SGD: w - lr * dL/dw | `2 - 0.1 * (-3)` | `2.3` |" in markdown


# --- the MSE and its gradient --------------------------------------------------


def test_keras_class_is_scalar_and_function_is_per_sample():
    rng = np.random.default_rng(0)
    y_true = rng.normal(size=(5, 3)).astype(np.float32)
    y_pred = rng.normal(size=(5, 3)).astype(np.float32)
    per_sample = tf.keras.losses.MSE(y_true, y_pred)
    scalar = tf.keras.losses.MeanSquaredError()(y_true, y_pred)
    assert per_sample.shape == (5,)
    assert scalar.shape == ()
    np.testing.assert_allclose(per_sample, ((y_pred - y_true) ** 2).mean(axis=-1), rtol=1e-6)
    np.testing.assert_allclose(scalar, ((y_pred - y_true) ** 2).mean(), rtol=1e-6)


def test_tf_keras_losses_lacks_mean_squared_error():
    import keras

    assert not hasattr(tf.keras.losses, "mean_squared_error")
    assert tf.keras.losses.MSE is keras.losses.mean_squared_error


@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_mse_gradient_has_the_one_over_n_factor(n):
    rng = np.random.default_rng(n)
    y_true = tf.constant(rng.normal(size=n).astype(np.float32))
    y_pred = tf.Variable(rng.normal(size=n).astype(np.float32))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(y_pred - y_true))
    expected = 2 * (y_pred.numpy() - y_true.numpy()) / n
    np.testing.assert_allclose(tape.gradient(loss, y_pred), expected, rtol=1e-5, atol=1e-7)


def test_broadcast_bug_gives_n_by_n_difference():
    y_true = tf.constant([2.0, 4.0, 6.0])
    y_pred = tf.constant([[1.0], [3.5], [7.0]])
    assert (y_pred - y_true).shape == (3, 3)
    assert float(tf.reduce_mean(tf.square(y_pred - y_true))) == pytest.approx(8.75)
    assert float(tf.keras.losses.MeanSquaredError()(y_true, y_pred)) == pytest.approx(0.75)


def test_clipping_keeps_a_nan():
    """The page says clipping cannot repair a nan: clip_by_value keeps it and
    clip_by_global_norm spreads it to every tensor."""
    nan = float("nan")
    by_value = tf.clip_by_value(tf.constant([nan, 5.0, -5.0]), -1.0, 1.0).numpy()
    assert np.isnan(by_value[0]) and by_value[1:].tolist() == [1.0, -1.0]
    clipped, norm = tf.clip_by_global_norm([tf.constant([nan, 1.0]), tf.constant([3.0])], 1.0)
    assert np.isnan(float(norm))
    assert all(np.isnan(t.numpy()).all() for t in clipped)


# --- input pipelines -----------------------------------------------------------


def test_drop_remainder_fixes_the_batch_axis():
    """The page: the batch axis is None because the last batch is smaller,
    and drop_remainder=True fixes it (and drops that batch)."""
    dataset = tf.data.Dataset.from_tensor_slices(tf.zeros((6, 2)))
    assert dataset.batch(4).element_spec.shape.as_list() == [None, 2]
    fixed = dataset.batch(4, drop_remainder=True)
    assert fixed.element_spec.shape.as_list() == [4, 2]
    assert [tuple(batch.shape) for batch in fixed] == [(4, 2)]


# --- dropout -----------------------------------------------------------------


@pytest.mark.parametrize("rate", [0.1, 0.25, 0.5, 0.8])
def test_dropout_scales_kept_units_and_keeps_the_right_fraction(rate):
    ones = tf.ones((1000, 1000))
    out = tf.keras.layers.Dropout(rate, seed=0)(ones, training=True).numpy()
    np.testing.assert_allclose(np.unique(out), [0.0, 1 / (1 - rate)], rtol=1e-6)
    kept = float((out > 0).mean())
    assert kept == pytest.approx(1 - rate, abs=0.005)
    assert float(out.mean()) == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize("rate", [0.25, 0.5])
def test_dropout_is_the_identity_at_inference(rate):
    x = tf.random.stateless_normal((50, 50), seed=(0, 1))
    layer = tf.keras.layers.Dropout(rate, seed=0)
    np.testing.assert_array_equal(layer(x), x)
    np.testing.assert_array_equal(layer(x, training=False), x)


def test_torch_dropout_uses_the_same_scaling():
    import torch

    torch.manual_seed(0)
    out = torch.nn.Dropout(p=0.25).train()(torch.ones(1000, 1000))
    np.testing.assert_allclose(torch.unique(out).numpy(), [0.0, 1 / 0.75], rtol=1e-6)
    assert float((out > 0).float().mean()) == pytest.approx(0.75, abs=0.005)


# --- convolutions --------------------------------------------------------------

CONV_PARAMS = [((3, 3), 3, 128), ((3, 3), 3, 64), ((5, 3), 16, 32), ((1, 1), 64, 8)]


@pytest.mark.parametrize("kernel, in_channels, filters", CONV_PARAMS)
def test_conv2d_params_keras_torch_and_formula_agree(kernel, in_channels, filters):
    import torch

    layer = tf.keras.layers.Conv2D(filters, kernel)
    layer.build((None, 32, 32, in_channels))
    torch_layer = torch.nn.Conv2d(in_channels, filters, kernel)
    expected = (kernel[0] * kernel[1] * in_channels + 1) * filters
    assert layer.count_params() == expected
    assert sum(p.numel() for p in torch_layer.parameters()) == expected
    assert conv2d_param_count(kernel, in_channels, filters) == expected


def test_conv2d_params_without_bias():
    layer = tf.keras.layers.Conv2D(128, 3, use_bias=False)
    layer.build((None, 8, 8, 3))
    assert layer.count_params() == conv2d_param_count(3, 3, 128, use_bias=False) == 3456


@pytest.mark.parametrize("size", [5, 7, 8, 11])
@pytest.mark.parametrize("kernel", [1, 3, 5])
@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_conv_output_length_matches_keras(size, kernel, stride, padding):
    layer = tf.keras.layers.Conv2D(2, kernel, strides=stride, padding=padding)
    out = layer(tf.zeros((1, size, size, 1)))
    expected = conv_output_length(size, kernel, stride, padding)
    assert tuple(out.shape[1:3]) == (expected, expected)


@pytest.mark.parametrize("size, kernel, stride", [(8, 3, 2), (7, 3, 1), (7, 3, 2), (6, 5, 1)])
def test_same_padding_matches_explicit_tf_padding(size, kernel, stride):
    """Padding by hand with same_padding() and then 'VALID' equals 'SAME'."""
    x = tf.random.stateless_normal((1, size, size, 1), seed=(2, 3))
    kernel_values = tf.random.stateless_normal((kernel, kernel, 1, 1), seed=(4, 5))
    before, after = same_padding(size, kernel, stride)
    padded = tf.pad(x, [[0, 0], [before, after], [before, after], [0, 0]])
    by_hand = tf.nn.conv2d(padded, kernel_values, strides=stride, padding="VALID")
    same = tf.nn.conv2d(x, kernel_values, strides=stride, padding="SAME")
    np.testing.assert_allclose(by_hand, same, rtol=1e-5, atol=1e-6)


def test_torch_needs_one_sided_padding_to_match_tf_same_with_stride():
    """Same shapes, different numbers with padding=1; equal with the padding
    TensorFlow uses, (0, 1) on each spatial axis."""
    import torch

    x = np.random.default_rng(0).normal(size=(1, 8, 8, 1)).astype(np.float32)
    k = np.random.default_rng(1).normal(size=(3, 3, 1, 1)).astype(np.float32)
    tf_out = tf.nn.conv2d(x, k, strides=2, padding="SAME").numpy()[0, :, :, 0]
    x_torch = torch.from_numpy(x).permute(0, 3, 1, 2)            # NHWC -> NCHW
    k_torch = torch.from_numpy(k).permute(3, 2, 0, 1)            # HWIO -> OIHW
    symmetric = torch.nn.functional.conv2d(x_torch, k_torch, stride=2, padding=1)[0, 0]
    before, after = same_padding(8, 3, stride=2)
    padded = torch.nn.functional.pad(x_torch, (before, after, before, after))
    one_sided = torch.nn.functional.conv2d(padded, k_torch, stride=2)[0, 0]
    assert symmetric.shape == one_sided.shape == tf_out.shape == (4, 4)
    assert not np.allclose(symmetric.numpy(), tf_out, atol=1e-3)
    np.testing.assert_allclose(one_sided.numpy(), tf_out, rtol=1e-5, atol=1e-5)


def test_conv_rules_reject_bad_input():
    with pytest.raises(ShapeError, match="does not fit"):
        conv_output_length(2, 3)
    with pytest.raises(ShapeError, match="padding must be one of"):
        conv_output_length(8, 3, padding="full")
    with pytest.raises(ShapeError, match="stride must be a positive integer"):
        conv_output_length(8, 3, stride=0)
    with pytest.raises(ShapeError, match=r"kernel_size must be k or \(kh, kw\)"):
        conv2d_param_count((3, 3, 3), 3, 8)


# --- the source's API names ----------------------------------------------------

NAMED_AND_PRESENT = [
    "nn.swish", "einsum", "clip_by_value", "expand_dims", "config.optimizer.set_jit",
    "matmul", "clip_by_global_norm", "nn.relu", "keras.layers.Dropout",
    "keras.layers.Conv2D", "keras.layers.ZeroPadding2D", "keras.optimizers.SGD",
    "data.experimental.assert_cardinality", "lite.TFLiteConverter", "saved_model.save",
    "data.AUTOTUNE", "distribute.MirroredStrategy", "while_loop", "data.Dataset.cache",
    "profiler.experimental.client.trace", "nn.conv3d", "signal.stft", "linalg.matvec",
    "GradientTape", "reduce_mean", "square",
]
NAMED_AND_MISSING = ["nn.zscore", "privacy", "qpu"]


def _lookup(dotted: str):
    obj = tf
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize("name", NAMED_AND_PRESENT)
def test_api_named_by_the_source_exists(name):
    assert _lookup(name) is not None


@pytest.mark.parametrize("name", NAMED_AND_MISSING)
def test_api_named_by_the_source_does_not_exist(name):
    with pytest.raises(AttributeError):
        _lookup(name)


@pytest.mark.slow  # a process of its own, with TensorFlow
def test_mirrored_strategy_copies_every_variable():
    """With two (logical CPU) devices, a MirroredStrategy variable is stored
    twice, in full: data parallelism does not shrink a model per device."""
    code = (
        "import tensorflow as tf\n"
        "cpu = tf.config.list_physical_devices('CPU')[0]\n"
        "tf.config.set_logical_device_configuration(\n"
        "    cpu, [tf.config.LogicalDeviceConfiguration()] * 2)\n"
        "strategy = tf.distribute.MirroredStrategy(['/cpu:0', '/cpu:1'])\n"
        "with strategy.scope():\n"
        "    v = tf.Variable(tf.zeros((1000,)))\n"
        "copies = v.values\n"
        "print(strategy.num_replicas_in_sync, len(copies),\n"
        "      sorted(c.device.rsplit(':', 1)[1] for c in copies), [int(tf.size(c)) for c in copies])\n"
    )
    outcome = run_alone(code, "mirrored")  # a new process: devices are configured before first use
    assert outcome.ok, outcome.report
    assert outcome.report.strip().splitlines()[-1] == "2 2 ['0', '1'] [1000, 1000]"


# Figures the errata list as invented (E9.14, E9.09, E9.10), as they quote them.
INVENTED_FIGURES = ("3,648", "1,824", "45% accuracy", "perplexity >1000", "70% accuracy drop",
                    "loss variance ↓ 30%", "final accuracy +2%", "GPU usage ↓40%", "<100 samples",
                    ">1k iterations", "80% GPU")


@pytest.mark.parametrize("figure", INVENTED_FIGURES)
def test_page_keeps_no_invented_figures(figure):
    """An invented figure is quoted on the errata page and nowhere in the
    chapter, however it is spaced."""
    def squeezed(text):
        return re.sub(r"\s", "", text)

    assert squeezed(figure) in squeezed(ERRATA.read_text(encoding="utf-8")), (
        f"{figure!r} is not quoted; update this test")
    assert squeezed(figure) not in squeezed(PAGE.read_text(encoding="utf-8")), (
        f"{figure!r} is stated on the page")

"""The chapter "Broadcasting and its importance in deep learning": its worked
example, the helpers it repairs, and the claims its errata rest on.

The helpers are taken from the pages themselves (the chapter, or its errata
page for the original's code), so the code a reader sees is the code these
tests run.
"""

from __future__ import annotations

import doctest
import re

import numpy as np
import pytest

from tensorguide import BroadcastError, Layout, broadcast_shapes, explain_broadcast
from tensorguide.crosscheck import comparable
from tensorguide.worked_examples import broadcast_row_add
from tgdocs.blocks import code_blocks
from tgdocs.site import DOCS

PAGE = DOCS / "pytorch" / "broadcasting.md"
ERRATA = DOCS / "reference" / "errata" / "broadcasting.md"

# Shapes that broadcast by the rule but that the source's helper rejected.
REJECTED_BY_SOURCE = [
    ((3, 1), (1, 4)),      # a column plus a row
    ((1,), (3,)),          # a single element stretched in x
    ((3, 1), (3, 4)),      # size-1 stretching in x
    ((2, 3), (1, 3)),      # a size-1 axis in y where x has more
    ((2, 3), ()),          # a scalar y: x.shape[-0:] is the whole shape
    ((3,), (2, 3)),        # the lower-rank tensor first
    ((2, 1, 4), (3, 1)),   # both inputs stretched
    ((4, 1, 3), (1, 5, 1)),
]


def _id(case):
    return " + ".join(str(shape) for shape in case)


def _doctest_code(source: str) -> list[str]:
    """The source of each example of a doctest block, in order."""
    return [example.source for example in doctest.DocTestParser().get_examples(source)]


def _page_blocks_defining(name: str):
    """Code blocks of the chapter and its errata that define ``name`` (a def or a class)."""
    pattern = re.compile(rf"^>>> (def|class) {name}\(", re.M)
    return [
        block
        for page in (PAGE, ERRATA)
        for block in code_blocks(page)
        if block.is_python and pattern.search(block.source)
    ]


def _definitions_only(source: str) -> dict:
    """Run the imports and definitions of a doctest block, not its calls."""
    namespace: dict = {"__name__": "__main__"}
    for code in _doctest_code(source):
        if code.startswith(("import ", "from ", "def ", "class ")):
            exec(compile(code, str(PAGE), "exec"), namespace)
    return namespace


def _fixed_helpers() -> dict[str, object]:
    helpers = {}
    for block in _page_blocks_defining("broadcast_add"):
        helpers[block.tab] = _definitions_only(block.source)["broadcast_add"]
    return helpers


def _operand(shape, offset=0):
    return (np.arange(int(np.prod(shape)), dtype=np.float32) + offset).reshape(shape)


def _as_framework(framework, array):
    if framework == "numpy":
        return array
    if framework == "pytorch":
        import torch

        return torch.as_tensor(array)
    import tensorflow as tf

    return tf.constant(array)


# --- the worked example --------------------------------------------------------


def test_broadcast_row_add_rows():
    rows = broadcast_row_add()
    assert [row.number for row in rows] == list(range(1, 11))
    assert [row.result for row in rows] == [
        "(2, 3)",
        "[[10,20,30]]",
        "[[10,20,30],[10,20,30]]",
        "11", "22", "33", "14", "25", "36",
        "[[11,22,33],[14,25,36]]",
    ]
    assert [row.calculation for row in rows[3:9]] == [
        "1 + 10", "2 + 20", "3 + 30", "4 + 10", "5 + 20", "6 + 30",
    ]
    assert rows[0].calculation == "broadcast_shapes((2, 3), (3,))"


def test_broadcast_row_add_strides_are_zero_along_the_stretched_axis():
    step = broadcast_row_add()[2]
    assert "strides (0, 1)" in step.operation
    assert Layout.row_major((1, 3)).expand(2, 3).strides == (0, 1)


# --- the source's helper and its repair -----------------------------------------


@pytest.mark.parametrize("case", REJECTED_BY_SOURCE, ids=_id)
def test_source_helper_rejects_valid_broadcasts(case):
    (block,) = _page_blocks_defining("source_broadcast_add")
    source_broadcast_add = _definitions_only(block.source)["source_broadcast_add"]
    x, y = _operand(case[0]), _operand(case[1], offset=10)
    assert (x + y).shape == broadcast_shapes(*case)  # NumPy and the rule accept it
    with pytest.raises(AssertionError):
        source_broadcast_add(x, y)


def test_page_shows_the_fix_in_every_framework():
    assert set(_fixed_helpers()) == {"numpy", "pytorch", "tensorflow"}


@pytest.mark.parametrize("framework", ["numpy", "pytorch", "tensorflow"])
@pytest.mark.parametrize("case", REJECTED_BY_SOURCE, ids=_id)
def test_fixed_broadcast_add_matches_numpy(framework, case):
    broadcast_add = _fixed_helpers()[framework]
    x, y = _operand(case[0]), _operand(case[1], offset=10)
    result = broadcast_add(_as_framework(framework, x), _as_framework(framework, y))
    np.testing.assert_array_equal(comparable(result), x + y)


@pytest.mark.parametrize("framework", ["numpy", "pytorch", "tensorflow"])
def test_fixed_broadcast_add_names_both_shapes_and_the_axis(framework):
    broadcast_add = _fixed_helpers()[framework]
    x, y = _as_framework(framework, _operand((2, 1, 3))), _as_framework(framework, _operand((4, 2)))
    with pytest.raises(BroadcastError, match=r"^cannot broadcast \(2, 1, 3\) with \(4, 2\): axis -1 has 3 vs 2$"):
        broadcast_add(x, y)


# --- the source's BroadcastLinear -------------------------------------------------


@pytest.mark.parametrize("batch, seq", [(1, 1), (2, 5), (3, 7)])
def test_broadcast_linear_shapes_and_unneeded_unsqueeze(batch, seq):
    torch = pytest.importorskip("torch")
    (block,) = _page_blocks_defining("BroadcastLinear")
    BroadcastLinear = _definitions_only(block.source)["BroadcastLinear"]
    torch.manual_seed(0)
    layer = BroadcastLinear(4, 3)
    x = torch.randn(batch, seq, 4)
    out = layer(x)
    assert tuple(out.shape) == (batch, seq, 3)
    products = torch.einsum("bsi,oi->bso", x, layer.weight)
    assert torch.equal(out, products + layer.bias)  # the unsqueeze(0) changes nothing
    torch.testing.assert_close(out, torch.nn.functional.linear(x, layer.weight, layer.bias))


# --- expand, repeat, broadcast_to -------------------------------------------------

EXPANSIONS = [((3, 1), (3, 4)), ((3,), (2, 3)), ((1, 4, 1), (5, 4, 6)), ((2, 1), (7, 2, 3))]


@pytest.mark.parametrize("shape, target", EXPANSIONS, ids=lambda v: str(v))
def test_expand_strides_and_memory(shape, target):
    torch = pytest.importorskip("torch")
    base = torch.zeros(shape)
    expanded = base.expand(*target)
    assert expanded.stride() == Layout.row_major(shape).expand(*target).strides
    assert torch.broadcast_to(base, target).stride() == expanded.stride()
    assert expanded.untyped_storage().nbytes() == base.numel() * base.element_size()
    repeats = (1,) * (len(target) - len(shape)) + shape
    repeated = base.repeat(*(t // s for t, s in zip(target, repeats)))
    assert tuple(repeated.shape) == target
    assert repeated.untyped_storage().nbytes() == int(np.prod(target)) * base.element_size()


@pytest.mark.parametrize("shape, target", EXPANSIONS, ids=lambda v: str(v))
def test_numpy_broadcast_to_has_zero_strides_where_stretched(shape, target):
    view = np.broadcast_to(np.zeros(shape, dtype=np.float32), target)
    predicted = Layout.row_major(shape).expand(*target).strides
    assert tuple(s // view.itemsize for s in view.strides) == predicted
    assert not view.flags.writeable


# --- gradients ---------------------------------------------------------------------

GRADIENT_CASES = [((2, 3), (3,)), ((2, 3), (2, 1)), ((4, 2, 3), (2, 1)), ((4, 2, 3), (1, 1, 3)), ((5,), ())]


def _sum_over_expanded_axes(upstream: np.ndarray, big: tuple, small: tuple) -> np.ndarray:
    axes = explain_broadcast(big, small).expanded_axes(1)
    return upstream.sum(axis=axes, keepdims=True).reshape(small)


@pytest.mark.parametrize("framework", ["torch", "tensorflow"])
@pytest.mark.parametrize("big, small", GRADIENT_CASES, ids=lambda v: str(v))
def test_gradient_of_a_broadcast_is_the_sum_over_expanded_axes(framework, big, small):
    upstream = _operand(big, offset=1)
    expected = _sum_over_expanded_axes(upstream, big, small)
    if framework == "torch":
        torch = pytest.importorskip("torch")
        parameter = torch.zeros(small, requires_grad=True)
        ((torch.zeros(big) + parameter) * torch.as_tensor(upstream)).sum().backward()
        gradient = parameter.grad.numpy()
    else:
        tf = pytest.importorskip("tensorflow")
        parameter = tf.Variable(tf.zeros(small))
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum((tf.zeros(big) + parameter) * upstream)
        gradient = tape.gradient(loss, parameter).numpy()
    assert gradient.shape == small
    np.testing.assert_allclose(gradient, expected)


# --- masks and normalisation ----------------------------------------------------------


@pytest.mark.parametrize("batch, heads, length", [(2, 4, 5), (3, 1, 3), (1, 8, 16)])
def test_mask_shapes_follow_the_rule(batch, heads, length):
    torch = pytest.importorskip("torch")
    scores = torch.zeros(batch, heads, length, length)
    padding = torch.zeros(batch, 1, 1, length)
    causal = torch.full((length, length), float("-inf")).triu(1)
    assert tuple((scores + padding + causal).shape) == broadcast_shapes(
        scores.shape, padding.shape, causal.shape
    ) == (batch, heads, length, length)


def test_per_channel_parameters_need_channel_axis_one_in_pytorch():
    torch = pytest.importorskip("torch")
    images = torch.randn(2, 3, 4, 5, generator=torch.Generator().manual_seed(0))
    gamma = torch.tensor([1.0, 2.0, 3.0])
    with pytest.raises(RuntimeError):
        images * gamma
    scaled = images * gamma.reshape(3, 1, 1)
    for channel in range(3):
        torch.testing.assert_close(scaled[:, channel], images[:, channel] * gamma[channel])


# --- the page's tables ----------------------------------------------------------------


def test_cross_realm_tables_are_merged():
    text = PAGE.read_text(encoding="utf-8")
    assert len(re.findall(r"^\| Realm \|", text, re.M)) == 1
    table = text.split("| Realm |", 1)[1].split("\n\n", 1)[0]
    for realm in ("Mathematics", "Machine learning", "Deep learning", "Language models"):
        assert f"| {realm} |" in table


# Outcomes the original reported for experiments nobody ran (errata E6.17).
INVENTED_OUTCOMES = ["15%", "2-4×", "2–4×", "0.8 → 1.2", "μ > 10", "mu > 10"]


def test_invented_outcomes_stay_out_of_the_chapter():
    text = PAGE.read_text(encoding="utf-8")
    assert [claim for claim in INVENTED_OUTCOMES if claim in text] == []


# --- activations with parameters --------------------------------------------------------


@pytest.mark.parametrize("channels", [1, 3, 5])
def test_prelu_broadcasts_one_slope_per_channel(channels):
    torch = pytest.importorskip("torch")
    prelu = torch.nn.PReLU(channels)
    with torch.no_grad():
        prelu.weight.copy_(torch.arange(1.0, channels + 1) / 10)
    x = torch.randn(2, channels, 4, 5, generator=torch.Generator().manual_seed(0))
    slope = prelu.weight.detach().reshape(channels, 1, 1)
    assert torch.equal(prelu(x), torch.where(x >= 0, x, slope * x))


# --- what each library says when the rule refuses ---------------------------------------


def test_tensorflow_names_both_shapes_when_the_rule_refuses():
    tf = pytest.importorskip("tensorflow")
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[2,3\] vs\. \[4\]"):
        tf.ones((2, 3)) + tf.ones(4)


def test_mse_loss_warns_but_broadcasts_predictions_against_targets():
    torch = pytest.importorskip("torch")
    predictions, targets = torch.arange(4.0).reshape(4, 1), torch.arange(4.0)
    with pytest.warns(UserWarning, match="likely lead to incorrect results due to broadcasting"):
        loss = torch.nn.functional.mse_loss(predictions, targets)
    assert torch.equal(loss, ((predictions - targets) ** 2).mean())
    assert loss > 0

"""tensorguide.figures: each picture shows what the rule computes, and says it."""

from __future__ import annotations

import re
from html import escape

import numpy as np
import pytest

from tensorguide import ShapeError, figures
from tensorguide.figures.svg import MAX_WIDTH

CALLS = [
    figures.broadcast((3, 1), (1, 4)),
    figures.broadcast((2, 3), (4,)),
    figures.layout((4, 6), "[1:, ::2]"),
    figures.layout((3, 1), "expand(3, 4)"),
    figures.ladder(),
    figures.matmul((32, 784), (784, 10)),
    figures.reduce((2, 3), 1),
    figures.reshape((2, 6), (3, -1)),
    figures.arrays(("x", np.arange(6).reshape(2, 3)), ("x.T", np.arange(6).reshape(2, 3).T)),
    figures.events([("call 1", True), ("call 2", False)]),
]


def texts(figure):
    return re.findall(r"<text[^>]*>([^<]*)</text>", figure.svg)


def width(figure):
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', figure.svg).group(1))


@pytest.mark.parametrize("figure", CALLS, ids=lambda f: f.alt[:40])
def test_every_figure_is_labelled_and_fits_a_phone(figure):
    assert figure.svg.startswith("<svg") and f"<title>{escape(figure.alt)}</title>" in figure.svg
    assert 'role="img"' in figure.svg
    assert width(figure) <= MAX_WIDTH + 16


def test_broadcast_draws_the_sum_and_marks_stretched_copies():
    figure = figures.broadcast((3, 1), (1, 4))
    a = np.arange(1, 4).reshape(3, 1)
    b = 10 * np.arange(1, 5).reshape(1, 4)
    result = [str(v) for v in (a + b).ravel()]
    assert texts(figure)[-len(result) - 1:-1] == result   # the grid, then its subtitle
    assert figure.svg.count('class="tg-ghost"') == 2 * ((3 * 4 - 3) + (3 * 4 - 4))
    assert "axis -1 (1 -> 4)" in figure.alt and "axis -2 (1 -> 3)" in figure.alt


def test_broadcast_counterexample_names_the_axis():
    figure = figures.broadcast((2, 3), (4,))
    assert "does not broadcast: axis -1 has sizes 3 vs 4" in figure.alt
    assert 'class="tg-bad"' in figure.svg


def test_layout_reads_the_offsets_the_strides_give():
    figure = figures.layout((2, 3), "transpose(0, 1)")
    assert "strides (1, 3)" in figure.alt and "0, 3, 1, 4, 2, 5" in figure.alt
    assert texts(figure)[1:7] == ["0", "3", "1", "4", "2", "5"]
    assert "not contiguous" in figure.alt


def test_matmul_result_shape_and_mismatch():
    assert "gives shape (2, 5, 3, 6)" in figures.matmul((2, 1, 3, 4), (5, 4, 6)).alt
    failed = figures.matmul((2, 3), (4, 5))
    assert "fails" in failed.alt and "axis -1" in failed.alt


def test_reduce_sums_along_the_axis():
    assert "holds 3, 12" in figures.reduce((2, 3), 1).alt
    with pytest.raises(ShapeError, match=r"reduce: axis 2 is out of range for shape \(2, 3\)"):
        figures.reduce((2, 3), 2)


def test_bad_views_raise_the_rules_errors():
    with pytest.raises(ShapeError, match="permute"):
        figures.layout((2, 3), "permute(0, 0)")
    with pytest.raises(ShapeError, match="reshape"):
        figures.reshape((2, 3), (4, 2))


def test_long_axes_are_cut_in_the_picture_and_said_so():
    figure = figures.broadcast((32, 10), (10,))
    assert "shows at most its first 6 cells" in figure.alt
    assert height(figure) < 400
    storage = figures.layout((2, 3, 4))   # the storage strip is never cut
    assert [str(k) for k in range(24)] == [t for t in texts(storage) if t.isdigit()][-24:]


def height(figure):
    return float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', figure.svg).group(1))

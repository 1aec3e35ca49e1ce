"""Every error tensorguide raises for bad input: type, exact message, and the
operation / shapes / axis it carries."""

from __future__ import annotations

import pytest

from tensorguide import (
    BroadcastError,
    Layout,
    ShapeError,
    TensorGuideError,
    broadcast_shapes,
    index_shape,
    is_contiguous,
    matmul_shape,
    reshape_shape,
    view_strides,
)
from tensorguide.conv import conv_output_length
from tensorguide.shapes import as_index, as_shape
from tensorguide.slicing import slice_span

CASES = {
    # id: (call, error type, message, op, axis)
    "broadcast-conflict": (lambda: broadcast_shapes((2, 3), (4,)), BroadcastError,
                           "cannot broadcast (2, 3) with (4,): axis -1 has 3 vs 4", "broadcast", -1),
    "broadcast-none": (lambda: broadcast_shapes(), BroadcastError,
                       "broadcast: needs at least one shape", "broadcast", None),
    "shape-negative": (lambda: as_shape((2, -3), op="demo"), ShapeError,
                       "demo: shape (2, -3) has a negative size -3 at axis 1", "demo", 1),
    "shape-float": (lambda: as_shape((2.0,), op="demo"), ShapeError,
                    "demo: shape (2.0,) has a non-integer size 2.0 at axis 0", "demo", 0),
    "shape-bool": (lambda: as_shape((False,), op="demo"), ShapeError,
                   "demo: shape (False,) has a boolean False at axis 0", "demo", 0),
    "shape-string": (lambda: as_shape("23", op="demo"), ShapeError,
                     "demo: a shape must be a sequence of integers, got '23'", "demo", None),
    "shape-scalar": (lambda: as_shape(3, op="demo"), ShapeError,
                     "demo: a shape must be a sequence of integers, got 3", "demo", None),
    "index-entry": (lambda: as_index((0, None), op="demo"), ShapeError,
                    "demo: index (0, None) has a non-integer entry None at position 1", "demo", None),
    "reshape-count": (lambda: reshape_shape((2, 3), (4, 2)), ShapeError,
                      "cannot reshape (2, 3) (6 elements) into (4, 2) (8 elements)", "reshape", None),
    "reshape-two-unknown": (lambda: reshape_shape((2, 3), (-1, 3, -1)), ShapeError,
                            "reshape: (-1, 3, -1) has -1 on axes 0 and 2; only one size can be inferred",
                            "reshape", 2),
    "reshape-unknown-of-empty": (lambda: reshape_shape((0, 3), (0, -1)), ShapeError,
                                 "reshape: cannot infer -1 in (0, -1): the other sizes multiply to 0, "
                                 "so any size would do", "reshape", 1),
    "reshape-not-multiple": (lambda: reshape_shape((2, 3), (4, -1)), ShapeError,
                             "cannot reshape (2, 3) (6 elements) into (4, -1): 6 is not a multiple of 4",
                             "reshape", 1),
    "reshape-minus-two": (lambda: reshape_shape((2, 3), (-2, -3)), ShapeError,
                          "reshape: shape (-2, -3) has a negative size -2 at axis 0", "reshape", 0),
    "view-count": (lambda: view_strides((2, 3), (3, 1), (5,)), ShapeError,
                   "cannot reshape (2, 3) (6 elements) into (5,) (5 elements)", "reshape", None),
    "strides-length": (lambda: is_contiguous((2, 3), (1,)), ShapeError,
                       "is_contiguous: shape (2, 3) has 2 axes but strides (1,) has 1",
                       "is_contiguous", None),
    "strides-type": (lambda: is_contiguous((2,), "x"), ShapeError,
                     "is_contiguous: strides must be a sequence of integers, got 'x'", "is_contiguous", None),
    "permute-not-permutation": (lambda: Layout.row_major((2, 3)).permute(0, 0), ShapeError,
                                "permute: dims (0, 0) are not a permutation of the 2 axes of shape (2, 3)",
                                "permute", None),
    "permute-axis-range": (lambda: Layout.row_major((2, 3)).permute(0, 2), ShapeError,
                           "permute: axis 2 is out of range for shape (2, 3) (valid: -2 to 1)", "permute", 2),
    "transpose-axis-type": (lambda: Layout.row_major((2, 3)).transpose(0, "1"), ShapeError,
                            "transpose: axis must be an integer, got '1'", "transpose", None),
    "expand-not-one": (lambda: Layout.row_major((3, 2)).expand(3, 4), ShapeError,
                       "expand: cannot expand shape (3, 2) to (3, 4): axis -1 has size 2, which is not 1",
                       "expand", -1),
    "expand-fewer-axes": (lambda: Layout.row_major((3, 2)).expand(2), ShapeError,
                          "expand: target (2,) has fewer axes than shape (3, 2)", "expand", None),
    "expand-new-minus-one": (lambda: Layout.row_major((3,)).expand(-1, 3), ShapeError,
                             "expand: -1 is not allowed for the new leading axis 0 of (-1, 3)", "expand", 0),
    "offset-length": (lambda: Layout.row_major((2, 3)).offset_of((1,)), ShapeError,
                      "offset_of: index (1,) has 1 entries for shape (2, 3) with 2 axes", "offset_of", None),
    "offset-range": (lambda: Layout.row_major((2, 3)).offset_of((0, 3)), ShapeError,
                     "offset_of: index 3 is out of range for axis 1 of shape (2, 3) (size 3)", "offset_of", 1),
    "index-range": (lambda: index_shape((2, 3), (0, 3)), ShapeError,
                    "index: index 3 is out of range for axis 1 of shape (2, 3) (valid: -3 to 2)", "index", 1),
    "index-zero-step": (lambda: index_shape((2, 3), (slice(None), slice(None, None, 0))), ShapeError,
                        "index: slice step cannot be zero (axis 1 of shape (2, 3))", "index", 1),
    "index-negative-step-torch": (lambda: index_shape((4,), slice(None, None, -2), framework="torch"),
                                  ShapeError,
                                  "index: PyTorch does not support negative steps (step -2 on axis 0 of "
                                  "shape (4,)); use torch.flip", "index", 0),
    "index-too-many": (lambda: index_shape((2,), (0, 0)), ShapeError,
                       "index: key [0, 0] indexes 2 axes but shape (2,) has only 1", "index", None),
    "index-two-ellipsis": (lambda: index_shape((2, 3), (Ellipsis, Ellipsis)), ShapeError,
                           "index: key [..., ...] has more than one Ellipsis", "index", None),
    "index-advanced": (lambda: index_shape((2, 3), [0, 1]), ShapeError,
                       "index: [0, 1] in key [[0, 1]] is not an integer, slice, None or Ellipsis "
                       "(arrays and masks are advanced indexing)", "index", 0),
    "index-bool": (lambda: index_shape((2, 3), True), ShapeError,
                   "index: True in key [True] is not an integer, slice, None or Ellipsis "
                   "(arrays and masks are advanced indexing)", "index", 0),
    "slice-bound-type": (lambda: slice_span(5, slice(0.5, None)), ShapeError,
                         "index: slice start must be an integer or None, got 0.5 on axis 0", "index", 0),
    # a bool is an int to Python but never a size, index, stride or count (shapes.as_int)
    "slice-bound-bool": (lambda: slice_span(5, slice(True, None)), ShapeError,
                         "index: slice start must be an integer or None, got True on axis 0", "index", 0),
    "strides-bool": (lambda: is_contiguous((2,), (True,)), ShapeError,
                     "is_contiguous: strides must be a sequence of integers, got (True,)",
                     "is_contiguous", None),
    "conv-bool": (lambda: conv_output_length(True, 1), ShapeError,
                  "conv: size must be an integer, got True", "conv", None),
    "matmul-inner": (lambda: matmul_shape((3, 4), (5, 6)), ShapeError,
                     "cannot matmul (3, 4) with (5, 6): axis -1 of the first has 4 but axis -2 of the "
                     "second has 5", "matmul", -1),
    "matmul-vector-inner": (lambda: matmul_shape((3, 4), (5,)), ShapeError,
                            "cannot matmul (3, 4) with (5,): axis -1 of the first has 4 but axis -1 of the "
                            "second has 5", "matmul", -1),
    "matmul-scalar": (lambda: matmul_shape((), (3,)), ShapeError,
                      "matmul: the first operand is 0-d (shape ()); matmul needs at least one axis",
                      "matmul", None),
    "matmul-batch": (lambda: matmul_shape((2, 3, 4), (5, 4, 6)), ShapeError,
                     "cannot matmul (2, 3, 4) with (5, 4, 6): the batch axes (2,) and (5,) do not "
                     "broadcast (axis -3 has 2 vs 5)", "matmul", -3),
}


@pytest.mark.parametrize("call, kind, message, op, axis", CASES.values(), ids=CASES.keys())
def test_error(call, kind, message, op, axis):
    with pytest.raises(kind) as info:
        call()
    err = info.value
    assert str(err) == message
    assert isinstance(err, TensorGuideError) and isinstance(err, ValueError)
    assert err.op == op
    assert err.axis == axis


def test_shape_errors_carry_the_shapes():
    with pytest.raises(ShapeError) as info:
        matmul_shape((3, 4), (5, 6))
    assert info.value.shapes == ((3, 4), (5, 6))

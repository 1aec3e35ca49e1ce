"""Fuzzing the public API and the CLI with nonsense.

Whatever a caller passes, tensorguide either returns a well-formed answer or
raises one of its documented errors (a :class:`TensorGuideError`, a
``ValueError``; adapters raise ``TypeError`` for non-tensors) with a message
that names the operation.  Never another exception, never a crash, never a
malformed result.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tensorguide import (
    Layout,
    TensorGuideError,
    broadcast_shapes,
    explain_broadcast,
    index_shape,
    is_contiguous,
    matmul_shape,
    reshape_shape,
    row_major_strides,
    view_strides,
)
from tensorguide.cli import main, parse_shape

garbage = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
        st.text(max_size=6), st.binary(max_size=4), st.just(Ellipsis), st.just(slice(None)),
        st.complex_numbers(),
    ),
    lambda children: st.one_of(st.lists(children, max_size=4), st.tuples(children, children),
                               st.lists(children, max_size=3).map(tuple)),
    max_leaves=8,
)
# shapes that are almost right: huge, empty, negative and odd sizes
nearly_shapes = st.lists(st.one_of(st.integers(-3, 10**12), st.sampled_from([0, 1, -1])),
                         max_size=5).map(tuple)
anything = st.one_of(garbage, nearly_shapes)

OPERATIONS = {
    "broadcast": lambda a, b: broadcast_shapes(a, b),
    "explain_broadcast": lambda a, b: explain_broadcast(a, b),
    "reshape": lambda a, b: reshape_shape(a, b),
    "view": lambda a, b: view_strides(a, row_major_strides(a) if _ints(a) else b, b),
    "matmul": lambda a, b: matmul_shape(a, b),
    "index": lambda a, b: index_shape(a, b),
    "is_contiguous": lambda a, b: is_contiguous(a, b),
    "layout": lambda a, b: Layout(a, b),
    "permute": lambda a, b: Layout.row_major(a).permute(*(b if isinstance(b, tuple) else (b,))),
    "expand": lambda a, b: Layout.row_major(a).expand(*(b if isinstance(b, tuple) else (b,))),
    "offset_of": lambda a, b: Layout.row_major(a).offset_of(b),
}


def _ints(value) -> bool:
    return isinstance(value, tuple) and all(type(v) is int and v >= 0 for v in value)


def _well_formed(result) -> bool:
    if isinstance(result, tuple):
        return all(type(v) is int for v in result)
    return result is None or isinstance(result, (Layout, bool, int)) or hasattr(result, "rows")


@pytest.mark.parametrize("name", OPERATIONS)
@settings(max_examples=150)  # per operation: 1650 calls in all
@given(a=anything, b=anything)
def test_api_answers_or_raises_a_documented_error(name, a, b):
    try:
        result = OPERATIONS[name](a, b)
    except TensorGuideError as err:
        assert str(err), "an error must say what was wrong"
        assert isinstance(err, ValueError)
    else:
        assert _well_formed(result), f"{name}({a!r}, {b!r}) returned {result!r}"


@given(text=st.text(max_size=20))
def test_shape_parser_reads_or_says_why(text):
    import argparse

    try:
        shape = parse_shape(text)
    except argparse.ArgumentTypeError as err:
        assert "not a shape" in str(err)
    else:
        assert all(type(v) is int for v in shape)


@given(args=st.lists(st.one_of(st.sampled_from(["broadcast", "reshape", "matmul", "device", "--help"]),
                               st.text(max_size=8), nearly_shapes.map(lambda s: ",".join(map(str, s)))),
                     max_size=4))
def test_cli_exits_with_0_1_or_2(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(args)
        except SystemExit as exit_:
            status = exit_.code
    assert status in (0, 1, 2)
    if status == 1:
        assert err.getvalue().startswith("tensorguide ") and "error: " in err.getvalue()

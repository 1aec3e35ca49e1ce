"""The broadcast rule: messages, and agreement with the frameworks."""

from __future__ import annotations

import pytest

from tensorguide import BroadcastError, ShapeError, broadcast_shapes, explain_broadcast

from .frameworks import FRAMEWORKS, framework_broadcast

CASES = [
    ((8, 1, 6, 1), (7, 1, 5)),
    ((3, 4), (4,)),
    ((3, 1), (1, 4)),
    ((), (2, 3)),
    ((5, 0), (1,)),
    ((2, 3), (4,)),
    ((2, 1), (8, 4, 3)),
    ((1,), (0,)),
]


def _id(case):
    return " + ".join(str(shape) for shape in case)


def test_message_names_both_shapes_and_the_axis():
    with pytest.raises(BroadcastError) as info:
        broadcast_shapes((2, 3), (4,))
    assert str(info.value) == "cannot broadcast (2, 3) with (4,): axis -1 has 3 vs 4"
    assert info.value.axis == -1
    assert info.value.shapes == ((2, 3), (4,))


def test_message_with_three_shapes_names_the_conflicting_pair():
    with pytest.raises(BroadcastError, match=r"^cannot broadcast \(5, 1\) with \(3, 7\): axis -2 has 5 vs 3$"):
        broadcast_shapes((5, 1), (1, 7), (3, 7))


@pytest.mark.parametrize(
    "bad, message",
    [
        (((2, -1), (2,)), "broadcast: shape (2, -1) has a negative size -1 at axis 1"),
        (((2, 1.5),), "broadcast: shape (2, 1.5) has a non-integer size 1.5 at axis 1"),
        (("23",), "broadcast: a shape must be a sequence of integers, got '23'"),
        (((True, 2),), "broadcast: shape (True, 2) has a boolean True at axis 0"),
        ((), "broadcast: needs at least one shape"),
    ],
    ids=["negative", "float", "string", "bool", "nothing"],
)
def test_bad_input_gets_a_clear_error(bad, message):
    with pytest.raises(ShapeError) as info:
        broadcast_shapes(*bad)
    assert str(info.value) == message


def test_explanation_marks_expanded_axes():
    explanation = explain_broadcast((8, 1, 6, 1), (7, 1, 5))
    assert explanation.result == (8, 7, 6, 5)
    assert explanation.expanded_axes(0) == (-3, -1)
    assert explanation.expanded_axes(1) == (-4, -2)


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("case", CASES, ids=_id)
def test_rule_agrees_with_framework(framework, case):
    try:
        expected = framework_broadcast(framework, case)
    except ValueError:
        with pytest.raises(BroadcastError):
            broadcast_shapes(*case)
    else:
        assert broadcast_shapes(*case) == expected

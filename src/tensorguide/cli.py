"""The ``tensorguide`` command line: explain a shape rule from the terminal.

Examples::

    python -m tensorguide device
    python -m tensorguide broadcast 8,1,6,1 7,1,5
    python -m tensorguide reshape 2,3,4 -1,4
    python -m tensorguide matmul 2,1,3,4 5,4,6

Shapes are written as comma-separated sizes; ``()`` or an empty string is
the shape of a scalar.  An impossible shape prints the error and exits with
status 1; a malformed command line exits with status 2.
"""

from __future__ import annotations

import argparse
import sys

from .errors import TensorGuideError

__all__ = ["main", "parse_shape"]


def parse_shape(text: str) -> tuple[int, ...]:
    """Read ``"8,1,6,1"`` as ``(8, 1, 6, 1)``; ``"()"`` and ``""`` are ``()``.

    Examples
    --------
    >>> parse_shape("8,1,6,1")
    (8, 1, 6, 1)
    >>> parse_shape("(3, 4)")
    (3, 4)
    >>> parse_shape("5,")
    (5,)
    >>> parse_shape("2,x")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a shape: '2,x' (write sizes separated by commas, e.g. 8,1,6)
    """
    stripped = text.strip().removeprefix("(").removesuffix(")").strip()
    if not stripped:
        return ()
    parts = [part.strip() for part in stripped.split(",")]
    if parts[-1] == "":
        parts.pop()
    try:
        return tuple(int(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a shape: {text!r} (write sizes separated by commas, e.g. 8,1,6)"
        ) from None


def _device(args) -> str:
    from .device import describe_runtime

    return describe_runtime()


def _broadcast(args) -> str:
    from .broadcasting import explain_broadcast

    return str(explain_broadcast(*args.shapes))


def _reshape(args) -> str:
    from .reshape import reshape_shape
    from .shapes import format_shape, numel
    from .strides import row_major_strides

    result = reshape_shape(args.shape, args.new_shape)
    lines = [f"elements: {numel(args.shape)} in {format_shape(args.shape)}"]
    if -1 in args.new_shape:
        known = numel(s for s in args.new_shape if s != -1)
        lines.append(f"-1 inferred: {numel(args.shape)} / {known} = {numel(args.shape) // known}")
    lines.append(f"strides of a contiguous result: {format_shape(row_major_strides(result))}")
    lines.append(f"result: {format_shape(result)}")
    return "\n".join(lines)


def _matmul(args) -> str:
    from .matmul import matmul_shape
    from .shapes import format_shape

    a, b = args.a, args.b
    result = matmul_shape(a, b)
    lines = [f"first  {format_shape(a)}", f"second {format_shape(b)}"]
    if len(a) >= 2 and len(b) >= 2:
        lines.append(
            f"matrices: ({a[-2]}, {a[-1]}) @ ({b[-2]}, {b[-1]}) -> ({a[-2]}, {b[-1]}); "
            f"batch axes {format_shape(a[:-2])} and {format_shape(b[:-2])} broadcast"
        )
    elif len(a) == 1 and len(b) == 1:
        lines.append(f"dot product of two vectors of length {a[0]}")
    else:
        lines.append("a 1-d operand is treated as a matrix with one row or column, then squeezed")
    lines.append(f"result: {format_shape(result)}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tensorguide", description="Explain tensor shape rules."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("device", help="the device and versions examples run with").set_defaults(
        run=_device
    )
    broadcast = commands.add_parser("broadcast", help="broadcast shapes together")
    broadcast.add_argument("shapes", nargs="+", type=parse_shape, metavar="SHAPE")
    broadcast.set_defaults(run=_broadcast)
    reshape = commands.add_parser("reshape", help="reshape SHAPE into NEW (one size may be -1)")
    reshape.add_argument("shape", type=parse_shape, metavar="SHAPE")
    reshape.add_argument("new_shape", type=parse_shape, metavar="NEW")
    reshape.set_defaults(run=_reshape)
    matmul = commands.add_parser("matmul", help="shape of A @ B")
    matmul.add_argument("a", type=parse_shape, metavar="A")
    matmul.add_argument("b", type=parse_shape, metavar="B")
    matmul.set_defaults(run=_matmul)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    # "-1,4" must be read as a shape, not an option: stop option parsing
    # after the command name.
    args_list = list(sys.argv[1:] if argv is None else argv)
    if len(args_list) > 1 and not args_list[0].startswith("-") and "--" not in args_list:
        args_list.insert(1, "--")
    args = parser.parse_args(args_list)
    try:
        print(args.run(args))
    except TensorGuideError as err:
        print(f"tensorguide {args.command}: error: {err}", file=sys.stderr)
        return 1
    return 0

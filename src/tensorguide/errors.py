"""The error family of tensorguide.

Every error raised for bad input is a :class:`TensorGuideError`, which is a
:class:`ValueError`, so ``except ValueError`` keeps working for callers that
do not know about tensorguide.  Shape errors carry the operation, the shapes
involved and the offending axis as attributes as well as in the message.
"""

from __future__ import annotations

__all__ = ["TensorGuideError", "ShapeError", "BroadcastError", "DeviceError"]


class TensorGuideError(ValueError):
    """Base class of every error tensorguide raises for bad input."""


class ShapeError(TensorGuideError):
    """A shape rule was violated.

    Parameters
    ----------
    message : str
        The full message; it names the operation, the shapes and the axis.
    op : str
        The operation that failed, for example ``"broadcast"``.
    shapes : tuple of tuple of int
        The shapes the operation was given (as far as they could be read).
    axis : int or None
        The offending axis, negative when it is counted from the right as in
        broadcasting, or ``None`` when no single axis is at fault.

    Examples
    --------
    >>> from tensorguide.errors import ShapeError
    >>> err = ShapeError("broadcast: something is wrong", op="broadcast",
    ...                  shapes=((2, 3), (4,)), axis=-1)
    >>> isinstance(err, ValueError)   # callers may catch plain ValueError
    True
    >>> err.op, err.axis
    ('broadcast', -1)
    """

    def __init__(
        self,
        message: str,
        *,
        op: str,
        shapes: tuple[tuple[int, ...], ...] = (),
        axis: int | None = None,
    ) -> None:
        super().__init__(message)
        self.op = op
        self.shapes = shapes
        self.axis = axis


class BroadcastError(ShapeError):
    """Two or more shapes cannot be broadcast together."""


class DeviceError(TensorGuideError):
    """A device was requested that is unknown or not available."""

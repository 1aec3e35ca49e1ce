"""Convolutions, on shapes: output sizes, padding and parameter counts.

For one spatial axis of size ``n``, a kernel of size ``k`` and a stride
``s`` (no dilation), as in TensorFlow's and Keras's ``padding=`` argument:

1. ``"valid"`` adds no padding.  The kernel must fit, ``n >= k``, and the
   output has ``floor((n - k) / s) + 1`` positions.
2. ``"same"`` pads so that the output has ``ceil(n / s)`` positions.  The
   total padding is ``max((ceil(n / s) - 1) * s + k - n, 0)``; when it is odd
   the extra element goes at the end (bottom or right).

A 2-D convolution with a ``kh × kw`` kernel, ``c_in`` input channels and
``c_out`` filters has ``kh * kw * c_in * c_out`` weights and, with a bias,
``c_out`` more: ``(kh * kw * c_in + 1) * c_out``.  The count depends on
neither the image size nor the stride.
"""

from __future__ import annotations

from .errors import ShapeError
from .shapes import as_int

__all__ = ["conv_output_length", "same_padding", "conv2d_param_count"]

_OP = "conv"
PADDINGS = ("valid", "same")


def _positive(name: str, value: object) -> int:
    try:
        number = as_int(value)
    except TypeError:
        raise ShapeError(f"{_OP}: {name} must be an integer, got {value!r}", op=_OP) from None
    if number < 1:
        raise ShapeError(f"{_OP}: {name} must be a positive integer, got {value!r}", op=_OP)
    return number


def conv_output_length(size: int, kernel: int, stride: int = 1, padding: str = "valid") -> int:
    """Number of output positions along one spatial axis.

    Parameters
    ----------
    size : int
        Input size along the axis (height or width).
    kernel : int
        Kernel size along the axis.
    stride : int, optional
        Step between kernel positions.
    padding : {"valid", "same"}
        TensorFlow's padding modes (see the module description).

    Returns
    -------
    int

    Raises
    ------
    ShapeError
        If a size is not a positive integer, the padding is unknown, or the
        kernel is larger than the input with ``"valid"`` padding.

    Examples
    --------
    >>> conv_output_length(7, 3, stride=1, padding="valid")   # 7 - 3 + 1
    5
    >>> conv_output_length(7, 3, stride=2, padding="valid")   # floor(4 / 2) + 1
    3
    >>> conv_output_length(7, 3, stride=2, padding="same")    # ceil(7 / 2)
    4
    >>> conv_output_length(2, 3, padding="valid")
    Traceback (most recent call last):
    ...
    tensorguide.errors.ShapeError: conv: kernel 3 does not fit in size 2 with padding 'valid'
    """
    n = _positive("size", size)
    k = _positive("kernel", kernel)
    s = _positive("stride", stride)
    if padding not in PADDINGS:
        raise ShapeError(f"{_OP}: padding must be one of {PADDINGS}, got {padding!r}", op=_OP)
    if padding == "same":
        return -(-n // s)
    if k > n:
        raise ShapeError(f"{_OP}: kernel {k} does not fit in size {n} with padding 'valid'", op=_OP)
    return (n - k) // s + 1


def same_padding(size: int, kernel: int, stride: int = 1) -> tuple[int, int]:
    """Padding TensorFlow adds before and after one axis for ``"same"``.

    Examples
    --------
    >>> same_padding(7, 3, stride=1)      # 1 on each side keeps 7 positions
    (1, 1)
    >>> same_padding(8, 3, stride=2)      # one element in total, at the end
    (0, 1)
    """
    n = _positive("size", size)
    k = _positive("kernel", kernel)
    s = _positive("stride", stride)
    total = max((conv_output_length(n, k, s, "same") - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv2d_param_count(kernel_size: object, in_channels: int, filters: int,
                       use_bias: bool = True) -> int:
    """Trainable parameters of a 2-D convolution layer.

    Parameters
    ----------
    kernel_size : int or (int, int)
        ``k`` for a square kernel, or ``(kh, kw)``.
    in_channels : int
        Channels of the input.
    filters : int
        Output channels (Keras ``filters``, PyTorch ``out_channels``).
    use_bias : bool, optional
        Whether each filter has a bias.

    Examples
    --------
    >>> conv2d_param_count(3, in_channels=3, filters=128)    # (3*3*3 + 1) * 128
    3584
    >>> conv2d_param_count((3, 3), 3, 128, use_bias=False)   # 3*3*3*128
    3456
    """
    if isinstance(kernel_size, tuple):
        if len(kernel_size) != 2:
            raise ShapeError(f"{_OP}: kernel_size must be k or (kh, kw), got {kernel_size!r}", op=_OP)
        kh, kw = (_positive("kernel_size", k) for k in kernel_size)
    else:
        kh = kw = _positive("kernel_size", kernel_size)
    c_in = _positive("in_channels", in_channels)
    c_out = _positive("filters", filters)
    return (kh * kw * c_in + int(bool(use_bias))) * c_out

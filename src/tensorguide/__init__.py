"""tensorguide: tensor shape rules as small, readable code.

One module per rule, each a set of pure functions over shapes:

- :mod:`~tensorguide.broadcasting`: which shapes combine, axis by axis;
- :mod:`~tensorguide.reshape`: element counts, ``-1``, and when a view works;
- :mod:`~tensorguide.strides`: memory layout, contiguity, views;
- :mod:`~tensorguide.slicing`: basic indexing and slicing;
- :mod:`~tensorguide.matmul`: the shape of ``a @ b``.

Importing this package imports NumPy at most; PyTorch and TensorFlow are
imported only by the functions that need them (:mod:`~tensorguide.device`,
:mod:`~tensorguide.adapters`).
"""

from .broadcasting import broadcast_shapes, explain_broadcast
from .device import describe_runtime, pick_device
from .errors import BroadcastError, DeviceError, ShapeError, TensorGuideError
from .matmul import matmul_shape
from .reshape import can_view, reshape_shape, view_strides
from .slicing import index_shape
from .strides import Layout, is_contiguous, row_major_strides

__version__ = "0.1.0"

__all__ = [
    "broadcast_shapes",
    "explain_broadcast",
    "reshape_shape",
    "view_strides",
    "can_view",
    "Layout",
    "row_major_strides",
    "is_contiguous",
    "index_shape",
    "matmul_shape",
    "describe_runtime",
    "pick_device",
    "TensorGuideError",
    "ShapeError",
    "BroadcastError",
    "DeviceError",
]

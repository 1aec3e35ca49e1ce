"""NumPy adapter (see :mod:`tensorguide.adapters` for the interface)."""

from __future__ import annotations

import numpy as np

from . import TensorInfo

NAME = "numpy"


def is_tensor(x: object) -> bool:
    return isinstance(x, np.ndarray)


def to_numpy(x: np.ndarray) -> np.ndarray:
    return np.asarray(x)


def from_numpy(array: np.ndarray) -> np.ndarray:
    return np.asarray(array)


def describe(x: np.ndarray) -> TensorInfo:
    # NumPy strides are in bytes; tensorguide speaks in elements, as PyTorch does.
    strides = tuple(s // x.itemsize for s in x.strides) if x.itemsize else tuple(x.strides)
    return TensorInfo(NAME, str(x.dtype), tuple(x.shape), strides, "cpu")

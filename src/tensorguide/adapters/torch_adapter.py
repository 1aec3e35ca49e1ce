"""PyTorch adapter (see :mod:`tensorguide.adapters` for the interface)."""

from __future__ import annotations

import numpy as np
import torch

from . import TensorInfo

NAME = "torch"


def is_tensor(x: object) -> bool:
    return isinstance(x, torch.Tensor)


def to_numpy(x: torch.Tensor) -> np.ndarray:
    x = x.detach().cpu()
    if x.dtype == torch.bfloat16:  # NumPy has no bfloat16
        x = x.float()
    return x.numpy()


def from_numpy(array: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(array))


def describe(x: torch.Tensor) -> TensorInfo:
    dtype = str(x.dtype).removeprefix("torch.")
    return TensorInfo(NAME, dtype, tuple(x.shape), tuple(x.stride()), str(x.device))

"""TensorFlow adapter (see :mod:`tensorguide.adapters` for the interface).

TensorFlow does not expose strides: a ``tf.Tensor`` is an immutable value
whose layout is TensorFlow's business, so ``describe`` reports ``None``.
"""

from __future__ import annotations

import os

import numpy as np

from . import TensorInfo

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

NAME = "tensorflow"


def is_tensor(x: object) -> bool:
    return isinstance(x, (tf.Tensor, tf.Variable))


def to_numpy(x) -> np.ndarray:
    return np.asarray(x.numpy())


def from_numpy(array: np.ndarray):
    return tf.convert_to_tensor(array)


def describe(x) -> TensorInfo:
    device = x.device.rsplit("device:", 1)[-1].lower() if x.device else "cpu:0"
    return TensorInfo(NAME, x.dtype.name, tuple(x.shape.as_list()), None, device)

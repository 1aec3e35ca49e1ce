"""Framework adapters: the same small interface for NumPy, PyTorch and TensorFlow.

Each adapter module defines the same names:

``NAME``
    the framework's name (``"numpy"``, ``"torch"``, ``"tensorflow"``);
``is_tensor(x)``
    whether ``x`` is one of the framework's tensors;
``to_numpy(x)`` / ``from_numpy(array)``
    conversion through NumPy (to the CPU when needed);
``describe(x)``
    a :class:`~tensorguide.adapters.TensorInfo`: dtype, shape, strides
    (in elements) and device, where the framework has them.

The registry never imports a framework to find out what an object is: a
tensor can only exist if its framework is already imported, so the type's
module name and ``sys.modules`` are enough.  An adapter module imports its
framework only when it is loaded, and a missing framework raises an
ImportError that says what to install.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from types import ModuleType

__all__ = ["TensorInfo", "FRAMEWORKS", "get_adapter", "adapter_for", "to_numpy", "describe"]

FRAMEWORKS = ("numpy", "torch", "tensorflow")

_MODULES = {
    "numpy": "tensorguide.adapters.numpy_adapter",
    "torch": "tensorguide.adapters.torch_adapter",
    "tensorflow": "tensorguide.adapters.tensorflow_adapter",
}

_INSTALL = {
    "numpy": "pip install numpy",
    "torch": "pip install 'tensorguide[torch]'  (or: pip install torch)",
    "tensorflow": "pip install 'tensorguide[tensorflow]'  (or: pip install tensorflow)",
}

_by_type: dict[type, ModuleType] = {}


@dataclass(frozen=True)
class TensorInfo:
    """What a framework says about one of its tensors.

    ``strides`` are in elements, not bytes, and ``None`` where the framework
    does not expose them (TensorFlow).
    """

    framework: str
    dtype: str
    shape: tuple[int, ...]
    strides: tuple[int, ...] | None
    device: str

    def __str__(self) -> str:
        strides = "n/a" if self.strides is None else str(self.strides)
        return (
            f"{self.framework}: dtype={self.dtype} shape={self.shape} "
            f"strides={strides} device={self.device}"
        )


def get_adapter(framework: str) -> ModuleType:
    """The adapter module for ``framework``, importing the framework.

    Raises
    ------
    ValueError
        For a framework tensorguide has no adapter for.
    ImportError
        If the framework is not installed; the message says what to install.

    Examples
    --------
    >>> get_adapter("numpy").NAME
    'numpy'
    >>> get_adapter("jax")
    Traceback (most recent call last):
    ...
    ValueError: no tensorguide adapter for 'jax'; known frameworks: numpy, torch, tensorflow
    """
    if framework not in _MODULES:
        raise ValueError(
            f"no tensorguide adapter for {framework!r}; known frameworks: {', '.join(FRAMEWORKS)}"
        )
    try:
        return importlib.import_module(_MODULES[framework])
    except ModuleNotFoundError as err:
        if err.name is not None and err.name.split(".")[0] == framework:
            raise ImportError(
                f"tensorguide needs {framework} for this, and it is not installed: "
                f"{_INSTALL[framework]}"
            ) from err
        raise


def adapter_for(obj: object) -> ModuleType:
    """The adapter for the framework ``obj`` belongs to.

    Only frameworks already in ``sys.modules`` are considered; nothing is
    imported to find out.

    Raises
    ------
    TypeError
        If ``obj`` is not a tensor of a known framework.

    Examples
    --------
    >>> import numpy as np
    >>> adapter_for(np.zeros(3)).NAME
    'numpy'
    >>> adapter_for([1, 2])
    Traceback (most recent call last):
    ...
    TypeError: not a NumPy, PyTorch or TensorFlow tensor: list
    """
    kind = type(obj)
    if kind in _by_type:
        return _by_type[kind]
    root = kind.__module__.split(".")[0]
    candidates = {"numpy": "numpy", "torch": "torch", "tensorflow": "tensorflow", "keras": "tensorflow"}
    framework = candidates.get(root)
    if framework is not None and framework in sys.modules:
        adapter = get_adapter(framework)
        if adapter.is_tensor(obj):
            _by_type[kind] = adapter
            return adapter
    raise TypeError(f"not a NumPy, PyTorch or TensorFlow tensor: {kind.__name__}")


def to_numpy(obj: object):
    """``obj`` as a NumPy array, whichever framework it comes from."""
    return adapter_for(obj).to_numpy(obj)


def describe(obj: object) -> TensorInfo:
    """dtype, shape, strides and device of a tensor of any known framework.

    Examples
    --------
    >>> import numpy as np
    >>> print(describe(np.zeros((2, 3), dtype=np.float32)))
    numpy: dtype=float32 shape=(2, 3) strides=(3, 1) device=cpu
    """
    return adapter_for(obj).describe(obj)

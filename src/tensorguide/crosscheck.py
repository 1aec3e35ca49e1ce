"""Check that NumPy, PyTorch and TensorFlow computed the same thing.

A page that shows one computation in three framework tabs proves the three
agree with :func:`assert_agree`.  Values are compared through NumPy with a
tolerance chosen from the dtype; shapes (``torch.Size``, ``TensorShape``,
tuples) are compared exactly.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

import numpy as np

from .adapters import adapter_for

__all__ = ["comparable", "tolerance", "assert_agree", "DisagreementError"]

_TOLERANCES = {
    # (relative, absolute), by the coarsest floating dtype involved
    "float16": (1e-3, 1e-3),
    "bfloat16": (1e-2, 1e-2),
    "float32": (1e-5, 1e-6),
    "float64": (1e-12, 1e-12),
    "complex64": (1e-5, 1e-6),
    "complex128": (1e-12, 1e-12),
}


class DisagreementError(AssertionError):
    """Two frameworks produced different results."""


def _is_shape(value: object) -> bool:
    kind = type(value)
    if kind.__name__ == "Size" and "torch" in sys.modules:
        return True
    if kind.__name__ == "TensorShape" and "tensorflow" in sys.modules:
        return True
    return isinstance(value, tuple) and all(isinstance(v, int) for v in value)


def comparable(value: object):
    """``value`` as something NumPy can compare: a shape becomes a tuple of
    ints, a tensor of any framework becomes an array, a number stays a number.

    Examples
    --------
    >>> comparable((2, 3))
    (2, 3)
    >>> comparable(np.arange(3, dtype=np.int32))
    array([0, 1, 2], dtype=int32)
    """
    if _is_shape(value):
        return tuple(int(v) for v in value)
    if isinstance(value, (bool, int, float, complex, np.generic)):
        return np.asarray(value)
    return adapter_for(value).to_numpy(value)


def tolerance(*dtypes: object) -> tuple[float, float]:
    """(rtol, atol) for comparing values of these dtypes: the coarsest wins;
    integers and booleans compare exactly.

    Examples
    --------
    >>> tolerance(np.float32, np.float64)
    (1e-05, 1e-06)
    >>> tolerance(np.int64)
    (0.0, 0.0)
    """
    rtol = atol = 0.0
    for dtype in dtypes:
        name = getattr(dtype, "name", None) or np.dtype(dtype).name
        r, a = _TOLERANCES.get(name, (0.0, 0.0))
        rtol, atol = max(rtol, r), max(atol, a)
    return rtol, atol


def assert_agree(results: Mapping[str, object]) -> None:
    """Raise :class:`DisagreementError` unless every result equals the first.

    Parameters
    ----------
    results : mapping of str to value
        Framework name to what it computed: tensors, shapes or numbers.

    Examples
    --------
    >>> x = np.float32(0.1) * np.float32(3)      # float32 under NumPy 1 and 2 alike
    >>> assert_agree({"numpy": x, "python": 0.30000001})   # equal within float32's tolerance
    >>> assert_agree({"numpy": (2, 3), "other": (3, 2)})
    Traceback (most recent call last):
    ...
    tensorguide.crosscheck.DisagreementError: other gives shape (3, 2) but numpy gives (2, 3)
    """
    items = [(name, comparable(value)) for name, value in results.items()]
    if len(items) < 2:
        raise ValueError("assert_agree needs results from at least two frameworks")
    first_name, first = items[0]
    for name, value in items[1:]:
        if isinstance(first, tuple) or isinstance(value, tuple):
            if first != value:
                raise DisagreementError(f"{name} gives shape {value} but {first_name} gives {first}")
            continue
        if first.shape != value.shape:
            raise DisagreementError(
                f"{name} gives an array of shape {value.shape} but {first_name} gives {first.shape}"
            )
        rtol, atol = tolerance(first.dtype, value.dtype)
        if not np.allclose(first, value, rtol=rtol, atol=atol, equal_nan=True):
            worst = float(np.max(np.abs(first.astype(np.complex128) - value.astype(np.complex128))))
            raise DisagreementError(
                f"{name} differs from {first_name} by up to {worst:.3g} "
                f"(rtol={rtol}, atol={atol})"
            )

"""Measuring time and memory honestly, on whatever device is there.

The gallery's experiments time code and count bytes on the reader's own
hardware.  Three things make such numbers worth reading:

1. **Warm-up is separated from steady state.**  The first call of a
   function often pays for one-off work (tracing a ``tf.function``,
   compiling with ``torch.compile``, loading kernels, allocating caches).
   :func:`time_call` times that first call on its own and reports the
   median of the calls after it.
2. **The device has finished before the timer is read.**  CUDA and MPS run
   kernels asynchronously, so a timer read straight after a call measures
   only the launch; :func:`synchronize` waits for the device.
3. **Memory is counted where it lives**: bytes of a tensor's storage
   (:func:`storage_bytes`, :func:`shares_memory`), and the peak GPU memory
   PyTorch's allocator saw (:func:`peak_memory_bytes`, :func:`memory_report`).

The size of every experiment is multiplied by the environment variable
``TENSORGUIDE_GALLERY_SCALE`` (:func:`gallery_scale`), so the defaults stay
small enough for a laptop CPU and bigger machines can ask for more.

Nothing here imports a framework at import time; PyTorch is imported only
by the functions that talk to a PyTorch device or tensor.

The code is split by concept (``timing``, ``memory``, ``units``); import
every name from here.
"""

from __future__ import annotations

import math
import os

from .memory import (
    memory_report,
    new_bytes,
    peak_memory_bytes,
    reset_peak_memory,
    shares_memory,
    storage_bytes,
)
from .timing import Timing, error_bars, fit_power_law, synchronize, time_call
from .units import format_bytes, format_seconds

__all__ = [
    "SCALE_VAR",
    "gallery_scale",
    "scaled",
    "synchronize",
    "Timing",
    "time_call",
    "error_bars",
    "format_seconds",
    "format_bytes",
    "fit_power_law",
    "storage_bytes",
    "shares_memory",
    "new_bytes",
    "reset_peak_memory",
    "peak_memory_bytes",
    "memory_report",
]

SCALE_VAR = "TENSORGUIDE_GALLERY_SCALE"
"""Name of the environment variable that scales the gallery's experiments."""


def gallery_scale(environ: dict[str, str] | None = None) -> float:
    """The factor by which gallery experiments grow their sizes.

    Parameters
    ----------
    environ : mapping, optional
        Where to look for ``TENSORGUIDE_GALLERY_SCALE``; defaults to
        ``os.environ``.

    Returns
    -------
    float
        The variable's value, or ``1.0`` when it is unset or empty.

    Raises
    ------
    ValueError
        If the value is not a finite number greater than 0.

    Examples
    --------
    >>> gallery_scale({})                                    # unset: the default
    1.0
    >>> gallery_scale({"TENSORGUIDE_GALLERY_SCALE": "4"})    # a bigger machine
    4.0
    >>> gallery_scale({"TENSORGUIDE_GALLERY_SCALE": "big"})
    Traceback (most recent call last):
    ...
    ValueError: TENSORGUIDE_GALLERY_SCALE='big' is not a number greater than 0
    """
    env = os.environ if environ is None else environ
    raw = env.get(SCALE_VAR, "").strip()
    if not raw:
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{SCALE_VAR}={raw!r} is not a number greater than 0")
    return value


def scaled(size: int, scale: float, *, minimum: int = 1) -> int:
    """``size`` multiplied by ``scale``, rounded, and at least ``minimum``.

    Examples
    --------
    >>> scaled(1000, 1.0)
    1000
    >>> scaled(1000, 2.5)
    2500
    >>> scaled(10, 0.01)           # never below the minimum
    1
    """
    return max(minimum, round(size * scale))

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
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


def synchronize(device: str) -> None:
    """Wait until ``device`` has finished the work queued on it.

    PyTorch queues CUDA and MPS kernels and returns at once; reading a timer
    without waiting measures the queueing, not the work.  On the CPU there
    is nothing to wait for, and PyTorch is not even imported.

    Examples
    --------
    >>> synchronize("cpu")          # a no-op on the CPU
    """
    if device == "cpu":
        return
    import torch

    if device == "cuda":
        torch.cuda.synchronize()
    elif device == "mps":
        torch.mps.synchronize()
    else:
        raise ValueError(f"synchronize: unknown device {device!r}; use cuda, mps or cpu")


@dataclass(frozen=True)
class Timing:
    """Times of one function: its first call, and the calls after warm-up.

    Attributes
    ----------
    first : float
        Seconds taken by the very first call (tracing, compiling and
        allocation happen here).
    runs : tuple of float
        Seconds per call of each timed run after the warm-up.

    Examples
    --------
    >>> t = Timing(first=0.5, runs=(0.003, 0.001, 0.002))
    >>> t.median, t.best                   # steady state
    (0.002, 0.001)
    >>> str(t)
    'median 2.00 ms over 3 runs (min 1.00 ms, max 3.00 ms); first call 500 ms'
    """

    first: float
    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        """Median seconds per call after warm-up: the figure to report."""
        return statistics.median(self.runs)

    @property
    def best(self) -> float:
        """The fastest timed run."""
        return min(self.runs)

    @property
    def worst(self) -> float:
        """The slowest timed run."""
        return max(self.runs)

    def __str__(self) -> str:
        return (
            f"median {format_seconds(self.median)} over {len(self.runs)} runs "
            f"(min {format_seconds(self.best)}, max {format_seconds(self.worst)}); "
            f"first call {format_seconds(self.first)}"
        )


def time_call(
    fn: Callable[[], object],
    *,
    device: str = "cpu",
    warmup: int = 2,
    repeat: int = 5,
    number: int = 1,
) -> Timing:
    """Time ``fn()``: the first call alone, then the median of ``repeat`` runs.

    Parameters
    ----------
    fn : callable
        Called with no arguments.  For TensorFlow on a GPU, make it read its
        result (``.numpy()``) so that the work has finished when it returns.
    device : str
        ``"cpu"``, ``"cuda"`` or ``"mps"``: the PyTorch device to
        :func:`synchronize` before and after each timed stretch.
    warmup : int
        Calls made before the timed runs, at least 1; the first of them is
        timed on its own and reported as ``Timing.first``.
    repeat : int
        Timed runs, at least 1.
    number : int
        Calls per timed run, at least 1; each run's time is divided by it.
        Use more than one for calls so short that the timer's resolution
        matters.

    Returns
    -------
    Timing

    Examples
    --------
    >>> calls = []
    >>> timing = time_call(lambda: calls.append(1), warmup=2, repeat=3, number=4)
    >>> len(calls)                          # 2 warm-up calls + 3 runs of 4
    14
    >>> len(timing.runs), timing.median >= 0
    (3, True)
    """
    for name, value in (("warmup", warmup), ("repeat", repeat), ("number", number)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"time_call: {name} must be an integer >= 1, got {value!r}")
    synchronize(device)
    start = time.perf_counter()
    fn()
    synchronize(device)
    first = time.perf_counter() - start
    for _ in range(warmup - 1):
        fn()
    synchronize(device)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        synchronize(device)
        runs.append((time.perf_counter() - start) / number)
    return Timing(first=first, runs=tuple(runs))


def error_bars(timings: Sequence[Timing]) -> tuple[list[float], list[list[float]]]:
    """Medians, and the distances down to the fastest and up to the slowest run.

    The second value is what matplotlib's ``errorbar(x, y, yerr=...)`` takes
    for bars from the fastest to the slowest run.

    Examples
    --------
    >>> medians, yerr = error_bars([Timing(1.0, (2.0, 3.0, 7.0)), Timing(1.0, (4.0, 4.0, 5.0))])
    >>> medians, yerr
    ([3.0, 4.0], [[1.0, 0.0], [4.0, 1.0]])
    """
    medians = [t.median for t in timings]
    lower = [t.median - t.best for t in timings]
    upper = [t.worst - t.median for t in timings]
    return medians, [lower, upper]


def format_seconds(seconds: float) -> str:
    """A duration with three significant digits and a readable unit.

    Examples
    --------
    >>> format_seconds(1.5), format_seconds(0.00123), format_seconds(4.2e-6)
    ('1.50 s', '1.23 ms', '4.20 µs')
    >>> format_seconds(3e-8)
    '30.0 ns'
    """
    for unit, factor in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if abs(seconds) >= factor:
            return f"{_three_digits(seconds / factor)} {unit}"
    return f"{_three_digits(seconds / 1e-9)} ns"


def format_bytes(nbytes: int | float) -> str:
    """A byte count in B, KiB, MiB or GiB (powers of 1024).

    Examples
    --------
    >>> format_bytes(0), format_bytes(4096), format_bytes(3 * 2**20)
    ('0 B', '4.00 KiB', '3.00 MiB')
    """
    if abs(nbytes) < 1024:
        return f"{int(nbytes)} B"
    for unit in ("KiB", "MiB", "GiB"):
        nbytes /= 1024
        if abs(nbytes) < 1024 or unit == "GiB":
            return f"{_three_digits(nbytes)} {unit}"
    raise AssertionError("unreachable")


def _three_digits(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def fit_power_law(sizes: Sequence[float], values: Sequence[float]) -> tuple[float, float]:
    """Fit ``value = prefactor * size ** exponent`` by least squares on logs.

    A straight line is fitted to ``log(value)`` against ``log(size)``; its
    slope is the exponent.  This is how a measured cost is compared with a
    complexity claim such as :math:`O(n^3)`.

    Parameters
    ----------
    sizes, values : sequences of positive numbers, of the same length (at least 2)

    Returns
    -------
    (exponent, prefactor) : tuple of float

    Raises
    ------
    ValueError
        If the lengths differ, fewer than two distinct sizes are given, or a
        number is not positive.

    Examples
    --------
    >>> exponent, prefactor = fit_power_law([1, 2, 4, 8], [3, 24, 192, 1536])  # 3 n**3
    >>> round(exponent, 6), round(prefactor, 6)
    (3.0, 3.0)
    """
    if len(sizes) != len(values):
        raise ValueError(f"fit_power_law: {len(sizes)} sizes but {len(values)} values")
    if any(not v > 0 for v in [*sizes, *values]):
        raise ValueError("fit_power_law: sizes and values must all be greater than 0")
    if len(set(sizes)) < 2:
        raise ValueError("fit_power_law: needs at least two different sizes")
    xs = [math.log(s) for s in sizes]
    ys = [math.log(v) for v in values]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    return slope, math.exp(mean_y - slope * mean_x)


def storage_bytes(tensor: object) -> int:
    """Bytes of the memory block behind a PyTorch tensor.

    A view reports the bytes of the block it looks into, however few of
    them it reads; compare with :func:`shares_memory` to tell views from
    copies.

    Examples
    --------
    >>> import torch
    >>> x = torch.zeros(1000)                     # 1000 float32 elements
    >>> storage_bytes(x), storage_bytes(x[:10])   # the slice is a view of the same block
    (4000, 4000)
    >>> storage_bytes(torch.zeros(1).expand(1000))   # stride 0: one element stored
    4
    """
    return int(tensor.untyped_storage().nbytes())


def shares_memory(a: object, b: object) -> bool:
    """Whether two PyTorch tensors look into the same memory block.

    Examples
    --------
    >>> import torch
    >>> x = torch.arange(6).reshape(2, 3)
    >>> shares_memory(x, x.t()), shares_memory(x, x.t().contiguous())
    (True, False)
    """
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def new_bytes(result: object, *sources: object) -> int:
    """Bytes of new memory behind ``result``: 0 if it is a view of a source.

    Examples
    --------
    >>> import torch
    >>> x = torch.zeros(10, 10)                        # 400 bytes
    >>> new_bytes(x[::2], x), new_bytes(x[[0, 2, 4]], x)   # a view, then a copy of 3 rows
    (0, 120)
    """
    if any(shares_memory(result, source) for source in sources):
        return 0
    return storage_bytes(result)


def reset_peak_memory(device: str) -> None:
    """Start counting peak GPU memory afresh (CUDA only; elsewhere a no-op).

    Examples
    --------
    >>> reset_peak_memory("cpu")
    """
    if device == "cuda":
        import torch

        torch.cuda.reset_peak_memory_stats()


def peak_memory_bytes(device: str) -> int | None:
    """Peak bytes PyTorch's CUDA allocator has handed out, or ``None`` elsewhere.

    On MPS PyTorch keeps no peak counter, and on the CPU none at all, so the
    answer there is ``None``; :func:`memory_report` says what it can instead.

    Examples
    --------
    >>> peak_memory_bytes("cpu") is None
    True
    """
    if device != "cuda":
        return None
    import torch

    return int(torch.cuda.max_memory_allocated())


def memory_report(device: str) -> str:
    """One line on the GPU memory an example used.

    Examples
    --------
    >>> memory_report("cpu")
    'ran on the CPU: no GPU memory to report'
    """
    if device == "cuda":
        return f"peak CUDA memory allocated by PyTorch: {format_bytes(peak_memory_bytes(device))}"
    if device == "mps":
        import torch

        now = format_bytes(torch.mps.current_allocated_memory())
        return f"MPS memory allocated by PyTorch at the end (MPS keeps no peak): {now}"
    return "ran on the CPU: no GPU memory to report"

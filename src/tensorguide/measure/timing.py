"""Timing code honestly: warm-up apart from steady state, the device finished
before the timer is read, and a power law fitted to the costs measured."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..shapes import as_int
from .units import format_seconds

__all__ = ["synchronize", "Timing", "time_call", "error_bars", "fit_power_law"]


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
        try:
            valid = as_int(value) >= 1
        except TypeError:
            valid = False
        if not valid:
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

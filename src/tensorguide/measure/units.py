"""Readable units for measured figures: seconds and bytes, three significant digits."""

from __future__ import annotations

__all__ = ["format_seconds", "format_bytes"]


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

"""Hooks that sphinx-gallery calls around each example.

``reset_state`` gives every example the same seeds, as pages get.
``call_memory`` measures the peak resident memory an example adds, which
sphinx-gallery prints under the example as "Estimated memory usage".
"""

from __future__ import annotations

import threading
import time

from . import state

_MIB = 1024 * 1024


def reset_state(gallery_conf, fname, when):
    """Seed every generator before and after each example."""
    state.reset()


def _rss_bytes() -> int:
    import psutil

    return psutil.Process().memory_info().rss


class CallMemory:
    """Run an example; return (peak MiB added above the starting RSS, its value).

    A background thread samples the resident set size every 5 ms, so short
    spikes between samples can be missed; the figure is a lower bound.

    An instance rather than a function, because Sphinx will not cache a
    configuration that holds a function; instances compare equal so that an
    unchanged configuration is recognised as unchanged.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __call__(self, func):
        start = _rss_bytes()
        peak = start
        done = threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _rss_bytes())
                time.sleep(0.005)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            value = func()
        finally:
            done.set()
            sampler.join()
        peak = max(peak, _rss_bytes())
        return (peak - start) / _MIB, value


call_memory = CallMemory()

"""Measurement helpers: scale knob, timing protocol, fits, bytes and memory."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from tensorguide import measure

from .harness import child_env


@pytest.mark.parametrize(
    "value, expected",
    [("", 1.0), ("  ", 1.0), ("1", 1.0), ("0.25", 0.25), (" 8 ", 8.0), ("1e1", 10.0)],
    ids=["empty", "blank", "one", "smaller", "padded", "exponent"],
)
def test_scale_is_read_from_the_environment(value, expected):
    assert measure.gallery_scale({measure.SCALE_VAR: value}) == expected


def test_scale_defaults_to_one_when_unset():
    assert measure.gallery_scale({}) == 1.0


@pytest.mark.parametrize("value", ["0", "-2", "nan", "inf", "big"])
def test_scale_must_be_a_positive_finite_number(value):
    with pytest.raises(ValueError, match=rf"TENSORGUIDE_GALLERY_SCALE='{value}' is not a number greater than 0"):
        measure.gallery_scale({measure.SCALE_VAR: value})


def test_scale_reads_os_environ_by_default(monkeypatch):
    monkeypatch.setenv(measure.SCALE_VAR, "3")
    assert measure.gallery_scale() == 3.0


@pytest.mark.parametrize(
    "size, scale, minimum, expected",
    [(100, 1.0, 1, 100), (100, 0.5, 1, 50), (3, 0.1, 1, 1), (3, 0.1, 2, 2), (7, 3.0, 1, 21)],
)
def test_scaled_rounds_and_keeps_a_minimum(size, scale, minimum, expected):
    assert measure.scaled(size, scale, minimum=minimum) == expected


def test_time_call_separates_the_first_call_from_steady_state():
    calls = []

    def slow_first_call():
        calls.append(None)
        if len(calls) == 1:
            sum(range(200_000))  # the one-off cost a trace or a compile would be

    timing = measure.time_call(slow_first_call, warmup=3, repeat=4, number=2)
    assert len(calls) == 3 + 4 * 2
    assert len(timing.runs) == 4
    assert timing.first > timing.median
    assert timing.best <= timing.median <= timing.worst


@pytest.mark.parametrize("name", ["warmup", "repeat", "number"])
@pytest.mark.parametrize("bad", [0, -1, 1.5, True])  # True is an int to Python, not a count
def test_time_call_rejects_counts_below_one(name, bad):
    with pytest.raises(ValueError, match=rf"time_call: {name} must be an integer >= 1"):
        measure.time_call(lambda: None, **{name: bad})


def test_median_of_an_even_number_of_runs_is_the_midpoint():
    assert measure.Timing(first=1.0, runs=(4.0, 1.0, 2.0, 3.0)).median == 2.5


def test_synchronize_rejects_unknown_devices():
    pytest.importorskip("torch")
    with pytest.raises(ValueError, match="synchronize: unknown device 'tpu'"):
        measure.synchronize("tpu")


@pytest.mark.parametrize(
    "seconds, text",
    [(2.0, "2.00 s"), (123.4, "123 s"), (0.0456, "45.6 ms"), (1e-3, "1.00 ms"),
     (7.5e-6, "7.50 µs"), (5e-10, "0.50 ns"), (0.0, "0.00 ns")],
)
def test_format_seconds(seconds, text):
    assert measure.format_seconds(seconds) == text


@pytest.mark.parametrize(
    "nbytes, text",
    [(0, "0 B"), (1023, "1023 B"), (1024, "1.00 KiB"), (1536, "1.50 KiB"),
     (40 * 2**20, "40.0 MiB"), (3 * 2**30, "3.00 GiB"), (5000 * 2**30, "5000 GiB")],
)
def test_format_bytes(nbytes, text):
    assert measure.format_bytes(nbytes) == text


@pytest.mark.parametrize("exponent", [1.0, 2.0, 3.0, 2.807])
def test_power_law_fit_recovers_the_exponent(exponent):
    sizes = [16, 32, 64, 128, 256]
    values = [2e-9 * n**exponent for n in sizes]
    fitted, prefactor = measure.fit_power_law(sizes, values)
    assert fitted == pytest.approx(exponent, abs=1e-9)
    assert prefactor == pytest.approx(2e-9, rel=1e-9)


def test_power_law_fit_is_least_squares_on_logs():
    # noisy points around n**2: the slope is the least-squares slope of the logs
    sizes, values = [1, 2, 4], [1.0, 4.0 * 1.1, 16.0]
    fitted, _ = measure.fit_power_law(sizes, values)
    xs, ys = [math.log(s) for s in sizes], [math.log(v) for v in values]
    mx, my = sum(xs) / 3, sum(ys) / 3
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    assert fitted == pytest.approx(slope)


@pytest.mark.parametrize(
    "sizes, values, message",
    [([1, 2], [1.0], "2 sizes but 1 values"),
     ([1, 2], [1.0, 0.0], "must all be greater than 0"),
     ([-1, 2], [1.0, 2.0], "must all be greater than 0"),
     ([4, 4], [1.0, 2.0], "at least two different sizes")],
    ids=["lengths", "zero-value", "negative-size", "one-size"],
)
def test_power_law_fit_rejects_bad_input(sizes, values, message):
    with pytest.raises(ValueError, match=message):
        measure.fit_power_law(sizes, values)


def test_storage_bytes_and_sharing_tell_views_from_copies():
    torch = pytest.importorskip("torch")
    row = torch.arange(4, dtype=torch.float32).reshape(1, 4)
    expanded = row.expand(1000, 4)
    repeated = row.repeat(1000, 1)
    broadcast = torch.broadcast_to(row, (1000, 4))
    assert measure.storage_bytes(row) == 16
    assert measure.storage_bytes(expanded) == 16 and measure.shares_memory(row, expanded)
    assert measure.storage_bytes(broadcast) == 16 and measure.shares_memory(row, broadcast)
    assert measure.storage_bytes(repeated) == 16_000 and not measure.shares_memory(row, repeated)


def test_new_bytes_counts_copies_and_not_views():
    torch = pytest.importorskip("torch")
    x = torch.zeros(8, 4)
    y = torch.zeros(3)
    assert measure.new_bytes(x.t(), x) == 0
    assert measure.new_bytes(x.t(), y, x) == 0            # a view of any source
    assert measure.new_bytes(x.t().contiguous(), x) == 8 * 4 * 4
    assert measure.new_bytes(x[torch.tensor([1, 3])], x) == 2 * 4 * 4


def test_error_bars_span_fastest_to_slowest_run():
    timings = [measure.Timing(0.0, (1.0, 5.0, 2.0)), measure.Timing(0.0, (3.0,))]
    assert measure.error_bars(timings) == ([2.0, 3.0], [[1.0, 0.0], [3.0, 0.0]])


def test_on_the_cpu_there_is_no_gpu_memory_counter():
    measure.reset_peak_memory("cpu")
    assert measure.peak_memory_bytes("cpu") is None
    assert measure.memory_report("cpu") == "ran on the CPU: no GPU memory to report"


def test_cuda_peak_memory_is_reported_when_cuda_is_there():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device here")
    measure.reset_peak_memory("cuda")
    block = torch.empty(2**20, dtype=torch.uint8, device="cuda")
    assert measure.peak_memory_bytes("cuda") >= block.numel()
    assert measure.memory_report("cuda").startswith("peak CUDA memory allocated by PyTorch: ")


def test_importing_measure_imports_no_framework():
    code = (
        "import sys\n"
        "from tensorguide import measure\n"
        "measure.synchronize('cpu'); measure.memory_report('cpu'); measure.gallery_scale()\n"
        "print(sorted(m for m in ('torch', 'tensorflow', 'keras') if m in sys.modules))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=child_env()
    )
    assert completed.stdout.strip() == "[]"

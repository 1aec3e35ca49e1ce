"""Device choice: fixed order, environment override, plain answers."""

from __future__ import annotations

import pytest

from tensorguide import DeviceError, describe_runtime, device, pick_device


@pytest.mark.parametrize(
    "available, expected",
    [
        (("cuda", "mps", "cpu"), "cuda"),
        (("mps", "cpu"), "mps"),
        (("cpu",), "cpu"),
    ],
    ids=["cuda-first", "mps-before-cpu", "cpu-last"],
)
def test_first_available_device_wins(monkeypatch, available, expected):
    monkeypatch.setattr(device, "available_devices", lambda: available)
    assert pick_device({}) == expected


@pytest.mark.parametrize("value", ["cpu", "CPU", " cpu "])
def test_override_to_cpu_is_honoured_even_with_a_gpu(monkeypatch, value):
    monkeypatch.setattr(device, "available_devices", lambda: ("cuda", "cpu"))
    assert pick_device({"TENSORGUIDE_DEVICE": value}) == "cpu"


def test_auto_means_no_override(monkeypatch):
    monkeypatch.setattr(device, "available_devices", lambda: ("mps", "cpu"))
    assert pick_device({"TENSORGUIDE_DEVICE": "auto"}) == "mps"


def test_override_to_a_missing_device_is_an_error(monkeypatch):
    monkeypatch.setattr(device, "available_devices", lambda: ("cpu",))
    with pytest.raises(DeviceError, match=r"TENSORGUIDE_DEVICE='cuda' but cuda is not available here \(available: cpu\)"):
        pick_device({"TENSORGUIDE_DEVICE": "cuda"})


def test_unknown_override_is_an_error():
    with pytest.raises(DeviceError, match="'tpu' is not a device tensorguide knows"):
        pick_device({"TENSORGUIDE_DEVICE": "tpu"})


def test_device_errors_are_value_errors():
    assert issubclass(DeviceError, ValueError)


def test_this_machine_always_has_the_cpu():
    assert device.available_devices()[-1] == "cpu"


def test_runtime_line_names_device_and_versions(monkeypatch):
    line = describe_runtime({"TENSORGUIDE_DEVICE": "cpu"})
    versions = device.framework_versions()
    assert line.startswith("device: cpu (set by TENSORGUIDE_DEVICE) | python ")
    for name in ("numpy", "torch", "tensorflow"):
        # a framework missing here (TensorFlow on a CUDA machine, say) is named as such
        assert f"{name} {versions[name] or 'not installed'}" in line


def test_runtime_line_without_override_says_why_cpu(monkeypatch):
    monkeypatch.setattr(device, "available_devices", lambda: ("cpu",))
    assert describe_runtime({}).startswith("device: cpu (no CUDA or MPS device found)")


def test_tensorflow_device_names():
    assert device.tf_device_name("mps") == "/GPU:0"
    with pytest.raises(DeviceError, match="unknown device 'gpu'"):
        device.tf_device_name("gpu")

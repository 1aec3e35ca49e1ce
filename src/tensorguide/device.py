"""Choosing the device examples run on, and describing the runtime.

Nothing here runs at import time.  :func:`pick_device` asks PyTorch (or,
without PyTorch, TensorFlow) only when it is called, and the environment
variable ``TENSORGUIDE_DEVICE`` overrides the choice: ``cpu``, ``cuda``,
``mps`` or ``auto``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform

from .errors import DeviceError

__all__ = [
    "DEVICE_ORDER",
    "ENV_VAR",
    "available_devices",
    "pick_device",
    "tf_device_name",
    "framework_versions",
    "describe_runtime",
]

DEVICE_ORDER = ("cuda", "mps", "cpu")
"""Devices in order of preference."""

ENV_VAR = "TENSORGUIDE_DEVICE"
"""Name of the environment variable that overrides :func:`pick_device`."""

_TF_DISTRIBUTIONS = ("tensorflow", "tensorflow-cpu", "tensorflow-macos", "tensorflow-intel")


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def available_devices() -> tuple[str, ...]:
    """Devices usable here, in :data:`DEVICE_ORDER`; ``"cpu"`` is always last.

    Asks PyTorch when it is installed (importing it), otherwise TensorFlow,
    otherwise answers ``("cpu",)``.

    Examples
    --------
    >>> available_devices()[-1]       # the CPU is always there
    'cpu'
    """
    found = []
    if _installed("torch"):
        import torch

        if torch.cuda.is_available():
            found.append("cuda")
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            found.append("mps")
    elif _installed("tensorflow"):
        import tensorflow as tf

        if tf.config.list_physical_devices("GPU"):
            found.append("mps" if platform.system() == "Darwin" else "cuda")
    found.append("cpu")
    return tuple(found)


def pick_device(environ: dict[str, str] | None = None) -> str:
    """The device to run on: ``"cuda"``, ``"mps"`` or ``"cpu"``.

    Parameters
    ----------
    environ : mapping, optional
        Where to look for ``TENSORGUIDE_DEVICE``; defaults to ``os.environ``.

    Returns
    -------
    str
        The override when one is set (``auto`` means no override), else the
        first available device in :data:`DEVICE_ORDER`.

    Raises
    ------
    DeviceError
        If the override names an unknown device, or one not available here.

    Examples
    --------
    >>> pick_device({"TENSORGUIDE_DEVICE": "cpu"})          # the override wins
    'cpu'
    >>> pick_device({"TENSORGUIDE_DEVICE": "tpu"})
    Traceback (most recent call last):
    ...
    tensorguide.errors.DeviceError: TENSORGUIDE_DEVICE='tpu' is not a device tensorguide knows; use one of cuda, mps, cpu or auto
    """
    env = os.environ if environ is None else environ
    wanted = env.get(ENV_VAR, "").strip().lower()
    if wanted and wanted != "auto":
        if wanted not in DEVICE_ORDER:
            raise DeviceError(
                f"{ENV_VAR}={wanted!r} is not a device tensorguide knows; "
                f"use one of {', '.join(DEVICE_ORDER)} or auto"
            )
        if wanted == "cpu":
            return "cpu"
        available = available_devices()
        if wanted not in available:
            raise DeviceError(
                f"{ENV_VAR}={wanted!r} but {wanted} is not available here "
                f"(available: {', '.join(available)})"
            )
        return wanted
    return available_devices()[0]


def tf_device_name(device: str) -> str:
    """TensorFlow's name for a tensorguide device.

    Examples
    --------
    >>> tf_device_name("cpu"), tf_device_name("cuda")
    ('/CPU:0', '/GPU:0')
    """
    if device not in DEVICE_ORDER:
        raise DeviceError(f"unknown device {device!r}; use one of {', '.join(DEVICE_ORDER)}")
    return "/CPU:0" if device == "cpu" else "/GPU:0"


def framework_versions() -> dict[str, str | None]:
    """Installed versions of NumPy, PyTorch and TensorFlow, read from package
    metadata (nothing is imported).  ``None`` marks one that is missing.

    Examples
    --------
    >>> sorted(framework_versions())
    ['numpy', 'tensorflow', 'torch']
    """

    def version(*distributions: str) -> str | None:
        for name in distributions:
            try:
                return importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                continue
        return None

    return {
        "numpy": version("numpy"),
        "torch": version("torch"),
        "tensorflow": version(*_TF_DISTRIBUTIONS),
    }


def _device_detail(device: str, environ: dict[str, str]) -> str:
    if environ.get(ENV_VAR, "").strip().lower() not in ("", "auto"):
        return f"set by {ENV_VAR}"
    if device == "cuda" and _installed("torch"):
        import torch

        return torch.cuda.get_device_name(0)
    if device == "mps":
        return "Apple GPU"
    return "no CUDA or MPS device found"


def describe_runtime(environ: dict[str, str] | None = None) -> str:
    """One line saying where code runs and with which versions.

    Every gallery example prints this first.

    Examples
    --------
    >>> describe_runtime({"TENSORGUIDE_DEVICE": "cpu"})  # doctest: +ELLIPSIS
    'device: cpu (set by TENSORGUIDE_DEVICE) | python ... | numpy ... | torch ... | tensorflow ...'
    """
    env = os.environ if environ is None else environ
    device = pick_device(env)
    parts = [f"device: {device} ({_device_detail(device, env)})", f"python {platform.python_version()}"]
    for name, version in framework_versions().items():
        parts.append(f"{name} {version or 'not installed'}")
    return " | ".join(parts)

"""Adapters: mirrored names, conversions, descriptions, and no import to detect."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tensorguide import adapters
from tensorguide.adapters import describe, get_adapter, to_numpy

from .frameworks import FRAMEWORKS
from .harness import child_env

INTERFACE = ("NAME", "is_tensor", "to_numpy", "from_numpy", "describe")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_adapters_mirror_each_other(framework):
    adapter = get_adapter(framework)
    for name in INTERFACE:
        assert hasattr(adapter, name), f"{framework} adapter lacks {name}"
    assert adapter.NAME == framework


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_round_trip_through_numpy(framework):
    adapter = get_adapter(framework)
    array = np.arange(6, dtype=np.float32).reshape(2, 3)
    tensor = adapter.from_numpy(array)
    assert adapter.is_tensor(tensor)
    np.testing.assert_array_equal(to_numpy(tensor), array)


@pytest.mark.parametrize(
    "framework, strides",
    [("numpy", (1, 3)), ("torch", (1, 3)), ("tensorflow", None)],
    ids=["numpy", "torch", "tensorflow"],
)
def test_describe_a_transposed_tensor(framework, strides):
    adapter = get_adapter(framework)
    tensor = adapter.from_numpy(np.zeros((2, 3), dtype=np.float32))
    if framework == "tensorflow":
        import tensorflow as tf

        tensor = tf.transpose(tensor)
    else:
        tensor = tensor.T
    info = describe(tensor)
    assert (info.framework, info.dtype, info.shape, info.strides) == (framework, "float32", (3, 2), strides)
    assert info.device.startswith("cpu")


def test_bfloat16_converts_through_float32():
    import torch

    assert to_numpy(torch.ones(2, dtype=torch.bfloat16)).dtype == np.float32


def test_unknown_objects_are_refused():
    with pytest.raises(TypeError, match="not a NumPy, PyTorch or TensorFlow tensor: list"):
        to_numpy([1, 2])


def test_detection_imports_no_framework():
    code = (
        "import sys, numpy as np\n"
        "from tensorguide.adapters import adapter_for\n"
        "adapter_for(np.zeros(2))\n"
        "try:\n    adapter_for([1])\nexcept TypeError:\n    pass\n"
        "print(sorted(m for m in ('torch', 'tensorflow') if m in sys.modules))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True, env=child_env())
    assert completed.stdout.strip() == "[]"


def test_missing_framework_says_what_to_install():
    # Simulate a machine without PyTorch: a meta-path finder that refuses it.
    code = (
        "import sys\n"
        "class NoTorch:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'torch' or name.startswith('torch.'):\n"
        "            raise ModuleNotFoundError(\"No module named 'torch'\", name='torch')\n"
        "sys.meta_path.insert(0, NoTorch())\n"
        "from tensorguide.adapters import get_adapter\n"
        "try:\n    get_adapter('torch')\n"
        "except ImportError as err:\n    print(err)\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True, env=child_env())
    assert completed.stdout.strip() == (
        "tensorguide needs torch for this, and it is not installed: "
        "pip install 'tensorguide[torch]'  (or: pip install torch)"
    )


def test_adapter_cache_is_by_type():
    adapters.adapter_for(np.zeros(1))
    assert np.ndarray in adapters._by_type

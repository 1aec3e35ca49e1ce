"""Process-wide state that every page starts from, and checks that a page
left it as it found it.

Pages run one after another in one process (in the build and under sybil),
so seeds are reset before each page and a page that switches TensorFlow to
graph mode or changes PyTorch's default dtype is reported instead of
silently changing the pages after it.
"""

from __future__ import annotations

import os
import random
import sys

SEED = 0


class _QuietTensorFlowFinder:
    """A meta-path finder that silences file descriptor 2 while TensorFlow's
    top-level module executes (when its C++ libraries load and log), and
    only then.  Installed once; TensorFlow is still imported only when some
    code imports it."""

    def find_spec(self, name, path=None, target=None):
        if name != "tensorflow":
            return None
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module):
            saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            try:
                original(module)
            finally:
                os.dup2(saved, 2)
                os.close(saved)
                os.close(devnull)

        loader.exec_module = exec_module
        return spec


def install_quiet_tensorflow_import() -> None:
    """Make every later ``import tensorflow`` in this process quiet."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if not any(isinstance(f, _QuietTensorFlowFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietTensorFlowFinder())


def quiet_tensorflow_import():
    """Import TensorFlow with its C++ start-up messages silenced.

    ``TF_CPP_MIN_LOG_LEVEL`` is set before the import; TensorFlow 2.21 still
    prints two absl lines while loading its libraries, so file descriptor 2
    is pointed at ``/dev/null`` for the duration of the import only.
    """
    install_quiet_tensorflow_import()
    import tensorflow

    return tensorflow


def reset(seed: int = SEED) -> None:
    """Seed every random generator in use and close stray figures."""
    random.seed(seed)
    if "numpy" in sys.modules:
        import numpy as np

        np.random.seed(seed)
        np.set_printoptions()  # the defaults
    if "torch" in sys.modules:
        import torch

        torch.manual_seed(seed)
    if "tensorflow" in sys.modules:
        import tensorflow as tf

        tf.random.set_seed(seed)
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")


def leaked_state() -> list[str]:
    """What a page changed and did not restore, in words; empty when clean."""
    problems = []
    if "tensorflow" in sys.modules:
        import tensorflow as tf

        if not tf.executing_eagerly():
            problems.append(
                "TensorFlow is no longer executing eagerly (run graph-mode code "
                "inside `with tf.Graph().as_default():`)"
            )
    if "torch" in sys.modules:
        import torch

        if torch.get_default_dtype() != torch.float32:
            problems.append(f"torch's default dtype is {torch.get_default_dtype()}, not float32")
        if not torch.is_grad_enabled():
            problems.append("torch gradient recording was left disabled")
    return problems

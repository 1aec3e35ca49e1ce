"""What the tests share about running the site's code: the sybil parser for
pages, the process state every page starts from, the gallery's scripts, and
the environment of a child process."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from sybil.parsers.myst import PythonCodeBlockParser

from tgdocs.blocks import CodeBlock
from tgdocs.site import DOCS, ROOT

from .snippets import DOCTEST_FLAGS

GALLERY = ROOT / "gallery"
SEED = 0


def page_parsers() -> list:
    """sybil's stock MyST parser: every ```python block, run as a doctest when
    it starts with ``>>>`` (the only spelling a page may use:
    tests/test_collection.py)."""
    return [PythonCodeBlockParser(doctest_optionflags=DOCTEST_FLAGS)]


def where(block: CodeBlock) -> str:
    """A code block's page, line, form and language, for a failure message."""
    return (f"{block.path}, line {block.line} "
            f"({block.form}, language {block.language or 'missing'})")


def gallery_examples() -> list[Path]:
    """Every gallery example script."""
    return sorted(GALLERY.rglob("plot_*.py"))


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a subprocess that must see this checkout's
    ``tensorguide`` and ``tgdocs`` (not some other installed copy)."""
    env = dict(os.environ)
    paths = [str(ROOT / "src"), str(DOCS / "_ext"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env.update(extra)
    return env


# --- process state: pages run one after another in one process under sybil -----------

def reset(seed: int = SEED) -> None:
    """Seed every random generator in use and close stray figures, before a page."""
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
            problems.append("TensorFlow is no longer executing eagerly (run graph-mode code "
                            "inside `with tf.Graph().as_default():`)")
    if "torch" in sys.modules:
        import torch

        if torch.get_default_dtype() != torch.float32:
            problems.append(f"torch's default dtype is {torch.get_default_dtype()}, not float32")
        if not torch.is_grad_enabled():
            problems.append("torch gradient recording was left disabled")
    return problems


def start_page(namespace) -> None:
    """sybil's setup for a page."""
    reset()


def end_page(namespace) -> None:
    """sybil's teardown for a page: it fails when the page left state changed."""
    problems = leaked_state()
    reset()
    if problems:
        raise AssertionError("page left process state changed: " + "; ".join(problems))

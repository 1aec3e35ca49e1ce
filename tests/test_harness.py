"""The per-page state check (tests/harness.py): every page starts from the
same seeds, and a page that leaves process state changed fails."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from .harness import end_page, leaked_state, reset
from .snippets import run_alone


def test_a_page_that_changes_torchs_default_dtype_fails():
    torch.set_default_dtype(torch.float64)
    try:
        with pytest.raises(AssertionError, match="default dtype is torch.float64, not float32"):
            end_page({})
    finally:
        torch.set_default_dtype(torch.float32)
    assert leaked_state() == []


def test_a_page_that_leaves_tensorflow_in_graph_mode_fails():
    # graph mode cannot be switched off again, so it is left in a process of its own
    outcome = run_alone("import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n"
                        "from tests.harness import leaked_state\nprint(leaked_state())\n", "graph")
    assert outcome.ok, outcome.report
    assert "TensorFlow is no longer executing eagerly" in outcome.report


def test_every_page_starts_from_the_same_seeds():
    reset()
    first = (np.random.rand(), torch.rand(1).item())
    reset()
    assert (np.random.rand(), torch.rand(1).item()) == first

"""Every gallery example runs as a plain script and says first where it ran."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .harness import GALLERY, child_env, gallery_examples
from .snippets import run_alone

pytestmark = pytest.mark.slow  # a few seconds per example


@pytest.mark.parametrize("script", gallery_examples(), ids=lambda p: str(p.relative_to(GALLERY)))
def test_example_runs_and_names_its_device(script):
    outcome = run_alone(script.read_text(encoding="utf-8"), str(script))
    assert outcome.ok, outcome.report
    assert outcome.report.startswith("device: ")


def test_forcing_the_cpu_from_the_environment():
    script = gallery_examples()[0]
    completed = subprocess.run(
        [sys.executable, str(script)],
        env=child_env(TENSORGUIDE_DEVICE="cpu", MPLBACKEND="Agg"),
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("device: cpu (set by TENSORGUIDE_DEVICE)")

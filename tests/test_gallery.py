"""Every gallery example runs as a plain script and says first where it ran."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tgdocs.site import GALLERY, child_env, gallery_examples


@pytest.mark.parametrize("script", gallery_examples(), ids=lambda p: str(p.relative_to(GALLERY)))
def test_example_runs_and_names_its_device(snippet_runner, script):
    outcome = snippet_runner.run(script.read_text(encoding="utf-8"), str(script))
    assert outcome.ok, outcome.report
    assert outcome.report.splitlines()[0].startswith("device: ")


def test_forcing_the_cpu_from_the_environment():
    script = gallery_examples()[0]
    completed = subprocess.run(
        [sys.executable, str(script)],
        env=child_env(TENSORGUIDE_DEVICE="cpu", MPLBACKEND="Agg"),
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("device: cpu (set by TENSORGUIDE_DEVICE)")

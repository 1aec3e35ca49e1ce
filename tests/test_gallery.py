"""Every gallery example runs as a plain script and says first where it ran."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tensorguide.device import available_devices
from tgdocs import fresh
from tgdocs.site import GALLERY, child_env, gallery_examples

from . import reuse


def _key(script) -> str:
    """What an example's run depends on: its text, tensorguide, the
    frameworks it imports, the runner, and the devices it may pick."""
    text = script.read_text(encoding="utf-8")
    device = {name: value for name, value in os.environ.items() if name.startswith("TENSORGUIDE_")}
    return reuse.key(reuse.file_digest(script), reuse.environment([text]),
                     reuse.file_digest(Path(fresh.__file__)), reuse.file_digest(Path(__file__)),
                     repr(sorted(device.items())), repr(available_devices()))


@pytest.mark.parametrize("script", gallery_examples(), ids=lambda p: str(p.relative_to(GALLERY)))
def test_example_runs_and_names_its_device(request, script):
    """A run that succeeded is reused while nothing it depends on changed
    (tests/reuse.py); a failed run is never stored."""
    def make():
        runner = request.getfixturevalue("snippet_runner")  # started only when needed
        outcome = runner.run(script.read_text(encoding="utf-8"), str(script))
        assert outcome.ok, outcome.report
        return {"first_line": outcome.report.splitlines()[0]}

    store = reuse.Store("gallery example runs")
    run = store.get(script.relative_to(GALLERY).as_posix(), _key(script), make)
    assert run["first_line"].startswith("device: ")


def test_forcing_the_cpu_from_the_environment():
    script = gallery_examples()[0]
    completed = subprocess.run(
        [sys.executable, str(script)],
        env=child_env(TENSORGUIDE_DEVICE="cpu", MPLBACKEND="Agg"),
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("device: cpu (set by TENSORGUIDE_DEVICE)")

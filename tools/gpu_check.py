"""Check the GPU paths on a machine that has one (not part of CI).

CI and the test suite run on machines without a GPU, so the CUDA (or MPS)
branches of ``tensorguide.device``, ``tensorguide.measure`` and the gallery
run only where a maintainer has such a machine.  This script runs them:

1. ``python -m tensorguide device``: the device the examples would pick;
2. every gallery example as a plain script, checking that its first line
   names the accelerator and, on CUDA, that it reports peak CUDA memory
   (examples that import a framework missing here are listed as not run);
3. one example with ``TENSORGUIDE_DEVICE=cpu``, which must say so;
4. the tests of ``tensorguide.device`` and ``tensorguide.measure``, including
   the CUDA-only ones (with ``--noconftest``: they need neither sybil nor the
   site's fixtures).

Usage, from the repository root::

    python tools/gpu_check.py [--out FOLDER]

Each example's output is written to FOLDER (default ``gpu-check``).  The exit
status is 0 when every check that could run passed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "gallery"


def env(**extra: str) -> dict[str, str]:
    paths = [str(ROOT / "src"), str(ROOT / "docs" / "_ext")]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "MPLBACKEND": "Agg",
            "TF_CPP_MIN_LOG_LEVEL": "3", **extra}


def missing_frameworks(script: Path) -> list[str]:
    text = script.read_text(encoding="utf-8")
    needed = set(re.findall(r"^\s*(?:import|from)\s+(torch|tensorflow)\b", text, re.M))
    return sorted(name for name in needed if importlib.util.find_spec(name) is None)


def run(command: list[str], timeout: int = 600, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=env(**extra), capture_output=True, text=True,
                          timeout=timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "gpu-check")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []

    found = run([sys.executable, "-m", "tensorguide", "device"])
    print(found.stdout.strip() or found.stderr.strip())
    picked = found.stdout.split()[1] if found.returncode == 0 and found.stdout.split()[:1] == ["device:"] else None
    if picked not in ("cuda", "mps"):
        failures.append(f"tensorguide picked {picked!r}: no accelerator seen, nothing to check")

    print(f"\n{'example':55s} {'seconds':>8s}  first line")
    for script in sorted(GALLERY.rglob("plot_*.py")):
        name = script.relative_to(GALLERY).as_posix()
        missing = missing_frameworks(script)
        if missing:
            print(f"{name:55s} {'-':>8s}  not run: {', '.join(missing)} not installed here")
            continue
        started = time.perf_counter()
        done = run([sys.executable, str(script)])
        seconds = time.perf_counter() - started
        (args.out / (script.stem + ".txt")).write_text(done.stdout + done.stderr, encoding="utf-8")
        first = done.stdout.splitlines()[0] if done.stdout else ""
        print(f"{name:55s} {seconds:8.1f}  {first}")
        if done.returncode != 0:
            failures.append(f"{name} failed:\n{done.stderr[-2000:]}")
        elif picked and not first.startswith(f"device: {picked}"):
            failures.append(f"{name} did not run on {picked}: {first!r}")
        elif picked == "cuda" and "peak CUDA memory allocated by PyTorch" not in done.stdout:
            failures.append(f"{name} ran on CUDA but reported no peak CUDA memory")

    forced = next(s for s in sorted(GALLERY.rglob("plot_*.py")) if not missing_frameworks(s))
    done = run([sys.executable, str(forced)], TENSORGUIDE_DEVICE="cpu")
    first = done.stdout.splitlines()[0] if done.stdout else done.stderr[-500:]
    print(f"\nTENSORGUIDE_DEVICE=cpu {forced.name}: {first}")
    if not first.startswith("device: cpu (set by TENSORGUIDE_DEVICE)"):
        failures.append(f"forcing the CPU did not work: {first!r}")

    tests = run([sys.executable, "-m", "pytest", "-q", "--noconftest", "-p", "no:cacheprovider",
                 "-rs", "tests/test_device.py", "tests/test_measure.py"])
    print("\n" + tests.stdout.strip().splitlines()[-1] if tests.stdout else tests.stderr[-2000:])
    (args.out / "pytest.txt").write_text(tests.stdout + tests.stderr, encoding="utf-8")
    if tests.returncode != 0:
        failures.append("tests of tensorguide.device / tensorguide.measure failed (see pytest.txt)")

    print()
    for failure in failures:
        print("FAILED:", failure)
    print("gpu check:", "passed" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

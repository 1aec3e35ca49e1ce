"""Build and test speed, measured against its floor.

Run with ``tox -e bench`` (or ``python benchmarks/build.py`` in an
environment that has the site's requirements).  Every build runs in a
temporary copy of the working tree (``BENCH_ROOT`` names another tree to
measure, e.g. an older commit's ``git archive``), so nothing here touches
your checkout.

Measured, each as the median of ``BENCH_RUNS`` runs (default 3):

1. floor: all the code the build must execute (every worked example and
   every gallery script) in one Python process (floor.py), plus a build
   with execution switched off;
2. a clean build (no caches);
3. a no-op rebuild;
4. rebuilds after an edit: of one page's prose, and of one worked example's
   module (a different edit each run), with the pages each re-reads;
5. with ``BENCH_TEST_RUNS`` > 0 (default 0): the test suite as tox runs it,
   from a fresh clone (no pytest cache, no built site), and the quick loop
   (``-m "not slow"``) after it.

Prints a table, the clean-build / floor ratio and whether each target is met.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parents[1])
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TEST_RUNS = int(os.environ.get("BENCH_TEST_RUNS", "0"))
EDIT_PAGE = Path("docs/intro/what-are-tensors.md")
EDIT_MODULE = Path("src/tensorguide/worked_examples/what_are_tensors.py")
IGNORE = shutil.ignore_patterns(
    ".git", ".tox", "_build", "auto_examples", "sg_execution_times.rst", ".hypothesis",
    "__pycache__", "*.egg-info", ".pytest_cache",
)
ENV = {**os.environ, "MPLBACKEND": "Agg"}  # TensorFlow is quieted by tgdocs (floor.py, the build) and conftest.py
READ = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return elapsed, completed.stdout + completed.stderr


def sphinx(tree: Path, *extra: str) -> tuple[float, str]:
    return timed([sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-b", "html",
                  "docs", "docs/_build/html", *extra], tree)


def clean(tree: Path) -> None:
    for generated in ("docs/_build", "docs/auto_examples", ".pytest_cache"):
        shutil.rmtree(tree / generated, ignore_errors=True)
    (tree / "docs" / "sg_execution_times.rst").unlink(missing_ok=True)


def pages_read(log: str) -> list[str]:
    return [name for name in READ.findall(log) if not name.startswith("auto_examples")]


def edit_prose(text: str, run: int) -> str:
    """One more sentence after the page's first ``##`` heading."""
    head, heading, rest = text.partition("\n## ")
    line, _, body = rest.partition("\n\n")
    return f"{head}{heading}{line}\n\nBenchmark edit {run}: one more sentence.\n\n{body}"


def edit_module(text: str, run: int) -> str:
    return text + f"\n# benchmark edit {run}\n"


def edit_rebuild(tree: Path, path: Path, edit) -> tuple[list[float], set[str]]:
    original = (tree / path).read_text(encoding="utf-8")
    times, read = [], set()
    for run in range(RUNS):
        (tree / path).write_text(edit(original, run), encoding="utf-8")
        seconds, log = sphinx(tree)
        times.append(seconds)
        read.update(pages_read(log))
        (tree / path).write_text(original, encoding="utf-8")
        sphinx(tree)  # back to the unedited state, not timed
    return times, read


def pytest_command(tree: Path, *extra: str) -> list[str]:
    """tox's ``tests`` command, run with that environment's Python (it must exist)."""
    for line in (tree / "tox.ini").read_text(encoding="utf-8").splitlines():
        if line.startswith("commands = pytest") and "{posargs}" in line:
            args = line.split("commands = pytest", 1)[1].replace("{posargs}", "").split()
            return [str(ROOT / ".tox" / "tests" / "bin" / "python"), "-m", "pytest", *args, *extra]
    sys.exit("tox.ini has no pytest command")


def main() -> None:
    rows: list[tuple[str, float, str]] = []
    median = statistics.median
    with tempfile.TemporaryDirectory(prefix="tensorguide-bench-") as scratch:
        tree = Path(scratch) / "tree"
        shutil.copytree(ROOT, tree, ignore=IGNORE)

        floor_exec = [timed([sys.executable, "benchmarks/floor.py", str(tree)], tree)[0]
                      for _ in range(RUNS)]
        floor_build = []
        for _ in range(RUNS):
            clean(tree)
            floor_build.append(sphinx(tree, "-D", "tgdocs_run_worked_examples=0", "-D", "plot_gallery=0")[0])
        floor = median(floor_exec) + median(floor_build)
        rows += [("floor: all build code in one process", median(floor_exec), ""),
                 ("floor: build with execution off", median(floor_build), ""),
                 ("floor (sum)", floor, "")]

        clean_builds = []
        for _ in range(RUNS):
            clean(tree)
            seconds, log = sphinx(tree)
            clean_builds.append(seconds)
        rows.append(("clean build", median(clean_builds), f"{len(pages_read(log))} pages read"))
        noops = []
        for _ in range(RUNS):
            seconds, log = sphinx(tree)
            noops.append(seconds)
        rows.append(("no-op rebuild", median(noops), f"re-read: {pages_read(log) or 'nothing'}"))
        prose_times, prose_read = edit_rebuild(tree, EDIT_PAGE, edit_prose)
        rows.append(("page prose edit rebuild", median(prose_times), f"re-read: {sorted(prose_read)}"))
        module_times, module_read = edit_rebuild(tree, EDIT_MODULE, edit_module)
        rows.append(("worked-example module edit rebuild", median(module_times),
                     f"re-read: {sorted(module_read)}"))

        fresh, quick = [], []
        for _ in range(TEST_RUNS):
            clean(tree)
            fresh.append(timed(pytest_command(tree), tree)[0])
            quick.append(timed(pytest_command(tree, "-m", "not slow"), tree)[0])
        if TEST_RUNS:
            rows.append(("test suite from a fresh clone", median(fresh), "tox -e tests, env created"))
            rows.append(("quick loop", median(quick), 'tox -e tests -- -m "not slow"'))

    width = max(len(name) for name, _, _ in rows)
    print(f"\n{'measurement':<{width}}  {'median s':>9}  note")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:9.2f}  {note}")
    print(f"\nclean build / floor = {median(clean_builds) / floor:.2f}  (target <= 1.3)")
    print(f"no-op rebuild {median(noops):.2f} s  (target <= 3)")
    user = EDIT_PAGE.with_suffix("").relative_to("docs").as_posix()
    print(f"prose edit re-reads only its page: {prose_read == {user}}")
    print(f"module edit re-reads only the pages using it: {module_read == {user}}")
    print(f"runs per figure: {RUNS} (tests: {TEST_RUNS}); machine: {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

"""Build and test speed, measured against its floor.

Run with ``tox -e bench`` (or ``python benchmarks/build.py`` in an
environment that has the site's requirements).  Every build runs in a
temporary copy of the working tree, so nothing here touches your checkout.

Measured, each as the median of several runs (``BENCH_RUNS``, default 3):

1. floor: all the code the build must execute (every page's code cells and
   every gallery script) in one Python process, plus a build with
   execution switched off;
2. a clean build (no caches) with execution;
3. a no-op rebuild;
4. a one-page edit rebuild: prose only, and separately one code cell, with
   the number of pages each re-executes;
5. the test suite, README command 2 with its environment already created
   (``BENCH_TEST_RUNS``, default 3; 0 skips it), three ways: with the
   stored results of its slowest checks (tests/reuse.py) and nothing
   changed, the maintainer's usual rerun; after a one-page prose edit (in
   the temporary copy, with the same pytest command tox runs); and with
   nothing stored reused (``TGDOCS_RECHECK=1``), what a fresh clone pays.

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

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TEST_RUNS = int(os.environ.get("BENCH_TEST_RUNS", "3"))
EDIT_PAGE = Path("docs/intro/what-are-tensors.md")
IGNORE = shutil.ignore_patterns(
    ".git", ".tox", "_build", "auto_examples", "sg_execution_times.rst", ".hypothesis",
    "__pycache__", "*.egg-info",
)
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "MPLBACKEND": "Agg"}


def timed(command: list[str], cwd: Path, **env: str) -> tuple[float, str]:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env={**ENV, **env}, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return elapsed, completed.stdout + completed.stderr


def sphinx(tree: Path, *extra: str) -> tuple[float, str]:
    return timed(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-b", "html",
         "docs", "docs/_build/html", *extra],
        tree,
    )


def clean(tree: Path) -> None:
    shutil.rmtree(tree / "docs" / "_build", ignore_errors=True)
    shutil.rmtree(tree / "docs" / "auto_examples", ignore_errors=True)
    (tree / "docs" / "sg_execution_times.rst").unlink(missing_ok=True)


def executed_pages(log: str) -> list[str]:
    return re.findall(r"\[tgdocs\] executing (\S+)", log)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def edit_prose(text: str, run: int) -> str:
    marker = "## The idea in one paragraph\n\n"
    return text.replace(marker, marker + f"Benchmark edit {run}: one more sentence of prose. ", 1)


def edit_code(text: str, run: int) -> str:
    marker = "```{code-cell} python\n:tags: [hide-input]\n"
    assert marker in text, "the edit page has no hidden-input code cell"
    # a different edit each run: an edit seen before is (rightly) in the cache
    return text.replace(marker, marker + f"# benchmark edit {run}\n", 1)


def edit_rebuild(tree: Path, edit) -> tuple[list[float], list[list[str]]]:
    page = tree / EDIT_PAGE
    original = page.read_text(encoding="utf-8")
    times, executed = [], []
    for run in range(RUNS):
        page.write_text(edit(original, run), encoding="utf-8")
        seconds, log = sphinx(tree)
        times.append(seconds)
        executed.append(executed_pages(log))
        page.write_text(original, encoding="utf-8")
        sphinx(tree)  # back to the unedited state, not timed
    return times, executed


def tox_pytest_command() -> list[str]:
    """The pytest command of tox's ``tests`` environment, run with that
    environment's Python (the environment must exist)."""
    python = ROOT / ".tox" / "tests" / "bin" / "python"
    for line in (ROOT / "tox.ini").read_text(encoding="utf-8").splitlines():
        if line.startswith("commands = pytest") and "{posargs}" in line:
            section_args = line.split("commands = pytest", 1)[1].replace("{posargs}", "").split()
            return [str(python), "-m", "pytest", *section_args]
    sys.exit("tox.ini has no pytest command")


def edit_retest(tree: Path, edit) -> list[float]:
    """The test suite in ``tree`` after an edit of one page, a different
    edit each run (so each run sees one changed page)."""
    page = tree / EDIT_PAGE
    original = page.read_text(encoding="utf-8")
    command = tox_pytest_command()
    timed(command, tree)  # results stored for the unedited tree
    times = []
    try:
        for run in range(TEST_RUNS):
            page.write_text(edit(original, 100 + run), encoding="utf-8")
            times.append(timed(command, tree)[0])
    finally:
        page.write_text(original, encoding="utf-8")
    return times


def main() -> None:
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="tensorguide-bench-") as scratch:
        tree = Path(scratch) / "tree"
        shutil.copytree(ROOT, tree, ignore=IGNORE)

        floor_exec = []
        for _ in range(RUNS):
            seconds, _ = timed([sys.executable, "benchmarks/floor.py", str(tree)], tree)
            floor_exec.append(seconds)
        floor_build = []
        for _ in range(RUNS):
            clean(tree)
            # without outputs myst-nb cannot tell the cells' language; that warning is expected
            seconds, _ = sphinx(tree, "-D", "nb_execution_mode=off", "-D", "plot_gallery=0",
                                "-D", "suppress_warnings=myst-nb.lexer")
            floor_build.append(seconds)
        floor = median(floor_exec) + median(floor_build)
        rows.append(("floor: all build code in one process", median(floor_exec), ""))
        rows.append(("floor: build with execution off", median(floor_build), ""))
        rows.append(("floor (sum)", floor, ""))

        clean_builds = []
        for _ in range(RUNS):
            clean(tree)
            seconds, log = sphinx(tree)
            clean_builds.append(seconds)
        pages_run = len(executed_pages(log))
        clean_build = median(clean_builds)
        rows.append(("clean build", clean_build, f"{pages_run} pages executed"))

        noops = [sphinx(tree)[0] for _ in range(RUNS)]
        rows.append(("no-op rebuild", median(noops), ""))

        prose_times, prose_runs = edit_rebuild(tree, edit_prose)
        rows.append(("prose edit rebuild", median(prose_times),
                     f"re-executed: {sorted({p for run in prose_runs for p in run}) or 'nothing'}"))
        code_times, code_runs = edit_rebuild(tree, edit_code)
        rows.append(("code-cell edit rebuild", median(code_times),
                     f"re-executed: {sorted({p for run in code_runs for p in run})}"))

        tests, cold, edited = [], [], []
        if TEST_RUNS:
            readme_test = [sys.executable, "-m", "tox", "-e", "tests"]
            timed(readme_test, ROOT)  # the environment and the stored results exist after this run
            for _ in range(TEST_RUNS):
                tests.append(timed(readme_test, ROOT)[0])
            rows.append(("test suite (README command 2)", median(tests),
                         "environment created, stored results of unchanged inputs reused"))
            edited = edit_retest(tree, edit_prose)
            rows.append(("test suite after a prose edit", median(edited),
                         f"one page changed ({EDIT_PAGE}), the rebuild included"))
            for _ in range(TEST_RUNS):
                cold.append(timed(readme_test, ROOT, TGDOCS_RECHECK="1")[0])
            rows.append(("test suite, nothing reused", median(cold), "TGDOCS_RECHECK=1 (a fresh clone)"))

    width = max(len(name) for name, _, _ in rows)
    print(f"\n{'measurement':<{width}}  {'median s':>9}  note")
    print(f"{'-' * width}  {'-' * 9}  ----")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:9.2f}  {note}")
    ratio = clean_build / floor
    print(f"\nclean build / floor = {ratio:.2f}  (target <= 1.3)")
    print(f"no-op rebuild {median(noops):.2f} s  (target <= 3)")
    prose_ok = not any(prose_runs)
    code_ok = all(run == [EDIT_PAGE.with_suffix('').relative_to('docs').as_posix()] for run in code_runs)
    print(f"prose edit re-executes nothing: {prose_ok}")
    print(f"code edit re-executes only its page: {code_ok}")
    if tests:
        print(f"test suite {median(tests):.2f} s  (target <= 60); after a prose edit "
              f"{median(edited):.2f} s; nothing reused {median(cold):.2f} s")
    print(f"runs per figure: {RUNS} (tests: {TEST_RUNS}); machine: {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

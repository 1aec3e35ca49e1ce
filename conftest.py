"""pytest configuration shared by the whole repository.

sybil collects every Python block of every MyST page under ``docs/`` and
every docstring example under ``src/tensorguide``; the parsers are in
``docs/_ext/tgdocs/sybil_parsers.py`` and ``tests/test_collection.py`` proves
that they miss nothing.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
# Test the tensorguide of this checkout, even where another copy is installed.
sys.path.insert(0, str(ROOT / "src"))

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from sybil import Sybil  # noqa: E402
from sybil.parsers.rest import DocTestParser  # noqa: E402

from tgdocs import state  # noqa: E402

state.install_quiet_tensorflow_import()
from tgdocs.site import PAGE_EXCLUDES  # noqa: E402
from tgdocs.sybil_parsers import DOCTEST_FLAGS, AnyPythonBlockParser  # noqa: E402

from tests import reuse  # noqa: E402


# Property tests: derandomized, so every run checks the same cases.
settings.register_profile(
    "tensorguide",
    max_examples=int(os.environ.get("TENSORGUIDE_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("tensorguide")


def _start_page(namespace):
    state.reset()


def _end_page(namespace):
    problems = state.leaked_state()
    state.reset()
    if problems:
        raise AssertionError("page left process state changed: " + "; ".join(problems))


pages = Sybil(
    parsers=[AnyPythonBlockParser()],
    patterns=["*.md"],
    path="docs",
    excludes=[f"{folder}/*" for folder in PAGE_EXCLUDES],
    setup=_start_page,
    teardown=_end_page,
    name="pages",
)
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
    patterns=["*.py"],
    path="src/tensorguide",
    name="docstrings",
)

pytest_collect_file = (pages + docstrings).pytest()


@pytest.fixture(scope="session")
def snippet_runner():
    """One snippet server per test process: frameworks imported once, a fresh
    forked process per snippet (see tgdocs.fresh)."""
    from tgdocs.fresh import SnippetRunner

    runner = SnippetRunner()
    yield runner
    runner.close()


# --- stored results of the slowest checks (tests/reuse.py) ---------------------------

def pytest_sessionfinish(session):
    reuse.write_counts(os.environ.get("PYTEST_XDIST_WORKER", "main"))


def pytest_terminal_summary(terminalreporter):
    for line in reuse.summary(reuse.SESSION_START):
        terminalreporter.write_line(line)

"""pytest configuration shared by the whole repository.

sybil's stock MyST parser collects every ```python block of every page under
``docs/`` (tests/test_collection.py proves that it misses none, and that no
page spells Python another way), sybil's doctest parser every docstring
example under ``src/tensorguide``.  Each page starts from the same process
state and must leave it as it found it (tests/harness.py).
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before anything imports TensorFlow
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
# Test the tensorguide of this checkout, even where another copy is installed.
sys.path.insert(0, str(ROOT / "src"))

from hypothesis import HealthCheck, settings  # noqa: E402
from sybil import Sybil  # noqa: E402
from sybil.parsers.rest import DocTestParser  # noqa: E402

from tests.harness import DOCTEST_FLAGS, end_page, page_parsers, start_page  # noqa: E402
from tgdocs.site import PAGE_EXCLUDES  # noqa: E402

# Property tests: derandomized, so every run checks the same cases.
settings.register_profile(
    "tensorguide",
    max_examples=int(os.environ.get("TENSORGUIDE_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("tensorguide")

pages = Sybil(
    parsers=page_parsers(),
    patterns=["*.md"],
    path="docs",
    excludes=[f"{folder}/*" for folder in PAGE_EXCLUDES],
    setup=start_page,
    teardown=end_page,
    name="pages",
)
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
    patterns=["*.py"],
    path="src/tensorguide",
    name="docstrings",
)

pytest_collect_file = (pages + docstrings).pytest()


def pytest_collection_modifyitems(items):
    """Whatever needs the built site (a build, then the browser and notebook
    checks) is ``slow``: ``-m "not slow"`` is the quick loop."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker("slow")
    # the site's tests last: the other worker is not left waiting for the build
    items.sort(key=lambda item: "built_site" in getattr(item, "fixturenames", ()))

"""pytest plugin for ``tox -e oldest``: a test or docstring example that
fails only because PyTorch or TensorFlow is not installed is reported as
skipped, naming the missing framework; every other failure stays a failure.

The env installs no framework on purpose (the oldest declared NumPy is older
than what the pinned frameworks accept), so this is the one way such a test
ends early there.  pytest.importorskip cannot do it for docstring examples,
whose imports sit inside the functions they show.
"""

from __future__ import annotations

import doctest
import re

import pytest

FRAMEWORKS = ("torch", "tensorflow", "keras")
NOT_INSTALLED = re.compile(r"ModuleNotFoundError: No module named '((?:torch|tensorflow|keras)\b[\w.]*)'")


def _missing_framework(error: BaseException | None) -> str | None:
    while error is not None:
        if isinstance(error, doctest.UnexpectedException):
            error = error.exc_info[1]
            continue
        if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] in FRAMEWORKS:
            return error.name
        error = error.__cause__ or error.__context__
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and call.excinfo is not None:
        name = _missing_framework(call.excinfo.value)
        if name is not None:
            report.outcome = "skipped"
            report.longrepr = (str(item.path), item.location[1] or 0, f"needs {name}, not installed")
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    # a module that imports a framework at its top (the adapters) cannot be
    # collected; pytest keeps only the error's text by then
    report = yield
    missing = NOT_INSTALLED.search(str(report.longrepr)) if report.failed else None
    if missing:
        report.outcome = "skipped"
        report.longrepr = (str(collector.path), 0, f"needs {missing.group(1)}, not installed")
    return report

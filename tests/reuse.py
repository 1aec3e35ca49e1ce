"""Results of the slowest checks, kept while nothing they read has changed.

The build re-executes only the pages whose inputs changed; the tests do the
same for their slowest kinds of work:

- a browser visit of each built page (``tests/site/sweep_checks.py``),
- each chapter notebook run top to bottom, and one in a Jupyter kernel
  (``tests/site/test_notebooks.py``),
- each gallery example run as a script (``tests/test_gallery.py``),
- each framework-tab snippet run alone (``tests/test_standalone_snippets.py``).

Each stores what it observed under a key made of everything the observation
depends on: the bytes of the page, notebook or script and of every file it
loads, a hash of the code that observes, and the versions of the browser or
of the frameworks (``tgdocs.envkey``).  A stored result is used only when its
key matches, and the test's assertions run on it every time, stored or not:
a result that failed a test fails it again until one of its inputs changes.

Results live in ``docs/_build/checks`` (deleted with the build).  With
``TGDOCS_RECHECK=1`` nothing stored is used, and everything is observed
again; a fresh clone, CI's case, has nothing stored.  The end of every test
run says how many results were reused.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections import Counter
from pathlib import Path

from tgdocs.site import DOCS

STORE = DOCS / "_build" / "checks"
RECHECK_ENV = "TGDOCS_RECHECK"

_counts: dict[str, Counter] = {}


def recheck() -> bool:
    """Whether stored results are ignored (``TGDOCS_RECHECK=1``)."""
    return os.environ.get(RECHECK_ENV) == "1"


@functools.lru_cache(maxsize=None)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes ("missing" for a file that is not there)."""
    try:
        status = Path(path).stat()
    except FileNotFoundError:
        return "missing"
    return _file_digest(str(path), status.st_mtime_ns, status.st_size)


def tree_digest(root: Path) -> str:
    """sha256 over every file under ``root``: names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(root).as_posix()}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def _environment(deps: tuple[str, ...]) -> str:
    from tgdocs.envkey import environment_key

    return environment_key(deps)


def environment(sources) -> str:
    """``tgdocs.envkey``'s key for code in ``sources``: Python, the executor,
    the versions of the frameworks it imports and a hash of tensorguide
    (computed once per test process)."""
    from tgdocs.envkey import dependencies

    return _environment(dependencies(sources))


def key(*parts: str) -> str:
    """One key for several parts (digests, versions, names)."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class Store:
    """The stored results of one kind of check, one JSON file per subject."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.folder = STORE / kind
        _counts.setdefault(kind, Counter())

    def _path(self, subject: str) -> Path:
        return self.folder / (hashlib.sha256(subject.encode()).hexdigest()[:24] + ".json")

    def load(self, subject: str, key: str, valid=None) -> dict | None:
        """The result stored for ``subject`` under ``key``, or None.

        ``valid``, when given, is asked about a stored result too (for
        dependencies only known once the result was made, such as the files
        a page loaded)."""
        found = None
        if not recheck():
            try:
                record = json.loads(self._path(subject).read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                record = None
            if record and record.get("key") == key and record.get("subject") == subject:
                if valid is None or valid(record["result"]):
                    found = record["result"]
        _counts[self.kind]["reused" if found is not None else "observed"] += 1
        return found

    def get(self, subject: str, key: str, make, valid=None) -> dict:
        """The stored result (see :meth:`load`), or ``make()``'s, which is
        stored; a ``make`` that raises stores nothing."""
        result = self.load(subject, key, valid)
        if result is None:
            result = make()
            self.save(subject, key, result)
        return result

    def save(self, subject: str, key: str, result: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(subject)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"subject": subject, "key": key, "result": result}),
                             encoding="utf-8")
        temporary.replace(path)


# --- the summary at the end of a test run ------------------------------------------------

def write_counts(worker: str) -> None:
    """Called by each test process at its end (see conftest.py)."""
    if any(_counts.values()):
        STORE.mkdir(parents=True, exist_ok=True)
        (STORE / f"counts-{worker}.json").write_text(json.dumps(_counts), encoding="utf-8")


def summary(since: float) -> list[str]:
    """One line per kind of check: how many results were reused, counted
    over the test processes that ended after ``since``."""
    total: dict[str, Counter] = {}
    for path in STORE.glob("counts-*.json"):
        if path.stat().st_mtime < since:
            continue
        for kind, counts in json.loads(path.read_text(encoding="utf-8")).items():
            total.setdefault(kind, Counter()).update(counts)
    lines = []
    for kind, counts in sorted(total.items()):
        done = counts["reused"] + counts["observed"]
        lines.append(f"{kind}: {counts['reused']} of {done} reused, {counts['observed']} observed now")
    if lines:
        how = ("stored results ignored" if recheck() else
               f"stored results of unchanged inputs reused; {RECHECK_ENV}=1 redoes them")
        lines.insert(0, f"slow checks ({how}, see tests/reuse.py):")
    return lines


SESSION_START = time.time()

"""What an executed output depends on besides the code that made it.

A cache keyed on cell text alone would replay stale outputs after a change
to ``tensorguide`` or an upgrade of a framework.  A page's key therefore
mixes in the versions of the frameworks it imports, a hash of the
``tensorguide`` sources when it imports ``tensorguide``, and a hash of this
executor.  Nothing is imported to find a version: package metadata says it.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
import platform
from collections.abc import Iterable
from pathlib import Path

TRACKED = ("numpy", "torch", "tensorflow", "matplotlib", "tensorguide")
"""Top-level modules whose change invalidates the outputs of pages using them."""

EXECUTOR_FILES = ("execute.py", "state.py", "envkey.py")
"""The files of this package whose change can change an output."""

_DISTRIBUTIONS = {
    "numpy": ("numpy",),
    "torch": ("torch",),
    "tensorflow": ("tensorflow", "tensorflow-cpu"),
    "matplotlib": ("matplotlib",),
}

# tensorguide may import any framework lazily, so a page using it depends on all.
_IMPLIED = {"tensorguide": ("numpy", "torch", "tensorflow")}


def imported_modules(sources: Iterable[str]) -> set[str]:
    """Top-level names of the modules that ``sources`` import."""
    names: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def dependencies(sources: Iterable[str]) -> tuple[str, ...]:
    """The tracked modules that code in ``sources`` depends on."""
    used = imported_modules(sources) & set(TRACKED)
    for name in list(used):
        used.update(_IMPLIED.get(name, ()))
    return tuple(sorted(used))


def _hash_tree(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _component(name: str) -> str:
    if name == "tensorguide":
        spec = importlib.util.find_spec("tensorguide")
        assert spec is not None and spec.submodule_search_locations
        return "tensorguide:" + _hash_tree(Path(next(iter(spec.submodule_search_locations))))
    for distribution in _DISTRIBUTIONS[name]:
        try:
            return f"{name}:{importlib.metadata.version(distribution)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return f"{name}:missing"


def environment_key(deps: Iterable[str]) -> str:
    """Hash of everything besides the cell text that outputs depend on."""
    here = Path(__file__).parent
    executor = hashlib.sha256(
        b"".join((here / name).read_bytes() for name in EXECUTOR_FILES)
    ).hexdigest()
    parts = [f"python:{platform.python_version()}", f"executor:{executor}"]
    parts.extend(_component(name) for name in sorted(deps))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]

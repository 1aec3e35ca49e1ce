"""Mutation check: does every change to shown code or output break the tests?

The site's promise is that a page cannot drift from working code.  This
script attacks that promise: it applies one small mutation at a time to a
copy of the repository and checks that the tests that cover the mutated file
fail.  The tests run are a subset of README command 2 (the whole suite), so
a mutation they catch would fail command 2 too; a mutation they miss is a
hole to close.  Build-only content (cross-references to terms, pages and
citations) is checked with the build (``sphinx-build -W -n``) instead.

Kinds of mutation, all drawn deterministically from the sources:

- ``output``: one character of an expected output line of a doctest;
- ``shape``: one size in a shape or size argument of a doctest line whose
  output the page shows right below it;
- ``table``: one number in a worked example that computes a page's table;
- ``api``: the name of a NumPy / PyTorch / TensorFlow function in a snippet;
- ``import``: an import line deleted from a snippet;
- ``xref`` (build-only): the target of a ``{term}``, ``{doc}`` or ``{cite}``.

Usage::

    python tools/mutation_check.py --sample 10     # quick (CI)
    python tools/mutation_check.py                 # full run (default 120)

A mutation of *code* in a doctest (``shape``, ``api``, ``import``) that the
tests do not catch leaves every output the page shows exactly right, because
sybil compares every shown output: the change is not observable (for
example ``unsqueeze(0)`` and ``unsqueeze(1)`` of a size-1 axis, or a size
that an error message does not mention).  Such a mutant is reported as
*equivalent* and listed, and is not counted in the kill rate.  A surviving
mutation of a shown output, of a worked example or of a cross-reference is
always a hole.

Prints every mutation's fate and the kill rate; exits 1 if any survived.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "docs" / "_ext")]

from tgdocs.blocks import code_blocks  # noqa: E402
from tgdocs.site import pages  # noqa: E402

IGNORE = shutil.ignore_patterns(".git", ".tox", ".hypothesis", "__pycache__", "*.egg-info")
FRAMEWORK_CALL = re.compile(r"\b(np|numpy|torch|tf)\.([a-z_][a-z_0-9]*)\(")
SIZE = re.compile(r"(?<=[(,\[ ])(\d+)(?=[,)\]])")
XREF = re.compile(r"\{(term|doc|cite:[pt])\}`([^`<]+?)`")


@dataclass(frozen=True)
class Mutation:
    kind: str
    path: Path  # relative to the repository root
    line: int  # 1-based
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.kind:7} {self.path}:{self.line}: {self.before.strip()!r} -> {self.after.strip()!r}"


def _flip(text: str, rng: random.Random) -> str | None:
    positions = [i for i, c in enumerate(text) if c.isalnum()]
    if not positions:
        return None
    i = rng.choice(positions)
    c = text[i]
    if c.isdigit():
        replacement = str((int(c) + rng.randint(1, 9)) % 10)
    elif c.isalpha():
        replacement = c.swapcase() if c.swapcase() != c else "x"
    else:
        return None
    return text[:i] + replacement + text[i + 1:]


def _without_comment(line: str) -> str:
    """``line`` up to a ``#`` that starts a comment (not one inside quotes)."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote and line[i - 1] != "\\":
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#":
            return line[:i].rstrip() + ("\n" if line.endswith("\n") else "")
    return line


IMPORTED = re.compile(r"\s*(?:>>> )?(?:import|from) ([\w.]+)")


def page_mutations(rng: random.Random) -> list[Mutation]:
    found: list[Mutation] = []
    for page in pages():
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        relative = page.relative_to(ROOT)
        imported_before: set[str] = set()
        for block in code_blocks(page):
            if not block.is_python:
                continue
            standalone = any(p.name == "tab-item" for p in block.parents)
            start = block.line  # the fence line; the code follows
            body = lines[start:block.end_line - 1]
            in_output = False
            for offset, text in enumerate(body):
                number = start + offset + 1
                stripped = text.strip()
                is_code = stripped.startswith((">>> ", "... ")) or not block.is_doctest
                if block.is_doctest and stripped and not is_code and not stripped.startswith(
                    ("Traceback", "...")
                ) and in_output:
                    mutated = _flip(text, rng)
                    if mutated:
                        found.append(Mutation("output", relative, number, text, mutated))
                in_output = block.is_doctest and (stripped.startswith(">>> ") or (in_output and stripped))
                if not is_code:
                    continue
                code = text
                imported = IMPORTED.match(code)
                if imported:
                    module = imported.group(1)
                    # deleting an import the page already made earlier changes
                    # nothing (an equivalent mutant), except in a tab, which
                    # must run alone
                    if standalone or module not in imported_before:
                        replacement = ">>> pass\n" if block.is_doctest else "pass\n"
                        found.append(Mutation("import", relative, number, text, replacement))
                    imported_before.add(module)  # tabs share the page's namespace too
                code = _without_comment(code)
                for match in FRAMEWORK_CALL.finditer(code):
                    name = match.group(2)
                    after = code[:match.start(2)] + name + "_missing" + code[match.end(2):]
                    found.append(Mutation("api", relative, number, text, after))
                shows_output = (
                    block.is_doctest
                    and stripped.startswith(">>> ")
                    and offset + 1 < len(body)
                    and body[offset + 1].strip()
                    and not body[offset + 1].strip().startswith((">>>", "...", "Traceback"))
                )
                for match in SIZE.finditer(code):
                    # a size whose effect the page shows right below it
                    if "(" not in code[:match.start()] or not shows_output:
                        continue
                    after = code[:match.start()] + str(int(match.group()) + 1) + code[match.end():]
                    found.append(Mutation("shape", relative, number, text, after))
        for number, text in enumerate(lines, start=1):
            for match in XREF.finditer(text):
                after = text[:match.start(2)] + match.group(2) + "-gone" + text[match.end(2):]
                found.append(Mutation("xref", relative, number, text, after))
    return found


def table_mutations() -> list[Mutation]:
    """A number literal in the code (not strings, comments or docstrings) of
    a worked example: the numbers its table is computed from."""
    import io
    import tokenize

    found = []
    for module in sorted((ROOT / "src" / "tensorguide" / "worked_examples").glob("*.py")):
        if module.name in ("__init__.py", "table.py"):
            continue
        source = module.read_text(encoding="utf-8")
        lines = source.splitlines(keepends=True)
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type != tokenize.NUMBER or token.start[0] != token.end[0]:
                continue
            number, column = token.start
            text = lines[number - 1]
            value = token.string
            bumped = str(int(value) + 1) if value.isdigit() else value + "1"
            after = text[:column] + bumped + text[column + len(value):]
            found.append(Mutation("table", module.relative_to(ROOT), number, text, after))
    return found


def tests_for(mutation: Mutation) -> list[str]:
    """The tests of README command 2 that cover the mutated file."""
    path = mutation.path
    if path.parts[0] == "src":
        stem = path.stem
        chapter_tests = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob(f"test_{stem}*.py"))
        slug = stem.replace("_", "-")
        page_files = [str(p.relative_to(ROOT)) for p in pages() if p.stem == slug]
        return [str(path), *chapter_tests, *page_files, "tests/test_worked_examples.py"]
    slug = path.stem
    chapter_tests = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob(f"test_{slug.replace('-', '_')}*.py")
    )
    cross = ["tests/test_collection.py", "tests/test_standalone_snippets.py",
             "tests/test_tabs_agree.py", "tests/test_errata.py", "tests/test_pages.py"]
    return [str(path), *chapter_tests, *cross, "-k", f"{path.name} or {slug} or not ({' or '.join(_other_slugs(slug))})"]


def _other_slugs(slug: str) -> list[str]:
    return sorted({p.stem for p in pages() if p.stem != slug} - {"index"}) or ["nothing"]


def killed(tree: Path, mutation: Mutation) -> tuple[bool, str]:
    target = tree / mutation.path
    original = target.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    assert lines[mutation.line - 1] == mutation.before, mutation
    lines[mutation.line - 1] = mutation.after
    target.write_text("".join(lines), encoding="utf-8")
    try:
        if mutation.kind == "xref":
            command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html",
                       "docs", "docs/_build/html"]
        else:
            command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                       "-p", "no:randomly", *tests_for(mutation)]
        completed = subprocess.run(command, cwd=tree, capture_output=True, text=True, timeout=900)
        return completed.returncode != 0, (completed.stdout + completed.stderr)[-600:]
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=120, help="how many mutations (default 120)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kinds", default="", help="comma-separated kinds to draw from (default: all)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    candidates = page_mutations(rng) + table_mutations()
    if args.kinds:
        wanted = set(args.kinds.split(","))
        candidates = [m for m in candidates if m.kind in wanted]
    by_kind: dict[str, list[Mutation]] = {}
    for mutation in candidates:
        by_kind.setdefault(mutation.kind, []).append(mutation)
    # an even share of each kind, then the rest at random
    chosen: list[Mutation] = []
    kinds = sorted(by_kind)
    share = max(1, args.sample // len(kinds))
    for kind in kinds:
        chosen += rng.sample(by_kind[kind], min(share, len(by_kind[kind])))
    rest = [m for m in candidates if m not in chosen]
    chosen += rng.sample(rest, max(0, min(len(rest), args.sample - len(chosen))))
    chosen = chosen[: args.sample]
    print(f"{len(candidates)} candidate mutations ({', '.join(f'{k}: {len(v)}' for k, v in sorted(by_kind.items()))}); "
          f"running {len(chosen)} with {args.workers} workers")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tensorguide-mutants-") as scratch:
        trees = []
        for worker in range(args.workers):
            tree = Path(scratch) / f"tree{worker}"
            shutil.copytree(ROOT, tree, ignore=IGNORE)
            trees.append(tree)
        queues = [chosen[i::args.workers] for i in range(args.workers)]

        def run(worker: int):
            return [(m, *killed(trees[worker], m)) for m in queues[worker]]

        with ThreadPoolExecutor(args.workers) as pool:
            results = [r for batch in pool.map(run, range(args.workers)) for r in batch]

    def equivalent(mutation: Mutation) -> bool:
        if mutation.kind not in ("shape", "api", "import"):
            return False
        line = mutation.before.strip()
        return line.startswith((">>> ", "... "))

    survivors = [(m, log) for m, dead, log in results if not dead and not equivalent(m)]
    equivalents = [m for m, dead, _ in results if not dead and equivalent(m)]
    for mutation, dead, _ in results:
        fate = "killed    " if dead else ("equivalent" if equivalent(mutation) else "SURVIVED  ")
        print(f"{fate} {mutation.describe()}")
    counted = len(results) - len(equivalents)
    print(f"\nkill rate: {counted - len(survivors)}/{counted} "
          f"({100 * (counted - len(survivors)) / max(1, counted):.1f}%), "
          f"{len(equivalents)} equivalent, in {time.perf_counter() - started:.0f} s")
    for mutation, log in survivors:
        print(f"\nsurvivor {mutation.describe()}\n{log}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())

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
- ``xref`` (build-only): the target of a ``{term}``, ``{doc}`` or ``{cite}``;
- ``prose``: in a chapter's prose, tables, inline code and Python code
  comments, one of: a dotted API name (``torch.reshape``: one letter of its
  last part changed), a shape such as ``(3, 4)`` (one size + 1), a dtype
  (``float32`` <-> ``float64``, ``int32`` <-> ``int64``, ...) or an integer
  (n -> n + 1).  Never inside a role (``{tg}`` and ``{absent}`` are code the
  build evaluates, the others are cross-references: the ``xref`` kind) nor in
  a fenced block other than a Python block's comments (``{drawing}`` and
  ``{worked-example}`` bodies are code).  The sites are sampled uniformly
  with a fixed seed.  A prose mutation is killed when the page's fast checks
  fail: ``--prose-tests`` (default: tests/test_prose.py, tests/test_chapters.py,
  the chapter's tests and the page's own snippets).

Usage::

    python tools/mutation_check.py --sample 8 --prose 2     # quick (CI)
    python tools/mutation_check.py                          # full: 120 + 60 prose
    python tools/mutation_check.py --census broadcasting    # every prose site of a page

A mutation of *code* in a doctest (``shape``, ``api``, ``import``) that the
tests do not catch may still leave every output the page shows exactly right
(for example ``unsqueeze(0)`` and ``unsqueeze(1)`` of a size-1 axis).  That is
claimed only when shown: the page's Python blocks are run in order, original
and mutated, each in a fresh interpreter, and every example's printed text
(or error) is compared.  Identical transcripts make the mutant *equivalent,
shown by running both*, listed and left out of the kill rate; otherwise it
is an *unobserved* survivor, a hole counted against the kill rate like every
other survivor.

Prints every mutation's fate, the kill rates (code and output; prose) and
every survivor with its reason; exits 1 if a code or output mutation
survived or the prose kill rate is under ``--prose-target`` (0.9).
"""

from __future__ import annotations

import argparse
import json
import os
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
from tgdocs.site import chapters, pages  # noqa: E402

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

    site: str = ""  # prose only: what was changed (api, shape, dtype, integer)

    def describe(self) -> str:
        kind = f"{self.kind}:{self.site}" if self.site else self.kind
        before, after = self.before.strip(), self.after.strip()
        if len(before) > 90:  # a prose line: show the changed stretch only
            start = next(i for i, (a, b) in enumerate(zip(before, after)) if a != b)
            before, after = before[max(0, start - 30):start + 30], after[max(0, start - 30):start + 30]
        return f"{kind:13} {self.path}:{self.line}: {before!r} -> {after!r}"


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



# --- prose ---------------------------------------------------------------------

FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(\{[\w-]+\})?\s*(\w*)")
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
NOT_PROSE = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>|\[\^[^\]]*\]|^\s*\(\w[\w-]*\)=\s*$"
                       r"|^\s*:[\w-]+:.*$|^\s*:{3,}.*$|^\s*\d+[.)](?=\s)")  # the last: a list marker
PROSE_API = re.compile(r"(?<![\w.-])(?:np|numpy|torch|tf|tensorflow|keras|tensorguide)(?:\.[A-Za-z_]\w*)+")
PROSE_SHAPE = re.compile(r"\(\s*\d+\s*,(?:\s*\d+\s*,?)*\s*\)")
DTYPES = {"float16": "float32", "bfloat16": "float16", "float32": "float64", "float64": "float32",
          "int8": "int16", "int16": "int32", "int32": "int64", "int64": "int32", "uint8": "int8",
          "complex64": "complex128", "complex128": "complex64"}
PROSE_DTYPE = re.compile(r"\b(?:" + "|".join(sorted(DTYPES, key=len, reverse=True)) + r")\b")
PROSE_INT = re.compile(r"(?<![\w.])\d+(?!\w|\.\d)")
EXPECTED = [  # a survivor at such a site says nothing the code can check
    (re.compile(r"(?<![\w.])(?:1[89]|20)\d\d(?![\w.])"), "a year (of a citation or a release)"),
    (re.compile(r"(?:NumPy|PyTorch|TensorFlow|Python|Keras|CUDA|JAX|Theano|Fortran) ?\d+(?:\.\d+)*"),
     "a version number"),
    (re.compile(r"\d+(?:\.\d+)? ?(?:s|ms|µs|ns|GiB|MiB|KiB|GB|MB|kB|x|×|%)\b"),
     "a measured or hardware figure"),
]


def prose_lines(text: str):
    """``(line number, text)`` of every line of prose, and of every comment of
    a Python block (what follows ``# ``), with roles, links, URLs, HTML and
    directive options blanked out (same length, so columns stay)."""
    fence = kind = None
    front_matter = text.startswith("---\n")
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        if front_matter:
            front_matter = not (number > 1 and line.strip() == "---")
            continue
        match = FENCE.match(line)
        if fence is None and match:
            fence, directive, language = match.groups()
            kind = "python" if language == "python" and not directive else "other"
        elif fence is not None:
            if line.strip() == fence:
                fence = None
            elif kind == "python":
                comment = re.search(r"(?:^|\s)#\s", line)
                if comment and _without_comment(line).rstrip() != line.rstrip():
                    yield number, " " * comment.end() + line[comment.end():]
        else:
            yield number, NOT_PROSE.sub(lambda m: " " * len(m.group()),
                                        ROLE.sub(lambda m: " " * len(m.group()), line))


def _typo(name: str, rng: random.Random) -> str:
    """One letter of the last part of a dotted name changed."""
    last = name.rfind(".") + 1
    i = rng.choice([k for k in range(last, len(name)) if name[k].isalpha()])
    letters = [c for c in "abcdefghijklmnopqrstuvwxyz" if c != name[i].lower()]
    return name[:i] + rng.choice(letters) + name[i + 1:]


def prose_mutations(rng: random.Random) -> list[Mutation]:
    """Every prose site of every chapter, one mutation each."""
    found = []
    for page in chapters():
        original = page.read_text(encoding="utf-8").splitlines(keepends=True)
        relative = page.relative_to(ROOT)
        for number, line in prose_lines("".join(original)):
            text = original[number - 1]
            taken: list[range] = []

            def add(site: str, start: int, end: int, replacement: str) -> None:
                if any(start < r.stop and r.start < end for r in taken):
                    return
                taken.append(range(start, end))
                found.append(Mutation("prose", relative, number, text,
                                      text[:start] + replacement + text[end:], site))

            for match in PROSE_API.finditer(line):
                add("api", match.start(), match.end(), _typo(match.group(), rng))
            for match in PROSE_SHAPE.finditer(line):
                sizes = list(re.finditer(r"\d+", match.group()))
                size = rng.choice(sizes)
                start, end = match.start() + size.start(), match.start() + size.end()
                add("shape", match.start(), match.end(),
                    text[match.start():start] + str(int(size.group()) + 1) + text[end:match.end()])
            for match in PROSE_DTYPE.finditer(line):
                add("dtype", match.start(), match.end(), DTYPES[match.group()])
            for match in PROSE_INT.finditer(line):
                add("integer", match.start(), match.end(), str(int(match.group()) + 1))
    return found


def expected_survivor(mutation: Mutation) -> str:
    """Why a surviving prose mutation could not have been caught, or ""."""
    start = next(i for i, (a, b) in enumerate(zip(mutation.before, mutation.after)) if a != b)
    for pattern, reason in EXPECTED:
        for match in pattern.finditer(mutation.before):
            if match.start() <= start < match.end():
                return reason
    return ""


# --- running a page, to show that a mutant is equivalent -------------------------

RUN_PAGE = r"""
import doctest, io, json, re, sys, traceback
from contextlib import redirect_stdout
sys.path.insert(0, sys.argv[1])
namespace, transcript = {"__name__": "__main__"}, []
for is_doctest, code in json.load(sys.stdin):
    chunks = ([(e.source, "single") for e in doctest.DocTestParser().get_examples(code)]
              if is_doctest else [(code, "exec")])
    for source, mode in chunks:
        out = io.StringIO()
        try:
            with redirect_stdout(out):
                exec(compile(source, "<page>", mode), namespace)
        except BaseException as exc:
            out.write("".join(traceback.format_exception_only(type(exc), exc))[-2000:])
        transcript.append(re.sub(r"0x[0-9a-fA-F]+", "0x?", out.getvalue()))
print(json.dumps(transcript))
"""


def transcript(tree: Path, page: Path) -> list[str] | None:
    """What every example of the page at ``tree / page`` prints (or raises),
    its Python blocks run in page order in one fresh interpreter; None if
    the run itself failed."""
    blocks = [(b.is_doctest, b.source) for b in code_blocks(tree / page) if b.is_python]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "MPLBACKEND": "Agg"}
    completed = subprocess.run([sys.executable, "-c", RUN_PAGE, str(tree / "src")], cwd=tree,
                               input=json.dumps(blocks), capture_output=True, text=True,
                               timeout=900, env=env)
    if completed.returncode != 0:
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


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


PROSE_TESTS = "tests/test_prose.py tests/test_chapters.py {chapter_tests} {page}"


def tests_for(mutation: Mutation, prose_tests: str = PROSE_TESTS) -> list[str]:
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
    only_this_page = ["-k", f"{path.name} or {slug} or not ({' or '.join(_other_slugs(slug))})"]
    if mutation.kind == "prose":
        named = prose_tests.format(chapter_tests=" ".join(chapter_tests), page=path).split()
        return [t for t in named if (ROOT / t.partition("::")[0]).exists()] + only_this_page
    cross = ["tests/test_collection.py", "tests/test_snippets.py", "tests/test_errata.py",
             "tests/test_pages.py"]
    return [str(path), *chapter_tests, *cross, *only_this_page]


def _other_slugs(slug: str) -> list[str]:
    return sorted({p.stem for p in pages() if p.stem != slug} - {"index"}) or ["nothing"]


PROVABLE = ("shape", "api", "import")  # code mutations whose survival may be harmless
FAILURE_LINE = re.compile(r"^(?:FAILED|ERROR|E {3}).*|^.*(?:WARNING|ERROR):.*", re.MULTILINE)


def command_for(mutation: Mutation, prose_tests: str) -> list[str]:
    if mutation.kind == "xref":
        return [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
                "docs", "docs/_build/html"]
    # -vv: pytest would cut a long assertion message (the prose checks list
    # every problem in one) and hide the line a mutant adds
    return [sys.executable, "-m", "pytest", "-vv", "-rfE", "--tb=short", "-p", "no:cacheprovider",
            "--continue-on-collection-errors",
            "-p", "no:randomly", *tests_for(mutation, prose_tests)]


class NotJudged(Exception):
    """The run could not judge anything: pytest stopped before running tests
    (a conftest that does not import, a usage error, nothing collected)."""


def failures(tree: Path, command: list[str]) -> tuple[set[str], str]:
    """The failure lines (failed tests, assertion lines, build warnings) of a
    run of ``command`` in ``tree``, and the end of its log."""
    completed = subprocess.run(command, cwd=tree, capture_output=True, text=True, timeout=1800)
    log = (completed.stdout + completed.stderr).replace(str(tree), "<tree>")
    if "pytest" in command and completed.returncode not in (0, 1):
        raise NotJudged(f"pytest exit status {completed.returncode}\n{log[-600:]}")
    lines = set(FAILURE_LINE.findall(log))
    if completed.returncode != 0 and not lines:
        lines = {f"exit status {completed.returncode}"}
    return lines, log[-600:]


def judge(tree: Path, mutation: Mutation, prose_tests: str, cache: dict) -> tuple[str, str]:
    """``(fate, log)``: fate is ``killed``, ``survived``, ``unobserved`` (a
    code mutant that survived and that running both did not show equivalent)
    or ``equivalent`` (shown by running both).

    Killed means the run of the mutant fails in a way the same run of the
    unmutated tree does not (a new failing test, assertion line or build
    warning): a test that is red already cannot kill anything."""
    command = command_for(mutation, prose_tests)
    try:
        if tuple(command) not in cache:
            cache[tuple(command)] = failures(tree, command)[0]
        return _judge(tree, mutation, command, cache)
    except NotJudged as error:
        cache.pop(tuple(command), None)  # try the baseline again for the next mutant
        return "error", str(error)


def _judge(tree: Path, mutation: Mutation, command: list[str], cache: dict) -> tuple[str, str]:
    target = tree / mutation.path
    original = target.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    assert lines[mutation.line - 1] == mutation.before, mutation
    lines[mutation.line - 1] = mutation.after
    target.write_text("".join(lines), encoding="utf-8")
    try:
        found, log = failures(tree, command)
        if found - cache[tuple(command)]:
            return "killed", log
        if mutation.kind not in PROVABLE or mutation.path.suffix != ".md":
            return "survived", log
        mutated = transcript(tree, mutation.path)
    finally:
        target.write_text(original, encoding="utf-8")
    if mutation.path not in cache:
        cache[mutation.path] = transcript(tree, mutation.path)
    if mutated is not None and mutated == cache[mutation.path]:
        return "equivalent", "the page's examples print the same, original and mutated"
    return "unobserved", log


def census(page: str, target: float) -> int:
    """Every prose mutation of the chapters matching ``page``, judged by the
    prose checker on the mutated text in memory (no file is written); 1 if
    fewer than ``target`` of them are killed."""
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    from tests.prose import problems

    started, tally, survivors = time.perf_counter(), {}, []
    texts: dict[Path, tuple[list[str], set[str]]] = {}
    for mutation in prose_mutations(random.Random(0)):
        path = ROOT / mutation.path
        if page not in str(mutation.path):
            continue
        if path not in texts:
            texts[path] = (path.read_text(encoding="utf-8").splitlines(keepends=True),
                           set(problems(path)))
        lines, before = texts[path]
        mutated = "".join(lines[:mutation.line - 1] + [mutation.after] + lines[mutation.line:])
        killed = bool(set(problems(path, mutated)) - before)
        counts = tally.setdefault(mutation.site, [0, 0])
        counts[0] += killed
        counts[1] += 1
        if not killed:
            survivors.append(mutation)
    reasons = [expected_survivor(mutation) for mutation in survivors]
    for mutation, reason in zip(survivors, reasons):
        print(f"SURVIVED {mutation.describe()}" + (f"  (expected: {reason})" if reason else ""))
    dead, total = sum(k for k, _ in tally.values()), sum(n for _, n in tally.values())
    print("\n" + ", ".join(f"{site} {k}/{n}" for site, (k, n) in sorted(tally.items())))
    print(f"prose census: {dead}/{total} killed ({100 * dead / max(1, total):.1f}%), "
          f"{sum(map(bool, reasons))} of the {len(survivors)} survivors expected; "
          f"{time.perf_counter() - started:.0f} s")
    return 1 if dead < target * total else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=120,
                        help="how many mutations of code, output, tables and xrefs (default 120)")
    parser.add_argument("--prose", type=int, default=60, help="how many prose mutations (default 60)")
    parser.add_argument("--prose-tests", default=PROSE_TESTS,
                        help="what a prose mutation must fail; {page} and {chapter_tests} are filled in "
                             f"(default {PROSE_TESTS!r}); files that do not exist are left out")
    parser.add_argument("--prose-target", type=float, default=0.9)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kinds", default="", help="comma-separated kinds to draw from (default: all)")
    parser.add_argument("--census", nargs="?", const="", metavar="PAGE",
                        help="instead: every prose site (of the chapters whose path contains PAGE), "
                             "each judged by tests/prose.py alone, in this process (a lower bound "
                             "on the kill rate: the other tests are not run); lists the survivors "
                             "and exits 1 under --prose-target")
    args = parser.parse_args()
    if args.census is not None:
        return census(args.census, args.prose_target)

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
    share = max(1, args.sample // max(1, len(kinds)))
    for kind in kinds:
        chosen += rng.sample(by_kind[kind], min(share, len(by_kind[kind])))
    rest = [m for m in candidates if m not in chosen]
    chosen += rng.sample(rest, max(0, min(len(rest), args.sample - len(chosen))))
    chosen = chosen[: args.sample]
    # prose: uniform over every site, with its own seeded generator, so the
    # prose sample does not depend on the other kinds
    prose_rng = random.Random(args.seed)
    prose_sites = prose_mutations(prose_rng)
    if not args.kinds or "prose" in args.kinds.split(","):
        chosen += prose_rng.sample(prose_sites, min(args.prose, len(prose_sites)))
    sites = {}
    for m in prose_sites:
        sites[m.site] = sites.get(m.site, 0) + 1
    print(f"{len(candidates)} candidate mutations ({', '.join(f'{k}: {len(v)}' for k, v in sorted(by_kind.items()))}); "
          f"{len(prose_sites)} prose sites ({', '.join(f'{k}: {v}' for k, v in sorted(sites.items()))}); "
          f"running {len(chosen)} with {args.workers} workers")

    labels = {"killed": "killed    ", "survived": "SURVIVED  ", "unobserved": "UNOBSERVED",
              "equivalent": "equivalent, shown by running both:", "error": "NOT JUDGED"}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tensorguide-mutants-") as scratch:
        trees = []
        for worker in range(args.workers):
            tree = Path(scratch) / f"tree{worker}"
            shutil.copytree(ROOT, tree, ignore=IGNORE)
            trees.append(tree)
        # one file's mutations on one worker, so that each unmutated run
        # (the baseline a mutant's failures are compared with) is made once
        queues: list[list[Mutation]] = [[] for _ in range(args.workers)]
        by_file: dict[Path, list[Mutation]] = {}
        for mutation in chosen:
            by_file.setdefault(mutation.path, []).append(mutation)
        for group in sorted(by_file.values(), key=len, reverse=True):
            min(queues, key=len).extend(group)

        def run(worker: int):
            cache: dict = {}
            done = []
            for mutation in queues[worker]:
                done.append((mutation, *judge(trees[worker], mutation, args.prose_tests, cache)))
                print(f"{labels[done[-1][1]]} {mutation.describe()}", flush=True)  # as they finish
            return done

        with ThreadPoolExecutor(args.workers) as pool:
            results = [r for batch in pool.map(run, range(args.workers)) for r in batch]

    failed = False
    for name, group in (("code and output", [r for r in results if r[0].kind != "prose"]),
                        ("prose", [r for r in results if r[0].kind == "prose"])):
        counted = [r for r in group if r[1] not in ("equivalent", "error")]
        errors = [r for r in group if r[1] == "error"]
        failed |= bool(errors)
        for mutation, _, log in errors:
            print(f"\nnot judged (the tests could not run; left out of the rate) "
                  f"{mutation.describe()}\n{log}")
        dead = sum(r[1] == "killed" for r in counted)
        if not group:
            continue
        rate = dead / max(1, len(counted))
        print(f"\n{name}: kill rate {dead}/{len(counted)} ({100 * rate:.1f}%), "
              f"{len(group) - len(counted)} equivalent (shown by running both)")
        survivors = [r for r in counted if r[1] != "killed"]
        if name == "prose":
            expected = [r for r in survivors if expected_survivor(r[0])]
            print(f"prose survivors: {len(survivors)}, of which {len(expected)} expected "
                  "(a year, a version or a measured figure)")
            failed |= rate < args.prose_target
        else:
            failed |= bool(survivors)
        for mutation, fate, log in survivors:
            reason = expected_survivor(mutation) if mutation.kind == "prose" else ""
            print(f"\n{fate} {mutation.describe()}\n"
                  + (f"expected: {reason}\n" if reason else f"{log}\n"))
    print(f"in {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

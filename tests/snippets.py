"""Run a snippet alone, the way a reader who copied it would.

A copied snippet must run as-is in a new interpreter: every import and name
it needs must be in the snippet.  Each snippet here runs in a new process
that has run no other snippet, from an empty namespace, started by
multiprocessing's forkserver, which imports NumPy, PyTorch, TensorFlow and
tensorguide once (their import runs no snippet code) and forks a child per
snippet; a missing import fails there exactly as in a fresh interpreter.
``TGDOCS_FRESH_INTERPRETER=1`` starts a brand-new interpreter per snippet
instead (multiprocessing's spawn: about 4 s a snippet that imports
TensorFlow).

A doctest snippet (``>>>``) runs as a doctest, so its shown outputs and
exceptions are checked too; any other snippet must run without raising.
Asked for it, the value of the snippet's last line (an expression) comes
back as :func:`tensorguide.crosscheck.comparable` makes it, for comparing
the tabs of a tab set.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import functools
import io
import multiprocessing
import multiprocessing.forkserver
import os
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

PRELOAD = ["numpy", "torch", "tensorflow", "tensorguide.crosscheck", "pytest"]
"""What the forkserver imports once.  pytest is there because every child
first re-runs the parent's main script (multiprocessing's rule), and under
the ``pytest`` command that script imports pytest: 1 s a snippet otherwise."""
DOCTEST_FLAGS = doctest.ELLIPSIS
"""Option flags of every doctest on the site (sybil's too).  Whitespace is
compared exactly, so a changed space in a shown output fails the tests."""
TIMEOUT_SECONDS = 300
NO_VALUE = "<the last line is not an expression>"


@dataclass
class Outcome:
    ok: bool
    report: str  # the doctest report or traceback when not ok, what it printed when ok
    value: object = NO_VALUE  # comparable(value of the last line)


class _LastValue(doctest.DocTestRunner):
    """A doctest runner that keeps the value of the last example, when it is
    an expression (doctest shows it through sys.displayhook, which stores it
    in ``builtins._``)."""

    def report_start(self, out, test, example):
        if example is test.examples[-1]:
            builtins._ = NO_VALUE


def _last_is_expression(code: str) -> bool:
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return False
    return bool(body) and isinstance(body[-1], ast.Expr)


def run_here(code: str, name: str, want_value: bool = False) -> Outcome:
    """Run ``code`` in this process, in an empty namespace."""
    globs: dict = {"__name__": "__main__", "__file__": name}
    value = NO_VALUE
    try:
        if code.lstrip().startswith(">>>"):
            test = doctest.DocTestParser().get_doctest(code, globs, name, name, 0)
            runner, out = _LastValue(optionflags=DOCTEST_FLAGS), io.StringIO()
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                result = runner.run(test, out=out.write, clear_globs=False)
            if result.failed:
                return Outcome(False, out.getvalue())
            last = test.examples[-1].source if test.examples else ""
            if _last_is_expression(last):
                value = getattr(builtins, "_", NO_VALUE)
            report = ""
        else:
            tree = ast.parse(code, name)
            last = tree.body.pop() if _last_is_expression(code) else None
            with redirect_stdout(io.StringIO()) as stdout, redirect_stderr(io.StringIO()):
                exec(compile(tree, name, "exec"), globs)
                if last is not None:
                    value = eval(compile(ast.Expression(last.value), name, "eval"), globs)
            report = stdout.getvalue()
        if not want_value:
            return Outcome(True, report)
        if value is NO_VALUE:
            return Outcome(False, f"{name}: the last line must be an expression, "
                                  "the result the tabs of its set agree on")
        from tensorguide.crosscheck import comparable

        return Outcome(True, report, comparable(value))
    except BaseException as exc:  # the report carries the real error
        return Outcome(False, "".join(traceback.format_exception(exc)))


def _child(code: str, name: str, want_value: bool, connection) -> None:
    connection.send(run_here(code, name, want_value))
    connection.close()


@functools.cache
def _context():
    """The forkserver (started once, preloaded), or spawn for TGDOCS_FRESH_INTERPRETER=1."""
    from unittest import mock

    from .harness import child_env  # here only: a snippet's process imports nothing else

    if os.environ.get("TGDOCS_FRESH_INTERPRETER") == "1":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    # Python 3.11's forkserver ignores the parent's sys.path: start it with
    # this checkout's tensorguide on PYTHONPATH.
    with mock.patch.dict(os.environ, child_env()):
        multiprocessing.forkserver.ensure_running()
    return context


def run_alone(code: str, name: str, want_value: bool = False) -> Outcome:
    """Run ``code`` in a new process that has run nothing else (see the module docstring)."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(code, name, want_value, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(TIMEOUT_SECONDS):
            process.kill()
            return Outcome(False, f"{name}: no answer in {TIMEOUT_SECONDS} s")
        return receiver.recv()
    except EOFError:
        process.join()
        return Outcome(False, f"{name}: the snippet's process died (exit code {process.exitcode})")
    finally:
        process.join()
        receiver.close()

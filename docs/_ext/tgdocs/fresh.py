"""Run a snippet alone, the way a reader who copied it would.

A copied snippet must run as-is in a new interpreter: every import and name
it needs must be in the snippet.  Starting a real interpreter per snippet
costs about 4 s when the snippet imports TensorFlow, so by default a small
server process imports NumPy, PyTorch and TensorFlow once (their import runs
no snippet code) and forks a child per snippet.  The child has never run any
other snippet and starts from an empty namespace, so a missing import fails
there exactly as in a fresh interpreter.

Set ``TGDOCS_FRESH_INTERPRETER=1`` to start a real new interpreter for every
snippet instead (slow, for a final check).

A doctest snippet (``>>>``) is run as a doctest, so its shown outputs and
exceptions are checked too; a plain snippet must run without raising.
"""

from __future__ import annotations

import doctest
import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from .site import child_env

FLAGS = doctest.ELLIPSIS
PRELOAD = ("numpy", "torch", "tensorflow", "tensorguide")
TIMEOUT_SECONDS = 120


@dataclass
class Outcome:
    ok: bool
    report: str


def run_here(code: str, name: str) -> Outcome:
    """Run ``code`` in this process, in an empty namespace."""
    globs: dict = {"__name__": "__main__", "__file__": name}
    if code.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(code, globs, name, name, 0)
        out = io.StringIO()
        runner = doctest.DocTestRunner(optionflags=FLAGS)
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            result = runner.run(test, out=out.write, clear_globs=True)
        return Outcome(result.failed == 0, out.getvalue())
    try:
        with redirect_stdout(io.StringIO()) as stdout, redirect_stderr(io.StringIO()):
            exec(compile(code, name, "exec"), globs)
    except BaseException as exc:  # the report carries the real error
        import traceback

        return Outcome(False, "".join(traceback.format_exception(exc)))
    return Outcome(True, stdout.getvalue())


def _serve() -> None:
    """Server loop: one JSON request per stdin line, one JSON answer per line."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from tgdocs.state import quiet_tensorflow_import

    for module in PRELOAD:
        if module == "tensorflow":
            quiet_tensorflow_import()
        else:
            __import__(module)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in sys.stdin:
        request = json.loads(line)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            # the answer goes through the pipe; keep C-level prints off the protocol
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            outcome = run_here(request["code"], request["name"])
            with os.fdopen(write_end, "w") as pipe:
                json.dump(outcome.__dict__, pipe)
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            answer = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not answer:
            answer = json.dumps({"ok": False, "report": f"snippet process died (status {status})"})
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()


class SnippetRunner:
    """Runs snippets alone; see the module docstring for how."""

    def __init__(self) -> None:
        self.strict = os.environ.get("TGDOCS_FRESH_INTERPRETER") == "1"
        self._server: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self._server is None:
            self._server = subprocess.Popen(
                [sys.executable, "-c", "from tgdocs.fresh import _serve; _serve()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, env=child_env(),
            )
            assert self._server.stdout is not None
            if self._server.stdout.readline().strip() != "ready":
                raise RuntimeError("snippet server failed to start")
        return self._server

    def run(self, code: str, name: str) -> Outcome:
        if self.strict:
            completed = subprocess.run(
                [sys.executable, "-c",
                 "import json, sys; from tgdocs.fresh import run_here; "
                 "r = json.load(sys.stdin); print(json.dumps(run_here(r['code'], r['name']).__dict__))"],
                input=json.dumps({"code": code, "name": name}), capture_output=True,
                text=True, env=child_env(), timeout=TIMEOUT_SECONDS,
            )
            if completed.returncode != 0:
                return Outcome(False, completed.stderr)
            return Outcome(**json.loads(completed.stdout.strip().splitlines()[-1]))
        server = self._start()
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(json.dumps({"code": code, "name": name}) + "\n")
        server.stdin.flush()
        return Outcome(**json.loads(server.stdout.readline()))

    def close(self) -> None:
        if self._server is not None:
            self._server.stdin.close()  # type: ignore[union-attr]
            self._server.wait(timeout=30)
            self._server = None

"""Execute a notebook's code cells in this process.

The build runs every page in the Sphinx process itself instead of starting a
Jupyter kernel per page, so NumPy, PyTorch and TensorFlow are imported once
for the whole site.  Each page gets a fresh namespace and reset seeds (see
:mod:`tgdocs.state`).  Outputs are recorded in nbformat's shapes so that
myst-nb renders them as it renders a kernel's.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import io
import platform
import re
import sys
import time
import traceback
from dataclasses import dataclass, field

import nbformat

from . import state

LANGUAGE_INFO = {
    "name": "python",
    "pygments_lexer": "ipython3",
    "version": platform.python_version(),
    "mimetype": "text/x-python",
    "file_extension": ".py",
}
"""What a Python kernel reports about itself; myst-nb picks the lexer from it."""

OPTION_LINE = re.compile(r"^\s*:[\w-]+:")


@dataclass
class CellError:
    """A code cell raised: where, and the real error."""

    cell_index: int
    line: int  # line in the page where the failing cell starts
    error_line: int | None  # line in the page of the failing statement
    ename: str
    evalue: str
    traceback: str

    def describe(self, page: str) -> str:
        where = f"line {self.error_line}" if self.error_line else f"cell starting at line {self.line}"
        return (
            f"{page}, {where}: {self.ename}: {self.evalue}\n"
            f"{self.traceback}"
        )


@dataclass
class ExecutionReport:
    seconds: float
    errors: list[CellError] = field(default_factory=list)
    cell_lines: dict[int, int] = field(default_factory=dict)  # cell index -> page line
    leaked_state: list[str] = field(default_factory=list)


def _figure_outputs() -> list[nbformat.NotebookNode]:
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import matplotlib.pyplot as plt

    outputs = []
    for number in plt.get_fignums():
        figure = plt.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight",
                       metadata={"Software": None})
        outputs.append(
            nbformat.v4.new_output(
                "display_data",
                data={
                    "image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                    "text/plain": f"<Figure {number}>",
                },
            )
        )
    plt.close("all")
    return outputs


def _rich_data(value: object) -> dict[str, str]:
    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(value)
    return {mime: content for mime, content in data.items() if isinstance(content, str)}


def run_cell(source: str, namespace: dict, filename: str, first_line: int):
    """Run one cell like a notebook does: statements, then the value of a
    final bare expression (unless the cell ends with ``;``).

    Returns ``(outputs, error)`` where ``error`` is the raised exception
    (with its traceback) or None.  Line numbers in tracebacks are page lines.
    """
    tree = ast.parse(source, filename=filename)
    ast.increment_lineno(tree, first_line - 1)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not source.rstrip().endswith(";"):
        last = ast.Expression(tree.body.pop().value)
    stdout, stderr = io.StringIO(), io.StringIO()
    outputs: list[nbformat.NotebookNode] = []
    value, error = None, None
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            exec(compile(tree, filename, "exec"), namespace)
            if last is not None:
                value = eval(compile(last, filename, "eval"), namespace)
        except Exception as exc:  # reported to the caller, never swallowed
            error = exc
    for name, buffer in (("stdout", stdout), ("stderr", stderr)):
        if buffer.getvalue():
            outputs.append(nbformat.v4.new_output("stream", name=name, text=buffer.getvalue()))
    outputs.extend(_figure_outputs())
    if value is not None and error is None:
        outputs.append(
            nbformat.v4.new_output("execute_result", data=_rich_data(value), execution_count=None)
        )
    return outputs, error


def _page_traceback(exc: BaseException, filename: str) -> str:
    """The traceback from the first frame in the page on: the executor's own
    frames say nothing to the person fixing the page."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))


def _error_line(exc: BaseException, filename: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def execute_notebook(
    notebook: nbformat.NotebookNode, filename: str, page_text: str
) -> ExecutionReport:
    """Run every code cell of ``notebook`` in order, filling in its outputs.

    ``filename`` is the page's path; it appears in tracebacks together with
    the page's own line numbers (from myst-nb's source map).  Execution stops
    at the first cell that raises unless the cell is tagged
    ``raises-exception``, as in Jupyter Book.
    """
    state.reset()
    notebook.metadata["language_info"] = LANGUAGE_INFO
    namespace: dict = {"__name__": "__main__"}
    source_map = notebook.metadata.get("source_map") or []
    page_lines = page_text.splitlines()
    report = ExecutionReport(seconds=0.0)
    started = time.perf_counter()
    count = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        count += 1
        # myst-nb's source map gives the 0-based line of the cell's fence;
        # the code starts on the next line, after any options.
        fence_line = source_map[index] + 1 if index < len(source_map) else 1
        body_line = _body_line(page_lines, fence_line)
        report.cell_lines[index] = fence_line
        outputs, error = run_cell(cell.source, namespace, filename, body_line)
        cell.outputs = outputs
        cell.execution_count = count
        for output in outputs:
            if output.output_type == "execute_result":
                output.execution_count = count
        if error is not None:
            tb = _page_traceback(error, filename)
            cell.outputs.append(
                nbformat.v4.new_output(
                    "error", ename=type(error).__name__, evalue=str(error),
                    traceback=tb.splitlines(),
                )
            )
            report.errors.append(
                CellError(index, fence_line, _error_line(error, filename),
                          type(error).__name__, str(error), tb)
            )
            if "raises-exception" not in cell.metadata.get("tags", []):
                break
    report.seconds = time.perf_counter() - started
    report.leaked_state = state.leaked_state()
    state.reset()
    return report


def _body_line(page_lines: list[str], fence_line: int) -> int:
    """1-based page line where a code cell's code starts: after its fence
    and any ``:key: value`` or ``---`` YAML options."""
    line = fence_line  # 1-based line of the fence == 0-based index of the next line
    if line < len(page_lines) and page_lines[line].strip() == "---":
        line += 1
        while line < len(page_lines) and page_lines[line].strip() != "---":
            line += 1
        return line + 2
    while line < len(page_lines) and OPTION_LINE.match(page_lines[line]):
        line += 1
    return line + 1

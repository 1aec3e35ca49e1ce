"""The ``worked-example`` directive: a chapter's worked example, run as its page is read.

Its content is Python whose last value renders as Markdown (the tables of
:mod:`tensorguide.worked_examples`).  It runs in a fresh namespace in the
build's process; the page shows the code, then the table, in myst-nb's
code-cell markup (``:hide-output:`` folds the table).  The ``tensorguide``
modules it uses, and theirs, become the page's dependencies: an edit re-reads
only the pages that use it.  A failure is a warning at the page's line with
the real traceback (``-W`` fails the build); what the code prints is not shown.

Chosen over myst-nb's execution (a Jupyter kernel per page): that was slower
(clean builds, 2 cores: 63 s against 39 s, medians), keys its cache on cell text
only (an edited module keeps a stale table), and warns at TensorFlow's start-up.
"""

from __future__ import annotations

import ast
import importlib.util
import traceback
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


def run(code: str, filename: str, first_line: int):
    """The namespace and last line's value of ``code``, run as lines
    ``first_line``... of ``filename`` (a traceback names page lines)."""
    tree = ast.parse("\n" * (first_line - 1) + code, filename)
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        raise ValueError(f"{filename}:{first_line}: a worked example must end with an expression")
    last = ast.Expression(tree.body.pop().value)
    namespace = {"__name__": "__main__"}
    exec(compile(tree, filename, "exec"), namespace)
    return namespace, eval(compile(last, filename, "eval"), namespace)


def failure(exc: BaseException, filename: str) -> tuple[int | None, str]:
    """The page line that failed, and the traceback from the page's first frame on."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    lines = [frame.lineno for frame in traceback.extract_tb(tb) if frame.filename == filename]
    text = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    return (lines[-1] if lines else getattr(exc, "lineno", None)), text


def module_files(names) -> set[str]:
    """Files of the ``tensorguide`` modules named (or holding the names), and
    of those they import at any depth, not of the packages above them."""
    todo, files = list(names), {}
    while todo:
        name = str(todo.pop())
        if name in files or name.split(".")[0] != "tensorguide":
            continue
        try:
            spec = files[name] = importlib.util.find_spec(name)
        except (ImportError, ValueError):  # a name in a module, not a module
            spec = files[name] = None
        if spec is None:
            todo.append(name.rpartition(".")[0])
            continue
        package = name if spec.submodule_search_locations else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(Path(spec.origin).read_bytes())):
            if isinstance(node, ast.ImportFrom):
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                todo += [f"{base}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                todo += [alias.name for alias in node.names]
    return {spec.origin for spec in files.values() if spec is not None}


class WorkedExample(SphinxDirective):
    has_content = True
    option_spec = {"hide-output": directives.flag}

    def run(self) -> list[nodes.Node]:
        code, docname = "\n".join(self.content), self.env.docname
        cell = nodes.container(nb_element="cell_code", classes=["cell"])
        cell += nodes.container("", nodes.literal_block(code, code, language="ipython3"),
                                nb_element="cell_code_source", classes=["cell_input"])
        if not self.config.tgdocs_run_worked_examples:
            return [cell]
        filename = str(self.env.doc2path(docname))
        lines = Path(filename).read_text(encoding="utf-8").splitlines()  # lineno is off by one in notebooks
        fence = next(i for i in range(max(self.lineno - 2, 0), len(lines)) if "{worked-example}" in lines[i])
        try:
            namespace, value = run(code, filename, fence + 2 + self.content_offset)
            table = value._repr_markdown_()
        except Exception as exc:  # reported at the page's line, with the real error
            line, text = failure(exc, filename)
            logger.warning(f"worked example failed: {text}", location=(docname, line or self.lineno))
            return [cell]
        for path in sorted(module_files({getattr(v, "__module__", None) or getattr(v, "__name__", "")
                                         for v in namespace.values()})):
            self.env.note_dependency(path)
        cell += nodes.container("", *self.parse_text_to_nodes(table), nb_element="cell_code_output",
                                classes=["cell_output"])
        if "hide-output" in self.options:  # folded by myst-nb's own transform, as a hide-output cell
            cell["classes"].append("tag_hide-output")
            cell.attributes.update(hide_mode="output", prompt_show=self.config.nb_code_prompt_show,
                                   prompt_hide=self.config.nb_code_prompt_hide)
        return [cell]


def setup(app) -> None:
    # False shows the code without running it: the floor build of benchmarks/build.py
    app.add_config_value("tgdocs_run_worked_examples", True, "env", bool)
    app.add_directive("worked-example", WorkedExample)

"""Execute the site's notebook pages in the Sphinx process, with a cache.

Sphinx hook order for a build:

1. ``env-get-outdated``: pages whose dependencies changed (a new
   ``tensorguide``, another framework version) are re-read even though
   their text did not change.
2. ``env-before-read-docs``: every page about to be read whose outputs are
   not in the cache under its current key is executed here, in this
   process, and stored in myst-nb's jupyter-cache.
3. myst-nb reads the page in ``cache`` mode, finds the outputs and renders
   them; it never needs to start a kernel.

A failing cell is reported as a warning located at the page and line of the
failing statement, with the real traceback; ``-W`` turns it into an error.
"""

from __future__ import annotations

from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from myst_nb.core.read import create_nb_reader
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import envkey, stamp
from .execute import execute_notebook

logger = logging.getLogger(__name__)

_DEPS = "tgdocs_page_deps"  # env attribute: docname -> (deps, key)


def _records(env: BuildEnvironment) -> dict[str, tuple[tuple[str, ...], str]]:
    if not hasattr(env, _DEPS):
        setattr(env, _DEPS, {})
    return getattr(env, _DEPS)


def _read_notebook(env: BuildEnvironment, docname: str):
    path = Path(env.doc2path(docname))
    if path.suffix != ".md":
        return None, None, None
    text = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
    if reader is None:
        return None, None, None
    notebook = reader.read(text)
    if not any(cell.cell_type == "code" for cell in notebook.cells):
        return None, None, None
    return path, text, notebook


def _cache(env: BuildEnvironment):
    # myst-nb resolved the path (next to the output folder unless configured)
    return get_cache(env.mystnb_config.execution_cache_path)


def outdated_by_dependencies(app, env, added, changed, removed):
    """Pages whose text is unchanged but whose dependencies changed."""
    stale = []
    for docname, (deps, key) in _records(env).items():
        if docname in changed or docname in removed:
            continue
        if envkey.environment_key(deps) != key:
            stale.append(docname)
    if stale:
        logger.info(f"[tgdocs] re-reading {len(stale)} page(s) whose dependencies changed")
    return stale


def purge(app, env, docname):
    # Sphinx purges a page *after* env-before-read-docs, where execute_pages
    # has just recorded it: keep what was recorded for this read.
    if docname in getattr(app, "_tgdocs_recorded", ()):
        return
    _records(env).pop(docname, None)
    stamp.page_runtimes(env).pop(docname, None)


def merge(app, env, docnames, other):
    for mapping in (_records, stamp.page_runtimes):
        mapping(env).update(
            {name: value for name, value in mapping(other).items() if name in docnames}
        )


RICH_MIME_TYPES = ("image/png", "image/svg+xml", "text/html", "text/markdown", "text/latex")


def unchecked_text_outputs(notebook, report):
    """(cell index, page line) of code cells whose shown output is plain text.

    Text a reader sees must be checked by a test, and only doctest blocks
    carry their expected output in the page.  Code cells are for what a
    doctest cannot show: figures and tables, whose numbers the tests assert.
    """
    failed = {error.cell_index for error in report.errors}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or index in failed:
            continue
        if "remove-output" in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            plain = output.output_type == "stream" or (
                output.output_type in ("execute_result", "display_data")
                and not any(mime in output.get("data", {}) for mime in RICH_MIME_TYPES)
            )
            if plain:
                yield index, report.cell_lines.get(index, 1)
                break


def execute_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Fill the cache for every page about to be read that needs it."""
    if app.config.nb_execution_mode != "cache":
        return
    cache = _cache(env)
    records = _records(env)
    recorded = app._tgdocs_recorded = set()
    for docname in sorted(docnames):
        path, text, notebook = _read_notebook(env, docname)
        if notebook is None:
            continue
        sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        deps = envkey.dependencies(sources)
        key = envkey.environment_key(deps)
        records[docname] = (deps, key)
        recorded.add(docname)
        try:
            record = cache.match_cache_notebook(notebook)
        except KeyError:
            record = None
        if (
            record is not None
            and record.data.get("tgdocs_key") == key
            and not record.data.get("tgdocs_failed")
            and record.data.get("tgdocs_runtime")
        ):
            # what the page really ran with, for its "verified with" stamp
            stamp.page_runtimes(env)[docname] = dict(record.data["tgdocs_runtime"])
            continue
        logger.info(f"[tgdocs] executing {docname}")
        report = execute_notebook(notebook, str(path), text)
        runtime = stamp.current_runtime()
        stamp.page_runtimes(env)[docname] = runtime
        for error in report.errors:
            logger.warning(
                f"code cell failed: {error.describe(env.doc2path(docname, False))}",
                location=(docname, error.error_line or error.line),
                type="tgdocs",
                subtype="exec",
            )
        unchecked = list(unchecked_text_outputs(notebook, report))
        for index, line in unchecked:
            logger.warning(
                "this code cell shows text output that no test checks; show text "
                "in a doctest block (>>>) so sybil compares it, or end the cell with ';'",
                location=(docname, line),
                type="tgdocs",
                subtype="unchecked",
            )
        for problem in report.leaked_state:
            logger.warning(
                f"page changed process state for the pages after it: {problem}",
                location=docname,
                type="tgdocs",
                subtype="state",
            )
        cache.cache_notebook_bundle(
            CacheBundleIn(
                notebook,
                str(path),
                data={
                    "tgdocs_key": key,
                    # any warning re-executes the page next time, so it is seen again
                    "tgdocs_failed": bool(report.errors or unchecked or report.leaked_state),
                    "execution_seconds": report.seconds,
                    # versions and device the cells ran with (tgdocs.stamp shows them)
                    "tgdocs_runtime": runtime,
                },
            ),
            check_validity=False,
            overwrite=True,
        )


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated_by_dependencies)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-before-read-docs", execute_pages)

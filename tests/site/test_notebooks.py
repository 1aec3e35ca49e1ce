"""Downloads: every chapter as a notebook that runs, every gallery example as
a script and a notebook."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from tgdocs import blocks, notebooks, site

from ..harness import child_env, gallery_examples
from ..snippets import run_alone
from .html import soup


FRAMEWORK_LABELS = {"numpy": "NumPy", "pytorch": "PyTorch", "tensorflow": "TensorFlow"}


def chapter_pages() -> dict[str, Path]:
    """docname -> source of every chapter (what gets a notebook)."""
    return {path.relative_to(site.DOCS).with_suffix("").as_posix(): path for path in site.chapters()}


def load(root: Path, docname: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(root / f"{docname}.ipynb", as_version=4)
    nbformat.validate(notebook)
    return notebook


def test_every_chapter_has_a_valid_notebook_linked_from_its_page(built_site):
    chapters = chapter_pages()
    assert len(chapters) >= 2
    for docname, source in chapters.items():
        notebook = load(built_site, docname)
        page = soup(built_site / f"{docname}.html")
        link = page.select_one("a.tg-notebook-link")
        assert link is not None and link["href"] == Path(docname).name + ".ipynb", docname
        python_blocks = [b for b in blocks.code_blocks(source)
                         if b.is_python or b.form == "directive:worked-example"]
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert len(code) >= len(python_blocks), docname
        for cell in code:
            assert not any(line.startswith((">>> ", "... ")) for line in cell.source.splitlines()), cell
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                assert "{term}`" not in cell.source and ":::{" not in cell.source, cell.source


def test_framework_tabs_become_one_labelled_cell_per_framework(built_site):
    for docname, source in chapter_pages().items():
        tabs = [b for b in blocks.code_blocks(source)
                if b.is_python and any(p.name == "tab-item" for p in b.parents)]
        cells = [c for c in load(built_site, docname).cells if c.cell_type == "code"]
        for sync, label in FRAMEWORK_LABELS.items():
            labelled = [c for c in cells if sync in c.metadata.get("tags", [])]
            expected = [b for b in tabs if any(p.options.get("sync") == sync for p in b.parents)]
            assert len(labelled) >= len(expected), (docname, sync)
            assert all(c.metadata["tgdocs"]["tab"] == label for c in labelled)
            firsts = [c for c in labelled if c.source.startswith(f"# {label}\n")]
            assert len(firsts) >= len(expected), (docname, sync)


RUN_CELLS = """
namespace = {"__name__": "__main__"}
for number, (code, raises) in enumerate(CELLS):
    try:
        exec(compile(code, f"cell {number}", "exec"), namespace)
    except Exception:
        if not raises:
            raise
    else:
        assert not raises, f"cell {number} is tagged raises-exception but raised nothing"
"""


@pytest.mark.parametrize("docname", sorted(chapter_pages()))
def test_every_chapter_notebook_runs_top_to_bottom(built_site, docname):
    """Every cell runs, in order, in one fresh process; the cells tagged
    raises-exception (the gotchas' errors) raise, and only they."""
    cells = [(c.source, "raises-exception" in c.metadata.get("tags", []))
             for c in load(built_site, docname).cells if c.cell_type == "code"]
    outcome = run_alone(f"CELLS = {cells!r}\n{RUN_CELLS}", f"{docname}.ipynb")
    assert outcome.ok, outcome.report


def test_a_chapter_notebook_runs_in_a_jupyter_kernel(built_site):
    """One chapter, executed by nbclient in a real IPython kernel, as Jupyter would run it."""
    from nbclient import NotebookClient

    chapters = chapter_pages()
    docname = min(chapters, key=lambda d: len(load(built_site, d).cells))
    notebook = load(built_site, docname)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(built_site)}})
    client.execute(env=child_env(PYDEVD_DISABLE_FILE_VALIDATION="1"))
    code = {i: c for i, c in enumerate(notebook.cells) if c.cell_type == "code"}
    assert [i for i, c in code.items() if any(o.output_type == "error" for o in c.outputs)] == [
        i for i, c in code.items() if "raises-exception" in c.metadata.get("tags", [])]
    assert all(c.execution_count for c in code.values())


def test_gallery_examples_download_as_script_and_notebook(built_site):
    examples = sorted((built_site / "auto_examples").rglob("plot_*.html"))
    assert len(examples) == len(gallery_examples()) >= 1
    for page in examples:
        hrefs = [a["href"] for a in soup(page).select("a.reference.download[href]")]
        for suffix in (".py", ".ipynb"):
            found = [h for h in hrefs if h.endswith(page.stem + suffix)]
            assert found, (page, suffix, hrefs)
            target = (page.parent / found[0]).resolve()
            assert target.is_file() and target.stat().st_size > 0
            if suffix == ".ipynb":
                nbformat.validate(nbformat.read(target, as_version=4))


@pytest.mark.parametrize("text, cells", [
    (">>> a = 1\n>>> a + 1\n2\n", [("a = 1\na + 1", [])]),
    (">>> a = 1\n>>> a + 'x'\nTraceback (most recent call last):\n...\nTypeError: boom\n>>> a\n1\n",
     [("a = 1", []), ("a + 'x'", ["raises-exception"]), ("a", [])]),
    ("x = 1\nprint(x)\n", [("x = 1\nprint(x)", [])]),
])
def test_python_blocks_become_cells(text, cells):
    assert notebooks.python_cells(text) == cells


def test_myst_roles_become_markdown():
    text = ("A {term}`tensor <Tensor>` in {doc}`/intro/what-are-tensors`, see {cite:t}`harris2020` "
            "{cite:p}`harris2020`, {py:func}`~tensorguide.broadcasting.broadcast_shapes`, {doc}`../index`.")
    assert notebooks.markdown(text, "pytorch/broadcasting", {"intro/what-are-tensors": "What are tensors?"},
                              {"harris2020": ("Harris et al.", "2020")}) == (
        "A tensor in What are tensors?, see Harris et al. (2020) (Harris et al. 2020), "
        "`broadcast_shapes`, ../index."
    )


def test_directive_lines_become_markdown():
    text = "::::{tab-set}\n:sync-group: framework\n(target)=\n:::{dropdown} Why {term}`axis`?\nBecause.\n:::\n"
    assert notebooks.markdown(text, "intro/x", {}, {}) == "**Why axis?**\nBecause.\n"


def test_notebooks_are_reproducible(built_site):
    docname, path = next(iter(chapter_pages().items()))
    first = nbformat.writes(notebooks.chapter_notebook(path, docname))
    assert first == nbformat.writes(notebooks.chapter_notebook(path, docname))
    assert os.path.getsize(built_site / f"{docname}.ipynb") > 0

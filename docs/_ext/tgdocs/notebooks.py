"""Each chapter as a Jupyter notebook that runs top to bottom, linked from its page.

Made from the page and :mod:`tgdocs.blocks`' inventory: doctests lose prompts and
outputs (an example showing a traceback gets a cell tagged ``raises-exception``),
a tab's cells start with its label (``# PyTorch``) and carry its sync tag; prose
becomes Markdown (directive lines dropped, a dropdown's title in bold, a drawing
as its code, roles as text).  Written with its page, when changed; stable ids.
"""

from __future__ import annotations

import doctest
import posixpath
import re
import textwrap
from pathlib import Path

import nbformat

from . import blocks, claims, site

_ROLE = re.compile(r"\{(?P<name>[\w:]+)\}`(?:(?P<text>[^`<]*?)\s*<(?P<target>[^`>]+)>|(?P<plain>[^`]*))`")
_DRAWING = re.compile(r"^ *```\{drawing\} *(?P<call>.*)\n(?P<caption>(?:.*\n)*?) *```[ \t]*$", re.M)
_OPENING = re.compile(r"^ *:{3,}\{(?P<name>[\w-]+)\} *(?P<title>.*)\n", re.M)
NOTE = ("*This notebook is made from a tensorguide chapter. Run the cells from top to bottom; they need NumPy, "
        "PyTorch, TensorFlow and the `tensorguide` package. Cells tagged `raises-exception` fail on purpose.*")
_DROPPED = re.compile(r"^ *(:{3,} *|:[\w-]+:.*|\(.*\)=|%.*)\n", re.M)  # fences, options, targets, comments


def markdown(text: str, docname: str, titles: dict[str, str], cites: dict[str, tuple[str, str]]) -> str:
    """MyST prose as plain Markdown (see the module docstring)."""
    def role(match: re.Match) -> str:
        name, target = match["name"], match["target"] or match["plain"]
        if name in ("tg", "absent"):  # a value computed as on the page; a missing name
            return f"`{claims.evaluate(target) if name == 'tg' else target}`"
        if name.startswith("cite"):
            refs = [cites.get(key.strip(), (key.strip(), "")) for key in target.split(",")]
            return ", ".join(f"{who} ({year})" for who, year in refs) if name == "cite:t" else \
                "(" + "; ".join(f"{who} {year}" for who, year in refs) + ")"
        doc = target[1:] if target.startswith("/") else posixpath.normpath(
            posixpath.join(posixpath.dirname(docname), target))
        shown = match["text"] or (titles.get(doc, target) if name == "doc" else target)
        if name.startswith("py:"):
            return f"`{shown[1:].rsplit('.', 1)[-1] if shown.startswith('~') else shown}`"
        return shown
    text = _OPENING.sub(lambda m: "" if m["name"].startswith("tab-") else f"**{m['title']}**\n", text)
    return _ROLE.sub(role, _DROPPED.sub("", text))


def python_cells(source: str) -> list[tuple[str, list[str]]]:
    """``(code, tags)`` cells for one Python block, doctest or plain."""
    if not source.lstrip().startswith(">>>"):
        return [(source.rstrip("\n"), [])]
    cells: list[tuple[str, list[str]]] = []
    for example in doctest.DocTestParser().get_examples(source):
        raises = example.exc_msg is not None
        if cells and not raises and not cells[-1][1]:
            cells[-1] = (cells[-1][0] + example.source, [])
        else:
            cells.append((example.source, ["raises-exception"] if raises else []))
    return [(code.rstrip("\n"), tags) for code, tags in cells]


def chapter_notebook(path: Path, docname: str, titles: dict[str, str] | None = None,
                     cites: dict[str, tuple[str, str]] | None = None) -> nbformat.NotebookNode:
    """The notebook of the chapter at ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = [nbformat.v4.new_markdown_cell(NOTE)]

    def prose(text: str) -> None:
        for part, match in zip(_DRAWING.split(text)[::3], [*_DRAWING.finditer(text), None]):
            if part := markdown(textwrap.dedent(part), docname, titles or {}, cites or {}).strip():
                cells.append(nbformat.v4.new_markdown_cell(part))
            if match:  # the drawing's code, then its caption
                cells.append(nbformat.v4.new_code_cell(f"import numpy as np\nimport tensorguide\n"
                                                       f"from tensorguide.figures import *\n\n{match['call']}"))
                caption = markdown(" ".join(match["caption"].split()), docname, titles or {}, cites or {})
                cells.append(nbformat.v4.new_markdown_cell(f"*Figure: {caption}*"))

    position = lines.index("---\n", 1) + 1 if lines and lines[0] == "---\n" else 0  # front matter
    for block in blocks.code_blocks(path):
        if not (block.is_python or block.form == "directive:worked-example"):
            continue
        prose("".join(lines[position:block.line - 1]))
        position = block.end_line
        tab = next((p for p in reversed(block.parents) if p.name == "tab-item"), None)
        for number, (code, tags) in enumerate(python_cells(block.source)):
            cell = nbformat.v4.new_code_cell(f"# {tab.argument}\n{code}" if tab and not number else code)
            if tab:
                cell.metadata.update(tags=tags + [block.tab] * bool(block.tab), tgdocs={"tab": tab.argument})
            elif tags:
                cell.metadata["tags"] = tags
            cells.append(cell)
    prose("".join(lines[position:]))
    for number, cell in enumerate(cells):
        cell["id"] = f"tg-{number:04d}"
    return nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python", "pygments_lexer": "ipython3"}})


def citations(app) -> dict[str, tuple[str, str]]:
    """bib key -> (authors, year), from sphinxcontrib-bibtex's parsed bib files."""
    found = {}
    for key, entry in app.env.get_domain("cite").bibdata.data.entries.items():
        names = ["".join(p.last_names) for p in entry.persons.get("author") or entry.persons.get("editor") or []]
        who = (" and ".join(names) if len(names) < 3 else f"{names[0]} et al.") or \
            entry.fields.get("organization", entry.fields.get("title", key))
        found[key] = (who.replace("{", "").replace("}", ""), entry.fields.get("year", ""))
    return found


def _write(app, pagename, templatename, context, doctree) -> None:
    if not site.is_chapter(pagename):
        return
    titles = {name: title.astext() for name, title in app.env.titles.items()}
    notebook = chapter_notebook(Path(app.env.doc2path(pagename)), pagename, titles, citations(app))
    data, target = nbformat.writes(notebook) + "\n", Path(app.outdir) / f"{pagename}.ipynb"
    if not target.exists() or target.read_text(encoding="utf-8") != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data, encoding="utf-8")
    context["tg_notebook"] = target.name


def setup(app) -> None:
    app.connect("html-page-context", _write)

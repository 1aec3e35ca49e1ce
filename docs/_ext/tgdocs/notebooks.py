"""Each chapter as a Jupyter notebook, generated from its MyST page.

A reader who wants to run a chapter downloads ``<page>.ipynb`` (linked from
the page's header) and runs it top to bottom.  The notebook is made from the
page's source when the site is built:

- prose becomes Markdown cells, with MyST roles turned into plain Markdown
  (a glossary term into its text, a citation into "Author (year)", a page
  reference into the page's title, an API reference into code);
- every Python block becomes a code cell: doctest blocks with their ``>>>``
  and ``...`` prompts and their shown output stripped (an example that shows
  a traceback gets a cell of its own, tagged ``raises-exception`` as Jupyter
  expects, so the notebook still runs top to bottom), ``{code-cell}`` cells
  as they are;
- a framework tab set becomes one cell per framework, labelled by a first
  comment line (``# PyTorch``) and tagged with the framework's sync id;
- dropdowns and admonitions become a bold title followed by their content;
  ``{math}`` becomes ``$$`` display math; a ``{drawing}`` becomes a code
  cell that draws the same figure with :mod:`tensorguide.figures`.

Chapters are the pages that are MyST notebooks (``file_format: mystnb``).
Notebooks are written next to the page's HTML only when their content
changed, and their cell ids are stable, so rebuilding writes the same bytes.
"""

from __future__ import annotations

import doctest
import posixpath
import re
import textwrap

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .blocks import _DIRECTIVE_INFO, _PARSER, PYTHON_LANGUAGES, _split_options

SKIPPED_TOKENS = frozenset({"front_matter", "myst_target", "myst_line_comment", "myst_block_break"})
DROPPED_DIRECTIVES = frozenset({"toctree", "bibliography", "footbibliography", "contents"})
CODE_DIRECTIVES = frozenset({"code-cell", "code-block", "code", "sourcecode"})

_ROLE = re.compile(r"\{(?P<name>[\w:+-]+)\}`(?P<content>[^`]*)`")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


@dataclass
class Resolver:
    """How roles that point elsewhere are written in a notebook.

    ``titles`` maps docnames to page titles; ``citations`` maps a bib key to
    ``(authors, year)``.  Unknown targets are written as their text.
    """

    titles: dict[str, str] = field(default_factory=dict)
    citations: dict[str, tuple[str, str]] = field(default_factory=dict)

    def cite(self, keys: str, textual: bool) -> str:
        parts = []
        for key in (k.strip() for k in keys.split(",") if k.strip()):
            authors, year = self.citations.get(key, (key, ""))
            if textual:
                parts.append(f"{authors} ({year})" if year else authors)
            else:
                parts.append(f"{authors} {year}".strip())
        return ", ".join(parts) if textual else "(" + "; ".join(parts) + ")"


def _role(match: re.Match, docname: str, resolver: Resolver) -> str:
    name, content = match["name"], match["content"]
    explicit = _EXPLICIT.match(content)
    text, target = (explicit["text"], explicit["target"]) if explicit else (None, content)
    if name in ("cite:p", "cite", "cite:ps", "cite:alp"):
        return resolver.cite(content, textual=False)
    if name.startswith("cite:t") or name == "cite:ct":
        return resolver.cite(content, textual=True)
    if name == "doc":
        if text:
            return text
        doc = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(posixpath.dirname(docname), target)
        )
        return resolver.titles.get(doc, target)
    if name == "math":
        return f"${content}$"
    if name.startswith("py:") or name in ("func", "class", "meth", "mod", "attr", "obj", "data"):
        shown = text or target
        if shown.startswith("~"):
            shown = shown[1:].rsplit(".", 1)[-1]
        return f"`{shown}`"
    if name in ("term", "ref", "numref", "abbr"):
        return text or target
    return text or content


def markdown(text: str, docname: str, resolver: Resolver) -> str:
    """MyST prose as plain Markdown: roles replaced (see the module docstring)."""
    return _ROLE.sub(lambda m: _role(m, docname, resolver), text)


def doctest_cells(source: str) -> list[tuple[str, list[str]]]:
    """``(code, tags)`` of the cells for a doctest block: the examples'
    source without prompts or output; an example whose expected output is a
    traceback gets a cell of its own tagged ``raises-exception``."""
    examples = doctest.DocTestParser().get_examples(source)
    cells: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for example in examples:
        if example.exc_msg is not None:
            if pending:
                cells.append(("".join(pending), []))
                pending = []
            cells.append((example.source, ["raises-exception"]))
        else:
            pending.append(example.source)
    if pending:
        cells.append(("".join(pending), []))
    return [(code.rstrip("\n"), tags) for code, tags in cells]


def python_cells(source: str) -> list[tuple[str, list[str]]]:
    """``(code, tags)`` cells for one Python block, doctest or plain."""
    if source.lstrip().startswith(">>>"):
        return doctest_cells(source)
    return [(source.rstrip("\n"), [])]


class _Builder:
    def __init__(self, docname: str, resolver: Resolver) -> None:
        self.docname = docname
        self.resolver = resolver
        self.cells: list[nbformat.NotebookNode] = []

    def add_markdown(self, text: str) -> None:
        text = textwrap.dedent(text).strip("\n")
        if not text.strip():
            return
        self.cells.append(nbformat.v4.new_markdown_cell(markdown(text, self.docname, self.resolver)))

    def add_code(self, code: str, tags: list[str] | None = None, **metadata) -> None:
        cell = nbformat.v4.new_code_cell(code)
        if tags:
            cell.metadata["tags"] = list(tags)
        if metadata:
            cell.metadata["tgdocs"] = metadata
        self.cells.append(cell)

    # -- walking MyST text -------------------------------------------------------
    def walk(self, text: str) -> None:
        lines = text.splitlines(keepends=True)
        position = 0
        for token in _PARSER.parse(text):
            if token.map is None or token.nesting < 0:
                continue
            start, end = token.map
            if start < position:
                continue  # inside something already handled
            if token.type in SKIPPED_TOKENS:
                cut = None
            elif token.type in ("fence", "colon_fence"):
                info = token.info.strip()
                directive = _DIRECTIVE_INFO.match(info)
                language = info.split()[0] if info and directive is None else ""
                if directive is None and language not in PYTHON_LANGUAGES:
                    continue  # shown as a Markdown code block
                cut = (directive, token.content)
            else:
                continue
            self.add_markdown("".join(lines[position:start]))
            position = end
            if cut is None:
                continue
            directive, content = cut
            if directive is None:
                for code, tags in python_cells(textwrap.dedent(content)):
                    self.add_code(code, tags)
            else:
                self.directive(directive["name"], directive["argument"].strip(), content)
        self.add_markdown("".join(lines[position:]))

    def directive(self, name: str, argument: str, content: str) -> None:
        options, body = _split_options(content)
        body = body.lstrip("\n")
        if name in DROPPED_DIRECTIVES:
            return
        if name in CODE_DIRECTIVES or name == "doctest":
            language = "pycon" if name == "doctest" else (argument.split() or [""])[0]
            if language in PYTHON_LANGUAGES:
                tags = [t.strip() for t in options.get("tags", "").strip("[]").split(",") if t.strip()]
                for code, extra in python_cells(body):
                    self.add_code(code, tags + extra)
            else:
                self.add_markdown(f"```{language}\n{body.rstrip()}\n```")
            return
        if name == "tab-set":
            self.walk(body)
            return
        if name == "tab-item":
            self.tab(argument, options, body)
            return
        if name == "math":
            self.add_markdown(f"$$\n{body.strip()}\n$$")
            return
        if name == "drawing":
            self.add_code("import numpy as np\nimport tensorguide\n"
                          f"from tensorguide.figures import *\n\n{argument}", [])
            if body.strip():
                self.add_markdown(f"*Figure: {' '.join(body.split())}*")
            return
        if name in ("image", "figure"):
            caption = body.strip() or options.get("alt", "")
            if caption:
                self.add_markdown(f"*Figure: {caption}*")
            return
        title = argument or name.capitalize()
        self.add_markdown(f"**{title}**")
        self.walk(body)

    def tab(self, label: str, options: dict[str, str], body: str) -> None:
        sync = options.get("sync", "")
        first = len(self.cells)
        self.walk(body)
        cells = self.cells[first:]
        if not cells:
            return
        for cell in cells:
            if sync:
                cell.metadata.setdefault("tags", []).append(sync)
            cell.metadata.setdefault("tgdocs", {})["tab"] = label
        if cells[0].cell_type == "code":
            cells[0].source = f"# {label}\n{cells[0].source}"
        else:
            cells[0].source = f"**{label}.** {cells[0].source}"



def chapter_notebook(text: str, docname: str, resolver: Resolver | None = None,
                     site_url: str = "") -> nbformat.NotebookNode:
    """The notebook of the MyST page ``text`` (docname ``docname``)."""
    builder = _Builder(docname, resolver or Resolver())
    builder.add_markdown(
        "*This notebook is generated from a tensorguide chapter"
        + (f" ({site_url})" if site_url else "")
        + ". Run the cells from top to bottom; they need NumPy, PyTorch, "
        "TensorFlow and the `tensorguide` package. Cells tagged "
        "`raises-exception` show an error on purpose.*"
    )
    builder.walk(text)
    notebook = nbformat.v4.new_notebook(
        cells=builder.cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python", "pygments_lexer": "ipython3"},
        },
    )
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"tg-{number:04d}"  # stable, so rebuilds write the same bytes
    return notebook


# --- Sphinx ---------------------------------------------------------------------

def _citations(app) -> dict[str, tuple[str, str]]:
    from pybtex.database import parse_file

    found: dict[str, tuple[str, str]] = {}
    for name in getattr(app.config, "bibtex_bibfiles", []):
        database = parse_file(str(Path(app.srcdir) / name))
        for key, entry in database.entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            names = ["".join(p.last_names).replace("{", "").replace("}", "") for p in people]
            if not names:
                authors = entry.fields.get("organization", entry.fields.get("title", key))
            elif len(names) == 1:
                authors = names[0]
            elif len(names) == 2:
                authors = f"{names[0]} and {names[1]}"
            else:
                authors = f"{names[0]} et al."
            found[key] = (authors.replace("{", "").replace("}", ""), entry.fields.get("year", ""))
    return found


def chapters(app) -> dict[str, Path]:
    """Docnames of the pages that get a notebook, with their source paths."""
    if getattr(app, "_tgdocs_chapters", None) is None:
        from myst_nb.core.read import create_nb_reader

        env = app.env
        found = {}
        for docname in sorted(env.found_docs):
            path = Path(env.doc2path(docname))
            if path.suffix != ".md":
                continue
            text = path.read_text(encoding="utf-8")
            if create_nb_reader(str(path), env.myst_config, env.mystnb_config, text) is not None:
                found[docname] = path
        app._tgdocs_chapters = found
    return app._tgdocs_chapters


def notebook_name(docname: str) -> str:
    """Where a chapter's notebook is, relative to the output folder."""
    return docname + ".ipynb"


def _link(app, pagename, templatename, context, doctree):
    if pagename in chapters(app):
        context["tg_notebook"] = posixpath.basename(notebook_name(pagename))


def _note_read(app, env, docnames) -> None:
    app._tgdocs_docs_read = bool(docnames)


def write_notebooks(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not getattr(app, "_tgdocs_docs_read", True) and all(
        (Path(app.outdir) / notebook_name(name)).exists() for name in app.env.found_docs
        if name in getattr(app.env, "tgdocs_page_deps", {})
    ):
        return  # nothing was read: every notebook written last time is current
    resolver = Resolver(
        titles={name: title.astext() for name, title in app.env.titles.items()},
        citations=_citations(app),
    )
    for docname, path in chapters(app).items():
        notebook = chapter_notebook(path.read_text(encoding="utf-8"), docname, resolver)
        nbformat.validate(notebook)
        data = nbformat.writes(notebook) + "\n"
        target = Path(app.outdir) / notebook_name(docname)
        if target.exists() and target.read_text(encoding="utf-8") == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data, encoding="utf-8")


def _reset(app, env, added, changed, removed):
    app._tgdocs_chapters = None
    return []


def setup(app) -> None:
    app.connect("env-get-outdated", _reset)
    app.connect("env-before-read-docs", _note_read)
    app.connect("html-page-context", _link)
    app.connect("build-finished", write_notebooks)

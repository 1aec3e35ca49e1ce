"""An inventory of every code block in a MyST page, independent of sybil.

The tests compare this inventory with what sybil collects, so a block that
sybil's parsers miss cannot go unnoticed.  It parses the page with the same
markdown-it configuration MyST uses and walks into every directive whose body
is Markdown (tab sets, dropdowns, admonitions, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

PYTHON_LANGUAGES = frozenset(
    {"python", "py", "python3", "py3", "ipython", "ipython3", "pycon"}
)
"""Spellings of Python that sybil is configured to collect."""

NON_PYTHON_LANGUAGES = frozenset(
    {
        "text", "none", "output", "console", "bash", "sh", "shell", "pytb",
        "json", "yaml", "toml", "ini", "html", "markdown", "md", "myst",
        "rst", "latex", "diff",
    }
)
"""Languages a writer may mark explicitly as not Python; they are not run."""

CODE_DIRECTIVES = frozenset({"code-cell", "code-block", "code", "sourcecode", "doctest"})
"""Directives whose body is code in the language of their argument."""

OPAQUE_DIRECTIVES = frozenset(
    {"math", "toctree", "bibliography", "glossary", "raw", "drawing", "list-table",
     "csv-table", "autoclass", "autofunction", "automodule", "autodata",
     "autosummary", "footbibliography", "contents", "image", "literalinclude",
     "eval-rst", "include", "figure"}
)
"""Directives whose body is not Markdown prose, so nothing in it is a code
block.  ``literalinclude``, ``eval-rst`` and ``include`` are listed here only
so that :func:`forbidden_directives` can report them: they would put code on
a page that no test reads."""

FORBIDDEN_DIRECTIVES = frozenset({"literalinclude", "eval-rst", "include"})

_DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Directive:
    """A directive enclosing a block: its name, argument, page line and options."""

    name: str
    argument: str
    line: int
    options: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CodeBlock:
    """One code block of a page.

    ``line`` is the 1-based line of the opening fence (or of the first line
    of an indented block), ``end_line`` the last line of the block.
    ``language`` is ``""`` when the writer gave none.
    """

    path: Path
    line: int
    end_line: int
    language: str
    form: str  # "fence", "directive:<name>" or "indented"
    source: str
    parents: tuple[Directive, ...] = ()

    @property
    def is_python(self) -> bool:
        return self.language in PYTHON_LANGUAGES

    @property
    def is_marked_non_python(self) -> bool:
        return self.language in NON_PYTHON_LANGUAGES

    @property
    def is_doctest(self) -> bool:
        return self.is_python and self.source.lstrip().startswith(">>>")

    def where(self) -> str:
        return f"{self.path}, line {self.line} ({self.form}, language {self.language or 'missing'})"


_PARSER = create_md_parser(
    MdParserConfig(
        enable_extensions={"colon_fence", "dollarmath", "amsmath", "deflist", "attrs_inline",
                           "attrs_block", "substitution", "fieldlist"}
    ),
    RendererHTML,
)


def _split_options(body: str) -> tuple[dict[str, str], str]:
    """Options of a directive body, and the body with them blanked out (so
    line numbers stay right)."""
    lines = body.splitlines(keepends=True)
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                for raw in lines[1:i]:
                    key, _, value = raw.partition(":")
                    options[key.strip()] = value.strip()
                return options, "\n" * (i + 1) + "".join(lines[i + 1 :])
        return options, body
    count = 0
    for raw in lines:
        match = _OPTION.match(raw)
        if not match:
            break
        options[match["key"]] = match["value"]
        count += 1
    return options, "\n" * count + "".join(lines[count:])


def _walk(text: str, path: Path, offset: int, parents: tuple[Directive, ...]):
    for token in _PARSER.parse(text):
        if token.map is None:
            continue
        start = offset + token.map[0] + 1
        end = offset + token.map[1]
        if token.type == "code_block":
            yield CodeBlock(path, start, end, "", "indented", token.content, parents)
            continue
        if token.type not in ("fence", "colon_fence"):
            continue
        info = token.info.strip()
        directive = _DIRECTIVE_INFO.match(info)
        if directive is None:
            if token.type == "fence":
                language = info.split()[0] if info else ""
                yield CodeBlock(path, start, end, language, "fence", token.content, parents)
            continue
        name, argument = directive["name"], directive["argument"].strip()
        options, body = _split_options(token.content)
        if name in CODE_DIRECTIVES:
            language = "pycon" if name == "doctest" else (argument.split()[0] if argument else "")
            yield CodeBlock(path, start, end, language, f"directive:{name}", body.lstrip("\n"), parents)
        elif name in OPAQUE_DIRECTIVES:
            if name in FORBIDDEN_DIRECTIVES:
                yield CodeBlock(path, start, end, "", f"directive:{name}", token.content, parents)
        else:
            yield from _walk(body, path, start, parents + (Directive(name, argument, start, options),))


def code_blocks(path: str | Path, text: str | None = None) -> list[CodeBlock]:
    """Every code block of the MyST page at ``path``, in page order."""
    path = Path(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    return sorted(_walk(text, path, 0, ()), key=lambda block: block.line)


def unaccounted(blocks: list[CodeBlock]) -> list[CodeBlock]:
    """Blocks that are neither Python (so collected) nor marked non-Python:
    a missing or unknown language, an indented block, a forbidden directive."""
    return [
        block
        for block in blocks
        if not (block.is_python or block.is_marked_non_python)
    ]

"""The page model: every code block of a MyST page and its framework tab sets,
found with MyST's markdown-it apart from sybil (so the tests can prove that
sybil collects every block), inside every directive whose body is Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

PYTHON_LANGUAGES = frozenset({"python"})  # the one spelling: a ```python fence
CODE_DIRECTIVES = frozenset({"code-cell", "code-block", "code", "sourcecode", "doctest",
                             "worked-example", "literalinclude", "eval-rst", "include"})  # hold or pull in code
OPAQUE_DIRECTIVES = frozenset({  # bodies that are not Markdown, so hold no code block
    "math", "toctree", "bibliography", "footbibliography", "glossary", "raw", "drawing",
    "list-table", "csv-table", "image", "figure", "contents"})

_DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_PARSER = create_md_parser(MdParserConfig(enable_extensions={
    "colon_fence", "dollarmath", "amsmath", "deflist", "attrs_inline", "attrs_block",
    "substitution", "fieldlist"}), RendererHTML)


@dataclass(frozen=True)
class Directive:
    """A directive around a block: its name, argument, page line and options."""
    name: str
    argument: str
    line: int
    options: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CodeBlock:
    """A code block, ``line`` to ``end_line``; ``form``: fence, indented, directive:<name>."""
    path: Path
    line: int
    end_line: int
    language: str  # "" when the writer gave none
    form: str
    source: str
    parents: tuple[Directive, ...] = ()

    @property
    def is_python(self) -> bool:
        return self.form == "fence" and self.language in PYTHON_LANGUAGES

    @property
    def is_doctest(self) -> bool:
        return self.is_python and self.source.lstrip().startswith(">>>")

    @property
    def tab(self) -> str | None:
        """The framework (``:sync:``) of the tab holding the block, or None."""
        return next((p.options["sync"] for p in reversed(self.parents)
                     if p.name == "tab-item" and "sync" in p.options), None)


def _split_options(body: str) -> tuple[dict[str, str], str]:
    """A directive body's options, and the body with them blanked (lines keep their numbers)."""
    lines = body.splitlines(keepends=True)
    end = next((i for i in range(1, len(lines)) if lines[0].strip() == "---" == lines[i].strip()), None)
    if end is not None:  # YAML options between two --- lines
        options = dict(map(str.strip, raw.partition(":")[::2]) for raw in lines[1:end])
        return options, "\n" * (end + 1) + "".join(lines[end + 1:])
    count = next((i for i, raw in enumerate(lines) if not _OPTION.match(raw)), len(lines))
    return ({m["key"]: m["value"] for m in map(_OPTION.match, lines[:count])},
            "\n" * count + "".join(lines[count:]))


def _walk(text: str, path: Path, offset: int, parents: tuple[Directive, ...]):
    for token in _PARSER.parse(text):
        if token.map is None or token.type not in ("code_block", "fence", "colon_fence"):
            continue
        start, end, info = offset + token.map[0] + 1, offset + token.map[1], token.info.strip()
        directive = _DIRECTIVE_INFO.match(info)
        if token.type == "code_block":
            yield CodeBlock(path, start, end, "", "indented", token.content, parents)
        elif directive is None and token.type == "fence":
            language = (info.split() or [""])[0]
            yield CodeBlock(path, start, end, language, "fence", token.content, parents)
        elif directive is not None and directive["name"] not in OPAQUE_DIRECTIVES:
            name, argument = directive["name"], directive["argument"].strip()
            options, body = _split_options(token.content)
            if name in CODE_DIRECTIVES:
                language, form = (argument.split() or [""])[0], f"directive:{name}"
                yield CodeBlock(path, start, end, language, form, body.lstrip("\n"), parents)
            else:
                inner = parents + (Directive(name, argument, start, options),)
                yield from _walk(body, path, start, inner)


def code_blocks(path: str | Path, text: str | None = None) -> list[CodeBlock]:
    """Every code block of the MyST page at ``path``, in page order."""
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    return sorted(_walk(text, Path(path), 0, ()), key=lambda block: block.line)


def tab_sets(path: str | Path) -> dict[int, dict[str, CodeBlock]]:
    """A page's framework tab sets: their opening line -> {framework: its Python block}."""
    sets: dict[int, dict[str, CodeBlock]] = {}
    for block in code_blocks(path):
        if block.is_python and block.tab is not None:
            line = next(p.line for p in reversed(block.parents) if p.name == "tab-set")
            sets.setdefault(line, {})[block.tab] = block
    return sets

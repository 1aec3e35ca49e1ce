"""sphinx-copybutton's algorithm, in Python, with the site's own settings.

``format_copy_text`` is a line-for-line port of ``formatCopyText`` in
sphinx-copybutton 0.5.2's ``copybutton_funcs.js``.  The settings are read
from the ``copybutton.js`` the build wrote (the exact call the browser
makes), not from ``conf.py``, so the emulation cannot drift from the site.
The browser tests show on every tab snippet and every traceback that the
emulation gives what the real button puts on the clipboard.
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass
from pathlib import Path

_JS_STRING = r"'((?:[^'\\]|\\.)*)'"
_JS_BOOL = r"(true|false)"
_CALL = re.compile(
    r"formatCopyText\(text, " + ", ".join([_JS_STRING] + [_JS_BOOL] * 4 + [_JS_STRING] * 2) + r"\)"
)
_SELECTOR = re.compile(r"const COPYBUTTON_SELECTOR = " + _JS_STRING)


def _js_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@dataclass(frozen=True)
class Settings:
    prompt: str
    is_regexp: bool
    only_copy_prompt_lines: bool
    remove_prompts: bool
    copy_empty_lines: bool
    line_continuation: str
    here_doc: str
    selector: str


def settings(html_root: Path) -> Settings:
    """The copy button's settings, as the built ``copybutton.js`` calls it."""
    source = (html_root / "_static" / "copybutton.js").read_text(encoding="utf-8")
    call = _CALL.search(source)
    selector = _SELECTOR.search(source)
    assert call and selector, "copybutton.js changed shape: update tests/site/copybutton.py"
    prompt, regexp, only, remove, empty, cont, here = call.groups()
    return Settings(_js_unescape(prompt), regexp == "true", only == "true", remove == "true",
                    empty == "true", _js_unescape(cont), _js_unescape(here),
                    _js_unescape(selector.group(1)))


def format_copy_text(text: str, s: Settings) -> str:
    """What the copy button copies from a block whose text is ``text``."""
    prompt = s.prompt if s.is_regexp else re.escape(s.prompt)
    regexp = re.compile("^(" + prompt + ")(.*)")
    output, got_prompt = [], []
    line_cont = here_doc = False
    for line in text.split("\n"):
        match = regexp.match(line)
        if match or line_cont or here_doc:
            found = match is not None
            got_prompt.append(found)
            output.append(match.group(2) if s.remove_prompts and found else line)
            line_cont = bool(s.line_continuation) and line.endswith(s.line_continuation)
            if s.here_doc and s.here_doc in line:
                here_doc = not here_doc
        elif not s.only_copy_prompt_lines:
            output.append(line)
        elif s.copy_empty_lines and line.strip() == "":
            output.append(line)
    if any(got_prompt):
        text = "\n".join(output)
    if text.endswith("\n"):
        text = text[:-1]
    return text


def doctest_source(text: str) -> str:
    """The code of a doctest block, as Python's doctest reads it: no prompts,
    no expected output, no tracebacks."""
    return "".join(example.source for example in doctest.DocTestParser().get_examples(text))


def code_lines(text: str) -> list[str]:
    """Non-blank lines (blank lines do not change what code does)."""
    return [line for line in text.splitlines() if line.strip()]

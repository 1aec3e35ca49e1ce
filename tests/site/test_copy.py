"""The copy button copies code, never prompts or output: checked on every
code block of every page with the Python port of the button's algorithm
(``copybutton.py``; the browser tests show the port matches the real button).
"""

from __future__ import annotations

from . import copybutton
from .conftest import html_pages
from .html import soup


def copyable_blocks(root):
    """(page, text of the block) for every block that gets a copy button."""
    selector = copybutton.settings(root).selector
    for page in html_pages(root):
        for pre in soup(page).select(selector):
            yield page.relative_to(root).as_posix(), pre.get_text()


def test_copy_drops_prompts_outputs_and_tracebacks(built_site):
    settings = copybutton.settings(built_site)
    doctests = tracebacks = 0
    wrong = []
    for page, text in copyable_blocks(built_site):
        copied = copybutton.format_copy_text(text, settings)
        if text.lstrip().startswith(">>>"):
            doctests += 1
            tracebacks += "Traceback (most recent call last)" in text
            expected = copybutton.doctest_source(text)
        else:
            expected = text  # plain code is copied as shown
        if copybutton.code_lines(copied) != copybutton.code_lines(expected):
            wrong.append(f"{page}:\n--- shown\n{text}\n--- copied\n{copied}\n--- code\n{expected}")
    assert doctests > 50 and tracebacks > 5, (doctests, tracebacks)
    assert not wrong, "\n\n".join(wrong[:5])


def test_copied_text_has_no_prompt_or_output_markers(built_site):
    settings = copybutton.settings(built_site)
    for page, text in copyable_blocks(built_site):
        copied = copybutton.format_copy_text(text, settings)
        for line in copied.splitlines():
            assert not line.startswith((">>> ", "... ")), (page, line)
            assert not line.startswith("Traceback (most recent call last)"), (page, copied)


def test_emulation_on_known_cases(built_site):
    settings = copybutton.settings(built_site)
    shown = (
        ">>> import numpy as np\n"
        ">>> for i in range(2):\n"
        "...     print(i)\n"
        "...\n"
        "0\n1\n"
        ">>> np.ones(2) + np.ones(3)\n"
        "Traceback (most recent call last):\n"
        "...\n"
        "ValueError: operands could not be broadcast together with shapes (2,) (3,) \n"
    )
    assert copybutton.format_copy_text(shown, settings) == (
        "import numpy as np\nfor i in range(2):\n    print(i)\nnp.ones(2) + np.ones(3)"
    )
    assert copybutton.format_copy_text("x = 1\ny = 2\n", settings) == "x = 1\ny = 2"

"""When a snippet fails, the build and the tests say where and show the real error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.example import SybilFailure

from tgdocs import worked_example
from tgdocs.site import DOCS, ROOT

from .harness import child_env, page_parsers

FIXTURES = Path(__file__).parent / "fixtures" / "failing"

BAD_PAGE = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---
# A page with a failing cell

Some prose.

```{worked-example}
:hide-output:
numerator = 1
denominator = 0
numerator / denominator
```
"""


def test_worked_example_failure_names_page_line_and_real_error():
    with pytest.raises(ZeroDivisionError) as info:
        worked_example.run("numerator = 1\ndenominator = 0\nnumerator / denominator", "docs/bad.md", 13)
    line, text = worked_example.failure(info.value, "docs/bad.md")
    assert line == 15  # the line of `numerator / denominator` in the page
    assert 'File "docs/bad.md", line 15' in text  # the real traceback, in page lines
    assert text.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "worked_example.py" not in text  # none of the runner's own frames


def test_a_worked_example_depends_on_its_modules_only():
    files = {Path(f).relative_to(ROOT / "src").as_posix()
             for f in worked_example.module_files({"tensorguide.worked_examples.what_are_tensors", "numpy"})}
    assert "tensorguide/worked_examples/what_are_tensors.py" in files
    assert "tensorguide/worked_examples/table.py" in files  # imported by it
    assert "tensorguide/worked_examples/broadcasting.py" not in files  # another chapter's
    assert "tensorguide/worked_examples/__init__.py" not in files  # would make every page depend on every module


def _mini_site(tmp_path: Path, page: str, example: str | None) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DOCS / "conf.py", docs / "conf.py")
    shutil.copytree(DOCS / "_ext", docs / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DOCS / "_static", docs / "_static")
    (docs / "references.bib").write_text("")
    (docs / "index.md").write_text("# Mini\n\n```{toctree}\nbad\nauto_examples/index\n```\n")
    (docs / "bad.md").write_text(page)
    gallery = tmp_path / "gallery"
    gallery.mkdir()
    (gallery / "GALLERY_HEADER.rst").write_text("Gallery\n=======\n")
    (gallery / "plot_example.py").write_text(
        example or '"""\nA fine example\n==============\n"""\nprint("device: cpu")\n'
    )
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    return docs


def _build(docs: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html",
         str(docs), str(docs / "_build" / "html")],
        capture_output=True, text=True, env=child_env(), timeout=600,
    )


@pytest.mark.slow  # a whole Sphinx build
def test_build_names_the_page_and_line_of_a_failing_cell(tmp_path):
    completed = _build(_mini_site(tmp_path, BAD_PAGE, None))
    assert completed.returncode != 0
    assert "bad.md:15: WARNING: worked example failed" in completed.stderr
    assert "ZeroDivisionError: division by zero" in completed.stderr


@pytest.mark.slow  # a whole Sphinx build
def test_build_names_a_failing_gallery_example(tmp_path):
    broken = '"""\nA broken example\n================\n"""\nraise RuntimeError("the example broke")\n'
    fine_page = BAD_PAGE.replace("numerator = 1\ndenominator = 0\nnumerator / denominator",
                                 "from tensorguide.worked_examples import reshape_add_sum\nreshape_add_sum()")
    completed = _build(_mini_site(tmp_path, fine_page, broken))
    assert completed.returncode != 0
    output = completed.stdout + completed.stderr
    assert "plot_example.py" in output
    assert "RuntimeError: the example broke" in output


def test_tests_name_the_page_and_line_of_a_wrong_output():
    # what pytest shows for a sybil example that fails is this exception's text
    document = Sybil(page_parsers()).parse(FIXTURES / "wrong_output.md")
    [example] = list(document.examples())
    with pytest.raises(SybilFailure) as info:
        example.evaluate()
    message = str(info.value)
    assert message.startswith(f"Example at {FIXTURES / 'wrong_output.md'}, line 4, column 1 did not evaluate")
    assert "Expected:\n    41\nGot:\n    42" in message

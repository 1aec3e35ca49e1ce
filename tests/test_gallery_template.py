"""Every gallery example follows one template (read from the source, not run).

Running the examples is tests/test_gallery.py's job; this file checks what
chapter writers and readers rely on: the file names chapters link to, a
titled docstring that says which chapter it supports, a figure for the
thumbnail, the GPU memory report at the end, and the documented knobs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tensorguide import measure
from tensorguide.device import ENV_VAR

from .harness import GALLERY, gallery_examples

LINKED_FROM_CHAPTERS = [
    "intro/plot_broadcasting_walkthrough.py",
    "intro/plot_matmul_scaling.py",
    "intro/plot_eager_vs_graph.py",
    "intro/plot_dtype_limits.py",
    "pytorch/plot_memory_layout.py",
    "pytorch/plot_expand_repeat_broadcast_to.py",
    "pytorch/plot_view_reshape_contiguous.py",
    "pytorch/plot_indexing_cost.py",
    "pytorch/plot_broadcast_gradient.py",
    "tensorflow/plot_mse_regression_two_frameworks.py",
]


def example_id(path: Path) -> str:
    return str(path.relative_to(GALLERY))


def test_the_examples_chapters_link_to_exist():
    assert sorted(LINKED_FROM_CHAPTERS) == sorted(example_id(p) for p in gallery_examples())


@pytest.mark.parametrize("part", sorted({Path(name).parent for name in LINKED_FROM_CHAPTERS}), ids=str)
def test_every_part_has_a_header(part):
    assert (GALLERY / part / "GALLERY_HEADER.rst").is_file()


def test_the_header_documents_both_environment_variables():
    header = (GALLERY / "GALLERY_HEADER.rst").read_text(encoding="utf-8")
    assert f"``{ENV_VAR}``" in header
    assert f"``{measure.SCALE_VAR}``" in header


@pytest.mark.parametrize("script", gallery_examples(), ids=example_id)
def test_example_follows_the_template(script):
    source = script.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree)
    assert docstring, "the example starts with a docstring"
    title, underline = docstring.splitlines()[:2]
    assert underline == "=" * len(title), "the docstring starts with a title"
    assert "supports" in docstring, "the docstring names the chapter it supports"
    assert source.count("\n# %%\n") >= 3, "the example is split into narrated cells"
    assert "print(tensorguide.describe_runtime())" in source
    assert "tensorguide.pick_device()" in source
    assert "plt.show()" in source or "sphinx_gallery_thumbnail_path" in source, "a thumbnail"
    assert source.rstrip().endswith("print(measure.memory_report(device))")


@pytest.mark.parametrize("script", gallery_examples(), ids=example_id)
def test_tensorflow_code_uses_the_picked_device(script):
    source = script.read_text(encoding="utf-8")
    if "import tensorflow" in source:
        assert "tf_device_name(" in source


@pytest.mark.parametrize("script", gallery_examples(), ids=example_id)
def test_thumbnail_tooltip_is_plain_words(script):
    # sphinx-gallery shows the docstring's first paragraph as the thumbnail's
    # hover text with the markup stripped but the contents kept, so LaTeX
    # and paths would show raw.
    docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")))
    first_paragraph = docstring.split("\n\n")[1]
    assert ":math:" not in first_paragraph and "\\" not in first_paragraph, first_paragraph
    assert "/" not in first_paragraph.replace(":doc:`/", ""), first_paragraph


def test_the_phone_check_finds_small_text_and_passes_readable_text():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tgdocs.gallery import MIN_TEXT_PX, small_texts

    wide, ax = plt.subplots(figsize=(10, 4))      # side-by-side panels, as the gallery had
    ax.set_title("a @ b on cpu", fontsize=8)
    readable, ax2 = plt.subplots(figsize=(5.5, 4))
    ax2.set_title("a @ b on cpu", fontsize=12)
    ax2.axis("off")
    try:
        small = dict(small_texts(wide))
        assert small["a @ b on cpu"] < MIN_TEXT_PX
        assert small_texts(readable) == []
    finally:
        plt.close(wide)
        plt.close(readable)


def test_examples_rerun_when_tensorguide_or_a_framework_changes(tmp_path, monkeypatch):
    import importlib.metadata
    from types import SimpleNamespace

    import tensorguide
    from tgdocs import gallery

    source = tmp_path / "tensorguide" / "__init__.py"
    source.parent.mkdir()
    source.write_text("A = 1\n")
    monkeypatch.setattr(tensorguide, "__file__", str(source))
    versions = {"torch": "2.0"}
    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: versions.get(name) or real_version(name))
    app = SimpleNamespace(srcdir=tmp_path, config=SimpleNamespace(
        sphinx_gallery_conf={"gallery_dirs": ["auto_examples"]}))
    record = tmp_path / "auto_examples" / "intro" / "plot_x.py.md5"

    def rerun_after(change) -> bool:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text("md5 of the example")
        change()
        gallery.rerun_when_dependencies_change(app)
        return not record.exists()

    assert rerun_after(lambda: None)  # the first build knows no key
    assert not rerun_after(lambda: None)
    assert rerun_after(lambda: source.write_text("A = 2\n"))
    assert not rerun_after(lambda: None)
    assert rerun_after(lambda: versions.update(torch="2.1"))
    assert not rerun_after(lambda: None)

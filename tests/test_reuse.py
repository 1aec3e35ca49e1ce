"""Stored results of the slow checks are reused only while their inputs are
unchanged (tests/reuse.py)."""

from __future__ import annotations

import pytest

from . import reuse
from .site.html import loaded_files
from .site.sweep_checks import _local_file


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(reuse, "STORE", tmp_path / "checks")
    monkeypatch.delenv(reuse.RECHECK_ENV, raising=False)
    yield reuse.Store("examples")
    reuse._counts.pop("examples", None)  # not part of the run's summary


def test_a_result_comes_back_under_its_key_only(store):
    assert store.load("page.html", "k1") is None
    store.save("page.html", "k1", {"seen": [1, 2]})
    assert store.load("page.html", "k1") == {"seen": [1, 2]}
    assert store.load("page.html", "k2") is None  # an input changed
    assert store.load("other.html", "k1") is None  # another subject
    store.save("page.html", "k2", {"seen": []})
    assert store.load("page.html", "k1") is None  # one result per subject: the latest


def test_get_makes_and_stores_only_what_is_missing(store):
    made = []
    make = lambda: made.append(1) or {"n": len(made)}  # noqa: E731
    assert store.get("a", "k", make) == {"n": 1}
    assert store.get("a", "k", make) == {"n": 1} and len(made) == 1  # stored, not made again
    assert store.get("a", "k2", make) == {"n": 2}


def test_a_make_that_fails_stores_nothing(store):
    def broken():
        raise AssertionError("the run failed")

    with pytest.raises(AssertionError):
        store.get("a", "k", broken)
    assert store.load("a", "k") is None


def test_a_result_whose_later_found_inputs_changed_is_not_used(store):
    store.save("page.html", "k", {"loaded": {"img.png": "old"}})
    assert store.load("page.html", "k", valid=lambda r: r["loaded"]["img.png"] == "old")
    assert store.load("page.html", "k", valid=lambda r: r["loaded"]["img.png"] == "new") is None


def test_recheck_ignores_what_is_stored(store, monkeypatch):
    store.save("page.html", "k", {"ok": True})
    monkeypatch.setenv(reuse.RECHECK_ENV, "1")
    assert store.load("page.html", "k") is None


def test_a_damaged_record_is_not_used(store):
    store.save("page.html", "k", {"ok": True})
    next(store.folder.glob("*.json")).write_text("{not json", encoding="utf-8")
    assert store.load("page.html", "k") is None


def test_counts_say_what_was_reused(store):
    store.save("a", "k", {})
    store.load("a", "k")
    store.load("b", "k")
    assert reuse._counts["examples"] == {"reused": 1, "observed": 1}


def test_digests_follow_file_contents(tmp_path):
    page = tmp_path / "site" / "page.html"
    page.parent.mkdir()
    page.write_text("one", encoding="utf-8")
    first, tree = reuse.file_digest(page), reuse.tree_digest(page.parent)
    page.write_text("two", encoding="utf-8")
    assert reuse.file_digest(page) != first
    assert reuse.tree_digest(page.parent) != tree
    page.write_text("one", encoding="utf-8")
    assert reuse.file_digest(page) == first and reuse.tree_digest(page.parent) == tree
    (page.parent / "new.css").write_text("", encoding="utf-8")
    assert reuse.tree_digest(page.parent) != tree  # a new file counts too
    assert reuse.file_digest(tmp_path / "nothing") == "missing"


def test_environment_key_follows_what_the_code_imports():
    assert reuse.environment(["import numpy"]) != reuse.environment(["import torch"])
    assert reuse.environment(["x = 1"]) == reuse.environment(["y = 2"])


@pytest.mark.parametrize("url, file", [
    ("http://127.0.0.1:8000/tensorguide/_static/a.css?v=1", "_static/a.css"),
    ("http://127.0.0.1:8000/tensorguide/", "index.html"),
    ("http://127.0.0.1:8000/tensorguide/pytorch/", "pytorch/index.html"),
    ("http://127.0.0.1:8000/tensorguide/_images/a%20b.png", "_images/a b.png"),
    ("http://127.0.0.1:8000/elsewhere/x.js", None),
    ("https://cdn.example.org/tensorguide/x.js", None),
])
def test_requests_map_to_site_files(url, file):
    assert _local_file(url) == file


def test_a_page_depends_on_the_files_it_fetches_not_on_the_pages_it_links(tmp_path):
    root = tmp_path / "html"
    (root / "_static").mkdir(parents=True)
    (root / "_images").mkdir()
    for name in ("_static/a.css", "_images/plot.png", "next.html", "genindex.html", "searchindex.js"):
        (root / name).write_text("x", encoding="utf-8")
    page = root / "page.html"
    page.write_text(
        '<link rel="stylesheet" href="_static/a.css"><link rel="next" href="next.html">'
        '<link rel="index" href="genindex.html"><script src="searchindex.js"></script>'
        '<script src="https://cdn.example.org/x.js"></script><img src="_images/plot.png">'
        '<img src="_images/missing.png">', encoding="utf-8")
    assert loaded_files(page, root) == {"_static/a.css", "searchindex.js", "_images/plot.png"}

"""The tools around the site build it the same way everywhere: tox's docs
environment, the writers' live preview, Read the Docs, and CI (which must run
the browser tests, not skip them)."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def tox_commands(env: str) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "tox.ini")
    return shlex.split(parser[f"testenv:{env}"]["commands"].replace("{posargs}", ""))


def test_live_preview_builds_like_the_docs_env():
    docs, serve = tox_commands("docs"), tox_commands("serve")
    assert docs[0] == "sphinx-build" and serve[0] == "sphinx-autobuild"
    assert serve[1:len(docs)] == docs[1:]  # same flags, source and output folders
    assert {"--host", "127.0.0.1"} <= set(serve)
    ignored = [serve[i + 1] for i, arg in enumerate(serve) if arg == "--re-ignore"]
    assert any(re.search(pattern, "docs/auto_examples/intro/x.py") for pattern in ignored)
    assert any(re.search(pattern, "docs/_build/.jupyter_cache/global.db") for pattern in ignored)


def test_read_the_docs_runs_the_docs_env():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    commands = config["build"]["commands"]
    assert "python -m tox -e docs" in commands
    assert any("docs/_build/html" in c and "$READTHEDOCS_OUTPUT/html" in c for c in commands)
    assert config["build"]["tools"]["python"] == "3.11"


def test_ci_installs_chromium_and_requires_the_browser_tests():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = script.index("apt-get install -y -qq chromium")
    require = script.index("export TGDOCS_REQUIRE_BROWSER=1")
    first_command = script.index("for step in build test")
    assert install < first_command and require < first_command


def test_new_requirements_are_pinned():
    requirements = (ROOT / "requirements" / "site.txt").read_text(encoding="utf-8")
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8").lower()
    for name in ("playwright", "axe-playwright-python", "sphinx-autobuild", "sphinx-notfound-page",
                 "nbclient", "nbformat", "ipykernel", "beautifulsoup4", "filelock"):
        assert re.search(rf"^{re.escape(name)}>=", requirements, re.M), name
        assert re.search(rf"^{re.escape(name)}==", constraints, re.M), name

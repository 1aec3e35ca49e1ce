"""The reader's experience, in a real browser (headless Chromium, Playwright).

One browser and one local server (127.0.0.1, the site under a sub-path) for
the whole module.  ``sweep`` visits every page of the build once and records
what the per-page tests check: console errors, every request (any that would
leave this machine fails), MathJax output for every math
element, axe-core violations, and the text the copy button really puts on
the clipboard for every framework tab snippet and every traceback example.
The other tests drive what readers do: switch frameworks, reload, move to the
next page, search, switch to dark mode, follow a dead link.

A summary of what was covered is written to ``docs/_build/browser/summary.json``
with screenshots of a chapter in light and dark mode.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from . import copybutton
from .browser import PREFIX, TIMEOUT_MS, axe_source, is_local
from .conftest import html_pages

AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
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

WAIT_FOR_MATH = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
}"""
MATH_REPORT = """() => {
  const all = Array.from(document.querySelectorAll('.math'));
  return {total: all.length,
          unrendered: all.filter(e => !e.querySelector('mjx-container')).map(e => e.textContent.slice(0, 80)),
          errors: document.querySelectorAll('mjx-merror').length};
}"""
FRAMEWORK_SETS = """() => Array.from(document.querySelectorAll('.sd-tab-set')).filter(
  s => s.querySelector('label[data-sync-group="framework"]')).length"""
SELECTED = """() => Array.from(document.querySelectorAll('.sd-tab-set')).filter(
  s => s.querySelector('label[data-sync-group="framework"]')).map(s => {
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
    button.click()
    return page.evaluate("navigator.clipboard.readText()")


# Clicks every copy button after a panel selector's <pre> in turn (the real
# buttons: ClipboardJS and copybutton's own text function), reading the
# clipboard after each: one round trip per page and framework.
COPY_ALL = """async (selector) => {
  const found = [];
  for (const pre of document.querySelectorAll(selector)) {
    const button = pre.parentElement.querySelector(':scope > button.copybtn');
    if (!button) continue;
    await navigator.clipboard.writeText('');
    button.click();
    found.push({shown: pre.innerText, copied: await navigator.clipboard.readText()});
  }
  return found;
}"""


def _collect_copies(page, name: str, sweep: Sweep) -> None:
    if page.evaluate(FRAMEWORK_SETS):
        for sync in FRAMEWORKS:
            labels = page.locator(f'label.sd-tab-label[data-sync-group="framework"][data-sync-id="{sync}"]')
            if labels.count() == 0:
                continue
            labels.first.click()  # as a reader does; sphinx-design switches every set
            panels = f'.sd-tab-set > label[data-sync-group="framework"][data-sync-id="{sync}"] + .sd-tab-content pre'
            copies = page.evaluate(COPY_ALL, panels)
            if copies and sync == FRAMEWORKS[0]:
                # and once per page with a real mouse click on the button
                first = page.locator(panels).first
                real = _copy(page, first.locator("xpath=following-sibling::button[contains(@class,'copybtn')]"))
                assert real == copies[0]["copied"]
            sweep.copied += [Copied(name, f"tab:{sync}", c["shown"], c["copied"]) for c in copies]
    # a sample of visible traceback examples (test_copy.py checks them all
    # with the emulation; this shows the emulation is the real button)
    tracebacks = [c for c in page.evaluate(COPY_ALL, ".highlight pre")
                  if "Traceback (most recent call last)" in c["shown"] and c["shown"].strip()]
    sweep.copied += [Copied(name, "traceback", c["shown"], c["copied"])
                     for c in tracebacks[:TRACEBACKS_PER_PAGE]]


@pytest.fixture(scope="module")
def sweep(browser, site_server, built_site) -> Sweep:
    started = time.perf_counter()
    result = Sweep()
    context = _new_context(browser, site_server)
    result.requests = _guard(context)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: result.console_errors.append(f"{page.url}: {e}"))
    page.on("requestfailed", lambda r: result.failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and result.failed.append(f"{r.url} (HTTP {r.status})"))
    axe = axe_source()
    for path in html_pages(built_site):
        name = path.relative_to(built_site).as_posix()
        result.pages.append(name)
        page.goto(site_server.url(name), wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") in ("light", "dark"), name
        page.evaluate(WAIT_FOR_MATH)
        result.math[name] = page.evaluate(MATH_REPORT)
        page.evaluate(axe)
        report = page.evaluate("([context, options]) => axe.run(context, options)",
                               [AXE_CONTEXT, AXE_OPTIONS])
        for pair in page.evaluate(CODE_CONTRAST):
            result.code_colours.setdefault(pair["pair"], dict(pair, page=name))
        for violation in report["violations"]:
            result.violations.append({
                "page": name, "id": violation["id"], "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
                "nodes": len(violation["nodes"]),
            })
        _collect_copies(page, name, result)
    context.close()
    result.seconds = time.perf_counter() - started
    _write_summary(built_site, result)
    return result


def _write_summary(root: Path, sweep: Sweep) -> None:
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
    (folder / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


# --- every page ------------------------------------------------------------------

def test_every_page_is_visited(sweep, built_site):
    assert len(sweep.pages) == len(html_pages(built_site)) >= 10


def test_no_console_errors(sweep):
    assert sweep.console_errors == []


def test_no_request_leaves_this_machine(sweep):
    assert len(sweep.requests) > 10 * len(sweep.pages)
    assert [url for url in sweep.requests if not is_local(url)] == []


def test_nothing_fails_to_load(sweep):
    assert sweep.failed == []


def test_every_math_element_is_rendered(sweep):
    pages_with_math = {name: m for name, m in sweep.math.items() if m["total"]}
    assert len(pages_with_math) >= 2
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
    """What the real button put on the clipboard is what copybutton.py
    computes from the block's text (so test_copy.py speaks for every block)."""
    settings = copybutton.settings(built_site)
    assert sum(c.what == "traceback" for c in sweep.copied) >= 3
    for copy in sweep.copied:
        assert copy.copied == copybutton.format_copy_text(copy.shown, settings), copy
        assert ">>>" not in copy.copied and "Traceback" not in copy.copied, copy


def test_every_copied_tab_snippet_runs_in_a_fresh_process(sweep, snippet_runner, built_site):
    tabs = [c for c in sweep.copied if c.what.startswith("tab:")]
    expected = sum(
        len(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select(
            '.sd-tab-set > label[data-sync-group="framework"] + .sd-tab-content pre'))
        for p in html_pages(built_site)
    )
    assert len(tabs) == expected > 0
    failures = []
    for copy in tabs:
        outcome = snippet_runner.run(copy.copied, f"<copied from {copy.page}, {copy.what}>")
        if not outcome.ok:
            failures.append(f"{copy.page} {copy.what}:\n{copy.copied}\n{outcome.report}")
    assert failures == [], "\n\n".join(failures)


# --- what readers do -----------------------------------------------------------------

def _tabbed_pages(built_site) -> list[str]:
    found = []
    for path in html_pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select('label[data-sync-group="framework"][data-sync-id="pytorch"]'):
            found.append(path.relative_to(built_site).as_posix())
    return found


def test_framework_choice_switches_every_tab_set_and_persists(browser, site_server, built_site):
    pages = sorted(_tabbed_pages(built_site), key=lambda p: -len(
        BeautifulSoup((built_site / p).read_text(encoding="utf-8"), "html.parser").select(".sd-tab-set")))
    assert len(pages) >= 2
    first, second = pages[0], pages[1]
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    page.goto(site_server.url(first))
    assert page.evaluate(FRAMEWORK_SETS) >= 2
    assert set(page.evaluate(SELECTED)) == {"numpy"}  # the default
    page.locator('label[data-sync-group="framework"][data-sync-id="pytorch"]').first.click()
    assert set(page.evaluate(SELECTED)) == {"pytorch"}  # every set on the page
    page.reload()
    assert set(page.evaluate(SELECTED)) == {"pytorch"}  # after a reload
    page.goto(site_server.url(second))
    assert set(page.evaluate(SELECTED)) == {"pytorch"}  # on the next page
    page.locator('label[data-sync-group="framework"][data-sync-id="tensorflow"]').first.click()
    page.goto(site_server.url(first))
    assert set(page.evaluate(SELECTED)) == {"tensorflow"}
    # a page already open in another browser tab follows the choice
    other = context.new_page()
    other.goto(site_server.url(second))
    page.locator('label[data-sync-group="framework"][data-sync-id="numpy"]').first.click()
    other.wait_for_function(
        "() => Array.from(document.querySelectorAll('label[data-sync-group=\"framework\"]'))"
        ".every(l => (l.dataset.syncId === 'numpy') === l.previousElementSibling.checked)")
    context.close()


def test_the_clicked_tab_stays_in_place(browser, site_server, built_site):
    page_name = max(_tabbed_pages(built_site), key=lambda p: len(
        BeautifulSoup((built_site / p).read_text(encoding="utf-8"), "html.parser").select(".sd-tab-set")))
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    page.goto(site_server.url(page_name))
    sets = page.locator(".sd-tab-set:has(label[data-sync-group=framework])")
    last = sets.nth(sets.count() - 1)
    for sync in ("tensorflow", "numpy", "pytorch"):
        label = last.locator(f'label[data-sync-id="{sync}"]')
        label.scroll_into_view_if_needed()
        before = label.bounding_box()["y"]
        label.click()
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert abs(label.bounding_box()["y"] - before) <= 4, sync
    context.close()


def test_search_finds_broadcasting(browser, site_server):
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    page.goto(site_server.url("index.html"))
    page.locator("button.search-button__button, .search-button-field").first.click()
    field = page.locator("input[name=q]:visible").first
    field.fill("broadcasting")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=broadcasting*")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("pytorch/broadcasting.html" in href for href in hrefs), hrefs
    context.close()


def _theme_colours(page) -> dict:
    return page.evaluate("""() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.body).backgroundColor,
      box: (e => e && getComputedStyle(e).fill)(document.querySelector('.tg-flow-box')),
      title: (e => e && getComputedStyle(e).fill)(document.querySelector('.tg-flow-title')),
    })""")


def test_dark_mode_toggles_and_diagrams_follow(browser, site_server, built_site):
    chapter = next(p for p in _tabbed_pages(built_site)
                   if "tg-flow" in (built_site / p).read_text(encoding="utf-8"))
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    page.goto(site_server.url(chapter))
    light = _theme_colours(page)
    assert light["theme"] == "light"
    shots = built_site.parent / "browser"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "light.png"))
    # the theme's colour-mode menu in the header: open it, choose "dark"
    page.locator("button.theme-switch-button:visible").first.click()
    page.locator('button.theme-change-button[data-mode="dark"]:visible').first.click()
    dark = _theme_colours(page)
    assert dark["theme"] == "dark"
    assert dark["background"] != light["background"]
    assert dark["box"] != light["box"] and dark["title"] != light["title"]
    page.locator("svg.tg-flow").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "dark.png"))
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"  # remembered
    page.evaluate(axe_source())
    report = page.evaluate("([context, options]) => axe.run(context, options)",
                           [AXE_CONTEXT, AXE_OPTIONS])
    blocking = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in report["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], blocking
    low = [pair for pair in page.evaluate(CODE_CONTRAST) if pair["ratio"] < MIN_CONTRAST]
    assert low == [], low
    context.close()


def test_next_and_previous_links(browser, site_server, built_site):
    chapter = _tabbed_pages(built_site)[0]
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    page.goto(site_server.url(chapter))
    title = page.title()
    page.locator("a.right-next").click()
    page.wait_for_load_state()
    assert page.title() != title
    page.locator("a.left-prev").click()
    page.wait_for_load_state()
    assert page.title() == title
    context.close()


def test_404_page_under_a_sub_path(browser, site_server):
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    loaded, failed = [], []
    page.on("response", lambda r: r.request.resource_type != "document"
            and (failed if r.status >= 400 else loaded).append(r.url.split("?")[0]))
    for missing in ("no-such-page.html", "pytorch/no-such-page.html", "pytorch/deeper/no/such.html"):
        loaded.clear()
        failed.clear()
        response = page.goto(site_server.url(missing))
        page.wait_for_load_state("load")
        assert response.status == 404
        assert page.locator("h1").first.inner_text() == "Page not found"
        assert page.evaluate("document.baseURI") == site_server.base
        # every stylesheet and script of the page loaded from the site's root
        assets = page.evaluate("""() => Array.from(document.querySelectorAll(
            'link[rel=stylesheet], script[src]')).map(e => (e.href || e.src).split('?')[0])""")
        assert assets and all(url.startswith(site_server.base) and url in loaded for url in assets)
        # Chromium's preload scanner may fetch an asset against the page's own
        # URL before the inline script sets <base>; those misses change nothing
        assert all(url not in assets for url in failed), failed
        assert page.evaluate("getComputedStyle(document.querySelector('.bd-header')).display") != "inline"
    page.get_by_role("link", name="contents").click()
    page.wait_for_load_state()
    assert page.url == site_server.url("index.html")
    context.close()


def test_404_page_from_a_local_folder(browser, built_site):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto((built_site / "404.html").as_uri())
    assert page.locator("h1").first.inner_text() == "Page not found"
    assert failed == []
    href = page.evaluate("document.querySelector('article a[href=\"index.html\"]').href")
    assert href == (built_site / "index.html").as_uri()
    context.close()

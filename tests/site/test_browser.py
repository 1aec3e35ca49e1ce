"""What readers do, in a real browser (headless Chromium, Playwright).

One browser and one local server (127.0.0.1, the site under a sub-path) per
test process.  These tests switch frameworks, reload, move to the next page,
search, switch to dark mode and follow a dead link; every page's own checks
are in sweep_checks.py.
"""

from __future__ import annotations

from .browser import TIMEOUT_MS, axe_source
from .conftest import html_pages
from .html import soup
from .sweep_checks import (
    AXE_CONTEXT, AXE_OPTIONS, BLOCKING_IMPACTS, CODE_CONTRAST, FRAMEWORK_SETS, MIN_CONTRAST,
    SELECTED, _guard, _new_context,
)


# --- what readers do -----------------------------------------------------------------

def _tabbed_pages(built_site) -> list[str]:
    found = []
    for path in html_pages(built_site):
        if soup(path).select('label[data-sync-group="framework"][data-sync-id="pytorch"]'):
            found.append(path.relative_to(built_site).as_posix())
    return found


def test_framework_choice_switches_every_tab_set_and_persists(browser, site_server, built_site):
    pages = sorted(_tabbed_pages(built_site), key=lambda p: -len(
        soup(built_site / p).select(".sd-tab-set")))
    assert len(pages) >= 2
    first, second = pages[0], pages[1]
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    page.goto(site_server.url(first))
    assert page.evaluate(FRAMEWORK_SETS) >= 2
    assert set(page.evaluate(SELECTED, "numpy")) == {"numpy"}  # the default
    page.locator('label[data-sync-group="framework"][data-sync-id="pytorch"]').first.click()
    assert set(page.evaluate(SELECTED, "pytorch")) == {"pytorch"}  # every set on the page
    page.reload()
    assert set(page.evaluate(SELECTED, "pytorch")) == {"pytorch"}  # after a reload
    page.goto(site_server.url(second))
    assert set(page.evaluate(SELECTED, "pytorch")) == {"pytorch"}  # on the next page
    page.locator('label[data-sync-group="framework"][data-sync-id="tensorflow"]').first.click()
    page.goto(site_server.url(first))
    assert set(page.evaluate(SELECTED, "tensorflow")) == {"tensorflow"}
    # a page already open in another browser tab follows the choice
    other = context.new_page()
    other.goto(site_server.url(second))
    page.locator('label[data-sync-group="framework"][data-sync-id="numpy"]').first.click()
    other.wait_for_function(
        "() => Array.from(document.querySelectorAll('.sd-tab-set'))"
        ".filter(s => s.querySelector('label[data-sync-group=\"framework\"][data-sync-id=\"numpy\"]'))"
        ".flatMap(s => Array.from(s.querySelectorAll('label[data-sync-group=\"framework\"]')))"
        ".every(l => (l.dataset.syncId === 'numpy') === l.previousElementSibling.checked)")
    context.close()


def test_the_clicked_tab_stays_in_place(browser, site_server, built_site):
    page_name = max(_tabbed_pages(built_site), key=lambda p: len(
        soup(built_site / p).select(".sd-tab-set")))
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

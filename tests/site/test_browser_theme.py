"""The site's own pages and features in a real browser (headless Chromium,
Playwright): dark mode, search and the 404 page.

Split from test_browser.py (the framework tabs and page-to-page navigation)
so that the two test workers can share the browser checks.
"""

from __future__ import annotations

from .browser import TIMEOUT_MS, axe_source
from .html import tabbed_pages
from .sweep_checks import (
    AXE_CONTEXT, AXE_OPTIONS, BLOCKING_IMPACTS, CODE_CONTRAST, MIN_CONTRAST, STYLE_RULES, _guard,
    _new_context,
)


def _theme_colours(page) -> dict:
    return page.evaluate("""() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.body).backgroundColor,
      box: (e => e && getComputedStyle(e).fill)(document.querySelector('svg.tg-fig rect.tg-hl')),
      title: (e => e && getComputedStyle(e).fill)(document.querySelector('svg.tg-fig text')),
    })""")


def test_dark_mode_toggles_and_figures_follow(browser, site_server, built_site):
    chapter = next(p for p in tabbed_pages(built_site)
                   if 'class="tg-hl"' in (built_site / p).read_text(encoding="utf-8"))
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
    page.locator("svg.tg-fig").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "dark.png"))
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"  # remembered
    # in dark mode only colours change: the style rules are what can fail
    # (the sweep runs every other rule on this page)
    page.evaluate(axe_source())
    report = page.evaluate("([context, options]) => axe.run(context, options)",
                           [AXE_CONTEXT, {**AXE_OPTIONS, "runOnly": {"type": "rule",
                                                                    "values": list(STYLE_RULES)}}])
    blocking = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in report["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], blocking
    low = [pair for pair in page.evaluate(CODE_CONTRAST) if pair["ratio"] < MIN_CONTRAST]
    assert low == [], low
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
        # nothing is requested from a wrong path: the page's assets are
        # written only once <base> is set, out of the preload scanner's sight
        assert failed == [], failed
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


# The chapter that teaches a topic comes first when a reader searches for it,
# and the result's snippet quotes the chapter, not its header.
SEARCH_RANKING = {
    "broadcast": "pytorch/broadcasting.html",
    "placeholder": "tensorflow/variables-constants-placeholders.html",
    "tf.Variable": "tensorflow/variables-constants-placeholders.html",
    "view": "pytorch/creating-and-shaping.html",
    "strides": "pytorch/creating-and-shaping.html",
    "einsum": "tensorflow/key-differences.html",
}


def test_search_ranks_the_chapter_about_a_topic_first(browser, site_server):
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    ranked = {}
    for query, chapter in SEARCH_RANKING.items():
        page.goto(site_server.url(f"search.html?q={query}"))
        page.wait_for_function(
            "() => /finished/i.test(document.querySelector('#search-results')?.innerText || '')")
        first = page.locator("#search-results ul.search > li").first
        href = first.locator("a").first.get_attribute("href")
        snippet = first.locator("p.context").inner_text() if first.locator("p.context").count() else ""
        ranked[query] = (href.split("?")[0].split("#")[0], snippet[:60])
        assert not snippet.lstrip(". ").startswith(("Part ", "Verified with", "Download")), snippet
    context.close()
    assert {q: href for q, (href, _) in ranked.items()} == SEARCH_RANKING, ranked


def test_header_is_one_row_on_desktop_widths(browser, site_server):
    context = browser.new_context()
    page = context.new_page()
    for width in (1024, 1280, 1920):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site_server.url("pytorch/broadcasting.html"))
        rows = page.evaluate("""() => {
          const items = [...document.querySelectorAll(
            '.bd-header .navbar-nav > li, .bd-header .search-button__button, .bd-header .theme-switch-button')]
            .filter(e => e.offsetParent !== null);
          return [items.length, new Set(items.map(e => Math.round(e.getBoundingClientRect().top / 24))).size,
                  document.querySelector('.bd-header').offsetHeight];
        }""")
        assert rows[0] >= 5 and rows[1] == 1 and rows[2] <= 80, (width, rows)
    context.close()

"""What readers do, in a real browser (headless Chromium, Playwright).

One browser and one local server (127.0.0.1, the site under a sub-path) per
test process.  These tests switch frameworks, reload and move to the next
page; test_browser_theme.py switches to dark mode, searches and follows a
dead link; every page's own checks are in sweep_checks.py.
"""

from __future__ import annotations

from tgdocs.site import PARTS

from .html import soup, tabbed_pages
from .sweep_checks import FRAMEWORK_SETS, SELECTED, _guard, _new_context


# --- what readers do -----------------------------------------------------------------

def test_framework_choice_switches_every_tab_set_and_persists(browser, site_server, built_site):
    pages = sorted(tabbed_pages(built_site), key=lambda p: -len(
        soup(built_site / p).select(".sd-tab-set")))
    assert len(pages) >= 2
    first, second = pages[0], pages[1]
    context = _new_context(browser, site_server)
    _guard(context)
    page = context.new_page()
    page.goto(site_server.url(first))
    assert page.evaluate(FRAMEWORK_SETS) >= 2
    default = PARTS[first.split("/")[0]] or "numpy"  # a chapter opens on its framework
    assert set(page.evaluate(SELECTED, default)) == {default}
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
    page_name = max(tabbed_pages(built_site), key=lambda p: len(
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


def test_next_and_previous_links(browser, site_server, built_site):
    chapter = tabbed_pages(built_site)[0]
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

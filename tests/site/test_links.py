"""Every internal link and anchor of the built site resolves, and no page
loads anything from another origin.  Reads the HTML only; no network."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .conftest import html_pages
from .html import FETCHED_LINKS, LOADED, soup

CSS_URL = re.compile(r"url\(\s*['\"]?(?!data:)([^'\")]+)")


@lru_cache(maxsize=None)
def anchors(path: Path) -> frozenset[str]:
    document = soup(path)
    return frozenset(
        [tag["id"] for tag in document.find_all(id=True)]
        + [tag["name"] for tag in document.find_all("a", attrs={"name": True})]
    )


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = []
    checked = 0
    for page in html_pages(built_site):
        for tag in soup(page).find_all("a", href=True):
            href = tag["href"]
            if is_external(href) or href.startswith(("mailto:", "javascript:")):
                continue
            parts = urlsplit(href)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append(f"{page.relative_to(built_site)}: {href} (no such anchor)")
    assert checked > 100
    assert broken == []


def test_nothing_is_loaded_from_another_origin(built_site):
    offenders = []
    for page in html_pages(built_site):
        for name, attribute in LOADED.items():
            for tag in soup(page).find_all(name):
                url = tag.get(attribute)
                if name == "link" and not FETCHED_LINKS & set(tag.get("rel", [])):
                    continue
                if url and is_external(url):
                    offenders.append(f"{page.relative_to(built_site)}: <{name} {attribute}={url}>")
    for stylesheet in built_site.rglob("*.css"):
        for url in CSS_URL.findall(stylesheet.read_text(encoding="utf-8", errors="replace")):
            if is_external(url):
                offenders.append(f"{stylesheet.relative_to(built_site)}: url({url})")
    assert offenders == []


def test_math_is_mathml_and_needs_no_script(built_site):
    pages_with_math = [p for p in html_pages(built_site) if "<math" in p.read_text(encoding="utf-8")]
    assert len(pages_with_math) >= 9
    for page in html_pages(built_site):
        scripts = [tag.get("src", "") for tag in soup(page).find_all("script")]
        assert not any("mathjax" in src.lower() for src in scripts), page
        for block in soup(page).select("div.math"):
            assert block.find("math", attrs={"display": "block"}), (page, block.get_text()[:80])

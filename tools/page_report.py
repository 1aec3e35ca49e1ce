"""How each chapter reads: one row per chapter, from the page and the built site.

Columns: screens at 1280x800 with every dropdown closed, prose words outside
dropdowns and code, the screen on which the first runnable snippet starts,
figures, code blocks that scroll sideways, and mentions of the original
document the chapters were written from (provenance belongs on the errata
pages).  The targets are those of the chapter template: at most 15 screens,
3,000 prose words, the first snippet on screen 1, at least two figures, and
zero of the last two.

    python tools/page_report.py                    # needs docs/_build/html and Chromium
    python tools/page_report.py --static PAGE.md   # from the Markdown alone

``tox -e report`` builds the site and prints the table.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from tgdocs.site import DOCS, chapters  # noqa: E402

SCREEN = (1280, 800)
TARGETS = {"screens": 15, "words": 3000, "first_code_screen": 1, "figures": 2}
MAX_CODE_LINE = 72
"""Characters that fit the article column at 1280 px without scrolling
(measured by the browser test; the static check keeps writers under it)."""
ORIGINAL_DOCUMENT = re.compile(r"\bsource\b|\boriginal (document|text|guide|notes)\b", re.I)
"""How a page would speak of the document the chapters were written from."""
WORD = re.compile(r"[A-Za-z0-9][\w'.-]*")


def static_report(path: Path) -> dict:
    """Measures a writer can take from the Markdown: prose words outside
    dropdowns and code, visible code lines, long code lines, figures and
    mentions of the original document."""
    words = code_lines = figures = 0
    long_lines: list[int] = []
    fence: str | None = None
    caption = False  # inside a drawing's fence: its body is a caption, not code
    colon_stack: list[tuple[int, bool]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    body = lines[lines.index("---", 1) + 1:] if lines and lines[0] == "---" else lines
    offset = len(lines) - len(body)
    for number, line in enumerate(body, start=offset + 1):
        hidden = any(is_dropdown for _, is_dropdown in colon_stack)
        if fence is not None:
            if line.strip() == fence:
                fence = None
            elif caption:
                words += 0 if hidden else len(WORD.findall(line))
            elif not line.startswith(":"):
                if len(line) > MAX_CODE_LINE:
                    long_lines.append(number)
                code_lines += 0 if hidden else 1
            continue
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = stripped[: len(stripped) - len(stripped.lstrip("`"))]
            caption = stripped.startswith("```{drawing}")
            figures += caption
            continue
        colons = re.match(r"^(:{3,})(\{[\w-]+\})?", stripped)
        if colons:
            if colons.group(2):
                colon_stack.append((len(colons.group(1)), colons.group(2) == "{dropdown}"))
            elif colon_stack and colon_stack[-1][0] == len(colons.group(1)):
                colon_stack.pop()
            continue
        if hidden or re.match(r"^\(.+\)=$|^:\w[\w-]*:", stripped) or set(stripped) <= set("|-: "):
            continue
        words += len(WORD.findall(re.sub(r"\{[\w:-]+\}`", "`", stripped)))
    mentions = len(ORIGINAL_DOCUMENT.findall("\n".join(body)))
    return {"words": words, "code_lines": code_lines, "long_code_lines": long_lines,
            "figures": figures, "mentions": mentions}


MEASURE = """() => {
  const article = document.querySelector("article.bd-article");
  const top = (el) => el.getBoundingClientRect().top + window.scrollY;
  const clone = article.cloneNode(true);
  clone.querySelectorAll("pre, details, .sd-dropdown, svg, script, .tg-stamp, "
    + ".headerlink, .sd-tab-label, .cell_output, figure").forEach((el) => el.remove());
  const words = (clone.textContent.match(/[A-Za-z0-9][\\w'.-]*/g) || []).length;
  const code = [...article.querySelectorAll("div.highlight pre")]
    .filter((pre) => pre.offsetParent !== null && !pre.closest("details"));
  const first = code.length ? Math.floor(top(code[0]) / window.innerHeight) + 1 : null;
  const sideways = [...article.querySelectorAll("pre")]
    .filter((pre) => pre.offsetParent !== null && pre.scrollWidth > pre.clientWidth + 1).length;
  return {
    screens: +(document.documentElement.scrollHeight / window.innerHeight).toFixed(1),
    words, first_code_screen: first, sideways,
    figures: article.querySelectorAll("figure.tg-drawing svg").length,
    mentions: (article.innerText.match(new RegExp(%s, "gi")) || []).length,
  };
}"""


def measure(page) -> dict:
    """The row of the chapter open in a Playwright ``page`` (its viewport
    should be :data:`SCREEN`)."""
    pattern = ORIGINAL_DOCUMENT.pattern.replace("\\", "\\\\")
    return page.evaluate(MEASURE % f'"{pattern}"')


def browser_report(site: Path, pages: list[str], chromium: str) -> dict[str, dict]:
    """Measure each built page in Chromium at 1280x800, dropdowns closed."""
    from playwright.sync_api import sync_playwright

    rows = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": SCREEN[0], "height": SCREEN[1]})
        for name in pages:
            page.goto((site / f"{name}.html").as_uri())
            page.wait_for_load_state("load")
            rows[name] = measure(page)
        browser.close()
    return rows


def within_targets(row: dict) -> bool:
    return (row["screens"] <= TARGETS["screens"] and row["words"] <= TARGETS["words"]
            and row["first_code_screen"] == TARGETS["first_code_screen"]
            and row["figures"] >= TARGETS["figures"] and row["sideways"] == 0
            and row["mentions"] == 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--static", nargs="*", type=Path, help="report on these Markdown pages")
    parser.add_argument("--site", type=Path, default=DOCS / "_build" / "html")
    args = parser.parse_args(argv)
    if args.static is not None:
        for path in args.static or chapters():
            print(path, static_report(path))
        return 0
    sys.path.insert(0, str(ROOT))
    from tests.site.browser import chromium_path

    names = [p.relative_to(DOCS).with_suffix("").as_posix() for p in chapters()]
    rows = browser_report(args.site, names, chromium_path())
    header = ("chapter", "screens", "words", "first code", "figures", "sideways", "mentions", "ok")
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for name, row in rows.items():
        cells = (name, row["screens"], row["words"], row["first_code_screen"], row["figures"],
                 row["sideways"], row["mentions"], "yes" if within_targets(row) else "NO")
        print("| " + " | ".join(map(str, cells)) + " |")
    return 0 if all(map(within_targets, rows.values())) else 1


if __name__ == "__main__":
    sys.exit(main())

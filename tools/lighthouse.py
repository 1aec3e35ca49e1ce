"""Lighthouse over one page of each kind of the built site, served gzipped.

Prints one row per page and form factor: the four Lighthouse scores,
Largest Contentful Paint, Total Blocking Time and Cumulative Layout Shift,
and whether the row meets the site's targets (every chapter: performance
mobile >= 90 and desktop >= 98, CLS <= 0.05; every page: accessibility, best
practices and SEO 100).

Needs Lighthouse 12.2.3 from npm (``npm i -E lighthouse@12.2.3``; newer ones
need Node 22) and Debian's Chromium.  ``tox -e lighthouse`` builds the site
and runs this; ``--pages`` picks pages, ``--lighthouse`` names the CLI.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from tgdocs.site import DOCS, chapters  # noqa: E402

OTHER_KINDS = ["index", "intro/index", "auto_examples/index",
               "auto_examples/intro/plot_broadcasting_walkthrough", "reference/glossary",
               "reference/errata/broadcasting", "reference/api", "search", "404"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"mobile": 90, "desktop": 98}
MAX_CLS = 0.05
COMPRESSED = {".html", ".js", ".css", ".svg", ".json", ".txt", ".ipynb", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped when the client accepts it, as a real host does."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = lambda *a, **k: GzipHandler(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def audit(lighthouse: str, url: str, form: str, chromium: str) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        command = [lighthouse, url, "--quiet", "--output=json", f"--output-path={out}",
                   "--only-categories=" + ",".join(CATEGORIES),
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
        if form == "desktop":
            command.append("--preset=desktop")
        env = dict(os.environ, CHROME_PATH=chromium)
        subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        report = json.loads(out.read_text())
    audits = report["audits"]
    row = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    row["lcp_s"] = round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1)
    row["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    row["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 3)
    return row


def meets(page: str, form: str, row: dict, chapter_pages: set[str]) -> bool:
    ok = all(row[name] == 100 for name in ("accessibility", "best-practices", "seo"))
    if page in chapter_pages:
        ok = ok and row["performance"] >= TARGETS[form] and row["cls"] <= MAX_CLS
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=DOCS / "_build" / "html")
    parser.add_argument("--pages", nargs="*")
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--chromium", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    chapter_pages = {p.relative_to(DOCS).with_suffix("").as_posix() for p in chapters()}
    pages = args.pages or sorted(chapter_pages) + OTHER_KINDS
    server, base = serve(args.site)
    print("| page | form | perf | a11y | best practices | SEO | LCP s | TBT ms | CLS | ok |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    failed = 0
    try:
        for page in pages:
            for form in ("mobile", "desktop"):
                row = audit(args.lighthouse, f"{base}{page}.html", form, args.chromium)
                ok = meets(page, form, row, chapter_pages)
                failed += not ok
                print(f"| {page} | {form} | {row['performance']} | {row['accessibility']} | "
                      f"{row['best-practices']} | {row['seo']} | {row['lcp_s']} | "
                      f"{row['tbt_ms']} | {row['cls']} | {'yes' if ok else 'NO'} |", flush=True)
    finally:
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

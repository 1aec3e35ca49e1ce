"""A real browser on the built site: Debian's Chromium driven by Playwright.

- :class:`SiteServer` serves the built HTML on 127.0.0.1 (an ephemeral port)
  under a sub-path, :data:`PREFIX`, as a host such as Read the Docs or GitHub
  Pages does, and answers a missing page with the site's ``404.html``.
- :func:`launch` starts headless Chromium with a fresh profile.  Playwright's
  own browser download does not work on this project's machines; the system
  Chromium does.

When Chromium or Playwright is missing the browser tests skip, unless
``TGDOCS_REQUIRE_BROWSER=1`` (CI sets it in ``.ci/run``), in which case they
fail: CI must not pass without having looked at the site in a browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

PREFIX = "/tensorguide/"
"""The sub-path the test server serves the site under."""

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 20_000
"""Upper bound for any one browser action (navigation, click, evaluation)."""

REQUIRE_ENV = "TGDOCS_REQUIRE_BROWSER"
CHROMIUM_ENV = "TGDOCS_CHROMIUM"


def chromium_path() -> str | None:
    """The system Chromium (``TGDOCS_CHROMIUM`` overrides), or None."""
    for candidate in (os.environ.get(CHROMIUM_ENV), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def unavailable(reason: str):
    """Skip with ``reason``, or fail when CI requires the browser."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: the browser tests must run here)", pytrace=False)
    pytest.skip(f"{reason}; install Debian's chromium and playwright to run the browser tests")


class _Handler(http.server.SimpleHTTPRequestHandler):
    root: Path

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.root), **kwargs)

    def log_message(self, format, *args):  # quiet
        pass

    def _missing(self, head: bool) -> None:
        page = self.root / "404.html"
        body = page.read_bytes() if page.exists() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _serve(self, head: bool) -> None:
        path = urlsplit(self.path).path
        if not path.startswith(PREFIX):
            self.send_error(404)
            return
        local = unquote(path[len(PREFIX):])
        target = (self.root / local).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or self.root.resolve() not in target.parents:
            self._missing(head)
            return
        self.path = "/" + local + ("?" + urlsplit(self.path).query if urlsplit(self.path).query else "")
        (super().do_HEAD if head else super().do_GET)()

    def do_GET(self):
        self._serve(head=False)

    def do_HEAD(self):
        self._serve(head=True)


class SiteServer:
    """The built site on ``http://127.0.0.1:<port>/tensorguide/``."""

    def __init__(self, root: Path) -> None:
        handler = type("Handler", (_Handler,), {"root": Path(root)})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base = self.origin + PREFIX

    def url(self, page: str) -> str:
        return self.base + page

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def launch(playwright):
    """Headless Chromium.  Playwright gives every launch a new, empty profile
    (its own temporary ``--user-data-dir``), so nothing carries over."""
    executable = chromium_path()
    if executable is None:
        unavailable("no Chromium found (looked for /usr/bin/chromium and chromium on PATH)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS,
                                      headless=True, timeout=60_000)


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (loopback or an in-page URL)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    """axe-core's script, as bundled by axe-playwright-python."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT

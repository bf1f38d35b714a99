"""Helpers for the browser tests and the page-weight benchmark.

* `build_sample_site`: the repository's products/ built into `<tmp>/katalog` from a copy of the
  hand-written site sources, so the repository's own docs/ is never touched.
* `SiteServer`: a small threaded http.server that serves a folder with the MIME types
  Pagefind needs (application/wasm, module scripts as text/javascript), on 127.0.0.1 only.
* `launch_chromium`, `settled_results`: from bench/chromium.py (the benchmark drives Chromium the
  same way); Debian's /usr/bin/chromium through Playwright. Never `playwright install`.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

from bench.chromium import (
    CHROMIUM,
    CHROMIUM_ARGS,
    chromium_available,
    launch_chromium,
    read_results,
    settled_results,
)
from bench.project import REPO, copy_site_sources
from bench.serve import LoopbackServer

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "REPO",
    "SUB_PATH",
    "SiteServer",
    "build_sample_site",
    "catalogue_gen",
    "chromium_available",
    "copy_sources",
    "finder_results",
    "launch_chromium",
    "read_results",
    "result_count",
    "settled_results",
    "wait_for_script",
]

SUB_PATH = "katalog"

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
    ".gz": "application/gzip",
    # Pagefind's own files: gzip-compressed binary chunks it decompresses itself.
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}


def copy_sources(root: Path, products: Path | None = None) -> Path:
    """A project root at `root` with the hand-written site parts and a link to `products`."""
    root.mkdir(parents=True, exist_ok=True)
    copy_site_sources(root)
    link = root / "products"
    if not link.exists():
        link.symlink_to(products or REPO / "products")
    return root


def catalogue_gen(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`catalogue-gen ARGS` in `cwd`, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "catalogue_gen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def build_sample_site(tmp: Path) -> Path:
    """Build the repository's products/ into `tmp/www/katalog`; returns the `www` folder to serve."""
    root = copy_sources(tmp / "proyek")
    www = tmp / "www"
    done = catalogue_gen("build", "--site-dir", str(www / SUB_PATH), cwd=root)
    if done.returncode != 0:
        raise RuntimeError(
            f"catalogue-gen build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    return www


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        # Every load is a first visit unless the test says otherwise.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class SiteServer(LoopbackServer):
    """Serves `folder` at http://127.0.0.1:<port>/ in a daemon thread; use as a context manager."""

    def __init__(self, folder: Path) -> None:
        super().__init__(functools.partial(_Handler, directory=str(folder)), "site-server")


def wait_for_script(page: Any, script: str, arg: Any = None, timeout: float = 30.0) -> Any:
    """Poll `script` (a JavaScript function or expression) until it is truthy; return its value.

    Playwright's own wait_for_function re-evaluates its predicate with `eval` inside the page,
    which the site's Content-Security-Policy rightly refuses (no 'unsafe-eval'): whenever the
    first check was false the wait failed. page.evaluate goes through the DevTools protocol,
    which the policy does not govern.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {script}")
        page.wait_for_timeout(50)


def finder_results(
    page: Any, scope: str = "[data-finder]", timeout: float = 15.0
) -> list[dict[str, Any]]:
    """The products the search page or a filtered listing shows once its answer is ready."""
    page.wait_for_selector(f"{scope}[data-state=ready]", timeout=timeout * 1000)
    # cards on a listing, rows (.bp-result) on the search page
    return page.eval_on_selector_all(
        f"{scope} [data-finder-results] :is(.bp-card, .bp-result)",
        """cards => cards.map(c => ({
            href: (c.matches('a') ? c : c.querySelector('a')).href,
            name: (c.querySelector('.bp-card__name, .bp-result__name') || {}).textContent || '',
            price: (c.querySelector('.bp-card__price, .bp-result__price') || {}).textContent || '',
            meta: (c.querySelector('.bp-card__meta, .bp-result__meta') || {}).textContent || '',
            image: c.querySelector('img') ? c.querySelector('img').src : '',
            badges: Array.from(c.querySelectorAll('.bp-badge')).map(b => b.textContent),
        }))""",
    )


def result_count(page: Any, scope: str = "[data-finder]") -> int:
    """The number of matches the finder reports (its `data-count`)."""
    page.wait_for_selector(f"{scope}[data-state=ready]")
    return int(page.get_attribute(f"{scope} [data-result-count]", "data-count") or 0)

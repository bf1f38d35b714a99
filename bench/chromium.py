"""Debian's Chromium through Playwright, for the benchmark and the browser tests.

Never `playwright install`: the browser is /usr/bin/chromium (or $CATALOGUE_CHROMIUM).
tests/browser_support.py re-exports these, so the tests and the benchmark drive the same browser
with the same flags and read search results the same way.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("CATALOGUE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_available() -> bool:
    return (
        CHROMIUM.is_file()
        and os.access(CHROMIUM, os.X_OK)
        and shutil.which(str(CHROMIUM)) is not None
    )


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def settled_results(page: Any, container: str, timeout: float = 15.0) -> list[dict[str, Any]]:
    """Search results shown in `container`, read until the same answer stays for half a second."""
    page.wait_for_selector(
        f"{container}:not([hidden]) :is(.bp-result, .bp-result__empty)", timeout=timeout * 1000
    )
    deadline = time.monotonic() + timeout
    last: list[dict[str, Any]] | None = None
    while time.monotonic() < deadline:
        page.wait_for_timeout(500)
        current = read_results(page, container)
        if current == last:
            return current
        last = current
    raise AssertionError(f"search results in {container} never settled")


def read_results(page: Any, container: str) -> list[dict[str, Any]]:
    """href, name, price, producer/regency line and image of each search result in `container`."""
    return page.eval_on_selector_all(
        f"{container} .bp-result",
        """links => links.map(a => ({
            href: a.href,
            name: (a.querySelector('.bp-result__name') || {}).textContent || '',
            price: (a.querySelector('.bp-result__price') || {}).textContent || '',
            meta: (a.querySelector('.bp-result__meta') || {}).textContent || '',
            image: a.querySelector('img') ? a.querySelector('img').src : '',
        }))""",
    )

"""Debian's Chromium through Playwright, for the benchmark and the browser tests.

Never `playwright install`: the browser is /usr/bin/chromium (or $CATALOGUE_CHROMIUM).
tests/browser_support.py re-exports these, so the tests and the benchmark drive the same browser
with the same flags and read search results the same way.
"""

from __future__ import annotations

import os
import shutil
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


def settled_results(
    page: Any, container: str, timeout: float = 15.0, field: str = "[data-search-input]"
) -> list[dict[str, Any]]:
    """Search results shown in `container` once it answers the query now in `field`.

    finder.js marks the box with the query it answers (`data-search-answered`), so an answer
    to an earlier keystroke is never read as the final one, and nobody waits on a clock.
    """
    page.wait_for_selector(
        f"{container}:not([hidden]) :is(.bp-result, .bp-result__empty)", timeout=timeout * 1000
    )
    page.wait_for_function(
        """([container, field]) => {
            const box = document.querySelector(container), input = document.querySelector(field);
            return box && input && box.getAttribute("data-search-answered") === input.value;
        }""",
        arg=[container, field],
        timeout=timeout * 1000,
    )
    return read_results(page, container)


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

"""The site's address plan: which names the generated site takes for itself. Data only, no I/O.

The stages that write pages (pages.py, offline.py, output.py, search.py) take these names from
here, and the loader refuses producer and product folders that would claim one of them, so
the list of reserved folder names is never a copy that can fall behind the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What `generate` owns under docs/; everything else there is hand-written and never touched.
GENERATED_ROOTS = (
    "index.md",
    "produk",
    "produsen",
    "kategori",
    "kabupaten",
    "sertifikasi",
    "cari",
    "schema",
    "katalog.json",
    # the offline part (offline.py): service worker, web app manifest, icons, offline page
    "sw.js",
    "manifest.webmanifest",
    "ikon",
    "luring",
)
# Where Pagefind (search.py) writes its index in the built site: its default bundle folder.
PAGEFIND_DIR = "pagefind"
# Written into the built site by MkDocs and Material beside our pages: the theme's assets/,
# 404.html and the sitemaps, and search/ of MkDocs' own search plugin (off in mkdocs.yml, but
# back whenever `plugins:` is left out).
MKDOCS_ROOTS = ("assets", "search", "404.html", "sitemap.xml", "sitemap.xml.gz")

# The producer list: produsen/, then produsen/halaman-2/, ... beside each producer's page
# produsen/<slug>/ ("halaman-2", not "2": a producer may well be called "123").
PRODUCERS_DIR = "produsen"
PAGE_PREFIX = "halaman-"
PAGE_FOLDER = re.compile(rf"{PAGE_PREFIX}[0-9]+")


def producer_index_path(number: int) -> str:
    """The docs path of page `number` (from 1) of the producer list."""
    return (
        f"{PRODUCERS_DIR}/index.md"
        if number == 1
        else f"{PRODUCERS_DIR}/{PAGE_PREFIX}{number}/index.md"
    )


def site_roots(hand_written: Iterable[str] = ()) -> tuple[str, ...]:
    """Every name at the top of the built site: generated, the tools' own, and `hand_written`
    (the top of docs/: the guide, the form, the site's assets)."""
    return (*GENERATED_ROOTS, PAGEFIND_DIR, *MKDOCS_ROOTS, *hand_written)


def reserved_address(slug: str, hand_written: Iterable[str] = ()) -> str | None:
    """The address of the generated site that a folder called `slug` would collide with, or None.

    Producer slugs become `produsen/<slug>/`, beside the producer list's own later pages, and
    product slugs `produk/<producer>/<slug>/`. Top-level names are refused for both as well, so
    that no page of a producer can ever be mistaken for (or, after a change of layout, replace)
    the site's own pages: `kategori`, `cari`, `assets`, `pagefind`, `sw`, `index`, ...
    """
    if PAGE_FOLDER.fullmatch(slug):
        return f"/{PRODUCERS_DIR}/{slug}/"
    for root in site_roots(hand_written):
        stem = root.split(".", 1)[0]
        if slug == stem:
            return f"/{root}" if "." in root else f"/{root}/"
    return None

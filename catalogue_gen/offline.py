"""Stage 4 (pages), offline part: service worker, web app manifest, home-screen icons, offline page.

Rendered after the other pages because the service worker (`sw.js`, at the site root so that
its scope is the whole site, sub-path included) carries a build id: a digest of every generated
page and file, of the hand-written site sources (mkdocs.yml, overrides/, docs/) and of the
versions of the tools that turn them into HTML. Two builds of the same input get the same id,
so builds stay byte-identical; any change a shopper could see gets a new one, and since the
worker's caches are named after it, the first visit after a deploy replaces them all.

Strategies (the worker itself is `templates/sw.js.j2`): pages, unhashed styles and scripts,
`pagefind.js` and `pagefind-entry.json` come from the network first and from the saved copy
only when the network fails; content-addressed photos and hashed Pagefind and Material files
are saved once and served from the copy. The icons are drawn here with Pillow at build time
(cached by content under `.cache/ikon/`), so no binary file is committed.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment
from PIL import Image, ImageDraw

from catalogue_gen import addresses, messages
from catalogue_gen.output import GENERATED_ROOTS
from catalogue_gen.pages import (
    SITE_NAME,
    Page,
    StaticFile,
    _compact_html,
    front_matter,
    make_environment,
    relative_url,
)
from catalogue_gen.photos import CONTENT_ADDRESSED_NAME
from catalogue_gen.settings import Settings

# Where the offline files live in the site (each root is listed in output.GENERATED_ROOTS).
SERVICE_WORKER = "sw.js"
WEB_MANIFEST = "manifest.webmanifest"
OFFLINE_DIR = "luring"
OFFLINE_PAGE = f"{OFFLINE_DIR}/index.md"
ICON_DIR = "ikon"
ICON_SIZES = (192, 512)

SHORT_NAME = "Produk NTT"
THEME_COLOUR = "#8a3b12"
BACKGROUND_COLOUR = "#ffffff"
ICON_CREAM = "#fbeee0"
ICON_STRIPE = "#e3a15b"

# How much a shopper's phone keeps, per cache; the oldest entries go first. `inti` holds the
# offline page and the site's own styles and scripts (a dozen files); `cari` the search files.
LIMITS = {"halaman": 200, "foto": 300, "cari": 300, "inti": 60}
SAVED_LIST_LIMIT = 50
"""Saved pages linked from the offline page, newest first."""
MESSAGE_LIMIT = 100
"""Addresses a page may ask the worker to save at once (itself and what it loaded)."""

# Search: Pagefind's files, and the word lists the search code reads (cari/aturan.json, ...).
SEARCH_DIRS = (f"{addresses.PAGEFIND_DIR}/", "cari/")
# File names that change whenever their content does, so a saved copy never goes stale. The
# same patterns are compiled by the worker (JavaScript RegExp): keep to the common syntax.
PHOTO_PATTERN = f"/{CONTENT_ADDRESSED_NAME}$"
HASHED_SEARCH_PATTERN = r"/pagefind/(?:[a-z]+/)?[\w.-]*_[0-9a-f]{7,}\.pf_[a-z]+$"
HASHED_ASSET_PATTERN = r"/assets/.*\.[0-9a-f]{8,}\.min\.(?:css|js)$"

# What shapes the HTML besides the generated Markdown and the hand-written sources.
TOOLS = ("mkdocs", "mkdocs-material", "markdown", "pagefind-bin", "pillow")
_CONTENT_ADDRESSED = re.compile(PHOTO_PATTERN)


@dataclass(frozen=True)
class OfflineFiles:
    """The offline part of a build: one page, two text files and the icons."""

    build_id: str
    page: Page
    texts: tuple[Page, ...]
    """`sw.js` and `manifest.webmanifest`: written like pages, copied by MkDocs as they are."""
    files: tuple[StaticFile, ...]

    def summary(self) -> dict[str, Any]:
        """For the build manifest (katalog.json): the id, the page and the files, as site paths."""
        return {
            "versi": self.build_id,
            "halaman": f"{OFFLINE_DIR}/",
            "berkas": sorted([*(t.path for t in self.texts), *(f.path for f in self.files)]),
        }


def render_offline(
    settings: Settings, pages: Sequence[Page], files: Sequence[StaticFile]
) -> OfflineFiles:
    """The offline page, manifest, icons and the service worker keyed to `pages` and `files`."""
    env = make_environment()
    page = render_offline_page(env)
    manifest = Page(WEB_MANIFEST, web_manifest())
    icons = tuple(make_icons(settings.cache_dir / "ikon"))
    # the worker's own code counts too (rendered without an id): new rules, new caches
    build = build_id(
        settings, [*pages, page, manifest], [*files, *icons], extra=[render_worker(env, "")]
    )
    worker = Page(SERVICE_WORKER, render_worker(env, build))
    return OfflineFiles(build, page, (worker, manifest), icons)


def render_offline_page(env: Environment) -> Page:
    """`luring/index.md`: what the worker shows for a page never saved, when the network fails."""
    body = env.get_template("offline.html.j2").render(
        title=messages.OFFLINE_TITLE,
        rel=lambda target: relative_url(OFFLINE_PAGE, target),
    )
    meta = dict(
        title=messages.OFFLINE_TITLE,
        description=messages.OFFLINE_DESCRIPTION,
        template="compact.html",
        hide=["toc"],
    )
    return Page(OFFLINE_PAGE, front_matter(**meta) + _compact_html(body))


def render_worker(env: Environment, build: str) -> str:
    """`sw.js` for build `build`."""
    return env.get_template("sw.js.j2").render(
        build_id=build,
        offline_url=f"{OFFLINE_DIR}/",
        limits=LIMITS,
        photo_pattern=PHOTO_PATTERN,
        hashed_search_pattern=HASHED_SEARCH_PATTERN,
        hashed_asset_pattern=HASHED_ASSET_PATTERN,
        search_dirs=SEARCH_DIRS,
        title_suffix=f" - {SITE_NAME}",
        list_limit=SAVED_LIST_LIMIT,
        message_limit=MESSAGE_LIMIT,
    )


def web_manifest() -> str:
    """The web app manifest; every address in it is relative, so it works under a sub-path."""
    icons = [
        {
            "src": f"{ICON_DIR}/{icon_name(size)}",
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any",
        }
        for size in ICON_SIZES
    ]
    # The artwork stays inside the safe circle (radius 40 %), so Android may crop it as it likes.
    icons.append({**icons[-1], "purpose": "maskable"})
    data = {
        "id": "./",
        "name": SITE_NAME,
        "short_name": SHORT_NAME,
        "description": messages.APP_DESCRIPTION,
        "lang": "id",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND_COLOUR,
        "theme_color": THEME_COLOUR,
        "categories": ["shopping"],
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def icon_name(size: int) -> str:
    """`ikon-192.png`: where the manifest finds an icon, under ikon/."""
    return f"ikon-{size}.png"


def make_icons(cache: Path) -> list[StaticFile]:
    """The home-screen icons, drawn once and kept in `cache` under a name taken from their bytes."""
    found = []
    for size in ICON_SIZES:
        data = draw_icon(size)
        path = cache / f"{hashlib.sha256(data).hexdigest()[:16]}-{size}.png"
        if not path.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=cache, prefix=".ikon-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        found.append(StaticFile(f"{ICON_DIR}/{icon_name(size)}", str(path)))
    return found


@functools.cache
def draw_icon(size: int) -> bytes:
    """A shop front with a striped awning on the site's brown, as PNG bytes (deterministic)."""
    scale = (
        4  # drawn large and scaled down: smooth edges without anti-aliasing support in ImageDraw
    )
    side = size * scale
    image = Image.new("RGB", (side, side), THEME_COLOUR)
    draw = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        # drawn on a 0..1 square, shrunk to 90 % about the centre: inside the maskable safe circle
        def at(value: float) -> int:
            return round((0.5 + (value - 0.5) * 0.9) * side)

        return at(x0), at(y0), at(x1), at(y1)

    stripes = 5
    left, right, top, bottom = 0.22, 0.78, 0.27, 0.42
    width = (right - left) / stripes
    draw.rounded_rectangle(
        box(0.20, 0.23, 0.80, 0.28), radius=round(0.02 * side), fill=ICON_CREAM
    )  # roof
    for index in range(stripes):  # the awning, scalloped
        colour = ICON_CREAM if index % 2 == 0 else ICON_STRIPE
        x0 = left + index * width
        draw.rectangle(box(x0, top, x0 + width, bottom), fill=colour)
        draw.pieslice(
            box(x0, bottom - width / 2, x0 + width, bottom + width / 2), 0, 180, fill=colour
        )
    draw.rectangle(box(0.27, 0.51, 0.73, 0.76), fill=ICON_CREAM)  # the shop, below the awning
    draw.rectangle(box(0.32, 0.56, 0.45, 0.66), fill=ICON_STRIPE)  # window
    draw.rectangle(box(0.52, 0.56, 0.66, 0.76), fill=THEME_COLOUR)  # door
    draw.rectangle(box(0.23, 0.76, 0.77, 0.79), fill=ICON_CREAM)  # step
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def build_id(
    settings: Settings,
    pages: Iterable[Page],
    files: Iterable[StaticFile],
    extra: Iterable[str] = (),
) -> str:
    """16 hex digits over everything a shopper's saved copies were made from.

    Photos with content-addressed names count by name (a changed photo gets a new one), other
    files by their bytes. SOURCE_DATE_EPOCH is left out: it changes with every commit but only
    the sitemap's dates, never a page.
    """
    digest = hashlib.sha256()
    for name in TOOLS:
        digest.update(f"{name}={version(name)}\n".encode())
    for part in extra:
        digest.update(part.encode() + b"\0")
    for path in hand_written_sources(settings):
        digest.update(
            path.relative_to(settings.root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        )
    for page in sorted(pages, key=lambda p: p.path):
        digest.update(f"page\0{page.path}\0{page.text}\0".encode())
    for file in sorted(set(files), key=lambda f: (f.path, f.source)):
        content = (
            b"" if _CONTENT_ADDRESSED.search("/" + file.path) else Path(file.source).read_bytes()
        )
        digest.update(f"file\0{file.path}\0".encode() + content + b"\0")
    return digest.hexdigest()[:16]


def hand_written_sources(settings: Settings) -> list[Path]:
    """mkdocs.yml, overrides/ and the hand-written part of docs/ (not the generated roots)."""
    candidates = [settings.mkdocs_config, *sorted((settings.root / "overrides").rglob("*"))]
    if settings.docs_dir.is_dir():
        for top in sorted(settings.docs_dir.iterdir()):
            if top.name in GENERATED_ROOTS or top.name.startswith("."):
                continue
            candidates += [top, *sorted(top.rglob("*"))] if top.is_dir() else [top]
    return [path for path in candidates if path.is_file()]

"""Settings: every path and tunable of a build, in one frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

# The public address of the site is one line of mkdocs.yml,
#     site_url: !ENV [CATALOGUE_SITE_URL, "https://beli-produk-ntt.github.io/katalog/"]
# read by MkDocs (canonical links, sitemap, the 404 page) and by Settings (share links, Open
# Graph images, WhatsApp messages). The variable overrides the default for both: the pipeline
# passes the address it generated the pages for to MkDocs under this name.
SITE_URL_ENV = "CATALOGUE_SITE_URL"


@dataclass(frozen=True)
class PhotoParams:
    """How photos are checked and processed. Part of the photo cache key: change one, reprocess all."""

    # Settings for renditions: 200 px for thumbnails and search results, 400 px for cards and
    # the product photo on plain phones, 800 px for sharp phone screens and the enlarged view.
    # No wider rendition: at 5,000 products photos decide whether the site fits GitHub Pages'
    # 1 GB, and a 1200 px file weighs as much as the other three together.
    widths: tuple[int, ...] = (200, 400, 800)
    # Quality falls as width grows: wide renditions are seen enlarged, where artefacts hide.
    webp_quality: tuple[int, ...] = (70, 64, 56)
    webp_method: int = 4
    # Settings for the square thumbnail of the cover, for search results: a 64 px row photo is
    # 128 device pixels on most phones (DPR 2). It weighs half the 200 px rendition, and a first
    # search loads one per result shown.
    thumbnail_side: int = 128
    # Settings for the 1200x630 Open Graph image shared on WhatsApp and Facebook: the whole
    # photo on its own average colour (no crop cuts the product), JPEG for every app.
    social_size: tuple[int, int] = (1200, 630)
    social_quality: int = 45
    # Settings for refusing photos: above 40 MP is a decompression bomb or a mistake.
    max_pixels: int = 40_000_000
    min_side_error: int = 100
    min_side_warning: int = 300
    max_ratio: float = 5.0
    # A progressive JPEG is decoded once per scan: libjpeg writes 10 scans, mozjpeg about 20, and
    # thousands cost minutes (issue 10). 100 at 40 MP decode in about 3 s.
    max_jpeg_scans: int = 100


@dataclass(frozen=True)
class Settings:
    """Paths and options for one run of the pipeline."""

    # Settings for where things are: all paths absolute, derived from the project root.
    root: Path
    products_dir: Path
    docs_dir: Path
    site_dir: Path
    cache_dir: Path
    mkdocs_config: Path
    # Settings for processing.
    photo: PhotoParams = field(default_factory=PhotoParams)
    workers: int = max(1, os.cpu_count() or 1)
    # Settings for what the site says about itself.
    site_url: str = ""
    """Public base URL, ending in "/" (for share links, Open Graph and, passed on to MkDocs,
    canonical links, the sitemap and the 404 page); "/" when unknown."""
    build_date: date = field(default_factory=date.today)
    """"Today" for expiry checks; from SOURCE_DATE_EPOCH when set, for repeatable builds."""

    @classmethod
    def for_project(
        cls, root: Path, site_url: str | None = None, site_dir: Path | None = None
    ) -> Settings:
        """Settings for the project at `root`, following the usual layout."""
        root = root.resolve()
        return cls(
            root=root,
            products_dir=root / "products",
            docs_dir=root / "docs",
            site_dir=(site_dir or root / "site").resolve(),
            cache_dir=root / ".cache",
            mkdocs_config=root / "mkdocs.yml",
            site_url=(
                site_url
                if site_url is not None
                else os.environ.get(SITE_URL_ENV, _site_url_from_config(root))
            ).rstrip("/")
            + "/",
            build_date=build_date(),
        )


def build_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def _site_url_from_config(root: Path) -> str:
    # Only the `site_url:` line of mkdocs.yml: the whole file needs MkDocs' own loader (its
    # `!ENV` and `!relative` tags, the theme's defaults), for one value.
    config = root / "mkdocs.yml"
    if not config.is_file():
        return ""
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return parse_site_url(line.split(":", 1)[1])
    return ""


def parse_site_url(value: str) -> str:
    """The address a `site_url:` value gives when SITE_URL_ENV is not set: a plain URL, or the
    default (last item) of `!ENV [CATALOGUE_SITE_URL, "https://..."]`."""
    text = value.strip()
    is_env = text.startswith("!ENV")
    try:
        loaded = yaml.safe_load(text.removeprefix("!ENV")) if text else None
    except yaml.YAMLError as exc:
        raise ValueError(f"site_url: {getattr(exc, 'problem', None) or exc}") from exc
    if is_env:  # a bare `!ENV NAME` has no default; a list ends with it
        loaded = loaded[-1] if isinstance(loaded, list) and len(loaded) > 1 else None
    return loaded if isinstance(loaded, str) else ""

"""The whole build, read top to bottom: load -> validate -> photos -> pages -> output -> MkDocs -> search.

`check` runs the stages that find problems, `generate` writes the Markdown tree that
`mkdocs build` reads, and `build` adds MkDocs and Pagefind into a staging folder that
replaces `site/` only when complete and verified. Every problem of every file is gathered
first; if any is a `galat`, nothing is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue_gen import messages
from catalogue_gen.load import load_tree
from catalogue_gen.model import Catalogue, ProcessedPhoto
from catalogue_gen.output import MANIFEST_NAME, swap_site, write_generated
from catalogue_gen.pages import PageRenderer
from catalogue_gen.photos import process_catalogue
from catalogue_gen.problems import CatalogueError, CatalogueInvalid, Problems
from catalogue_gen.search import run_pagefind
from catalogue_gen.settings import Settings
from catalogue_gen.validate import validate_catalogue


@dataclass
class CheckResult:
    """What `check` found: the valid catalogue, its processed photos, and every problem."""

    catalogue: Catalogue
    photos: dict[str, ProcessedPhoto]
    problems: Problems
    folders: int = 0
    """Product folders found on disk (valid or not): what a complete build must publish."""


@dataclass
class BuildResult:
    """What a build produced, for the CLI summary and tests."""

    catalogue: Catalogue
    problems: Problems
    pages: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)


def check(settings: Settings, only: list[Path] | None = None) -> CheckResult:
    """Load, validate and check the photos of every product (or of the folders in `only`)."""
    # load: every producer and product folder, YAML to node trees
    folders, load_problems = load_tree(settings.root, settings.products_dir, only)
    problems = Problems(load_problems)
    product_folders = sum(len(f.products) for f in folders)

    # validate: node trees to model objects, with every rule of the spec
    catalogue, validate_problems = validate_catalogue(folders, settings.build_date)
    problems.extend(validate_problems)

    # photos: decode, clean and resize (cached by content) the photos of valid products
    photos, photo_problems = process_catalogue(
        catalogue, settings.root, settings.photo, settings.cache_dir / "photos", settings.workers
    )
    problems.extend(photo_problems)
    if photo_problems:
        failed = {p.path for p in photo_problems if p.is_error}
        catalogue.products = [p for p in catalogue.products if p.source_path not in failed]
    return CheckResult(catalogue, photos, problems, product_folders)


def generate(settings: Settings) -> BuildResult:
    """Check everything, then write the generated pages under docs/; raise CatalogueInvalid on any galat."""
    result = check(settings)
    if result.problems.has_errors:
        raise CatalogueInvalid(result.problems)
    if len(result.catalogue.products) != result.folders:
        # Defence in depth: every folder without a galat must have become a product.
        raise CatalogueError(messages.BUILD_COUNT_MISMATCH.format(pages=len(result.catalogue.products), products=result.folders))

    # pages: the catalogue to Markdown with raw, escaped HTML blocks
    renderer = PageRenderer(result.catalogue, result.photos, settings.site_url)
    pages, files = renderer.render_all()

    # output: swap the generated folders under docs/ in whole
    manifest = make_manifest(result.catalogue)
    write_generated(
        settings.docs_dir,
        [(p.path, p.text) for p in pages],
        [(f.path, f.source) for f in files],
        manifest,
    )
    return BuildResult(result.catalogue, result.problems, len(pages), manifest)


def build(settings: Settings) -> BuildResult:
    """generate + `mkdocs build` + Pagefind into a staging folder, verified, then swapped into site/."""
    result = generate(settings)
    settings.site_dir.parent.mkdir(parents=True, exist_ok=True)
    # A build killed midway leaves its staging folder behind; the site itself was never touched.
    for stale in settings.site_dir.parent.glob(f".{settings.site_dir.name}-new-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{settings.site_dir.name}-new-", dir=settings.site_dir.parent))
    try:
        # mkdocs: the only step that knows about MkDocs; a successor changes this command alone
        env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(settings.root)}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                   "--config-file", str(settings.mkdocs_config), "--site-dir", str(staging)]
        done = subprocess.run(command, cwd=settings.root, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise CatalogueError(messages.MKDOCS_FAILED.format(code=done.returncode) + "\n" + done.stderr[-4000:])

        # search: Pagefind over the built pages
        indexed = run_pagefind(staging)
        if indexed.returncode != 0:
            raise CatalogueError(messages.PAGEFIND_FAILED.format(code=indexed.returncode) + "\n" + indexed.stderr[-4000:])

        # verify: one page per valid product folder, and nothing else under produk/
        verify_site(staging, result.catalogue)

        swap_site(staging, settings.site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def verify_site(site: Path, catalogue: Catalogue) -> None:
    """Refuse to publish when the product pages on disk differ from the valid products."""
    expected = {f"produk/{p.key}/index.html" for p in catalogue.products}
    found = {path.relative_to(site).as_posix() for path in (site / "produk").glob("*/*/index.html")}
    manifest_ok = (site / MANIFEST_NAME).is_file()
    if found != expected or not manifest_ok:
        raise CatalogueError(messages.BUILD_COUNT_MISMATCH.format(pages=len(found), products=len(expected)))


def make_manifest(catalogue: Catalogue) -> dict[str, Any]:
    """Every published product, for `site/katalog.json`: what a later build can be compared with."""
    return {
        "jumlah_produk": len(catalogue.products),
        "jumlah_produsen": len(catalogue.producers),
        "produk": [
            {
                "kunci": p.key,
                "nama": p.name,
                "url": f"produk/{p.key}/",
                "produsen": p.producer.slug,
                "kategori": p.category.slug,
                "kabupaten": p.producer.regency.slug,
                "harga_terendah": min((x.rupiah for x in p.prices), default=None),
                "izin": [lic.number for lic in p.licenses],
                "tersedia": p.is_available,
                "berkas": p.source_path,
            }
            for p in catalogue.products
        ],
    }


def source_date_epoch(root: Path) -> str:
    """SOURCE_DATE_EPOCH for MkDocs: as given, else the last commit's time, for repeatable sitemaps."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return given
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False)
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return done.stdout.strip()
    except OSError:
        pass
    return "0"

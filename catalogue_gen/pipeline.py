"""The whole build, read top to bottom: load -> validate -> photos -> pages -> output -> MkDocs -> search.

`check` runs the stages that find problems, `generate` writes the Markdown tree that
`mkdocs build` reads, and `build` adds MkDocs and Pagefind into a staging folder that
replaces `site/` only when complete and verified. Every problem of every file is gathered
first; if any is a `galat`, nothing is written.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogue_gen import messages
from catalogue_gen.load import ProducerFolder, iter_tree
from catalogue_gen.model import Catalogue, Photo, ProcessedPhoto
from catalogue_gen.offline import render_offline
from catalogue_gen.output import (
    GENERATED_ROOTS,
    MANIFEST_NAME,
    remove_leftovers,
    step_storage_message,
    swap_site,
    write_generated,
)
from catalogue_gen.pages import PageRenderer, StaticFile
from catalogue_gen.photos import CONTENT_ADDRESSED_NAME, ShareCards, process_catalogue
from catalogue_gen.problems import (
    READ_ONLY_ERRNOS,
    CatalogueError,
    CatalogueInvalid,
    OutputError,
    Problem,
    Problems,
)
from catalogue_gen.progress import (
    SILENT,
    STAGE_CHECK,
    STAGE_LOAD,
    STAGE_MKDOCS,
    STAGE_PAGES,
    STAGE_PHOTOS,
    STAGE_SEARCH,
    Progress,
)
from catalogue_gen.search import indexed_pages, run_pagefind
from catalogue_gen.settings import SITE_URL_ENV, Settings
from catalogue_gen.validate import validate_catalogue

if TYPE_CHECKING:
    from filelock import BaseFileLock


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
    is_unchanged: bool = False
    """The published site was already built from exactly these pages: MkDocs did not run."""


def check(
    settings: Settings,
    only: list[Path] | None = None,
    read_only: bool = False,
    progress: Progress = SILENT,
) -> CheckResult:
    """Load, validate and check the photos of every product (or of the folders in `only`).

    `read_only` (validate, report): where the checkout cannot be written, photos are processed
    into a temporary cache instead of failing. A build never does that: it would quietly
    process every photo of the catalogue again on every run."""
    # load and validate, one producer at a time: YAML to node trees to model objects
    load_problems: list[Problem] = []
    folders = iter_tree(settings.root, settings.products_dir, load_problems, only)
    unpublished: list[tuple[Photo, str]] = []
    catalogue, validate_problems, product_folders = validate_catalogue(
        _take_turns(folders, progress), settings.build_date, unpublished
    )
    problems = Problems(load_problems)
    problems.extend(validate_problems)
    errors = len(problems.errors)
    progress.detail(
        messages.DETAIL_CHECKED.format(
            producers=len(catalogue.producers),
            products=len(catalogue.products),
            folders=product_folders,
            errors=errors,
            warnings=len(problems) - errors,
        )
    )

    # photos: decode, clean and resize (cached by content) the photos of valid products
    progress.stage(STAGE_PHOTOS)
    photos, photo_problems = process_catalogue(
        catalogue,
        settings.root,
        settings.photo,
        photo_cache_dir(settings, read_only),
        settings.workers,
        unpublished,
        progress=progress,
    )
    for photo, _ in unpublished:
        photos.pop(photo.source_path, None)  # checked for problems only; never published
    problems.extend(photo_problems)
    if photo_problems:
        failed = {p.path for p in photo_problems if p.is_error}
        catalogue.products = [p for p in catalogue.products if p.source_path not in failed]
    progress.detail(messages.DETAIL_PHOTOS.format(photos=len(photos), problems=len(photo_problems)))
    return CheckResult(catalogue, photos, problems, product_folders)


def _take_turns(folders: Iterator[ProducerFolder], progress: Progress) -> Iterator[ProducerFolder]:
    """Producer folders as loaded, with the time spent reading counted for `muat` and the time
    spent checking each (between two reads) for `periksa`: the two stages take turns."""
    while True:
        progress.stage(STAGE_LOAD)
        folder = next(folders, None)
        progress.stage(STAGE_CHECK)
        if folder is None:
            return
        yield folder


def photo_cache_dir(settings: Settings, read_only: bool = False) -> Path:
    """The photo cache under the project; with `read_only`, a temporary one for this run where
    the checkout cannot be written, so that `validate` works there and writes nothing."""
    cache = settings.cache_dir / "photos"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache):
            pass
        return cache
    except OSError as exc:
        if not read_only or exc.errno not in READ_ONLY_ERRNOS:
            raise
    return _temporary_photo_cache()


@functools.cache
def _temporary_photo_cache() -> Path:
    temporary = Path(tempfile.mkdtemp(prefix="catalogue-gen-foto-"))
    atexit.register(shutil.rmtree, temporary, ignore_errors=True)
    return temporary


def generate(settings: Settings, progress: Progress = SILENT) -> BuildResult:
    """Check everything, then write the generated pages under docs/; raise CatalogueInvalid on any galat."""
    result = check(settings, progress=progress)
    if result.problems.has_errors:
        raise CatalogueInvalid(result.problems)
    if len(result.catalogue.products) != result.folders:
        # Defence in depth: every folder without a galat must have become a product.
        raise CatalogueError(
            messages.BUILD_COUNT_MISMATCH.format(
                pages=len(result.catalogue.products), products=result.folders
            )
        )  # products made vs folders found

    # pages: the catalogue to Markdown with raw, escaped HTML blocks; the pages name their share
    # cards (collages of their first photos), which the photo stage then makes from the
    # renditions, or finds in the photo cache
    progress.stage(STAGE_PAGES)
    share_cards = ShareCards(settings.photo, settings.cache_dir / "photos")
    renderer = PageRenderer(result.catalogue, result.photos, settings.site_url, share_cards)
    pages, files = renderer.render_all()
    progress.detail(messages.DETAIL_SHARE_CARDS.format(count=share_cards.make(settings.workers)))
    # the JSON Schemas, published beside the pages for editors and the form
    schema_dir = Path(__file__).parent / "schema"
    files += [
        StaticFile(f"schema/{p.name}", str(p)) for p in sorted(schema_dir.glob("*.schema.json"))
    ]
    # offline: the offline page, manifest and icons, and a service worker keyed to all of the above
    offline = render_offline(settings, pages, files)
    pages.append(offline.page)
    files += offline.files

    # output: swap the generated folders under docs/ in whole
    manifest = make_manifest(result.catalogue)
    manifest["luring"] = offline.summary()
    texts = [(p.path, p.text) for p in [*pages, *offline.texts]]
    sources = [(f.path, f.source) for f in files]
    progress.items(len(texts) + 1 + len(set(sources)))  # what write_generated writes: + manifest
    changed = write_generated(settings.docs_dir, texts, sources, manifest, progress.advance)
    progress.detail(
        messages.DETAIL_PAGES.format(pages=len(pages), files=len(files), changed=changed)
    )
    return BuildResult(result.catalogue, result.problems, len(pages), manifest)


def build(settings: Settings, progress: Progress = SILENT) -> BuildResult:
    """generate + `mkdocs build` + Pagefind into a staging folder, verified, then swapped into site/.

    When the theme, configuration and hand-written pages are as at the last build, the new
    site starts as a copy of the old one and MkDocs renders only the pages whose Markdown
    changed (`--dirty`); Pagefind always indexes the whole site, so search stays complete.
    """
    with build_lock(settings, progress):
        return _build(settings, progress)


@contextmanager
def build_lock(settings: Settings, progress: Progress = SILENT) -> Iterator[None]:
    """One build of a project at a time: `serve` and `build` side by side must not clear each
    other's staging folders or swap a half-built site in. Waits as long as the other runs."""
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    lock = _file_lock(settings.cache_dir / "build.lock")
    with warnings.catch_warnings():
        # filelock warns where it falls back to a lock file (no flock on this file system); that
        # lock still excludes a second build, and the user should not read about it.
        warnings.simplefilter("ignore")
        if not _try_acquire(lock):
            progress.waiting()
            lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _file_lock(path: Path) -> BaseFileLock:
    """filelock's lock for this system: flock on Linux and macOS, LockFileEx on Windows (not
    msvcrt.locking, which gives up after 10 s), a lock file elsewhere.

    Imported here, not at the top: producers may run `catalogue-gen validate` on Windows (the
    guide's "Untuk yang memakai komputer" does not ask which system), and validate never locks. Where fcntl is missing, filelock warns at import
    that it falls back to a lock file; the fallback is right for us (it breaks the lock of a
    build that was killed), the warning is noise.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from filelock import FileLock

    return FileLock(path)


def _try_acquire(lock: BaseFileLock) -> bool:
    from filelock import Timeout

    try:
        lock.acquire(blocking=False)
    except Timeout:
        return False
    return True


def _build(settings: Settings, progress: Progress) -> BuildResult:
    # A build killed midway leaves staging folders behind; the published site is whole.
    remove_leftovers(settings.site_dir, settings.cache_dir)
    result = generate(settings, progress)
    settings.site_dir.parent.mkdir(parents=True, exist_ok=True)
    stamp = {"stamp": site_stamp(settings)}
    stamp_file = stamp_path(settings)
    previous = _read_stamp(stamp_file) or {}
    pages_digest = generated_digest(settings.docs_dir)
    incremental = {k: previous.get(k) for k in stamp} == stamp and (
        settings.site_dir / MANIFEST_NAME
    ).is_file()
    if incremental and previous.get("pages") == pages_digest:
        # nothing to do: the published site was built from exactly these pages
        verify_site(settings.site_dir, result.catalogue)
        progress.detail(messages.DETAIL_UNCHANGED)
        result.is_unchanged = True
        return result
    staging = Path(
        tempfile.mkdtemp(prefix=f".{settings.site_dir.name}-new-", dir=settings.site_dir.parent)
    )
    try:
        if incremental:
            copy_previous_site(settings.site_dir, staging, settings.docs_dir)

        # mkdocs: the only step that knows about MkDocs; a successor changes this command alone
        progress.stage(STAGE_MKDOCS)
        progress.detail(
            messages.DETAIL_MKDOCS_DIRTY if incremental else messages.DETAIL_MKDOCS_FULL
        )
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": source_date_epoch(settings.root),
            "NO_MKDOCS_2_WARNING": "1",
            # mkdocs.yml reads site_url from here (`!ENV`), so the canonical links, the sitemap
            # and the 404 page name the address the generated pages were made for.
            SITE_URL_ENV: settings.site_url if settings.site_url.strip("/") else "",
        }
        # Not --quiet: it silences the warnings that --strict counts. A dirty build is not
        # strict, since MkDocs warns about dirty builds themselves; it only follows a strict
        # full build of the same hand-written pages (the stamp).
        mode = ["--dirty"] if incremental else ["--strict"]
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            *mode,
            "--config-file",
            str(settings.mkdocs_config),
            "--site-dir",
            str(staging),
        ]
        done = subprocess.run(
            command, cwd=settings.root, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            storage = step_storage_message("MkDocs", done.stderr)
            if storage:
                raise OutputError(storage)
            raise CatalogueError(
                messages.MKDOCS_FAILED.format(code=done.returncode)
                + "\n"
                + _mkdocs_problems(done.stderr)
            )

        # search: Pagefind over the built pages
        progress.stage(STAGE_SEARCH)
        shutil.rmtree(staging / "pagefind", ignore_errors=True)
        indexed = run_pagefind(staging)
        if indexed.returncode != 0:
            storage = step_storage_message("Pagefind", indexed.stdout + indexed.stderr)
            if storage:
                raise OutputError(storage)
            raise CatalogueError(
                messages.PAGEFIND_FAILED.format(code=indexed.returncode)
                + "\n"
                + indexed.stderr[-4000:]
            )
        progress.detail(messages.DETAIL_SEARCH.format(pages=indexed_pages(staging)))

        # verify: one page per valid product folder, and nothing else under produk/
        verify_site(staging, result.catalogue)

        stamp_file.unlink(missing_ok=True)
        swap_site(staging, settings.site_dir)
        _write_stamp(stamp_file, {**stamp, "pages": pages_digest})
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


_CONTENT_ADDRESSED = re.compile(f"^{CONTENT_ADDRESSED_NAME}$")


def copy_previous_site(site: Path, staging: Path, docs: Path) -> None:
    """Seed a dirty build: the old site, minus pages whose Markdown is gone, minus the search index.

    HTML is copied (MkDocs rewrites files in place, which must not touch the live site);
    content-addressed photos are hard-linked, since a changed photo gets a new name.
    """
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if rel.parts[0] == "pagefind" or not path.is_file():
            continue
        if rel.parts[0] in GENERATED_ROOTS and not _has_source(rel, docs):
            continue
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if _CONTENT_ADDRESSED.match(rel.name):
            os.link(path, target)
        else:
            shutil.copy2(path, target)


def _has_source(rel: Path, docs: Path) -> bool:
    if rel.name == "index.html":
        folder = docs / rel.parent
        return (folder / "index.md").is_file() or folder.with_suffix(".md").is_file()
    return (docs / rel).is_file()


def site_stamp(settings: Settings) -> str:
    """A digest of everything besides the generated pages that shapes every HTML page."""
    from importlib.metadata import version

    digest = hashlib.sha256(source_date_epoch(settings.root).encode())
    for name in ("mkdocs", "mkdocs-material", "pagefind-bin", "catalogue-gen"):
        digest.update(f"{name}={version(name)}\n".encode())
    sources = [settings.mkdocs_config, *sorted((settings.root / "overrides").rglob("*"))]
    skipped = set(GENERATED_ROOTS)
    for top in sorted(settings.docs_dir.iterdir()):
        if top.name not in skipped and not top.name.startswith("."):
            sources += [top, *sorted(top.rglob("*"))] if top.is_dir() else [top]
    for path in sources:
        if path.is_file():
            digest.update(
                path.relative_to(settings.root).as_posix().encode() + b"\0" + path.read_bytes()
            )
    return digest.hexdigest()


def generated_digest(docs: Path) -> str:
    """Names, sizes and modification times of the generated files: what the last build read."""
    digest = hashlib.sha256()
    for name in GENERATED_ROOTS:
        root = docs / name
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if not path.is_file():
                continue  # folders are new in every generate; only files carry content
            info = path.stat()
            digest.update(
                f"{path.relative_to(docs).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


def stamp_path(settings: Settings) -> Path:
    """Where the stamp of the last build into `settings.site_dir` is kept: one per site folder,
    so that `serve` (its own folder) and `build` taking turns both stay incremental."""
    name = hashlib.sha256(str(settings.site_dir).encode()).hexdigest()[:16]
    return settings.cache_dir / "site-stamp" / f"{name}.json"


def _read_stamp(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return {str(key): str(value) for key, value in data.items()}


def _write_stamp(path: Path, stamp: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stamp), encoding="utf-8")


def _mkdocs_problems(log: str) -> str:
    """MkDocs' warnings and errors from its log, without the INFO chatter."""
    lines = [
        line
        for line in log.splitlines()
        if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))
    ]
    return "\n".join(lines[-40:]) or log[-4000:]


def verify_site(site: Path, catalogue: Catalogue) -> None:
    """Refuse to publish when the product pages on disk differ from the valid products."""
    expected = {f"produk/{p.key}/index.html" for p in catalogue.products}
    found = {path.relative_to(site).as_posix() for path in (site / "produk").glob("*/*/index.html")}
    manifest_ok = (site / MANIFEST_NAME).is_file()
    if found != expected or not manifest_ok:
        raise CatalogueError(
            messages.BUILD_COUNT_MISMATCH.format(pages=len(found), products=len(expected))
        )


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
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return done.stdout.strip()
    except OSError:
        pass
    return "0"

"""Stage 5: pages and photo files -> the generated folders under docs/, swapped in whole.

The one place that writes the generated tree. It refuses two files for one destination and
any destination outside the generated folders (Pelican's `_open_w` and `_has_valid_save_as`),
writes everything into a staging folder first, and swaps it in only when complete, so a
failure (a full disk) leaves the previous pages as they were.
"""

from __future__ import annotations

import errno
import json
import os
import posixpath
import shutil
import tempfile
from pathlib import Path
from typing import Any

from catalogue_gen import messages
from catalogue_gen.problems import OutputError

# What `generate` owns under docs/; everything else there is hand-written and never touched.
GENERATED_ROOTS = ("index.md", "produk", "produsen", "kategori", "kabupaten", "sertifikasi", "cari", "schema", "katalog.json",
                   # the offline part (offline.py): service worker, web app manifest, icons, offline page
                   "sw.js", "manifest.webmanifest", "ikon", "luring")
MANIFEST_NAME = "katalog.json"


def check_destination(path: str) -> str:
    """A generated path, normalised; refuses anything that would land outside the generated roots."""
    normal = posixpath.normpath(path)
    if normal.startswith(("/", "..")) or "\\" in path or normal.split("/", 1)[0] not in GENERATED_ROOTS:
        raise OutputError(messages.WRITE_FAILED.format(path=path, reason=messages.OUTSIDE_GENERATED))
    return normal


def write_generated(docs_dir: Path, pages: list[tuple[str, str]], files: list[tuple[str, str]], manifest: dict[str, Any]) -> int:
    """Write pages (path, text) and files (path, source) under docs_dir atomically.

    Returns how many files differ from what was there (added, changed or removed). A file
    whose content is unchanged keeps its inode and modification time, so `mkdocs build
    --dirty` can tell which pages to render again.
    """
    destinations: dict[str, str] = {}
    # Two pages for one address (a producer called "2" and page 2 of the producer list)
    # would silently hide one of them; the same photo file named twice is harmless.
    for path, origin in [(p, f"page:{i}") for i, (p, _) in enumerate(pages)] + [(p, s) for p, s in files] + [(MANIFEST_NAME, "manifest")]:
        normal = check_destination(path)
        if normal in destinations and destinations[normal] != origin:
            raise OutputError(messages.WRITE_FAILED.format(path=path, reason=messages.TWO_FOR_ONE))
        destinations[normal] = origin

    docs_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*docs_dir.glob(".generated-*"), *docs_dir.glob(".retired-*")]:
        shutil.rmtree(stale, ignore_errors=True)  # left by a run that was killed
    staging = Path(tempfile.mkdtemp(prefix=".generated-", dir=docs_dir))
    changed = 0
    try:
        manifest_text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        for path, text in sorted(pages) + [(MANIFEST_NAME, manifest_text)]:
            data = text.encode("utf-8")
            if not _reuse(docs_dir / path, staging / path, data):
                (staging / path).write_bytes(data)
                changed += 1
        for path, source in sorted(set(files)):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (docs_dir / path).is_file():
                changed += 1
            _link_or_copy(Path(source), target)
        changed += sum(1 for old in _generated_files(docs_dir) if not (staging / old).exists())
        _swap_in(docs_dir, staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno == errno.ENOSPC:
            raise OutputError(messages.DISK_FULL.format(path=docs_dir)) from exc
        raise OutputError(messages.WRITE_FAILED.format(path=exc.filename or docs_dir, reason=exc.strerror or exc)) from exc
    return changed


def _reuse(current: Path, target: Path, data: bytes) -> bool:
    """Link the existing file into the staging tree when its bytes are already right."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if current.stat().st_size == len(data) and current.read_bytes() == data:
            os.link(current, target)
            return True
    except OSError:
        pass
    return False


def _generated_files(docs_dir: Path) -> list[str]:
    found = []
    for name in GENERATED_ROOTS:
        root = docs_dir / name
        if root.is_file():
            found.append(name)
        elif root.is_dir():
            found.extend(p.relative_to(docs_dir).as_posix() for p in root.rglob("*") if p.is_file())
    return found


def _link_or_copy(source: Path, target: Path) -> None:
    # A hard link costs nothing; the photo cache verifies checksums, so a later edit is caught.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _swap_in(docs_dir: Path, staging: Path) -> None:
    """Replace each generated root by its staged version; on a failure, put the old ones back."""
    retired = Path(tempfile.mkdtemp(prefix=".retired-", dir=docs_dir))
    moved: list[str] = []
    try:
        for name in GENERATED_ROOTS:
            current = docs_dir / name
            if current.exists() or current.is_symlink():
                os.replace(current, retired / name)
            moved.append(name)
            if (staging / name).exists():
                os.replace(staging / name, current)
    except OSError:
        for name in moved:  # roll back: the previous pages stay as they were
            current = docs_dir / name
            if (retired / name).exists():
                if current.is_dir():
                    shutil.rmtree(current)
                elif current.exists():
                    current.unlink()
                os.replace(retired / name, current)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def swap_site(new_site: Path, site_dir: Path) -> None:
    """Put a completely built site in place of the old one with two renames."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new_site, site_dir)
    shutil.rmtree(old, ignore_errors=True)

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
GENERATED_ROOTS = ("index.md", "produk", "produsen", "kategori", "kabupaten", "sertifikasi", "katalog.json")
MANIFEST_NAME = "katalog.json"


def check_destination(path: str) -> str:
    """A generated path, normalised; refuses anything that would land outside the generated roots."""
    normal = posixpath.normpath(path)
    if normal.startswith(("/", "..")) or "\\" in path or normal.split("/", 1)[0] not in GENERATED_ROOTS:
        raise OutputError(messages.WRITE_FAILED.format(path=path, reason="tujuan di luar folder hasil"))
    return normal


def write_generated(docs_dir: Path, pages: list[tuple[str, str]], files: list[tuple[str, str]], manifest: dict[str, Any]) -> int:
    """Write pages (path, text) and files (path, source) under docs_dir atomically; return files written."""
    destinations: dict[str, str] = {}
    for path, origin in [(p, "page") for p, _ in pages] + [(p, s) for p, s in files] + [(MANIFEST_NAME, "manifest")]:
        normal = check_destination(path)
        if normal in destinations and destinations[normal] != origin:
            raise OutputError(messages.WRITE_FAILED.format(path=path, reason="dua berkas untuk satu tujuan"))
        destinations[normal] = origin

    docs_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*docs_dir.glob(".generated-*"), *docs_dir.glob(".retired-*")]:
        shutil.rmtree(stale, ignore_errors=True)  # left by a run that was killed
    staging = Path(tempfile.mkdtemp(prefix=".generated-", dir=docs_dir))
    try:
        for path, text in sorted(pages):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for path, source in sorted(set(files)):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(Path(source), target)
        (staging / MANIFEST_NAME).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        _swap_in(docs_dir, staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno == errno.ENOSPC:
            raise OutputError(messages.DISK_FULL.format(path=docs_dir)) from exc
        raise OutputError(messages.WRITE_FAILED.format(path=exc.filename or docs_dir, reason=exc.strerror or exc)) from exc
    return len(pages) + len(files) + 1


def _link_or_copy(source: Path, target: Path) -> None:
    # A hard link costs nothing; the photo cache verifies checksums, so a later edit is caught.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _swap_in(docs_dir: Path, staging: Path) -> None:
    """Replace each generated root by its staged version; the old ones go only after all moved."""
    retired = Path(tempfile.mkdtemp(prefix=".retired-", dir=docs_dir))
    try:
        for name in GENERATED_ROOTS:
            current = docs_dir / name
            if current.exists() or current.is_symlink():
                os.replace(current, retired / name)
            if (staging / name).exists():
                os.replace(staging / name, current)
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


def clean_generated(docs_dir: Path) -> None:
    """Remove every generated root (for `catalogue-gen clean` and tests)."""
    for name in GENERATED_ROOTS:
        target = docs_dir / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()

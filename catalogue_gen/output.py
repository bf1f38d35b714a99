"""Stage 5: pages and photo files -> the generated folders under docs/, swapped in whole.

The one place that writes the generated tree. It refuses two files for one destination and
any destination outside the generated folders (Pelican's `_open_w` and `_has_valid_save_as`),
writes everything into a staging folder first, and swaps it in only when complete, so a
failure (a full disk) leaves the previous pages as they were.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import json
import os
import posixpath
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalogue_gen import addresses, messages
from catalogue_gen.problems import DISK_FULL_ERRNOS, READ_ONLY_ERRNOS, OutputError

# What `generate` owns under docs/; everything else there is hand-written and never touched.
# Listed in addresses.py, where the loader also reads it to keep folder names clear of it.
GENERATED_ROOTS = addresses.GENERATED_ROOTS
MANIFEST_NAME = "katalog.json"


def check_destination(path: str) -> str:
    """A generated path, normalised; refuses anything that would land outside the generated roots."""
    normal = posixpath.normpath(path)
    if (
        normal.startswith(("/", ".."))
        or "\\" in path
        or normal.split("/", 1)[0] not in GENERATED_ROOTS
    ):
        raise OutputError(
            messages.WRITE_FAILED.format(path=path, reason=messages.OUTSIDE_GENERATED)
        )
    return normal


def write_generated(
    docs_dir: Path,
    pages: list[tuple[str, str]],
    files: list[tuple[str, str]],
    manifest: dict[str, Any],
    advance: Callable[[int], None] | None = None,
) -> int:
    """Write pages (path, text) and files (path, source) under docs_dir atomically.

    Returns how many files differ from what was there (added, changed or removed). A file
    whose content is unchanged keeps its inode and modification time, so `mkdocs build
    --dirty` can tell which pages to render again. `advance(n)` is told of every n pages and
    files written, for a progress bar.
    """
    step = advance or _ignore
    destinations: dict[str, str] = {}
    # Two pages for one address (a producer called "2" and page 2 of the producer list)
    # would silently hide one of them; the same photo file named twice is harmless.
    for path, origin in (
        [(p, f"page:{i}") for i, (p, _) in enumerate(pages)]
        + [(p, s) for p, s in files]
        + [(MANIFEST_NAME, "manifest")]
    ):
        normal = check_destination(path)
        if normal in destinations and destinations[normal] != origin:
            raise OutputError(messages.WRITE_FAILED.format(path=path, reason=messages.TWO_FOR_ONE))
        destinations[normal] = origin

    docs_dir.mkdir(parents=True, exist_ok=True)
    for pattern in DOCS_LEFTOVER_PATTERNS:  # left by a run that was killed (we hold the build lock)
        for stale in docs_dir.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".generated-", dir=docs_dir))
    changed = 0
    try:
        manifest_text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        for path, text in sorted(pages) + [(MANIFEST_NAME, manifest_text)]:
            data = text.encode("utf-8")
            if not _reuse(docs_dir / path, staging / path, data):
                (staging / path).write_bytes(data)
                changed += 1
            step(1)
        for path, source in sorted(set(files)):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (docs_dir / path).is_file():
                changed += 1
            _link_or_copy(Path(source), target)
            step(1)
        changed += sum(1 for old in _generated_files(docs_dir) if not (staging / old).exists())
        _swap_in(docs_dir, staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno in DISK_FULL_ERRNOS:
            raise OutputError(messages.DISK_FULL.format(path=docs_dir)) from exc
        if exc.errno in READ_ONLY_ERRNOS:
            raise OutputError(messages.READ_ONLY.format(path=docs_dir)) from exc
        raise OutputError(
            messages.WRITE_FAILED.format(path=exc.filename or docs_dir, reason=exc.strerror or exc)
        ) from exc
    return changed


def _ignore(count: int) -> None:
    pass


# What MkDocs' and Pagefind's own error output says for the same two failures.
_DISK_FULL_TEXT = ("No space left on device", "Disk quota exceeded", f"[Errno {errno.ENOSPC}]")
_READ_ONLY_TEXT = ("Read-only file system", "Permission denied", f"[Errno {errno.EROFS}]")


def storage_message(exc: OSError) -> str | None:
    """One Indonesian line for a full disk or a place that cannot be written; None otherwise."""
    # write() reports a full disk without a file name; open() and mkdir() name theirs
    if exc.errno in DISK_FULL_ERRNOS:
        return (
            messages.DISK_FULL.format(path=exc.filename)
            if exc.filename
            else messages.DISK_FULL_SOMEWHERE
        )
    if exc.errno == errno.EROFS:
        return messages.READ_ONLY.format(path=exc.filename or messages.PROJECT_FOLDER)
    if exc.errno in READ_ONLY_ERRNOS:  # EACCES, EPERM: reading or writing, we cannot tell
        return messages.NO_PERMISSION.format(path=exc.filename or messages.PROJECT_FOLDER)
    return None


def step_storage_message(step: str, output: str) -> str | None:
    """The same line for a build step (MkDocs, Pagefind) whose output shows it hit a full disk or
    a read-only place: the shopper-facing cause instead of its 40-line traceback."""
    if any(text in output for text in _DISK_FULL_TEXT):
        return messages.STEP_DISK_FULL.format(step=step)
    if any(text in output for text in _READ_ONLY_TEXT):
        return messages.STEP_READ_ONLY.format(step=step)
    return None


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
    """Put a completely built site in place of the old one in one atomic step.

    Where the kernel can exchange two directories (Linux renameat2 RENAME_EXCHANGE), `site_dir`
    is never missing, not even for an instant: a web server or a kill sees the old site or the
    new one. Elsewhere two renames are used; a kill between them leaves the old site in
    `.site-old`, which `recover_site` puts back on the next start.
    """
    if site_dir.is_dir() and not site_dir.is_symlink() and exchange_paths(new_site, site_dir):
        shutil.rmtree(new_site, ignore_errors=True)  # now the old site
        return
    old = retired_site(site_dir)
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists() or site_dir.is_symlink():
        os.replace(site_dir, old)
    os.replace(new_site, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def retired_site(site_dir: Path) -> Path:
    """Where the two-rename fallback of `swap_site` keeps the old site for a moment."""
    return site_dir.with_name(f".{site_dir.name}-old")


def recover_site(site_dir: Path) -> None:
    """After a kill inside the two-rename swap: the old site back in place, or the copy gone."""
    old = retired_site(site_dir)
    if not old.is_dir():
        return
    if site_dir.exists() or site_dir.is_symlink():
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(old, site_dir)


# Leftovers of a killed run: staging folders of the site and of the generated pages (only
# builds and `generate` make those, under the build lock; write_generated clears the pages'
# own), and of the photo cache and icons, which `validate` also writes without the lock:
# those are removed once they are old enough that no running process can still be filling them.
DOCS_LEFTOVER_PATTERNS = (".generated-*", ".retired-*")
CACHE_LEFTOVER_PATTERNS = ("photos/*/.tmp-*", "ikon/.ikon-*")
CACHE_LEFTOVER_AGE_S = 3600


def remove_leftovers(site_dir: Path, cache_dir: Path) -> list[Path]:
    """Delete what a killed build left behind (call it under the build lock); returns what was
    removed."""
    recover_site(site_dir)
    found = list(site_dir.parent.glob(f".{site_dir.name}-new-*"))
    now = time.time()
    for pattern in CACHE_LEFTOVER_PATTERNS:
        found.extend(p for p in cache_dir.glob(pattern) if now - _mtime(p) > CACHE_LEFTOVER_AGE_S)
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return found


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except FileNotFoundError:  # a validate beside the build just renamed its staging folder
        return time.time()


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange_paths(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically (renameat2 RENAME_EXCHANGE); False where the system or
    the file system cannot, so the caller falls back to renames."""
    renameat2 = _libc_renameat2()
    if renameat2 is None:
        return False
    if (
        renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
        == 0
    ):
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False  # not supported here (old kernel, some network and FUSE file systems)
    raise OSError(error, os.strerror(error), str(second))


@functools.cache
def _libc_renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28+, musl 1.2.2+
    except (OSError, AttributeError):
        return None
    function.argtypes = (
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    )
    function.restype = ctypes.c_int
    return function

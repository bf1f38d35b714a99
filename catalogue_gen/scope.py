"""Scope check of a pull request: git refs -> the files it changes -> Problems.

A producer's pull request may only add, change or remove product files and photos inside
products/. Everything else (templates, workflows, mkdocs.yml, code) is reported as needing a
maintainer's review; symlinks, submodules, files that are neither product YAML nor photos,
and photos over the size limit are refused. The checks read git's view of the change (modes
and blob sizes), never the work tree, so what is checked is exactly what would be merged.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from catalogue_gen import messages
from catalogue_gen.load import PHOTO_EXTENSIONS, PRODUCER_FILE, PRODUCT_FILE
from catalogue_gen.problems import CatalogueError, Level, Problem, Problems, problem

PRODUCTS_PREFIX = "products/"
# 10 MiB: a phone photo is 2-6 MB, and the site resizes every photo to at most 1200 px anyway.
# A bigger file is a video renamed, a scan at print resolution, or a way to bloat the repo
# (git keeps every version forever). GitHub's web upload itself stops at 25 MB.
MAX_PHOTO_BYTES = 10 * 1024 * 1024
# git's file modes (`git diff --raw`): a symlink would make GitHub's Pages upload copy its
# target into the site (shared/spec/product-files.md), a submodule pulls in another repository.
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
DATA_FILES = (PRODUCER_FILE, PRODUCT_FILE)
DELETED = "D"


@dataclass(frozen=True)
class Change:
    """One file a pull request adds, modifies or deletes (`git diff --raw`, renames split)."""

    status: str
    """git's letter: A added, M modified, D deleted, T type changed (file <-> symlink)."""
    path: str
    """Path relative to the repository root, `/` separators."""
    mode: str
    """git mode after the change (`100644`, `100755`, `120000` symlink, `160000` submodule); `000000` when deleted."""
    blob: str
    """Object id after the change, for the size; zeros when deleted."""
    size: int = 0
    """Bytes of the file after the change (0 when deleted or a submodule)."""

    @property
    def is_deleted(self) -> bool:
        """True when the pull request removes the file."""
        return self.status == DELETED

    @property
    def producer(self) -> str:
        """The producer folder the file is in (`products/<producer>/...`), or ""."""
        parts = self.path.split("/")
        return parts[1] if self.path.startswith(PRODUCTS_PREFIX) and len(parts) > 2 else ""


def iter_changes(root: Path, base: str, head: str = "HEAD") -> Iterator[Change]:
    """Files changed between the merge base of `base` and `head`, and `head`, in path order.

    Renames are split into a deletion and an addition so that both paths are checked.
    Raises CatalogueError when git fails (an unknown ref, no repository).
    """
    raw = _git(root, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", f"{base}...{head}")
    changes = list(_parse_raw(raw))
    sizes = _blob_sizes(root, [c.blob for c in changes if not c.is_deleted and c.mode != SUBMODULE_MODE])
    for change in sorted(changes, key=lambda c: c.path):
        yield Change(change.status, change.path, change.mode, change.blob, sizes.get(change.blob, 0))


def _parse_raw(raw: bytes) -> Iterator[Change]:
    # -z raw format: ":<old mode> <new mode> <old id> <new id> <status>\0<path>\0" per file.
    fields = raw.split(b"\0")
    index = 0
    while index + 1 < len(fields) and fields[index].startswith(b":"):
        _, new_mode, _, new_blob, status = fields[index][1:].decode("ascii").split(" ")
        path = fields[index + 1].decode("utf-8", errors="surrogateescape")
        yield Change(status[0], path, new_mode, new_blob)
        index += 2


def _blob_sizes(root: Path, blobs: list[str]) -> dict[str, int]:
    if not blobs:
        return {}
    done = _git(root, "cat-file", "--batch-check=%(objectname) %(objectsize)", stdin="\n".join(blobs) + "\n")
    sizes: dict[str, int] = {}
    for line in done.decode("ascii", errors="replace").splitlines():
        parts = line.split(" ")
        if len(parts) == 2 and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    return sizes


def _git(root: Path, *args: str, stdin: str | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, check=False,
            input=stdin.encode("ascii") if stdin is not None else None,
        )
    except OSError as exc:
        raise CatalogueError(messages.SCOPE_GIT_FAILED.format(detail=exc)) from exc
    if done.returncode != 0:
        # git's first line says what went wrong ("fatal: ambiguous argument"); usage text follows.
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise CatalogueError(messages.SCOPE_GIT_FAILED.format(detail=detail[0] if detail else done.returncode))
    return done.stdout


def check_changes(changes: Iterable[Change]) -> Problems:
    """Problems of the changed files: what a producer may not add, and what needs a maintainer."""
    problems = Problems()
    producers: set[str] = set()
    for change in changes:
        problems.extend(check_change(change))
        if change.producer:
            producers.add(change.producer)
    if len(producers) > 1:
        # One PR per producer keeps review simple; several may be a maintainer's batch, so only warn.
        names = ", ".join(sorted(producers))
        problems.add(_problem(PRODUCTS_PREFIX.rstrip("/"), Level.WARNING, "SCOPE_MANY_PRODUCERS", count=len(producers), names=names))
    return problems


def check_change(change: Change) -> list[Problem]:
    """Problems of one changed file (none when a producer may make this change)."""
    if change.mode == SYMLINK_MODE:
        return [_problem(change.path, Level.ERROR, "SYMLINK_REFUSED")]
    if change.mode == SUBMODULE_MODE:
        return [_problem(change.path, Level.ERROR, "SCOPE_SUBMODULE")]
    if not change.path.startswith(PRODUCTS_PREFIX):
        template = "SCOPE_REVIEW_DELETED" if change.is_deleted else "SCOPE_REVIEW"
        return [_problem(change.path, Level.ERROR, template)]
    if change.is_deleted:
        return []
    name = change.path.rsplit("/", 1)[-1]
    if name == PRODUCER_FILE and change.status != "A":
        # Changing an existing producer's WhatsApp number would redirect its shoppers:
        # the maintainer confirms with the producer through the old contact first.
        return [_problem(change.path, Level.WARNING, "SCOPE_PRODUCER_CHANGED")]
    if name in DATA_FILES:
        return []
    if not name.lower().endswith(PHOTO_EXTENSIONS):
        return [_problem(change.path, Level.ERROR, "SCOPE_NOT_PHOTO", file_name=name)]
    if change.size > MAX_PHOTO_BYTES:
        return [_problem(change.path, Level.ERROR, "SCOPE_PHOTO_TOO_LARGE", file_name=name,
                         size_mib=f"{change.size / 1024 / 1024:.1f}", limit_mib=MAX_PHOTO_BYTES // 1024 // 1024)]
    return []


def check_pr(root: Path, base: str, head: str = "HEAD") -> tuple[list[Change], Problems]:
    """The changes of a pull request and their Problems (for `catalogue-gen check-pr`)."""
    changes = list(iter_changes(root, base, head))
    return changes, check_changes(changes)


def _problem(path: str, level: Level, template: str, **values: object) -> Problem:
    return problem(path, 0, 0, level, "", template, **values)

"""Scope check of a pull request: git refs -> the files it changes -> Problems.

A producer's pull request may only add, change or remove product files and photos inside
products/, and only in folders whose `akun_github` (read from the base branch) names the
pull request's author; a new producer folder is allowed when its produsen.yml names the
author. Everything else (templates, workflows, mkdocs.yml, code) is reported as needing a
maintainer's review; symlinks, submodules, names with control characters, files that are
neither product YAML nor photos, and files over the size limits are refused. The checks read
git's view of the change (modes and blob sizes), never the work tree, so what is checked is
exactly what would be merged.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from catalogue_gen import messages, owners
from catalogue_gen.load import (
    MAX_FILE_BYTES,
    MAX_PHOTO_BYTES,
    PHOTO_EXTENSIONS,
    PRODUCER_FILE,
    PRODUCT_FILE,
)
from catalogue_gen.problems import (
    CONTROL_CHARACTERS,
    CatalogueError,
    Level,
    Problem,
    Problems,
    problem,
)

PRODUCTS_PREFIX = "products/"
# The validator's own limit for produk.yml and produsen.yml (256 KiB): checked here as well, from
# git's blob size, so a 20 MB "produk.yml" is refused before anything reads it.
MAX_YAML_BYTES = MAX_FILE_BYTES
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
    if base.startswith("-") or head.startswith("-"):
        # git would read such a "ref" as an option
        raise CatalogueError(messages.SCOPE_GIT_FAILED.format(detail=f"{base}...{head}"))
    # --no-abbrev: --raw prints abbreviated object ids otherwise (--full-index changes only the
    # patch format), and cat-file answers full ones, so no size would ever be found.
    raw = _git(
        root,
        "diff",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        f"{base}...{head}",
    )
    changes = list(_parse_raw(raw))
    sizes = _blob_sizes(
        root, [c.blob for c in changes if not c.is_deleted and c.mode != SUBMODULE_MODE]
    )
    for change in sorted(changes, key=lambda c: c.path):
        yield Change(
            change.status, change.path, change.mode, change.blob, sizes.get(change.blob, 0)
        )


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
    done = _git(
        root, "cat-file", "--batch-check=%(objectname) %(objectsize)", stdin="\n".join(blobs) + "\n"
    )
    sizes: dict[str, int] = {}
    for line in done.decode("ascii", errors="replace").splitlines():
        parts = line.split(" ")
        if len(parts) == 2 and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    return sizes


def _read_blob(root: Path, rev: str, path: str) -> bytes | None:
    """The bytes of `path` at commit `rev`, or None when it has no such file."""
    done = _run_git(root, "cat-file", "blob", f"{rev}:{path}")
    return done.stdout if done.returncode == 0 else None


def _producers_at(root: Path, rev: str) -> set[str]:
    """The producer folders that exist at commit `rev`."""
    listing = _git(root, "ls-tree", "-z", rev, "--", PRODUCTS_PREFIX)
    # "<mode> <type> <id>\t<path>\0" per entry; only folders (trees) are producers.
    entries = [entry.split(b"\t", 1) for entry in listing.split(b"\0") if b"\t" in entry]
    return {
        path.decode("utf-8", errors="surrogateescape").split("/", 1)[1]
        for meta, path in entries
        if meta.split(b" ")[1] == b"tree"
    }


def _run_git(
    root: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            check=False,
            input=stdin.encode("ascii") if stdin is not None else None,
        )
    except OSError as exc:
        raise CatalogueError(messages.SCOPE_GIT_FAILED.format(detail=exc)) from exc


def _git(root: Path, *args: str, stdin: str | None = None) -> bytes:
    done = _run_git(root, *args, stdin=stdin)
    if done.returncode != 0:
        # git's first line says what went wrong ("fatal: ambiguous argument"); usage text follows.
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise CatalogueError(
            messages.SCOPE_GIT_FAILED.format(detail=detail[0] if detail else done.returncode)
        )
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
        problems.add(
            _problem(
                PRODUCTS_PREFIX.rstrip("/"),
                Level.WARNING,
                "SCOPE_MANY_PRODUCERS",
                count=len(producers),
                names=names,
            )
        )
    return problems


def check_change(change: Change) -> list[Problem]:
    """Problems of one changed file (none when a producer may make this change)."""
    control = CONTROL_CHARACTERS.search(change.path)
    if control:
        return [
            _problem(
                change.path,
                Level.ERROR,
                "SCOPE_PATH_CONTROL",
                codepoint=f"{ord(control.group()):04X}",
            )
        ]
    if any("\udc80" <= char <= "\udcff" for char in change.path):
        # bytes that are not UTF-8 (decoded with surrogateescape): no editor or page shows
        # them as written, and the reports would print them raw
        return [
            _problem(
                change.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                Level.ERROR,
                "SCOPE_PATH_NOT_UTF8",
            )
        ]
    if change.mode == SYMLINK_MODE:
        return [_problem(change.path, Level.ERROR, "SYMLINK_REFUSED")]
    if change.mode == SUBMODULE_MODE:
        return [_problem(change.path, Level.ERROR, "SCOPE_SUBMODULE")]
    if change.path == owners.CODEOWNERS_FILE and not change.is_deleted:
        # Generated from akun_github (see owners.py): a new producer adds its line, and the
        # workflow's `codeowners --check` refuses any content the command would not write.
        return []
    if not change.path.startswith(PRODUCTS_PREFIX):
        template = "SCOPE_REVIEW_DELETED" if change.is_deleted else "SCOPE_REVIEW"
        return [_problem(change.path, Level.ERROR, template)]
    if not change.producer:
        # products/iklan.jpg belongs to no producer folder, so no owner could be checked
        template = "SCOPE_REVIEW_DELETED" if change.is_deleted else "SCOPE_OUTSIDE_PRODUCER"
        return [_problem(change.path, Level.ERROR, template)]
    if change.is_deleted:
        return []
    name = change.path.rsplit("/", 1)[-1]
    if name in DATA_FILES and change.size > MAX_YAML_BYTES:
        return [
            _problem(
                change.path,
                Level.ERROR,
                "FILE_TOO_LARGE",
                size_kib=change.size // 1024,
                limit_kib=MAX_YAML_BYTES // 1024,
            )
        ]
    if name == PRODUCER_FILE and change.status != "A":
        # Changing an existing producer's WhatsApp number would redirect its shoppers:
        # the maintainer confirms with the producer through the old contact first.
        return [_problem(change.path, Level.WARNING, "SCOPE_PRODUCER_CHANGED")]
    if name in DATA_FILES:
        return []
    if not name.lower().endswith(PHOTO_EXTENSIONS):
        return [_problem(change.path, Level.ERROR, "SCOPE_NOT_PHOTO", file_name=name)]
    if change.size > MAX_PHOTO_BYTES:
        return [
            _problem(
                change.path,
                Level.ERROR,
                "SCOPE_PHOTO_TOO_LARGE",
                file_name=name,
                size_mib=f"{change.size / 1024 / 1024:.1f}",
                limit_mib=MAX_PHOTO_BYTES // 1024 // 1024,
            )
        ]
    return []


def check_ownership(
    root: Path, base: str, head: str, changes: list[Change], author: str, is_approved: bool = False
) -> list[Problem]:
    """Problems of changes in producer folders the author may not change.

    Who may change a folder is read from the base branch (`base`), never from the pull
    request, which could otherwise add its author; only a new folder's own produsen.yml
    counts, at `head`. Maintainers may change anything. With `is_approved` (a maintainer set
    the approval label) a refusal becomes a warning, so the reviewer still sees it.
    """
    maintainers, _ = owners.parse_maintainers(
        (_read_blob(root, base, owners.MAINTAINERS_FILE) or b"").decode("utf-8", "replace")
    )
    if owners.is_listed(author, maintainers):
        return []
    existing = _producers_at(root, base)
    touched: dict[str, list[Change]] = {}
    for change in changes:
        # A name with control characters is refused already, and must not reach `git cat-file`.
        if change.producer and not CONTROL_CHARACTERS.search(change.path):
            touched.setdefault(change.producer, []).append(change)
    problems = []
    for slug, folder_changes in sorted(touched.items()):
        producer_file = f"{PRODUCTS_PREFIX}{slug}/{PRODUCER_FILE}"
        is_new = slug not in existing
        accounts = owners.read_accounts(_read_blob(root, head if is_new else base, producer_file))
        if owners.is_listed(author, accounts):
            continue
        names = ", ".join(f"@{a}" for a in accounts) or messages.OWNER_NOBODY_NAME
        if is_approved:
            template = "OWNER_APPROVED"
        elif is_new:
            template = "OWNER_NEW_NOT_LISTED"
        elif not accounts:
            template = "OWNER_NOBODY"
        elif any(c.path == producer_file and c.is_deleted for c in folder_changes):
            template = "OWNER_FOLDER_DELETED"
        else:
            template = "OWNER_REFUSED"
        path = producer_file if is_new else f"{PRODUCTS_PREFIX}{slug}"
        problems.append(
            _problem(
                path,
                Level.WARNING if is_approved else Level.ERROR,
                template,
                producer=slug,
                owners=names,
                author=author,
                count=len(folder_changes),
            )
        )
    return problems


def check_pr(
    root: Path, base: str, author: str, head: str = "HEAD", is_approved: bool = False
) -> tuple[list[Change], Problems]:
    """The changes of a pull request by `author` and their Problems (for `catalogue-gen check-pr`)."""
    changes = list(iter_changes(root, base, head))
    problems = check_changes(changes)
    problems.extend(check_ownership(root, base, head, changes, author, is_approved))
    return changes, problems


def _problem(path: str, level: Level, template: str, **values: object) -> Problem:
    return problem(path, 0, 0, level, "", template, **values)

"""The site is never missing, leftovers of a kill are cleaned, and a read-only place or a full
disk is said in one Indonesian line, never a traceback (issue 10, items 14-15)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from catalogue_gen import output, pipeline
from catalogue_gen.problems import OutputError

from .golden_catalogue import materialise

OLD_LEFTOVER_S = output.CACHE_LEFTOVER_AGE_S + 60


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catalogue_gen", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def one_line_error(done: subprocess.CompletedProcess[str], words: str) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("galat: ") and words in lines[0], done.stderr
    assert "Traceback" not in done.stderr + done.stdout and "internal" not in done.stderr


@contextmanager
def mounted(target: Path, *options: str) -> Iterator[Path]:
    """A real mount (tmpfs of a given size, or a read-only bind) for the length of a test."""
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", *options, str(target)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount here ({done.stderr.strip()}); the fault is covered by the injected tests"
        )
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def site_with(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


# Item 14: the swap ------------------------------------------------------------------------------


def test_swap_exchanges_the_site_in_one_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = site_with(tmp_path / "site", "lama")
    new = site_with(tmp_path / ".site-new-1", "baru")
    probe_a, probe_b = site_with(tmp_path / "a", "a"), site_with(tmp_path / "b", "b")
    if not output.exchange_paths(probe_a, probe_b):
        pytest.skip(
            "no RENAME_EXCHANGE on this system or file system; the fallback is tested below"
        )
    shutil.rmtree(probe_a)
    shutil.rmtree(probe_b)

    def no_rename(*args: object) -> None:
        raise AssertionError("a rename leaves a moment without site/")

    monkeypatch.setattr(output.os, "replace", no_rename)
    output.swap_site(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_first_swap_without_an_old_site_is_a_rename(tmp_path: Path) -> None:
    new = site_with(tmp_path / ".site-new-1", "baru")
    output.swap_site(new, tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_kill_inside_the_fallback_swap_is_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = site_with(tmp_path / "site", "lama")
    new = site_with(tmp_path / ".site-new-1", "baru")
    real_replace = os.replace
    calls: list[object] = []

    def killed_after_first(source: object, target: object) -> None:
        calls.append(source)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process dies between the two renames
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "exchange_paths", lambda first, second: False)
    monkeypatch.setattr(output.os, "replace", killed_after_first)
    with pytest.raises(KeyboardInterrupt):
        output.swap_site(new, site)
    monkeypatch.undo()
    assert not site.exists() and (tmp_path / ".site-old").is_dir()

    output.remove_leftovers(site, tmp_path / ".cache")
    assert (site / "index.html").read_text(encoding="utf-8") == "lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_next_build_recovers_the_site_and_clears_every_leftover(tmp_path: Path) -> None:
    settings = materialise(tmp_path, site=True)
    assert run_cli(tmp_path, "build").returncode == 0
    # what kills at every step leave: the site mid-swap, staging folders, half-written cache entries
    (tmp_path / "site").rename(tmp_path / ".site-old")
    site_with(tmp_path / ".site-new-abc", "setengah")
    (settings.docs_dir / ".generated-abc").mkdir()
    (settings.docs_dir / ".retired-abc").mkdir()
    stale = settings.cache_dir / "photos/ab/.tmp-stale"
    fresh = settings.cache_dir / "photos/ab/.tmp-running"
    stale.mkdir(parents=True)
    fresh.mkdir()
    long_ago = time.time() - OLD_LEFTOVER_S
    os.utime(stale, (long_ago, long_ago))

    done = run_cli(tmp_path, "build")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert not any(tmp_path.glob(".site-*"))
    assert not any(settings.docs_dir.glob(".generated-*")) and not any(
        settings.docs_dir.glob(".retired-*")
    )
    assert not stale.exists()
    assert fresh.exists()  # may belong to a `validate` running beside the build


# Item 15: read-only places and full disks -------------------------------------------------------


def test_validate_in_a_read_only_checkout_uses_a_temporary_photo_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = materialise(tmp_path)

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(settings.cache_dir))

    monkeypatch.setattr(pipeline.tempfile, "TemporaryFile", read_only)
    cache = pipeline.photo_cache_dir(settings, read_only=True)
    assert not cache.is_relative_to(tmp_path) and cache.is_dir()
    # a build does not quietly process every photo again in a throwaway cache
    with pytest.raises(OSError):
        pipeline.photo_cache_dir(settings)


def test_validate_and_build_on_a_read_only_mount(tmp_path: Path) -> None:
    materialise(tmp_path / "proyek", site=True)
    with mounted(tmp_path / "ro", "-o", "bind,ro", str(tmp_path / "proyek")) as checkout:
        done = run_cli(checkout, "validate")
        assert done.returncode == 0, done.stderr + done.stdout
        assert "Semua berkas sah" in done.stdout
        one_line_error(run_cli(checkout, "build"), "hanya-baca")
    assert not (tmp_path / "proyek/.cache").exists()


def test_storage_errors_are_one_line_each() -> None:
    assert "disk penuh" in (
        output.storage_message(OSError(errno.ENOSPC, "No space left on device", "/x")) or ""
    )
    assert "hanya-baca" in (
        output.storage_message(OSError(errno.EROFS, "Read-only file system", "/x")) or ""
    )
    assert "tidak ada izin membuka /x" in (
        output.storage_message(OSError(errno.EACCES, "Permission denied", "/x")) or ""
    )
    assert output.storage_message(OSError(errno.ENOENT, "No such file", "/x")) is None
    mkdocs = "Traceback (most recent call last):\n  ...\nOSError: [Errno 28] No space left on device: 'site/x.html'\n"
    pagefind = "Error: Failed to write file: No space left on device (os error 28)\n"
    assert "disk penuh" in (output.step_storage_message("MkDocs", mkdocs) or "")
    assert "disk penuh" in (output.step_storage_message("Pagefind", pagefind) or "")
    assert output.step_storage_message("MkDocs", "ERROR - Config value 'nav': bad") is None


def test_pagefind_on_a_full_disk_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = materialise(tmp_path, site=True)
    pipeline.build(settings)
    before = (settings.site_dir / "index.html").read_bytes()
    product = tmp_path / "products/tenun-contoh/selendang-ikat/produk.yml"
    product.write_text(
        product.read_text(encoding="utf-8").replace("450000", "475000"), encoding="utf-8"
    )
    monkeypatch.setattr(
        pipeline,
        "run_pagefind",
        lambda site: subprocess.CompletedProcess(
            ["pagefind"],
            1,
            "",
            "Error: Failed to write file: No space left on device (os error 28)\n",
        ),
    )
    with pytest.raises(OutputError, match="Pagefind berhenti karena disk penuh"):
        pipeline.build(settings)
    assert (settings.site_dir / "index.html").read_bytes() == before
    assert not any(tmp_path.glob(".site-new-*"))


def test_mkdocs_on_a_full_disk_says_so_in_one_line(tmp_path: Path) -> None:
    materialise(tmp_path / "proyek", site=True)
    with mounted(tmp_path / "penuh", "-t", "tmpfs", "-o", "size=256k", "tmpfs") as tiny:
        done = run_cli(tmp_path / "proyek", "build", "--site-dir", str(tiny / "site"))
        one_line_error(done, "disk penuh")
        assert not any(tiny.iterdir())  # its staging folder was removed


def test_photo_cache_on_a_full_disk_says_so_in_one_line(tmp_path: Path) -> None:
    materialise(tmp_path / "proyek", site=True)
    with mounted(tmp_path / "penuh", "-t", "tmpfs", "-o", "size=64k", "tmpfs") as tiny:
        (tmp_path / "proyek/.cache").symlink_to(tiny)
        one_line_error(run_cli(tmp_path / "proyek", "build"), "disk penuh")
    shutil.rmtree(tmp_path / "penuh", ignore_errors=True)

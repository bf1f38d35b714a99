"""Nothing lost, nothing half-written, nothing different: manifest, atomic swaps, faults, repeatability."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalogue_gen import output, pipeline
from catalogue_gen.problems import CatalogueInvalid, OutputError

from .golden_catalogue import materialise

pytestmark = pytest.mark.slow


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catalogue_gen", "build", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def manifest_keys(root: Path) -> list[str]:
    return [
        p["kunci"]
        for p in json.loads((root / "site/katalog.json").read_text(encoding="utf-8"))["produk"]
    ]


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    materialise(tmp_path, site=True)
    assert build(tmp_path, "--site-dir", "satu").returncode == 0
    shutil.rmtree(tmp_path / ".cache")
    shutil.rmtree(tmp_path / "docs/produk")
    assert build(tmp_path, "--site-dir", "dua").returncode == 0
    first, second = tree_digest(tmp_path / "satu"), tree_digest(tmp_path / "dua")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_manifest_follows_removed_renamed_and_corrupted_products(tmp_path: Path) -> None:
    materialise(tmp_path, site=True)
    assert build(tmp_path).returncode == 0
    assert manifest_keys(tmp_path) == [
        "dapur-contoh/kripik-kelor",
        "dapur-contoh/sei-babi",
        "tenun-contoh/selendang-ikat",
    ]

    shutil.rmtree(tmp_path / "products/dapur-contoh/kripik-kelor")
    assert build(tmp_path).returncode == 0
    assert manifest_keys(tmp_path) == ["dapur-contoh/sei-babi", "tenun-contoh/selendang-ikat"]
    assert not (tmp_path / "site/produk/dapur-contoh/kripik-kelor").exists()

    (tmp_path / "products/tenun-contoh/selendang-ikat").rename(
        tmp_path / "products/tenun-contoh/selendang-sumba"
    )
    assert build(tmp_path).returncode == 0
    assert manifest_keys(tmp_path) == ["dapur-contoh/sei-babi", "tenun-contoh/selendang-sumba"]
    assert (tmp_path / "site/produk/tenun-contoh/selendang-sumba/index.html").is_file()
    assert not (tmp_path / "site/produk/tenun-contoh/selendang-ikat").exists()

    before = tree_digest(tmp_path / "site")
    (tmp_path / "products/dapur-contoh/sei-babi/produk.yml").write_text(
        "nama: [rusak\n", encoding="utf-8"
    )
    done = build(tmp_path)
    assert done.returncode == 1 and "products/dapur-contoh/sei-babi/produk.yml:" in done.stdout
    assert tree_digest(tmp_path / "site") == before


def test_killing_a_build_midway_leaves_the_previous_site(tmp_path: Path) -> None:
    materialise(tmp_path, site=True)
    assert build(tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    (tmp_path / "products/tenun-contoh/selendang-ikat/produk.yml").write_text(
        (tmp_path / "products/tenun-contoh/selendang-ikat/produk.yml")
        .read_text(encoding="utf-8")
        .replace("450000", "475000"),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "catalogue_gen", "build"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    # kill it once MkDocs has started writing the new site into its staging folder
    while time.monotonic() < deadline and not any(
        p.is_dir() and any(p.iterdir()) for p in tmp_path.glob(".site-new-*")
    ):
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_digest(tmp_path / "site") == before
    # and the next build finishes the job and clears the leftovers
    assert build(tmp_path).returncode == 0
    assert "Rp475.000" in (
        tmp_path / "site/produk/tenun-contoh/selendang-ikat/index.html"
    ).read_text(encoding="utf-8")
    assert list(tmp_path.glob(".site-new-*")) == []


def test_full_disk_keeps_the_previous_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = materialise(tmp_path)
    pipeline.generate(settings)
    before = tree_digest(settings.docs_dir)
    product = tmp_path / "products/tenun-contoh/selendang-ikat/produk.yml"
    product.write_text(
        product.read_text(encoding="utf-8").replace("450000", "475000"), encoding="utf-8"
    )
    real_write = Path.write_bytes
    calls = {"n": 0}

    def full(self: Path, *args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OutputError, match="disk penuh"):
        pipeline.generate(settings)
    monkeypatch.undo()
    assert tree_digest(settings.docs_dir) == before
    assert list(settings.docs_dir.glob(".generated-*")) == []


def test_photo_vanishing_after_validation_is_reported_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = materialise(tmp_path)
    real = pipeline.validate_catalogue

    def validate_then_lose_photo(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        (tmp_path / "products/tenun-contoh/selendang-ikat/depan.jpg").unlink()
        return result

    monkeypatch.setattr(pipeline, "validate_catalogue", validate_then_lose_photo)
    with pytest.raises(CatalogueInvalid) as raised:
        pipeline.generate(settings)
    [problem] = raised.value.problems.errors
    assert (problem.path, problem.line, problem.code) == (
        "products/tenun-contoh/selendang-ikat/produk.yml",
        6,
        "PHOTO_UNREADABLE",
    )


def test_writer_refuses_destinations_outside_generated_folders() -> None:
    for bad in ("../luar.md", "/etc/x.md", "panduan/index.md", "produk/../../x.md"):
        with pytest.raises(OutputError):
            output.check_destination(bad)


def test_writer_refuses_two_sources_for_one_destination(tmp_path: Path) -> None:
    source_a, source_b = tmp_path / "a", tmp_path / "b"
    source_a.write_bytes(b"a")
    source_b.write_bytes(b"b")
    with pytest.raises(OutputError):
        output.write_generated(
            tmp_path / "docs",
            [],
            [("produk/x/y/f.webp", str(source_a)), ("produk/x/y/f.webp", str(source_b))],
            {},
        )


def test_incremental_build_equals_a_clean_build(tmp_path: Path) -> None:
    """Edit, add and remove products between builds: the dirty rebuild must match a clean one."""
    first = tmp_path / "a"
    materialise(first, site=True)
    assert build(first).returncode == 0
    product = first / "products/tenun-contoh/selendang-ikat/produk.yml"
    product.write_text(
        product.read_text(encoding="utf-8").replace("450000", "475000"), encoding="utf-8"
    )
    shutil.rmtree(first / "products/dapur-contoh/kripik-kelor")
    shutil.copytree(
        first / "products/tenun-contoh/selendang-ikat", first / "products/tenun-contoh/kain-baru"
    )
    assert build(first).returncode == 0
    second = tmp_path / "b"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("site", ".cache", ".site-*"))
    shutil.rmtree(second / "docs/produk")
    assert build(second).returncode == 0
    incremental, clean = tree_digest(first / "site"), tree_digest(second / "site")
    assert sorted(incremental) == sorted(clean)
    assert [
        name
        for name in clean
        if incremental[name] != clean[name] and not name.startswith("pagefind/")
    ] == []
    assert "Rp475.000" in (first / "site/produk/tenun-contoh/selendang-ikat/index.html").read_text(
        encoding="utf-8"
    )


def test_warm_build_with_no_change_keeps_the_site(tmp_path: Path) -> None:
    materialise(tmp_path, site=True)
    assert build(tmp_path).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*.html")}
    assert build(tmp_path).returncode == 0
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*.html")} == before

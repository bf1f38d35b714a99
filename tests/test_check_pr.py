"""`catalogue-gen check-pr`: what a producer's pull request may change, read from a real git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue_gen.scope import MAX_PHOTO_BYTES, Change, check_change, iter_changes

from .conftest import PRODUCER_YML, PRODUCT_YML, photo_bytes, write_tree

GIT_IDENTITY = ("-c", "user.name=Uji Katalog", "-c", "user.email=uji@contoh.invalid", "-c", "commit.gpgsign=false",
                "-c", "core.hooksPath=/dev/null")
REVIEW = "perlu ditinjau pengelola: berkas ini berada di luar folder products/; pull request produsen hanya boleh mengubah berkas di products/"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def check_pr(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "catalogue_gen", "check-pr", "--base", "main", *args],
                          cwd=repo, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose main has one producer, a template and mkdocs.yml, and three PR branches."""
    root = tmp_path / "katalog"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_tree(root, {
        "mkdocs.yml": "site_name: Uji\n",
        "overrides/main.html": "{% extends \"base.html\" %}\n",
        "products/kelompok-contoh/produsen.yml": PRODUCER_YML,
        "products/kelompok-contoh/madu/produk.yml": PRODUCT_YML,
        "products/kelompok-contoh/madu/depan.jpg": photo_bytes(),
    })
    commit_all(root, "katalog awal")

    # 1. a producer adds a new product folder: allowed
    git(root, "checkout", "-q", "-b", "produk-baru", "main")
    write_tree(root, {
        "products/usaha-baru/produsen.yml": PRODUCER_YML,
        "products/usaha-baru/kopi-bajawa/produk.yml": PRODUCT_YML,
        "products/usaha-baru/kopi-bajawa/depan.jpg": photo_bytes(),
    })
    commit_all(root, "Tambah produk kopi")

    # 2. the same, plus a change to the site's template: needs a maintainer
    git(root, "checkout", "-q", "-b", "ubah-template", "produk-baru")
    (root / "overrides/main.html").write_text("<script src=https://contoh.invalid/x.js></script>\n", encoding="utf-8")
    commit_all(root, "Tambah produk dan ubah template")

    # 3. a photo that is a symlink to a file outside the repository: refused
    git(root, "checkout", "-q", "-b", "symlink", "main")
    folder = root / "products/kelompok-contoh/madu"
    os.symlink("/etc/passwd", folder / "belakang.jpg")
    commit_all(root, "Tambah foto")

    git(root, "checkout", "-q", "main")
    return root


def test_new_product_folder_passes(repo: Path) -> None:
    git(repo, "checkout", "-q", "produk-baru")
    done = check_pr(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        "0 galat, 0 peringatan.",
        "Semua 3 berkas yang diubah berada di products/ dan boleh diubah produsen.",
    ]


def test_template_change_needs_a_maintainer(repo: Path) -> None:
    git(repo, "checkout", "-q", "ubah-template")
    done = check_pr(repo)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"overrides/main.html:0:0: galat: {REVIEW}", "1 galat, 0 peringatan."]


def test_symlink_is_refused(repo: Path) -> None:
    git(repo, "checkout", "-q", "symlink")
    done = check_pr(repo)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "products/kelompok-contoh/madu/belakang.jpg:0:0: galat: tautan simbolik (symlink) tidak diizinkan; ganti dengan berkas atau folder biasa",
        "1 galat, 0 peringatan.",
    ]


def test_github_format_annotates_each_file(repo: Path) -> None:
    git(repo, "checkout", "-q", "ubah-template")
    done = check_pr(repo, "--format", "github")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"::error file=overrides/main.html,title=galat ::{REVIEW}"]


def test_changes_are_read_from_git_not_the_work_tree(repo: Path) -> None:
    git(repo, "checkout", "-q", "symlink")
    (repo / "mkdocs.yml").write_text("site_name: diubah tetapi tidak di-commit\n", encoding="utf-8")
    changes = list(iter_changes(repo, "main"))
    assert [(c.status, c.path, c.mode) for c in changes] == [("A", "products/kelompok-contoh/madu/belakang.jpg", "120000")]


def test_deleting_outside_products_needs_review_inside_is_allowed(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "hapus", "main")
    (repo / "mkdocs.yml").unlink()
    (repo / "products/kelompok-contoh/madu/depan.jpg").unlink()
    commit_all(repo, "hapus")
    done = check_pr(repo)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "mkdocs.yml:0:0: galat: perlu ditinjau pengelola: pull request ini menghapus berkas di luar folder products/",
        "1 galat, 0 peringatan.",
    ]


def test_unknown_base_is_an_environment_error(repo: Path) -> None:
    done = check_pr(repo, "--base", "origin/tidak-ada")
    assert done.returncode == 2
    assert "git gagal membaca perubahan" in done.stderr


@pytest.mark.parametrize(
    ("path", "mode", "size", "code"),
    [
        ("products/a/b/produk.yml", "100644", 900, None),
        ("products/a/produsen.yml", "100644", 300, None),
        ("products/a/logo.PNG", "100644", 1000, None),
        ("products/a/b/foto.heic", "100755", MAX_PHOTO_BYTES, None),
        ("products/a/b/foto.jpg", "100644", MAX_PHOTO_BYTES + 1, "SCOPE_PHOTO_TOO_LARGE"),
        ("products/a/b/katalog.pdf", "100644", 1000, "SCOPE_NOT_PHOTO"),
        ("products/a/b/.gitkeep", "100644", 0, "SCOPE_NOT_PHOTO"),
        ("products/a/b/run.sh", "100755", 10, "SCOPE_NOT_PHOTO"),
        ("products/a/b/foto.jpg", "120000", 11, "SYMLINK_REFUSED"),
        ("products/a/b/lain", "160000", 0, "SCOPE_SUBMODULE"),
        (".github/workflows/validate.yml", "100644", 500, "SCOPE_REVIEW"),
        ("catalogue_gen/validate.py", "100644", 500, "SCOPE_REVIEW"),
        ("Products/a/b/produk.yml", "100644", 500, "SCOPE_REVIEW"),
    ],
)
def test_each_kind_of_file(path: str, mode: str, size: int, code: str | None) -> None:
    problems = check_change(Change("A", path, mode, "0" * 40, size))
    assert [p.code for p in problems] == ([code] if code else [])
    assert all(p.is_error and (p.line, p.column) == (0, 0) for p in problems)


def test_photo_size_message() -> None:
    (problem,) = check_change(Change("M", "products/a/b/besar.jpg", "100644", "0" * 40, 12 * 1024 * 1024))
    assert str(problem) == 'products/a/b/besar.jpg:0:0: galat: foto "besar.jpg" terlalu besar (12.0 MiB, batas 10 MiB); perkecil foto sebelum diunggah'


def test_several_producers_is_a_warning(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "dua-produsen", "produk-baru")
    write_tree(repo, {"products/kelompok-contoh/madu/samping.jpg": photo_bytes()})
    commit_all(repo, "dua produsen")
    done = check_pr(repo)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == (
        "products:0:0: peringatan: pull request ini mengubah 2 folder produsen (kelompok-contoh, usaha-baru); "
        "produsen biasanya hanya mengubah foldernya sendiri, jadi pengelola perlu memeriksanya"
    )


def test_changing_an_existing_producer_is_flagged_for_the_maintainer() -> None:
    (problem,) = check_change(Change("M", "products/a/produsen.yml", "100644", "0" * 40, 300))
    assert (problem.level.value, problem.code) == ("peringatan", "SCOPE_PRODUCER_CHANGED")
    assert check_change(Change("A", "products/a/produsen.yml", "100644", "0" * 40, 300)) == []

"""`catalogue-gen check-pr` and `catalogue-gen codeowners`: what a producer's pull request may change,
and who may change which producer folder, read from a real git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue_gen.scope import MAX_PHOTO_BYTES, MAX_YAML_BYTES, Change, check_change, iter_changes

from .conftest import PRODUCER_YML, PRODUCT_YML, photo_bytes, write_tree

GIT_IDENTITY = (
    "-c",
    "user.name=Uji Katalog",
    "-c",
    "user.email=uji@contoh.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "core.hooksPath=/dev/null",
)
REVIEW = "perlu ditinjau pengelola: berkas ini berada di luar folder products/; pull request produsen hanya boleh mengubah berkas di products/"
# Who owns what on main: the existing producer, the author of the new producer folder, a maintainer.
OWNER = "pemilik-madu"
NEWCOMER = "penjual-baru"
MAINTAINER = "pengelola-uji"
INTRUDER = "penyusup"
MAINTAINERS_TXT = f"# pengelola uji\n{MAINTAINER}\n"
REFUSED = (
    "products/kelompok-contoh:0:0: galat: folder products/kelompok-contoh/ hanya boleh diubah oleh @Pemilik-Madu atau "
    "pengelola; pull request dari @penyusup tidak boleh menambah, mengubah, memindah atau menghapus berkas di folder ini "
    "({count} berkas). Minta pemilik folder membuat perubahannya, atau minta pengelola meninjaunya"
)


def producer_yml(*accounts: str) -> str:
    """PRODUCER_YML with akun_github naming `accounts`."""
    return PRODUCER_YML + f"akun_github: [{', '.join(accounts)}]\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *GIT_IDENTITY, *args], cwd=repo, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def check_pr(repo: Path, *args: str, author: str = OWNER) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "catalogue_gen",
            "check-pr",
            "--base",
            "main",
            "--author",
            author,
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def branch(
    repo: Path, name: str, files: dict[str, str | bytes | None], start: str = "main"
) -> None:
    """Commit `files` (None deletes a file or folder) on a new branch from `start`, and stay on it."""
    git(repo, "checkout", "-q", "-b", name, start)
    for rel, content in files.items():
        if content is None:
            git(repo, "rm", "-q", "-r", rel)
    write_tree(repo, {rel: content for rel, content in files.items() if content is not None})
    commit_all(repo, name)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose main has two producers (one without akun_github), the maintainers list,
    a template and mkdocs.yml, and three PR branches."""
    root = tmp_path / "katalog"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_tree(
        root,
        {
            "mkdocs.yml": "site_name: Uji\n",
            "overrides/main.html": '{% extends "base.html" %}\n',
            ".github/pengelola.txt": MAINTAINERS_TXT,
            # written with capitals: GitHub logins ignore case, and so does the check
            "products/kelompok-contoh/produsen.yml": producer_yml("Pemilik-Madu"),
            "products/kelompok-contoh/madu/produk.yml": PRODUCT_YML,
            "products/kelompok-contoh/madu/depan.jpg": photo_bytes(),
            "products/usaha-lama/produsen.yml": PRODUCER_YML,
            "products/usaha-lama/kopi/produk.yml": PRODUCT_YML,
            "products/usaha-lama/kopi/depan.jpg": photo_bytes(),
        },
    )
    commit_all(root, "katalog awal")

    # 1. a producer adds a new producer folder: allowed
    git(root, "checkout", "-q", "-b", "produk-baru", "main")
    write_tree(
        root,
        {
            "products/usaha-baru/produsen.yml": producer_yml(NEWCOMER),
            "products/usaha-baru/kopi-bajawa/produk.yml": PRODUCT_YML,
            "products/usaha-baru/kopi-bajawa/depan.jpg": photo_bytes(),
        },
    )
    commit_all(root, "Tambah produk kopi")

    # 2. the same, plus a change to the site's template: needs a maintainer
    git(root, "checkout", "-q", "-b", "ubah-template", "produk-baru")
    (root / "overrides/main.html").write_text(
        "<script src=https://contoh.invalid/x.js></script>\n", encoding="utf-8"
    )
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
    done = check_pr(repo, author=NEWCOMER)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        "0 galat, 0 peringatan.",
        "Semua 3 berkas yang diubah berada di products/ dan boleh diubah produsen.",
    ]


def test_template_change_needs_a_maintainer(repo: Path) -> None:
    git(repo, "checkout", "-q", "ubah-template")
    done = check_pr(repo, author=NEWCOMER)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"overrides/main.html:0:0: galat: {REVIEW}",
        "1 galat, 0 peringatan.",
    ]


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
    done = check_pr(repo, "--format", "github", author=NEWCOMER)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"::error file=overrides/main.html,title=galat ::{REVIEW}"]


def test_changes_are_read_from_git_not_the_work_tree(repo: Path) -> None:
    git(repo, "checkout", "-q", "symlink")
    (repo / "mkdocs.yml").write_text("site_name: diubah tetapi tidak di-commit\n", encoding="utf-8")
    changes = list(iter_changes(repo, "main"))
    assert [(c.status, c.path, c.mode) for c in changes] == [
        ("A", "products/kelompok-contoh/madu/belakang.jpg", "120000")
    ]


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
    (problem,) = check_change(
        Change("M", "products/a/b/besar.jpg", "100644", "0" * 40, 12 * 1024 * 1024)
    )
    assert (
        str(problem)
        == 'products/a/b/besar.jpg:0:0: galat: foto "besar.jpg" terlalu besar (12.0 MiB, batas 10 MiB); perkecil foto sebelum diunggah'
    )


def test_several_producers_is_a_warning(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "dua-produsen", "produk-baru")
    write_tree(repo, {"products/kelompok-contoh/madu/samping.jpg": photo_bytes()})
    commit_all(repo, "dua produsen")
    done = check_pr(repo, author=MAINTAINER)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == (
        "products:0:0: peringatan: pull request ini mengubah 2 folder produsen (kelompok-contoh, usaha-baru); "
        "produsen biasanya hanya mengubah foldernya sendiri, jadi pengelola perlu memeriksanya"
    )


def test_changing_an_existing_producer_is_flagged_for_the_maintainer() -> None:
    (problem,) = check_change(Change("M", "products/a/produsen.yml", "100644", "0" * 40, 300))
    assert (problem.level.value, problem.code) == ("peringatan", "SCOPE_PRODUCER_CHANGED")
    assert check_change(Change("A", "products/a/produsen.yml", "100644", "0" * 40, 300)) == []


# Ownership (issue 10) ------------------------------------------------------------------------

PRODUCT_CHANGES: dict[str, dict[str, str | bytes | None]] = {
    "add": {"products/kelompok-contoh/madu/samping.jpg": photo_bytes()},
    "change": {
        "products/kelompok-contoh/madu/produk.yml": PRODUCT_YML.replace(
            "rupiah: 75000", "rupiah: 7500"
        )
    },
    "delete": {"products/kelompok-contoh/madu/depan.jpg": None},
    # a look-alike marketplace link in someone else's product
    "link": {
        "products/kelompok-contoh/madu/produk.yml": PRODUCT_YML
        + "tautan:\n  shopee: https://shopee-murah.contoh.invalid/madu\n"
    },
}


@pytest.mark.parametrize("kind", sorted(PRODUCT_CHANGES))
def test_another_producers_folder_is_refused(repo: Path, kind: str) -> None:
    branch(repo, f"ubah-{kind}", PRODUCT_CHANGES[kind])
    done = check_pr(repo, author=INTRUDER)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [REFUSED.format(count=1), "1 galat, 0 peringatan."]


def test_owner_may_change_own_folder_whatever_the_case_of_the_login(repo: Path) -> None:
    branch(repo, "harga-baru", PRODUCT_CHANGES["change"])
    for author in (OWNER, "PEMILIK-MADU"):
        done = check_pr(repo, author=author)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.splitlines()[0] == "0 galat, 0 peringatan."


def test_rename_out_of_another_folder_is_refused_on_both_sides(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "pindah", "main")
    git(repo, "mv", "products/kelompok-contoh/madu", "products/kelompok-contoh/madu-lain")
    commit_all(repo, "pindah")
    done = check_pr(repo, author=INTRUDER)
    assert done.returncode == 1
    # the rename is split into a deletion and an addition: 2 files out, 2 files in
    assert done.stdout.splitlines() == [REFUSED.format(count=4), "1 galat, 0 peringatan."]


def test_deleting_another_producers_whole_folder_is_refused(repo: Path) -> None:
    branch(repo, "hapus-semua", {"products/kelompok-contoh": None})
    done = check_pr(repo, author=INTRUDER)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        (
            "products/kelompok-contoh:0:0: galat: pull request dari @penyusup menghapus folder products/kelompok-contoh/, "
            "yang hanya boleh diubah oleh @Pemilik-Madu atau pengelola; kembalikan folder itu"
        ),
        "1 galat, 0 peringatan.",
    ]


def test_a_pull_request_cannot_make_itself_an_owner(repo: Path) -> None:
    # The owners are read from main, never from the pull request's own produsen.yml or maintainers list.
    branch(
        repo,
        "ambil-alih",
        {
            "products/kelompok-contoh/produsen.yml": producer_yml(INTRUDER),
            "products/kelompok-contoh/madu/produk.yml": PRODUCT_CHANGES["change"][
                "products/kelompok-contoh/madu/produk.yml"
            ],
            ".github/pengelola.txt": MAINTAINERS_TXT + INTRUDER + "\n",
        },
    )
    done = check_pr(repo, author=INTRUDER)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert REFUSED.format(count=2) in lines
    assert f".github/pengelola.txt:0:0: galat: {REVIEW}" in lines


def test_folder_without_accounts_is_for_maintainers_only(repo: Path) -> None:
    branch(
        repo,
        "kopi-lain",
        {
            "products/usaha-lama/kopi/produk.yml": PRODUCT_CHANGES["change"][
                "products/kelompok-contoh/madu/produk.yml"
            ]
        },
    )
    done = check_pr(repo, author=INTRUDER)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "products/usaha-lama:0:0: galat: folder products/usaha-lama/ tidak mencantumkan akun_github, jadi hanya pengelola "
        "yang boleh mengubahnya; pull request dari @penyusup mengubah 1 berkas di folder ini. Minta pengelola menambahkan akun Anda di akun_github"
    )
    assert check_pr(repo, author=MAINTAINER).returncode == 0


def test_new_producer_folder_must_name_its_author(repo: Path) -> None:
    branch(
        repo,
        "baru-tanpa-akun",
        {
            "products/usaha-kedua/produsen.yml": PRODUCER_YML,
            "products/usaha-kedua/kopi/produk.yml": PRODUCT_YML,
            "products/usaha-kedua/kopi/depan.jpg": photo_bytes(),
        },
    )
    done = check_pr(repo, author=NEWCOMER)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        (
            "products/usaha-kedua/produsen.yml:0:0: galat: folder baru products/usaha-kedua/ harus mencantumkan akun Anda di "
            "produsen.yml: tambahkan akun_github: [penjual-baru] (tanpa @), supaya nanti hanya Anda dan pengelola yang boleh mengubahnya"
        ),
        "1 galat, 0 peringatan.",
    ]
    # someone else's account in a new folder does not count either
    write_tree(repo, {"products/usaha-kedua/produsen.yml": producer_yml(OWNER)})
    commit_all(repo, "akun lain")
    assert check_pr(repo, author=NEWCOMER).returncode == 1
    write_tree(repo, {"products/usaha-kedua/produsen.yml": producer_yml(OWNER, NEWCOMER.upper())})
    commit_all(repo, "akun sendiri")
    assert check_pr(repo, author=NEWCOMER).returncode == 0


def test_maintainer_may_change_any_producer(repo: Path) -> None:
    branch(
        repo, "pengelola", {**PRODUCT_CHANGES["add"], "products/usaha-lama/kopi/depan.jpg": None}
    )
    done = check_pr(repo, author=MAINTAINER)
    assert done.returncode == 0, done.stdout


def test_approval_label_turns_the_refusal_into_a_warning(repo: Path) -> None:
    branch(repo, "disetujui", PRODUCT_CHANGES["add"])
    done = check_pr(repo, "--maintainer-approved", author=INTRUDER)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        (
            "products/kelompok-contoh:0:0: peringatan: pengelola mengizinkan perubahan ini dengan label disetujui-pengelola: "
            "@penyusup mengubah 1 berkas di folder products/kelompok-contoh/ milik @Pemilik-Madu"
        ),
        "0 galat, 1 peringatan.",
        "Semua 1 berkas yang diubah berada di products/ dan boleh diubah produsen.",
    ]


def test_author_is_required(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "catalogue_gen", "check-pr", "--base", "main"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "--author" in done.stderr


# Sizes, read from git (issue 10) -------------------------------------------------------------


def test_sizes_come_from_git_and_oversized_files_are_refused(repo: Path) -> None:
    photo = b"\xff\xd8\xff" + bytes(
        MAX_PHOTO_BYTES
    )  # 10 MiB + 3 bytes, compresses to nothing in git
    product = (
        PRODUCT_YML + "kata_kunci:\n" + "  - madu\n" * (MAX_YAML_BYTES // 8)
    )  # 9 bytes a line: 288 KiB
    branch(
        repo,
        "besar",
        {
            "products/kelompok-contoh/madu/besar.jpg": photo,
            "products/kelompok-contoh/madu/produk.yml": product,
        },
    )
    sizes = {c.path: c.size for c in iter_changes(repo, "main")}
    assert sizes == {
        "products/kelompok-contoh/madu/besar.jpg": len(photo),
        "products/kelompok-contoh/madu/produk.yml": len(product.encode()),
    }
    done = check_pr(repo)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        'products/kelompok-contoh/madu/besar.jpg:0:0: galat: foto "besar.jpg" terlalu besar (10.0 MiB, batas 10 MiB); perkecil foto sebelum diunggah',
        "products/kelompok-contoh/madu/produk.yml:0:0: galat: berkas terlalu besar (288 KiB, batas 256 KiB); berkas YAML produk cukup beberapa KiB",
        "2 galat, 0 peringatan.",
    ]


def test_yaml_size_limit() -> None:
    assert (
        check_change(Change("M", "products/a/b/produk.yml", "100644", "0" * 40, MAX_YAML_BYTES))
        == []
    )
    (problem,) = check_change(
        Change("A", "products/a/produsen.yml", "100644", "0" * 40, MAX_YAML_BYTES + 1)
    )
    assert problem.code == "FILE_TOO_LARGE" and problem.is_error


# Names that would forge workflow commands (issue 10) ----------------------------------------


@pytest.mark.parametrize("char", ["\n", "\r", "\x1b", "\x7f", "\x85", "\u2028", "\u2029"], ids=repr)
def test_file_names_with_control_characters_are_refused(char: str) -> None:
    (problem,) = check_change(Change("A", f"products/a/b/x{char}y.jpg", "100644", "0" * 40, 1000))
    assert problem.code == "SCOPE_PATH_CONTROL" and problem.is_error
    assert f"(U+{ord(char):04X})" in problem.message


def test_a_file_name_that_is_not_utf8_is_refused() -> None:
    name = b"products/a/b/x\xff\xfe.jpg".decode(
        "utf-8", "surrogateescape"
    )  # as _parse_raw reads it
    (problem,) = check_change(Change("A", name, "100644", "0" * 40, 1000))
    assert problem.code == "SCOPE_PATH_NOT_UTF8" and problem.is_error
    assert problem.path.encode("utf-8")  # printable: no lone surrogate reaches a report


@pytest.mark.parametrize("status", ["A", "M", "D"])
def test_a_file_directly_in_products_belongs_to_nobody(status: str) -> None:
    (problem,) = check_change(
        Change(
            status, "products/iklan.jpg", "000000" if status == "D" else "100644", "0" * 40, 1000
        )
    )
    assert problem.is_error and problem.code == (
        "SCOPE_REVIEW_DELETED" if status == "D" else "SCOPE_OUTSIDE_PRODUCER"
    )


def test_a_file_name_cannot_forge_an_annotation(repo: Path) -> None:
    name = "products/kelompok-contoh/madu/x\n::notice title=palsu::semua aman.jpg"
    branch(repo, "nama-palsu", {name: photo_bytes()})
    for fmt in ("text", "github"):
        done = check_pr(repo, "--format", fmt)
        assert done.returncode == 1
        lines = done.stdout.splitlines()
        assert not any(line.startswith("::notice") for line in lines), lines
        assert "karakter kontrol (U+000A)" in lines[0]
    text = check_pr(repo).stdout.splitlines()[0]
    assert text.startswith(
        "products/kelompok-contoh/madu/x\\x0a::notice title=palsu::semua aman.jpg:0:0: galat: "
    )
    github = check_pr(repo, "--format", "github").stdout.splitlines()[0]
    assert github.startswith(
        "::error file=products/kelompok-contoh/madu/x%0A%3A%3Anotice title=palsu%3A%3Asemua aman.jpg,title=galat ::"
    )


# CODEOWNERS (issue 10) -----------------------------------------------------------------------


def codeowners(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catalogue_gen", "codeowners", "--root", str(root), *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_codeowners_is_generated_from_the_accounts(repo: Path) -> None:
    assert codeowners(repo, "--check").returncode == 1  # not written yet
    done = codeowners(repo)
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout
        == ".github/CODEOWNERS ditulis: 1 folder produsen dengan akun_github, 1 pengelola.\n"
    )
    rules = [
        line
        for line in (repo / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert rules == [
        "* @pengelola-uji",
        "/products/ @pengelola-uji",
        "/products/kelompok-contoh/ @Pemilik-Madu @pengelola-uji",
    ]
    assert codeowners(repo, "--check").stdout.startswith(".github/CODEOWNERS sudah sesuai")
    # a new owner makes the checked-in file stale
    write_tree(
        repo,
        {"products/kelompok-contoh/produsen.yml": producer_yml("Pemilik-Madu", "anak-pemilik")},
    )
    stale = codeowners(repo, "--check")
    assert stale.returncode == 1
    assert "jalankan catalogue-gen codeowners" in stale.stdout


def test_codeowners_needs_maintainers(repo: Path) -> None:
    (repo / ".github/pengelola.txt").write_text("@pengelola-uji\n", encoding="utf-8")
    done = codeowners(repo)
    assert done.returncode == 2
    assert (
        '"@pengelola-uji"' not in done.stderr
        and "@pengelola-uji bukan nama akun GitHub yang sah" in done.stderr
    )


def test_codeowners_from_a_pull_request_needs_no_review() -> None:
    # check-pr lets a new producer include the generated file; `codeowners --check` in CI verifies it
    assert check_change(Change("M", ".github/CODEOWNERS", "100644", "0" * 40, 900)) == []
    assert [
        p.code for p in check_change(Change("D", ".github/CODEOWNERS", "000000", "0" * 40, 0))
    ] == ["SCOPE_REVIEW_DELETED"]
    assert [
        p.code for p in check_change(Change("M", ".github/pengelola.txt", "100644", "0" * 40, 90))
    ] == ["SCOPE_REVIEW"]

"""`catalogue-gen from-issue` (issue 13) on the recorded events: files, exit codes, comment, PR body.

The photos come from the fake GitHub of test_issue_form.py; the command reaches it only because
these tests replace from_issue.new_downloader, the one place a test origin can enter.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from catalogue_gen import from_issue
from catalogue_gen.cli import main
from catalogue_gen.forms import FORMS_DIR
from catalogue_gen.owners import CODEOWNERS_FILE, MAINTAINERS_FILE
from catalogue_gen.settings import Settings

from .conftest import REPO
from .test_issue_form import FIXTURES, JPEG, FakeGitHub, event
from .test_issue_form import github as github  # the fixture, under its own name

NEW = "products/kelompok-tani-madu-nenas"
PRODUCT = f"{NEW}/madu-hutan-nenas"


@pytest.fixture
def project(
    make_catalogue: Callable[..., Settings], github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A catalogue with the issue forms and a maintainer, downloads going to the fake GitHub."""
    root = make_catalogue().root
    shutil.copytree(REPO / FORMS_DIR, root / FORMS_DIR)
    (root / MAINTAINERS_FILE).write_text("# pengelola\npengelola-satu\n", encoding="utf-8")
    monkeypatch.setattr(from_issue, "new_downloader", github.downloader)
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    return root


def run(root: Path, name: str, *args: str, data: dict[str, Any] | None = None) -> Result:
    source = FIXTURES / f"{name}.json"
    if data is not None:
        source = root.parent / f"{name}-event.json"
        source.write_text(json.dumps(data), encoding="utf-8")
    out = root.parent
    return CliRunner().invoke(
        main,
        [
            "from-issue",
            "--issue-json",
            str(source),
            "--root",
            str(root),
            "--comment",
            str(out / "comment.md"),
            "--pr-body",
            str(out / "pr.md"),
            *args,
        ],
    )


def comment(root: Path) -> str:
    return (root.parent / "comment.md").read_text(encoding="utf-8")


def pr_body(root: Path) -> str:
    return (root.parent / "pr.md").read_text(encoding="utf-8")


def test_help_names_every_option() -> None:
    result = CliRunner().invoke(main, ["from-issue", "--help"])
    assert result.exit_code == 0
    for option in (
        "--issue-json",
        "--root",
        "--write",
        "--comment",
        "--pr-body",
        "--maintainer-approved",
        "--pull-request",
    ):
        assert option in result.output


def test_new_product_is_written_validated_and_owned(project: Path) -> None:
    before = (project / CODEOWNERS_FILE).exists()
    result = run(project, "produk-baru", "--write", "--pull-request", "#52")
    assert result.exit_code == 0, result.output
    assert "Siap untuk pull request: 4 berkas" in result.output
    assert (project / PRODUCT / "foto-1.jpg").read_bytes() == JPEG
    assert (project / PRODUCT / "foto-2.png").is_file()
    assert yaml.safe_load((project / NEW / "produsen.yml").read_text(encoding="utf-8"))[
        "akun_github"
    ] == ["ibu-madu-nenas"]
    # the new producer's account lands in CODEOWNERS, so `codeowners --check` passes in the PR
    assert not before
    codeowners = (project / CODEOWNERS_FILE).read_text(encoding="utf-8")
    assert f"/{NEW}/ @ibu-madu-nenas @pengelola-satu" in codeowners
    check = CliRunner().invoke(main, ["codeowners", "--root", str(project), "--check"])
    assert check.exit_code == 0, check.output
    text = comment(project)
    assert text.startswith("<!-- catalogue-gen from-issue -->\n### Hasil pemeriksaan otomatis\n")
    assert "Semua isian sudah benar. Pengelola akan memeriksa #52" in text


def test_pr_body_shows_the_product_as_shoppers_will(project: Path) -> None:
    assert run(project, "produk-baru", "--write").exit_code == 0
    body = pr_body(project)
    lines = body.splitlines()
    assert lines[0] == "## Data dari issue #41"
    assert "**Madu Hutan Nenas** (Kelompok Tani Madu Nenas)" in lines
    assert "- Harga: 250 ml: Rp75.000" in lines
    assert "- Harga: 500 ml: Rp140.000" in lines
    assert "- Stok: tersedia" in lines
    (pirt,) = [line for line in lines if line.startswith("- Izin: ")]
    # P-IRT numbers have no public checker: said so, rather than a link to nowhere
    assert pirt.endswith("P-IRT No. 2065302010052-29 (tanpa situs pemeriksaan umum)")
    (halal,) = [line for line in lines if line.startswith("- Halal: ")]
    assert "ID53110012345670825" in halal and "([periksa](https://" in halal
    raw = "https://github.com/beli-produk-ntt/katalog/raw/issue/41/"
    assert f'<a href="{raw}{PRODUCT}/foto-1.jpg"><img src="{raw}{PRODUCT}/foto-1.jpg"' in body
    assert f"- `{PRODUCT}/produk.yml`" in lines
    assert "- `.github/CODEOWNERS`" in lines
    assert "0 galat, 0 peringatan." in lines
    assert any(
        line.startswith("Folder produsen baru") and "`ibu-madu-nenas`" in line for line in lines
    )
    assert lines[-1] == "Closes #41"
    # no workflow runs for a pull request the bot opened: the body says how checks start
    (checks,) = [line for line in lines if line.startswith("Pemeriksaan *Periksa pull request*")]
    assert "`disetujui-pengelola`" in checks


def test_without_write_the_project_is_left_alone(project: Path) -> None:
    result = run(project, "produk-baru")
    assert result.exit_code == 0, result.output
    assert not (project / NEW).exists()
    assert not (project / CODEOWNERS_FILE).exists()
    assert "0 galat" in pr_body(project) and "Madu Hutan Nenas" in pr_body(project)


def test_a_price_change_by_the_owner(project: Path) -> None:
    original = (project / "products/kelompok-contoh/madu/produk.yml").read_text(encoding="utf-8")
    result = run(project, "ubah-harga", "--write")
    assert result.exit_code == 0, result.output
    edited = (project / "products/kelompok-contoh/madu/produk.yml").read_text(encoding="utf-8")
    assert edited != original and "80000" in edited and "tersedia: false" in edited
    body = pr_body(project)
    assert "- Stok: stok habis" in body.splitlines()
    assert "@uji-katalog tercatat di akun_github products/kelompok-contoh/produsen.yml." in body


def test_a_price_change_by_a_stranger_is_refused_until_approved(project: Path) -> None:
    result = run(project, "ubah-harga-orang-lain")
    assert result.exit_code == 1
    text = comment(project)
    assert "Ada 1 hal yang harus diperbaiki" in text
    assert "hanya akun GitHub yang tercatat untuk usaha ini (uji-katalog" in text
    assert "Ditolak: @orang-lain bukan pemilik products/kelompok-contoh/" in pr_body(project)
    approved = run(project, "ubah-harga-orang-lain", "--write", "--maintainer-approved")
    assert approved.exit_code == 0, approved.output
    assert "Disetujui pengelola dengan label `disetujui-pengelola`" in pr_body(project)


def test_a_maintainer_may_change_any_producer(project: Path) -> None:
    data = event("ubah-harga-orang-lain")
    data["issue"]["user"]["login"] = "Pengelola-Satu"
    result = run(project, "ubah-harga-orang-lain", data=data)
    assert result.exit_code == 0, result.output
    assert "adalah pengelola (.github/pengelola.txt)" in pr_body(project)


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("foto-host-asing", "Foto produk"),
        ("foto-30mb", "Foto produk"),
        ("foto-html", "Foto produk"),
    ],
)
def test_refused_photos_are_told_with_exit_1(project: Path, name: str, field: str) -> None:
    result = run(project, name, "--write")
    assert result.exit_code == 1, result.output
    assert f"- **{field}**: foto ke-1" in comment(project)
    assert "Ada " in comment(project)


def test_injection_stays_text_and_never_reaches_a_file_name(project: Path) -> None:
    result = run(project, "injeksi", "--write")
    assert result.exit_code in (0, 1), result.output
    for path in (project / "products").rglob("*"):
        assert all(c.isalnum() or c in "-._" for c in path.name), path
    assert "`" not in comment(project).replace("\\`", "")


def test_event_from_github_event_path(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(FIXTURES / "produk-baru.json"))
    result = CliRunner().invoke(main, ["from-issue", "--root", str(project)])
    assert result.exit_code == 0, result.output


def test_usage_and_environment_are_exit_2(project: Path, tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["from-issue", "--root", str(project)])
    assert missing.exit_code == 2 and "--issue-json" in missing.output
    broken = tmp_path / "rusak.json"
    broken.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["from-issue", "--issue-json", str(broken), "--root", str(project)]
    )
    assert result.exit_code == 2 and "bukan JSON" in result.output
    shutil.rmtree(project / FORMS_DIR)
    (project / FORMS_DIR).mkdir()
    (project / FORMS_DIR / "rusak.yml").write_text("body: [", encoding="utf-8")
    no_forms = run(project, "produk-baru")
    assert no_forms.exit_code == 2 and "not a usable issue form" in no_forms.output


def test_not_an_issue_event_is_a_comment_not_a_crash(project: Path) -> None:
    result = run(project, "produk-baru", data={"action": "opened"})
    assert result.exit_code == 1
    assert "bukan kejadian issue dari GitHub" in comment(project)
    assert pr_body(project) == ""

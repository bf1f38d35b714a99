"""`catalogue-gen report` and `catalogue-gen pr-summary`: Markdown for maintainers."""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from catalogue_gen.cli import main
from catalogue_gen.pipeline import check
from catalogue_gen.report import cell, months_before, render_pr_summary, render_report
from catalogue_gen.settings import Settings

from .conftest import ACCOUNTS_YML, PRODUCER_YML, PRODUCT_YML, photo_bytes, write_tree
from .test_check_pr import commit_all, git

TODAY = date(2026, 11, 1)
TENUN_YML = """\
nama: Selendang Ikat Contoh
kategori: tenun
ringkasan: Selendang tenun ikat pewarna alam.
deskripsi: Ditenun tangan.
foto: [depan.jpg]
diperbarui: 2026-06-01
"""


def catalogue_files() -> dict[str, str | bytes | None]:
    """Four products: expired P-IRT, halal in process, a tenun with no halal, one checked long ago."""
    expired = PRODUCT_YML.replace('"2065302010052-29"', '"2065302010052-23"') + "diperbarui: 2026-10-01\n"
    in_process = PRODUCT_YML.replace('nomor: "ID53110012345670825"', "status: dalam-proses") + "diperbarui: 2026-09-30\n"
    old = PRODUCT_YML + "diperbarui: 2025-10-31\n"
    # A different photo in each folder: the report command processes them in parallel.
    return {
        "products/kelompok-contoh/madu/produk.yml": expired,
        "products/kelompok-contoh/gula/produk.yml": in_process,
        "products/kelompok-contoh/gula/depan.jpg": photo_bytes(color=(10, 20, 30)),
        "products/kelompok-contoh/tenun/produk.yml": TENUN_YML,
        "products/kelompok-contoh/tenun/depan.jpg": photo_bytes(color=(40, 50, 60)),
        "products/kelompok-contoh/kopi/produk.yml": old,
        "products/kelompok-contoh/kopi/depan.jpg": photo_bytes(color=(70, 80, 90)),
        "products/kelompok-contoh/sirup/produk.yml": PRODUCT_YML.replace("kategori: pangan-olahan", "kategori: minuman"),
        "products/kelompok-contoh/sirup/depan.jpg": photo_bytes(color=(100, 110, 120)),
    }


def test_report_lists_what_needs_a_producer(make_catalogue: Callable[..., Settings]) -> None:
    settings = dataclasses.replace(make_catalogue(catalogue_files()), build_date=TODAY)
    text = render_report(check(settings), TODAY)
    assert text == f"""\
# Laporan katalog per 2026-11-01

5 produk sah dari 1 produsen; 0 galat dan 2 peringatan dari pemeriksa.

## Izin P-IRT kedaluwarsa

Tahun di akhir nomor P-IRT adalah tahun izin berakhir. Halaman produk menampilkan "izin perlu diperbarui"; minta produsen memperbarui izinnya di Dinas Kesehatan/OSS.

| Produk | Berkas | Keterangan |
|---|---|---|
| kelompok-contoh/madu | products/kelompok-contoh/madu/produk.yml | P-IRT No. 2065302010052-23 berlaku sampai 2023 |

## Halal masih dalam proses

Kategori ini wajib bersertifikat halal; untuk usaha mikro dan kecil kewajiban berlaku mulai 17 Oktober 2026. Tanyakan perkembangan sertifikasinya.

| Produk | Berkas | Keterangan |
|---|---|---|
| kelompok-contoh/gula | products/kelompok-contoh/gula/produk.yml | kategori pangan-olahan: halal: {{status: dalam-proses}} |

## Data lama atau tanpa tanggal diperbarui

Produk yang tanggal diperbarui: lebih dari 12 bulan lalu atau tidak diisi. Minta produsen memeriksa harga, stok dan izinnya, lalu menulis tanggal hari itu di diperbarui:.

| Produk | Berkas | Keterangan |
|---|---|---|
| kelompok-contoh/kopi | products/kelompok-contoh/kopi/produk.yml | terakhir diperbarui 2025-10-31 |
| kelompok-contoh/sirup | products/kelompok-contoh/sirup/produk.yml | tidak ada diperbarui: |

## Peringatan pemeriksa

Tidak ada.

## Galat (produk tidak tampil)

Tidak ada.
"""


def test_report_lists_errors_and_other_warnings(make_catalogue: Callable[..., Settings]) -> None:
    files = {"products/kelompok-contoh/madu/produk.yml": PRODUCT_YML.replace("rupiah: 75000", "rupiah: 75.000") + "diperbarui: 2026-10-01\n",
             "products/kelompok-contoh/madu/sisa.jpg": photo_bytes()}
    settings = dataclasses.replace(make_catalogue(files), build_date=TODAY)
    text = render_report(check(settings), TODAY)
    assert "| products/kelompok-contoh/madu/produk.yml | 0:0 | peringatan: foto \"sisa.jpg\" tidak disebut di foto: dan tidak akan tampil |" in text
    assert ("| products/kelompok-contoh/madu/produk.yml | 13:13 | galat: harga\\[0\\].rupiah \"75.000\" terbaca sebagai pecahan; "
            "tulis angka bulat tanpa titik, misalnya tulis 75000 |") in text
    assert text.startswith("# Laporan katalog per 2026-11-01\n\n0 produk sah dari 1 produsen; 1 galat dan 1 peringatan")


def test_report_command(make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_catalogue(catalogue_files())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793448000")  # 2026-10-31 12:00 UTC: kopi is exactly 12 months old
    result = CliRunner().invoke(main, ["report", "--root", str(settings.root)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Laporan katalog per 2026-10-31\n")
    assert "| kelompok-contoh/kopi | products/kelompok-contoh/kopi/produk.yml | terakhir diperbarui 2025-10-31 |" not in result.output


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 11, 1), date(2025, 11, 1)), (date(2028, 2, 29), date(2027, 2, 28)), (date(2026, 3, 31), date(2025, 3, 31))],
)
def test_months_before(day: date, expected: date) -> None:
    assert months_before(day, 12) == expected
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_cells_cannot_inject_markdown_or_html() -> None:
    assert cell('a | b <script>x</script> [k](javascript:alert(1)) *x* `c`\nbaris') == (
        "a &#124; b &lt;script&gt;x&lt;/script&gt; \\[k\\](javascript:alert(1)) \\*x\\* \\`c\\` baris"
    )


# The pull request summary --------------------------------------------------------------------


@pytest.fixture
def pr_repo(make_catalogue: Callable[..., Settings]) -> Settings:
    """main with one producer and two products; the PR adds one, breaks one, deletes one, edits a template."""
    settings = make_catalogue({
        "products/kelompok-contoh/kopi/produk.yml": PRODUCT_YML,
        "products/kelompok-contoh/kopi/depan.jpg": photo_bytes(color=(10, 20, 30)),
        "products/lain-contoh/produsen.yml": PRODUCER_YML + ACCOUNTS_YML,
        "products/lain-contoh/teh/produk.yml": PRODUCT_YML,
        "products/lain-contoh/teh/depan.jpg": photo_bytes(color=(40, 50, 60)),
        "overrides/main.html": "asli\n",
    })
    root = settings.root
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "awal")
    git(root, "checkout", "-q", "-b", "pr")
    write_tree(root, {
        "products/usaha-baru/produsen.yml": PRODUCER_YML + ACCOUNTS_YML,
        "products/usaha-baru/sirup/produk.yml": PRODUCT_YML.replace("kategori: pangan-olahan", "kategori: minuman"),
        "products/usaha-baru/sirup/depan.jpg": photo_bytes(color=(70, 80, 90)),
        "products/kelompok-contoh/kopi/produk.yml": PRODUCT_YML.replace("rupiah: 75000", "rupiah: 75.000"),
        "overrides/main.html": "diubah\n",
    })
    subprocess.run(["git", "rm", "-q", "-r", "products/kelompok-contoh/madu"], cwd=root, check=True)
    commit_all(root, "pr")
    return settings


def test_pr_summary_table(pr_repo: Settings) -> None:
    text = render_pr_summary(pr_repo, "main")
    lines = text.splitlines()
    assert lines[:6] == [
        "## Ringkasan pemeriksaan katalog",
        "",
        "Dibandingkan dengan main: 7 berkas berubah, 3 produk terdampak.",
        "",
        "| Produk | Perubahan | Masalah | Alamat halaman |",
        "|---|---|---|---|",
    ]
    assert lines[6] == (
        "| kelompok-contoh/kopi | diubah | **1 galat, 0 peringatan**<br>produk.yml:13:13: galat: harga\\[0\\].rupiah \"75.000\" "
        "terbaca sebagai pecahan; tulis angka bulat tanpa titik, misalnya tulis 75000 "
        "| https://contoh.github.io/katalog/produk/kelompok-contoh/kopi/ (setelah galat diperbaiki) |"
    )
    assert lines[7] == "| kelompok-contoh/madu | dihapus | tidak ada | halaman dihapus |"
    assert lines[8] == "| usaha-baru/sirup | baru | tidak ada | https://contoh.github.io/katalog/produk/usaha-baru/sirup/ |"
    assert lines[9:] == [
        "",
        "### Cakupan perubahan",
        "",
        "| Berkas | Tingkat | Pesan |",
        "|---|---|---|",
        "| overrides/main.html | galat | perlu ditinjau pengelola: berkas ini berada di luar folder products/; "
        "pull request produsen hanya boleh mengubah berkas di products/ |",
        "| products | peringatan | pull request ini mengubah 2 folder produsen (kelompok-contoh, usaha-baru); "
        "produsen biasanya hanya mengubah foldernya sendiri, jadi pengelola perlu memeriksanya |",
    ]


def test_pr_summary_producer_change_touches_its_products(pr_repo: Settings) -> None:
    root = pr_repo.root
    git(root, "checkout", "-q", "-b", "kontak", "main")
    (root / "products/lain-contoh/produsen.yml").write_text((PRODUCER_YML + ACCOUNTS_YML).replace("0812-3456-7890", "0813-1111-2222"), encoding="utf-8")
    commit_all(root, "kontak baru")
    result = CliRunner().invoke(main, ["pr-summary", "--root", str(root), "--base", "main"])
    assert result.exit_code == 0, result.output
    # No mkdocs.yml in this project, so no site_url: addresses are relative to the site root.
    assert "| lain-contoh/teh | data produsen diubah | tidak ada | /produk/lain-contoh/teh/ |" in result.output.splitlines()
    assert "data produsen yang sudah ada diubah (mungkin nomor WhatsApp)" in result.output


def test_pr_summary_bad_base_exits_two(pr_repo: Settings, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pr-summary", "--root", str(pr_repo.root), "--base", "tidak-ada"])
    assert result.exit_code == 2

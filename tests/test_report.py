"""`catalogue-gen report` and `catalogue-gen pr-summary`: Markdown for maintainers."""

from __future__ import annotations

import dataclasses
import html
import json
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from catalogue_gen.cli import main
from catalogue_gen.model import Catalogue
from catalogue_gen.pipeline import CheckResult, check
from catalogue_gen.report import (
    cell,
    months_before,
    render_pr_summary,
    render_report,
    render_report_json,
)
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
    expired = (
        PRODUCT_YML.replace('"2065302010052-29"', '"2065302010052-23"') + "diperbarui: 2026-10-01\n"
    )
    in_process = (
        PRODUCT_YML.replace('nomor: "ID53110012345670825"', "status: dalam-proses")
        + "diperbarui: 2026-09-30\n"
    )
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
        "products/kelompok-contoh/sirup/produk.yml": PRODUCT_YML.replace(
            "kategori: pangan-olahan", "kategori: minuman"
        ),
        "products/kelompok-contoh/sirup/depan.jpg": photo_bytes(color=(100, 110, 120)),
    }


def test_report_lists_what_needs_a_producer(make_catalogue: Callable[..., Settings]) -> None:
    settings = dataclasses.replace(make_catalogue(catalogue_files()), build_date=TODAY)
    text = render_report(check(settings), TODAY)
    assert (
        text
        == """\
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
| kelompok-contoh/gula | products/kelompok-contoh/gula/produk.yml | kategori pangan-olahan: halal: {status: dalam-proses} |

## Data lama atau tanpa tanggal diperbarui

Produk yang tanggal diperbarui: lebih dari 12 bulan lalu atau tidak diisi. Minta produsen memeriksa harga, stok dan izinnya, lalu menulis tanggal hari itu di diperbarui:.

| Produk | Berkas | Keterangan |
|---|---|---|
| kelompok-contoh/kopi | products/kelompok-contoh/kopi/produk.yml | terakhir diperbarui 2025-10-31 |
| kelompok-contoh/sirup | products/kelompok-contoh/sirup/produk.yml | tidak ada diperbarui: |

## Izin yang segera berakhir

Izin yang sudah berakhir atau berakhir dalam 90 hari, yang paling mendesak di atas. Nomor P-IRT hanya memuat tahun berakhir, jadi izin dianggap berakhir pada akhir tahun itu; sertifikat halal lama memuat tanggal berakhir yang tepat. Minta produsen memperbarui izinnya sebelum berakhir.

| Produk | Nama | Jenis izin | Nomor | Berakhir | Status |
|---|---|---|---|---|---|
| products/kelompok-contoh/madu/produk.yml | Madu Hutan Contoh | pirt | P-IRT No. 2065302010052-23 | akhir tahun 2023 | sudah berakhir |

## Nomor yang diterima dengan peringatan

Nomor izin dan halal ini tampil di halaman produk, tetapi pemeriksa memberi peringatan. Cocokkan dengan label produk atau situs penerbitnya.

Tidak ada.

## Peringatan pemeriksa

Tidak ada.

## Galat (produk tidak tampil)

Tidak ada.
"""
    )


def test_report_lists_errors_and_other_warnings(make_catalogue: Callable[..., Settings]) -> None:
    files = {
        "products/kelompok-contoh/madu/produk.yml": PRODUCT_YML.replace(
            "rupiah: 75000", "rupiah: 75.000"
        )
        + "diperbarui: 2026-10-01\n",
        "products/kelompok-contoh/madu/sisa.jpg": photo_bytes(),
    }
    settings = dataclasses.replace(make_catalogue(files), build_date=TODAY)
    text = render_report(check(settings), TODAY)
    assert (
        '| products/kelompok-contoh/madu/produk.yml | 0:0 | peringatan: foto "sisa.jpg" tidak disebut di foto: dan tidak akan tampil |'
        in text
    )
    assert (
        '| products/kelompok-contoh/madu/produk.yml | 13:13 | galat: harga\\[0\\].rupiah "75.000" terbaca sebagai pecahan; '
        "tulis angka bulat tanpa titik, misalnya tulis 75000 |"
    ) in text
    assert text.startswith(
        "# Laporan katalog per 2026-11-01\n\n0 produk sah dari 1 produsen; 1 galat dan 1 peringatan"
    )


def test_report_command(
    make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_catalogue(catalogue_files())
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", "1793448000"
    )  # 2026-10-31 12:00 UTC: kopi is exactly 12 months old
    result = CliRunner().invoke(main, ["report", "--root", str(settings.root)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Laporan katalog per 2026-10-31\n")
    assert (
        "| kelompok-contoh/kopi | products/kelompok-contoh/kopi/produk.yml | terakhir diperbarui 2025-10-31 |"
        not in result.output
    )


# Permits ending soon and numbers accepted with a warning (issue 11) ---------------------------

EXPIRING_HEADER = "| Produk | Nama | Jenis izin | Nomor | Berakhir | Status |"
EXPIRING_RULE = "|---|---|---|---|---|---|"
MADU = "products/kelompok-contoh/madu/produk.yml"


def checked(
    make_catalogue: Callable[..., Settings], files: dict[str, str | bytes | None], today: date
) -> CheckResult:
    settings = dataclasses.replace(make_catalogue(files), build_date=today)
    return check(settings)


def section(text: str, title: str) -> list[str]:
    """The non-empty lines of one `## title` section, up to the next one."""
    lines = text.splitlines()
    start = lines.index(f"## {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start:end] if line]


def with_product(result: CheckResult, slug: str, **changes: Any) -> CheckResult:
    """`result` with one product's model changed, for values the YAML cannot hold."""
    products = [
        dataclasses.replace(p, **changes) if p.slug == slug else p
        for p in result.catalogue.products
    ]
    return dataclasses.replace(result, catalogue=Catalogue(result.catalogue.producers, products))


def expiring_row(status: str, year: str = "26") -> str:
    return f"| {MADU} | Madu Hutan Contoh | pirt | P-IRT No. 2065302010052-{year} | akhir tahun 20{year} | {status} |"


@pytest.mark.parametrize(
    ("today", "rows"),
    [
        # "-26" ends during 2026: counted to 31 December, never shown as an exact date
        (
            date(2026, 12, 2),
            [EXPIRING_HEADER, EXPIRING_RULE, expiring_row("berakhir dalam 29 hari")],
        ),
        (
            date(2026, 10, 2),
            [EXPIRING_HEADER, EXPIRING_RULE, expiring_row("berakhir dalam 90 hari")],
        ),
        (date(2026, 12, 31), [EXPIRING_HEADER, EXPIRING_RULE, expiring_row("berakhir hari ini")]),
        (date(2026, 10, 1), ["Tidak ada."]),  # 91 days before
        (date(2026, 3, 1), ["Tidak ada."]),
    ],
)
def test_pirt_ending_this_year_is_listed_within_90_days(
    make_catalogue: Callable[..., Settings], today: date, rows: list[str]
) -> None:
    files: dict[str, str | bytes | None] = {
        MADU: PRODUCT_YML.replace('"2065302010052-29"', '"2065302010052-26"')
    }
    text = render_report(checked(make_catalogue, files, today), today)
    assert section(text, "Izin yang segera berakhir")[1:] == rows


def test_ended_permits_come_first_and_halal_dates_are_exact(
    make_catalogue: Callable[..., Settings],
) -> None:
    today = date(2026, 3, 1)
    files: dict[str, str | bytes | None] = {
        MADU: PRODUCT_YML.replace(
            '"2065302010052-29"', '"2065302010052-25"'
        ),  # ended 31 December 2025
        "products/kelompok-contoh/gula/produk.yml": PRODUCT_YML.replace(
            "Madu Hutan", "Gula Lempeng"
        ),
        "products/kelompok-contoh/gula/depan.jpg": photo_bytes(color=(10, 20, 30)),
        "products/kelompok-contoh/kopi/produk.yml": PRODUCT_YML.replace("Madu Hutan", "Kopi"),
        "products/kelompok-contoh/kopi/depan.jpg": photo_bytes(color=(40, 50, 60)),
    }
    result = checked(make_catalogue, files, today)
    halal = {p.slug: p.halal for p in result.catalogue.products}
    assert halal["gula"] is not None and halal["kopi"] is not None
    # Set on the model directly: the report must not depend on how halal.berlaku_sampai is read.
    result = with_product(
        result, "gula", halal=dataclasses.replace(halal["gula"], valid_until=date(2026, 4, 15))
    )
    result = with_product(
        result, "kopi", halal=dataclasses.replace(halal["kopi"], valid_until=date(2026, 6, 1))
    )  # 92 days
    rows = section(render_report(result, today), "Izin yang segera berakhir")[3:]
    assert rows == [
        expiring_row("sudah berakhir", "25"),
        "| products/kelompok-contoh/gula/produk.yml | Gula Lempeng Contoh | halal | ID53110012345670825 | 2026-04-15 | berakhir dalam 45 hari |",
    ]
    document = json.loads(render_report_json(result, today))
    assert document["izin_berakhir"][1] == {
        "produk": "kelompok-contoh/gula",
        "berkas": "products/kelompok-contoh/gula/produk.yml",
        "nama": "Gula Lempeng Contoh",
        "jenis": "halal",
        "nomor": "ID53110012345670825",
        "berakhir": "2026-04-15",
        "berakhir_tepat": True,
        "berakhir_tertulis": "2026-04-15",
        "sisa_hari": 45,
        "status": "berakhir dalam 45 hari",
    }
    assert document["izin_berakhir"][0]["berakhir_tepat"] is False
    assert document["izin_berakhir"][0]["berakhir_tertulis"] == "akhir tahun 2025"
    assert document["izin_berakhir"][0]["sisa_hari"] == -60


# izin[0], its duplicate izin[1] (dropped by the validator), then a P-IRT with Kota Kupang's code
# for a TTS producer, and an old MUI halal number: izin[2] is the second license of the model.
WARNED_YML = PRODUCT_YML.replace(
    '    nomor: "2065302010052-29"\n',
    '    nomor: "2065302010052-29"\n'
    '  - jenis: pirt\n    nomor: "2065302010052-29"\n'
    '  - jenis: pirt\n    nomor: "2065371010052-29"\n',
).replace('nomor: "ID53110012345670825"', 'nomor: "LPPOM MUI 00150012345678"')


def test_numbers_accepted_with_a_warning_are_listed_with_their_line(
    make_catalogue: Callable[..., Settings],
) -> None:
    result = checked(make_catalogue, {MADU: WARNED_YML}, TODAY)
    assert {p.code for p in result.problems.warnings} >= {
        "LICENSE_DUPLICATE",
        "PIRT_REGENCY_MISMATCH",
        "HALAL_LEGACY_MUI",
    }
    rows = section(render_report(result, TODAY), "Nomor yang diterima dengan peringatan")[1:]
    assert rows[:2] == ["| Berkas | Kunci | Nomor | Peringatan |", "|---|---|---|---|"]
    assert [row.split(" | ")[:3] for row in rows[2:]] == [
        [f"| {MADU}:20", "izin\\[2\\].nomor", "P-IRT No. 2065371010052-29"],
        [f"| {MADU}:22", "halal.nomor", "MUI 00150012345678"],
    ]
    assert "memakai kode wilayah 5371" in rows[2] and rows[2].count("|") == 5
    assert "tampak seperti nomor sertifikat MUI lama" in rows[3]


def test_a_product_with_a_galat_has_no_accepted_numbers(
    make_catalogue: Callable[..., Settings],
) -> None:
    result = checked(
        make_catalogue, {MADU: WARNED_YML.replace("rupiah: 75000", "rupiah: 75.000")}, TODAY
    )
    assert result.catalogue.products == [] and result.problems.has_errors
    assert section(render_report(result, TODAY), "Nomor yang diterima dengan peringatan")[1:] == [
        "Tidak ada."
    ]


def test_report_json(
    make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    # izin[0] expired: izin[1] is no longer its duplicate, so izin[2] is the model's third license
    files = {
        **catalogue_files(),
        MADU: WARNED_YML.replace('-29"\n  - jenis', '-23"\n  - jenis', 1)
        + "diperbarui: 2026-10-01\n",
    }
    settings = make_catalogue(files)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793448000")  # 2026-10-31 12:00 UTC
    result = CliRunner().invoke(main, ["report", "--root", str(settings.root), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert list(document) == [
        "tanggal",
        "ringkasan",
        "pirt_kedaluwarsa",
        "halal_dalam_proses",
        "data_lama",
        "izin_berakhir",
        "peringatan_nomor",
        "peringatan",
        "galat",
    ]
    assert document["tanggal"] == "2026-10-31"
    assert document["ringkasan"]["produk"] == 5 and document["ringkasan"]["galat"] == 0
    assert document["pirt_kedaluwarsa"] == [
        {
            "produk": "kelompok-contoh/madu",
            "berkas": MADU,
            "nama": "Madu Hutan Contoh",
            "nomor": "P-IRT No. 2065302010052-23",
            "tahun_berakhir": 2023,
        }
    ]
    assert [item["produk"] for item in document["halal_dalam_proses"]] == ["kelompok-contoh/gula"]
    assert [(item["produk"], item["diperbarui"]) for item in document["data_lama"]] == [
        ("kelompok-contoh/sirup", None)
    ]
    assert [(item["nomor"], item["status"]) for item in document["izin_berakhir"]] == [
        ("P-IRT No. 2065302010052-23", "sudah berakhir")
    ]
    warned = document["peringatan_nomor"]
    assert [(w["path"], w["line"], w["key"], w["nomor"], w["code"]) for w in warned] == [
        (MADU, 20, "izin[2].nomor", "P-IRT No. 2065371010052-29", "PIRT_REGENCY_MISMATCH"),
        (MADU, 22, "halal.nomor", "MUI 00150012345678", "HALAL_LEGACY_MUI"),
    ]
    assert warned[0]["level"] == "peringatan" and "5371" in warned[0]["message"]
    # the checker's own list stays complete, as in the Markdown
    assert {"PIRT_REGENCY_MISMATCH", "HALAL_LEGACY_MUI"} <= {
        p["code"] for p in document["peringatan"]
    }
    assert "PIRT_EXPIRED" not in {p["code"] for p in document["peringatan"]}
    assert document["galat"] == []
    markdown = CliRunner().invoke(main, ["report", "--root", str(settings.root)])
    assert markdown.output.startswith("# Laporan katalog per 2026-10-31\n")
    assert (
        CliRunner()
        .invoke(main, ["report", "--root", str(settings.root), "--format", "xml"])
        .exit_code
        == 2
    )


def test_producer_text_cannot_break_the_new_tables(make_catalogue: Callable[..., Settings]) -> None:
    today = date(2026, 3, 1)
    yml = PRODUCT_YML.replace("nama: Madu Hutan Contoh", 'nama: "Madu | Hutan Contoh"').replace(
        '"2065302010052-29"', '"2065302010052-25"'
    )
    result = checked(make_catalogue, {MADU: yml}, today)
    assert [p.name for p in result.catalogue.products] == ["Madu | Hutan Contoh"]
    rows = section(render_report(result, today), "Izin yang segera berakhir")[3:]
    assert rows == [
        f"| {MADU} | Madu &#124; Hutan Contoh | pirt | P-IRT No. 2065302010052-25 | akhir tahun 2025 | sudah berakhir |"
    ]
    # nama: is one line, but the model is what the report trusts; a newline must not end the row.
    text = render_report(
        with_product(result, "madu", name="Madu\n| x | y |\n## Judul palsu"), today
    )
    rows = section(text, "Izin yang segera berakhir")[3:]
    assert len(rows) == 1 and rows[0].count("|") == 7
    assert "## Judul palsu" not in text.splitlines()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 1), date(2025, 11, 1)),
        (date(2028, 2, 29), date(2027, 2, 28)),
        (date(2026, 3, 31), date(2025, 3, 31)),
    ],
)
def test_months_before(day: date, expected: date) -> None:
    assert months_before(day, 12) == expected
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_cells_cannot_inject_markdown_or_html() -> None:
    assert cell("a | b <script>x</script> [k](javascript:alert(1)) *x* `c`\nbaris") == (
        "a &#124; b &lt;script&gt;x&lt;/script&gt; \\[k\\](javascript:alert(1)) \\*x\\* \\`c\\` baris"
    )


# The pull request summary --------------------------------------------------------------------


@pytest.fixture
def pr_repo(make_catalogue: Callable[..., Settings]) -> Settings:
    """main with one producer and two products; the PR adds one, breaks one, deletes one, edits a template."""
    settings = make_catalogue(
        {
            "products/kelompok-contoh/kopi/produk.yml": PRODUCT_YML,
            "products/kelompok-contoh/kopi/depan.jpg": photo_bytes(color=(10, 20, 30)),
            "products/lain-contoh/produsen.yml": PRODUCER_YML + ACCOUNTS_YML,
            "products/lain-contoh/teh/produk.yml": PRODUCT_YML,
            "products/lain-contoh/teh/depan.jpg": photo_bytes(color=(40, 50, 60)),
            "overrides/main.html": "asli\n",
        }
    )
    root = settings.root
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "awal")
    git(root, "checkout", "-q", "-b", "pr")
    write_tree(
        root,
        {
            "products/usaha-baru/produsen.yml": PRODUCER_YML + ACCOUNTS_YML,
            "products/usaha-baru/sirup/produk.yml": PRODUCT_YML.replace(
                "kategori: pangan-olahan", "kategori: minuman"
            ),
            "products/usaha-baru/sirup/depan.jpg": photo_bytes(color=(70, 80, 90)),
            "products/kelompok-contoh/kopi/produk.yml": PRODUCT_YML.replace(
                "rupiah: 75000", "rupiah: 75.000"
            ),
            "overrides/main.html": "diubah\n",
        },
    )
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
        '| kelompok-contoh/kopi | diubah | **1 galat, 0 peringatan**<br>produk.yml:13:13: galat: harga\\[0\\].rupiah "75.000" '
        "terbaca sebagai pecahan; tulis angka bulat tanpa titik, misalnya tulis 75000 "
        "| https://contoh.github.io/katalog/produk/kelompok-contoh/kopi/ (setelah galat diperbaiki) |"
    )
    assert lines[7] == "| kelompok-contoh/madu | dihapus | tidak ada | halaman dihapus |"
    assert (
        lines[8]
        == "| usaha-baru/sirup | baru | tidak ada | https://contoh.github.io/katalog/produk/usaha-baru/sirup/ |"
    )
    assert lines[9:] == [
        "",
        "### Cakupan perubahan",
        "",
        "| Berkas | Tingkat | Pesan |",
        "|---|---|---|",
        (
            "| overrides/main.html | galat | perlu ditinjau pengelola: berkas ini berada di luar folder products/; "
            "pull request produsen hanya boleh mengubah berkas di products/ |"
        ),
        (
            "| products | peringatan | pull request ini mengubah 2 folder produsen (kelompok-contoh, usaha-baru); "
            "produsen biasanya hanya mengubah foldernya sendiri, jadi pengelola perlu memeriksanya |"
        ),
    ]


def test_pr_summary_producer_change_touches_its_products(pr_repo: Settings) -> None:
    root = pr_repo.root
    git(root, "checkout", "-q", "-b", "kontak", "main")
    (root / "products/lain-contoh/produsen.yml").write_text(
        (PRODUCER_YML + ACCOUNTS_YML).replace("0812-3456-7890", "0813-1111-2222"), encoding="utf-8"
    )
    commit_all(root, "kontak baru")
    result = CliRunner().invoke(main, ["pr-summary", "--root", str(root), "--base", "main"])
    assert result.exit_code == 0, result.output
    # No mkdocs.yml in this project, so no site_url: addresses are relative to the site root.
    assert (
        "| lain-contoh/teh | data produsen diubah | tidak ada | /produk/lain-contoh/teh/ |"
        in result.output.splitlines()
    )
    assert "data produsen yang sudah ada diubah (mungkin nomor WhatsApp)" in result.output


def test_pr_summary_bad_base_exits_two(pr_repo: Settings, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["pr-summary", "--root", str(pr_repo.root), "--base", "tidak-ada"]
    )
    assert result.exit_code == 2


def test_producer_text_cannot_link_or_mention_in_a_report_cell() -> None:
    from catalogue_gen.report import cell

    shown = cell("Madu https://contoh-jahat.id/x www.contoh.id @pengelola")
    assert "://" not in shown and "www." not in shown and "@" not in shown
    assert html.unescape(shown) == "Madu https://contoh-jahat.id/x www.contoh.id @pengelola"

"""The "Buat berkas produk" page in headless Chromium: what it writes passes `catalogue-gen validate`.

The form is the sample site's `buat/` page (the `www` build of products/ that every browser
module shares, tests/conftest.py), served under /katalog/ on 127.0.0.1, and driven with
Playwright through Debian's /usr/bin/chromium (never `playwright install`). A 360x800 screenshot is left in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from catalogue_gen.licenses import parse_halal_number, parse_license
from catalogue_gen.load import slugify
from catalogue_gen.regencies import find_regency
from catalogue_gen.validate import normalise_phone

from .browser_support import SUB_PATH, wait_for_script
from .conftest import PRODUCER_YML, REPO, photo_bytes
from .test_licenses import ACCEPTED, REAL_WORLD, REAL_WORLD_HALAL, REFUSED

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CATALOGUE_GEN = str(Path(sys.executable).parent / "catalogue-gen")
ARTIFACTS = REPO / "test-artifacts"
NEW_FILE = "https://github.com/beli-produk-ntt/katalog/new/main"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CATALOGUE_GEN, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def project(www: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(a project root, the slug of a producer in it to add a product to).

    The form is served from the sample site the other browser tests share (`www`, built once per
    run from products/): the page the form tests fill in is that build's `buat/`. The root is the
    repository itself, only read (a test copies the producer's folder before writing into it).
    """
    assert (www / SUB_PATH / "buat/index.html").is_file()
    assert (www / SUB_PATH / "assets/form.js").is_file()
    root = REPO
    if not any((REPO / "products").glob("*/produsen.yml")):
        root = tmp_path_factory.mktemp("form-producer")
        (root / "products/kelompok-contoh").mkdir(parents=True)
        (root / "products/kelompok-contoh/produsen.yml").write_text(PRODUCER_YML, encoding="utf-8")
    return root, sorted(p.parent.name for p in (root / "products").glob("*/produsen.yml"))[0]


@pytest.fixture
def page(browser: Any, base_url: str, project: tuple[Path, str]) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, device_scale_factor=1, locale="id-ID"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(base_url + "buat/")
    wait_for_script(page, "window.BeliProdukForm !== undefined")
    yield page
    context.close()
    # No script error and no Content-Security-Policy violation while the test used the page.
    assert errors == []


def pirt_for(root: Path, producer: str) -> str:
    """A P-IRT number issued in the producer's regency, expiring in 2029 (no warning)."""
    import yaml

    regency = find_regency(
        yaml.safe_load((root / "products" / producer / "produsen.yml").read_text(encoding="utf-8"))[
            "kabupaten"
        ]
    )
    assert regency is not None
    return f"P-IRT No. 206{regency.code}010052-29"


def fill_minuman(page: Any, producer: str, photo: Path, pirt: str) -> None:
    page.fill("#f-produsen", producer)
    page.fill("#f-nama", 'Sirup Jahe Merah "Oenesu" #1')
    page.select_option("#f-kategori", "minuman")
    page.fill("#f-ringkasan", "Sirup jahe merah: manis gula lontar & pedas jahe.")
    page.fill(
        "#f-deskripsi",
        'Dibuat dari jahe merah kebun sendiri; "tanpa pengawet".\nGaris miring \\ tetap.\n\n\n\n& Paragraf kedua: diminum hangat.',
    )
    page.set_input_files("#f-foto-pilih", str(photo))
    page.fill("#f-foto-keterangan", "Botol sirup 250 ml")
    page.fill("[data-row=harga] [data-field=varian]", "250 ml")
    page.fill("[data-row=harga] [data-field=rupiah]", "Rp 35.000")
    page.click("[data-add=harga]")
    page.fill("[data-row=harga]:nth-of-type(2) [data-field=varian]", "1 liter")
    page.fill("[data-row=harga]:nth-of-type(2) [data-field=rupiah]", "120000")
    page.select_option("[data-row=izin] [data-field=jenis]", "pirt")
    page.fill("[data-row=izin] [data-field=nomor]", pirt)
    page.select_option("#f-halal", "dalam-proses")
    page.fill("#f-komposisi", "jahe merah, gula lontar, air")
    page.fill("#f-kata-kunci", "sirup jahe, ginger syrup")


def test_form_writes_a_produk_yml_that_validates(
    page: Any, project: tuple[Path, str], tmp_path: Path
) -> None:
    root, producer = project
    photo = tmp_path / "sirup-depan.jpg"
    photo.write_bytes(photo_bytes(900, 700))
    pirt = pirt_for(root, producer)
    fill_minuman(page, producer, photo, pirt)

    text = page.text_content("#f-yaml")
    assert page.text_content("#f-problems") == ""
    assert page.is_visible("#f-ok")
    assert page.input_value("#f-folder") == "sirup-jahe-merah-oenesu-1"
    assert (
        page.text_content("#f-path") == f"products/{producer}/sirup-jahe-merah-oenesu-1/produk.yml"
    )
    assert 'nama: "Sirup Jahe Merah \\"Oenesu\\" #1"' in text
    assert "    rupiah: 35000\n" in text and "    rupiah: 120000\n" in text
    assert f'    nomor: "{pirt}"' in text
    assert '  - berkas: "sirup-depan.jpg"\n    keterangan: "Botol sirup 250 ml"' in text

    # the GitHub button carries exactly this text
    link = page.get_attribute("#f-github", "href")
    assert page.get_attribute("#f-github", "aria-disabled") is None
    parts = urlsplit(link)
    query = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == NEW_FILE
    assert query["filename"] == [f"products/{producer}/sirup-jahe-merah-oenesu-1/produk.yml"]
    assert query["value"] == [text]

    # written with its photo into a copy of the producer's folder, it passes catalogue-gen validate
    check_root = tmp_path / "katalog"
    shutil.copytree(root / "products" / producer, check_root / "products" / producer)
    folder = check_root / "products" / producer / "sirup-jahe-merah-oenesu-1"
    folder.mkdir()
    (folder / "produk.yml").write_text(text, encoding="utf-8")
    shutil.copy(photo, folder / photo.name)
    done = run("validate", "--root", str(check_root), cwd=check_root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "galat" not in done.stdout.replace("0 galat", "")
    # no warning either, except that halal "dalam-proses" is past its 17 October 2026 deadline
    lines = [
        line
        for line in done.stdout.splitlines()
        if f"products/{producer}/sirup-jahe-merah-oenesu-1/" in line
    ]
    # (one line, from that day on: an empty list must not pass for "only that warning")
    from catalogue_gen.categories import HALAL_MANDATORY_FROM

    assert len(lines) == (1 if date.today() >= HALAL_MANDATORY_FROM else 0), lines
    assert all("sejak 17 Oktober 2026 sertifikat halal wajib" in line for line in lines), lines

    import yaml

    data = yaml.safe_load(text)
    assert (
        data["deskripsi"]
        == 'Dibuat dari jahe merah kebun sendiri; "tanpa pengawet".\nGaris miring \\ tetap.\n\n& Paragraf kedua: diminum hangat.'
    )
    assert data["halal"] == {"status": "dalam-proses"}
    assert data["komposisi"] == ["jahe merah", "gula lontar", "air"]


def test_new_producer_gets_a_produsen_yml_too(page: Any, tmp_path: Path) -> None:
    page.fill("#f-produsen", "tenun-baru-contoh")
    page.check("#f-produsen-baru")
    page.fill("#f-produsen-nama", 'Kelompok Tenun "Ina" Kambera')
    page.select_option("#f-kabupaten", "sumba-timur")
    page.fill("#f-whatsapp", "+62 813-3700-1234")
    page.fill("#f-akun-github", "@Tenun-Ina")
    page.fill("#f-nama", "Selendang Ikat Kombu")
    page.select_option("#f-kategori", "tenun")
    page.fill("#f-ringkasan", "Selendang tenun ikat pewarna akar mengkudu.")
    page.fill("#f-deskripsi", "Ditenun tangan selama tiga minggu.")
    page.fill("#f-foto", "selendang.jpg")
    assert page.text_content("#f-problems") == ""
    producer_link = urlsplit(page.get_attribute("#f-github-produsen", "href"))
    assert parse_qs(producer_link.query)["filename"] == ["products/tenun-baru-contoh/produsen.yml"]

    folder = tmp_path / "products/tenun-baru-contoh/selendang-ikat-kombu"
    folder.mkdir(parents=True)
    (folder.parent / "produsen.yml").write_text(
        page.text_content("#f-produsen-yaml"), encoding="utf-8"
    )
    (folder / "produk.yml").write_text(page.text_content("#f-yaml"), encoding="utf-8")
    (folder / "selendang.jpg").write_bytes(photo_bytes(900, 700))
    done = run("validate", "--root", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("0 galat, 0 peringatan.")
    assert 'akun_github: ["Tenun-Ina"]' in page.text_content("#f-produsen-yaml")


def test_malformed_bpom_md_shows_the_error_while_typing(page: Any) -> None:
    page.select_option("[data-row=izin] [data-field=jenis]", "bpom-md")
    number = page.locator("[data-row=izin] [data-field=nomor]")
    number.press_sequentially("MD 12345", delay=20)
    error = page.locator("[data-row=izin] [data-error]")
    # still in the field: no blur, no submit
    assert page.evaluate("document.activeElement.getAttribute('data-field')") == "nomor"
    assert (
        error.text_content()
        == "Nomor BPOM MD harus MD dan 12 atau 15 digit (ada 5 digit), contoh BPOM RI MD 224510107115"
    )
    assert number.get_attribute("aria-invalid") == "true"
    assert page.get_attribute("#f-github", "aria-disabled") == "true"
    number.press_sequentially("6789012", delay=10)
    assert error.text_content() == ""
    assert number.get_attribute("aria-invalid") == "false"

    page.select_option("[data-row=izin] [data-field=jenis]", "bpom-md")
    number.fill("POM TR 172302151")
    assert error.text_content().startswith("Ini nomor TR, bukan MD;")


def test_phone_screenshot_and_no_sideways_scroll(
    page: Any, project: tuple[Path, str], tmp_path: Path
) -> None:
    photo = tmp_path / "sirup-depan.jpg"
    photo.write_bytes(photo_bytes(900, 700))
    fill_minuman(page, project[1], photo, pirt_for(*project))
    page.select_option("[data-row=izin] [data-field=jenis]", "bpom-md")
    page.fill("[data-row=izin] [data-field=nomor]", "MD 2245")
    page.eval_on_selector(
        "[data-row=izin] [data-error]", "e => e.scrollIntoView({block: 'center'})"
    )
    assert page.is_visible("[data-row=izin] [data-error]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for selector in (
        "#f-nama",
        "#f-kategori",
        "#f-deskripsi",
        "[data-row=izin] [data-field=nomor]",
        "#f-github",
    ):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "form-360x800.png"))
    page.locator("#hasil").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "form-360x800-hasil.png"))


# The JavaScript ports agree with the Python originals ----------------------------------------


def test_license_checks_agree_with_licenses_py(page: Any) -> None:
    samples = (
        [(kind, number) for kind, number, _ in ACCEPTED + REFUSED]
        + [(kind, number) for kind, number, _, _ in REAL_WORLD]
        + [
            ("psat", "PSAT"),
            ("psat", "12/2018"),
            ("psat", "53/71-3-I.II/14-012-12"),
            ("bpom-md", "(90)MD 12345"),
            ("bpom-tr", "POM TR 172302151E"),
            ("bpom-sd", "POM SD 123456789E"),
            ("pirt", "2065371010052-2"),
            ("pirt", "P IRT 2065371010052 / 24"),
            ("notifikasi-kosmetik", "NKIT12345678"),
            ("sni", "SNI 3553-2015"),
            ("bpom-md", "ＭＤ　２２４５１０１０７１１５"),
            ("bpom-md", "md 2245-1010-7115"),
            ("bpom-ml", "ML240935001200027"),
        ]
    )
    results = page.evaluate(
        "samples => samples.map(([k, n]) => window.BeliProdukForm.checkLicense(k, n))", samples
    )
    for (kind, number), js in zip(samples, results, strict=True):
        python = parse_license(kind, number)
        assert (js.get("error") is None) == (python.error is None), (kind, number, js)
        if python.error is None:
            assert js["canonical"] == python.canonical, (kind, number)
            assert ("warning" in js) == bool(python.warnings), (kind, number)


def test_halal_phone_price_and_slug_checks_agree(page: Any) -> None:
    halal = [
        "ID33110018517710724",
        "ID 3311 0018 5177 10724",
        "No. ID33110018517710724",
        "id33110018517710724",
        "KH.12345/2024",
        "LPPOM-00150084360617",
        "ID3311001851771072",
        "ID331100185177107245",
        "HALAL",
        "ID-ABC",
        "LPPOM MUI 0101001234099",
        "01010012340998",
        *[number for number, _, _ in REAL_WORLD_HALAL],
    ]
    results = page.evaluate("xs => xs.map(x => window.BeliProdukForm.checkHalal(x))", halal)
    for number, js in zip(halal, results, strict=True):
        python = parse_halal_number(number)
        assert (js.get("error") is None) == (python.error is None), number
        if python.error is None:
            assert js["canonical"] == python.canonical, number
        assert ("warning" in js) == bool(python.warnings), number

    phones = [
        "0812-3456-7890",
        "+62 812-3456-7890",
        "6281234567890",
        "(0380) 821234",
        "0812-345",
        "+1 415 555 0100",
        "08a2",
    ]
    assert page.evaluate("xs => xs.map(x => window.BeliProdukForm.normalisePhone(x))", phones) == [
        normalise_phone(p) for p in phones
    ]

    names = [
        "Madu Hutan Fatumnasi",
        "Se'i Babi Asap",
        "Kopi #1 — Bajawa!",
        "Ü",
        "Tenun ikat ‘Sumba’ 2024",
        "a" * 80,
    ]
    assert page.evaluate("xs => xs.map(x => window.BeliProdukForm.slugify(x))", names) == [
        slugify(n) for n in names[:-2]
    ] + ["tenun-ikat-sumba-2024", "a" * 60]

    prices = {
        "75000": 75000,
        "75.000": 75000,
        "Rp 75.000,-": 75000,
        "rp75.000,00": 75000,
        "1.250.000": 1250000,
        "7,5": None,
        "75rb": None,
        "0": None,
        "-5": None,
    }
    assert page.evaluate(
        "xs => xs.map(x => window.BeliProdukForm.parseRupiah(x))", list(prices)
    ) == list(prices.values())


def test_quoting_survives_any_text(page: Any) -> None:
    import yaml

    texts = [
        'a "b" \\ c',
        "#1: &x *y @z `q` %p",
        "baris\nbaru\ttab",
        "\u2028 dan \u0085",
        "yes",
        "0812",
        "~",
        "null",
        "é ñ 漢字 🙂",
    ]
    quoted = page.evaluate("xs => xs.map(x => window.BeliProdukForm.quote(x))", texts)
    for text, yaml_text in zip(texts, quoted, strict=True):
        assert yaml.safe_load("v: " + yaml_text) == {"v": text}, (text, yaml_text)
    assert json.dumps(quoted)

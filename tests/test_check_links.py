"""Each license on a built product page links where a shopper can check that very number (issue 11, item 3)."""

from __future__ import annotations

import html
import re

import pytest

from catalogue_gen.pipeline import generate

from .conftest import photo_bytes
from .golden_catalogue import materialise

PRODUCER = """nama: Usaha Izin Contoh
kabupaten: ngada
akun_github: [uji-katalog]
kontak:
  whatsapp: "0812 3456 7891"
nib: "NIB : 9120402830164"
"""

# product folder -> (category, izin lines, halal lines)
PRODUCTS: dict[str, tuple[str, str, str]] = {
    "air-gunung": (
        "air-minum-kemasan",
        '  - {jenis: bpom-md, nomor: "(90)MD223782017200236"}\n  - {jenis: sni, nomor: "SNI 3553:2015"}\n',
        '  nomor: "ID 5311 0012 3456 70826"\n',
    ),
    "jamu-kunyit": (
        "obat-tradisional",
        '  - {jenis: bpom-tr, nomor: "(90)TR236005171(91)280206"}\n',
        '  nomor: "ID53110012345670827"\n',
    ),
    "kapsul-kelor": (
        "suplemen-kesehatan",
        '  - {jenis: bpom-sd, nomor: "POM SD 123 456 788"}\n',
        "  status: dalam-proses\n",
    ),
    "sabun-sereh": (
        "kosmetik",
        '  - {jenis: notifikasi-kosmetik, nomor: "NA18240104108"}\n',
        "  status: dalam-proses\n",
    ),
    "kue-rambut": (
        "pangan-olahan",
        '  - {jenis: pirt, nomor: "DEP. KES. RI. P-IRT NO. 2065309010052-29"}\n',
        '  nomor: "LP POM MUI 01010012340998"\n  berlaku_sampai: 2027-03-31\n',
    ),
    "kue-lama": (
        "pangan-olahan",
        '  - {jenis: pirt, nomor: "2065309010053-29"}\n',
        '  nomor: "LPPOM-00150084360617"\n  berlaku_sampai: 2020-01-31\n',
    ),
    "beras-merah": (
        "pertanian-segar",
        '  - {jenis: psat, nomor: "53/09-3-I.II/14-012-12/2018"}\n',
        "",
    ),
}


def _product_yml(name: str, category: str, izin: str, halal: str) -> str:
    text = (
        f"nama: {name.replace('-', ' ').title()}\nkategori: {category}\nringkasan: Produk contoh untuk tautan pemeriksaan izin.\n"
        "deskripsi: Produk contoh yang tidak dijual.\nfoto:\n  - depan.jpg\n"
    )
    text += f"izin:\n{izin}"
    if halal:
        text += f"halal:\n{halal}"
    return text


@pytest.fixture(scope="module")
def license_items(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The `<li class="bp-license...">` items of each generated product page."""
    root = tmp_path_factory.mktemp("izin")
    settings = materialise(root)
    folder = root / "products" / "usaha-izin"
    folder.mkdir()
    (folder / "produsen.yml").write_text(PRODUCER, encoding="utf-8")
    for slug, (category, izin, halal) in PRODUCTS.items():
        (folder / slug).mkdir()
        (folder / slug / "produk.yml").write_text(
            _product_yml(slug, category, izin, halal), encoding="utf-8"
        )
        (folder / slug / "depan.jpg").write_bytes(photo_bytes(640, 480))
    result = generate(settings)
    errors = [p for p in result.problems if p.level.value == "galat"]
    assert errors == [], errors
    items = {}
    for slug in PRODUCTS:
        page = (settings.docs_dir / "produk" / "usaha-izin" / slug / "index.md").read_text(
            encoding="utf-8"
        )
        items[slug] = re.findall(r'<li class="bp-license[^"]*".*?</li>', page, re.DOTALL)
    items["kue-lama-page"] = [
        (settings.docs_dir / "produk" / "usaha-izin" / "kue-lama" / "index.md").read_text(
            encoding="utf-8"
        )
    ]
    items["produsen"] = [
        (settings.docs_dir / "produsen" / "usaha-izin" / "index.md").read_text(encoding="utf-8")
    ]
    return items


def _links(item: str) -> list[str]:
    return [
        html.unescape(href)
        for href in re.findall(r'<a class="bp-license__check" href="([^"]+)"', item)
    ]


def _copied(item: str) -> str:
    found = re.search(r'data-copy="([^"]*)"', item)
    return html.unescape(found.group(1)) if found else ""


@pytest.mark.parametrize(
    ("slug", "index", "url", "copied"),
    [
        (
            "air-gunung",
            0,
            "https://cekbpom.pom.go.id/all-produk?query=MD223782017200236",
            "MD223782017200236",
        ),
        ("jamu-kunyit", 0, "https://cekbpom.pom.go.id/all-produk?query=TR236005171", "TR236005171"),
        (
            "kapsul-kelor",
            0,
            "https://cekbpom.pom.go.id/all-produk?query=SD123456788",
            "SD123456788",
        ),
        (
            "sabun-sereh",
            0,
            "https://cekbpom.pom.go.id/all-produk?query=NA18240104108",
            "NA18240104108",
        ),
        ("air-gunung", 1, "https://bangbeni.bsn.go.id/barang-ber-sni", "SNI 3553:2015"),
        (
            "air-gunung",
            2,
            "https://bpjph.halal.go.id/search/sertifikat?no_sertifikat=ID53110012345670826",
            "ID53110012345670826",
        ),
        (
            "jamu-kunyit",
            1,
            "https://bpjph.halal.go.id/search/sertifikat?no_sertifikat=ID53110012345670827",
            "ID53110012345670827",
        ),
    ],
)
def test_checkable_kinds_link_to_the_search_for_the_number(
    license_items: dict[str, list[str]], slug: str, index: int, url: str, copied: str
) -> None:
    item = license_items[slug][index]
    assert _links(item) == [url]
    assert _copied(item) == copied


def test_pirt_says_who_issued_it_and_has_no_link(license_items: dict[str, list[str]]) -> None:
    item = license_items["kue-rambut"][0]
    assert _links(item) == []
    assert "P-IRT No. 2065309010052-29" in item
    assert "Ngada" in item and "Dinas Kesehatan" in item
    assert _copied(item) == "2065309010052-29"


def test_psat_is_shown_with_its_issuer_and_no_link(license_items: dict[str, list[str]]) -> None:
    item = license_items["beras-merah"][0]
    assert _links(item) == []
    assert "53/09-3-I.II/14-012-12/2018" in item and "PSAT" in item
    assert "Ngada" in item and "Dinas Pertanian" in item
    assert (
        "Flores Timur" not in item
    )  # 5309 is also Flores Timur's BPS code: the producer's own regency is meant


def test_old_mui_certificate_shows_its_end_date(license_items: dict[str, list[str]]) -> None:
    item = license_items["kue-rambut"][1]
    assert "MUI" in item and "01010012340998" in item
    assert 'datetime="2027-03-31">31 Maret 2027</time>' in item and "Berlaku sampai" in item
    assert _links(item) == ["https://bpjph.halal.go.id/search/sertifikat"]


def test_nib_is_shown_as_digits_without_a_check_link(license_items: dict[str, list[str]]) -> None:
    # the public NIB search is gone: the producer page must not promise a check shoppers cannot make
    page = license_items["produsen"][0]
    line = next(line for line in page.splitlines() if "<dt>NIB</dt>" in line)
    assert "9120402830164" in line and "NIB :" not in line
    assert "href" not in line and "oss.go.id" not in page


def test_an_ended_halal_certificate_is_never_sold_as_halal(
    license_items: dict[str, list[str]],
) -> None:
    page = license_items["kue-lama-page"][0]
    assert "sudah berakhir" in license_items["kue-lama"][1]
    badges = page[page.index('<p class="bp-badges"') :].split("</p>", 1)[0]
    assert 'bp-badge--halal"' not in badges and "bp-badge--expired" in badges
    assert "halal:ya" not in page

"""A catalogue big enough for several listing pages, for the finder's browser tests (issue 9).

130 products from four producers in four regencies, in five kinds: certified honey, pork
se'i whose keywords say "se'i sapi" (the trap of a beef search), food with halal in process,
weaving (no halal status at all) and certified beef se'i, whose name does not say "sapi". Every product shares one small
photo, so the photo stage processes it once and the build stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import photo_bytes

COUNT = 130
PRODUCERS = (
    ("kelompok-uji-soe", "timor-tengah-selatan"),
    ("kelompok-uji-larantuka", "flores-timur"),
    ("kelompok-uji-bajawa", "ngada"),
    ("kelompok-uji-kupang", "kota-kupang"),
)
HALAL_NUMBER = "ID53020000234560526"
PIRT_NUMBER = "P-IRT No. 2045302034567-29"


def product_data(index: int) -> dict[str, Any]:
    """produk.yml of product `index`, one of five kinds in turn."""
    kind = index % 5
    price = 10_000 + (index * 7_919) % 90_000
    data: dict[str, Any] = {
        "kategori": "pangan-olahan",
        "ringkasan": "Produk uji untuk pencarian katalog.",
        "deskripsi": "Produk uji, dibuat untuk tes peramban.",
        "foto": [{"berkas": "foto.jpg", "keterangan": f"Foto produk uji nomor {index}"}],
        "harga": [{"varian": "250 g", "rupiah": price}],
        "tersedia": index % 7 != 0,
        "diperbarui": f"2026-{1 + index % 11:02d}-{1 + index % 27:02d}",
    }
    if kind == 0:
        data.update(
            nama=f"Madu Hutan Uji {index}",
            izin=[{"jenis": "pirt", "nomor": PIRT_NUMBER}],
            halal={"nomor": HALAL_NUMBER},
        )
    elif kind == 1:
        data.update(
            nama=f"Se'i Babi Uji {index}",
            komposisi=["daging babi", "garam"],
            kata_kunci=["se'i sapi"],
            ringkasan="Se'i.",
            izin=[{"jenis": "pirt", "nomor": PIRT_NUMBER}],
            halal={"status": "tidak-halal", "alasan": "mengandung babi"},
        )
    elif kind == 2:
        data.update(
            nama=f"Keripik Pisang Uji {index}",
            izin=[{"jenis": "pirt", "nomor": PIRT_NUMBER}],
            halal={"status": "dalam-proses"},
        )
    elif kind == 3:
        data.update(
            nama=f"Kain Tenun Uji {index}", kategori="tenun", ringkasan="Kain tenun ikat uji."
        )
    else:
        # "sapi" only once in the indexed text, on a long page: left to itself, Pagefind ranks
        # the short pork page with "se'i sapi" in its keywords above it.
        data.update(
            nama=f"Se'i Asap Uji {index}",
            komposisi=["daging sapi", "garam"],
            kata_kunci=["sapi"],
            ringkasan="Daging asap khas Timor, diiris tipis, diasap pelan di atas bara kayu kosambi, "
            "dikemas vakum dan siap digoreng sebagai lauk atau oleh-oleh dari Kupang.",
            izin=[{"jenis": "pirt", "nomor": PIRT_NUMBER}],
            halal={"nomor": HALAL_NUMBER},
        )
    return data


def regency_of(index: int) -> str:
    return PRODUCERS[index % len(PRODUCERS)][1]


def write_finder_catalogue(products: Path) -> list[dict[str, Any]]:
    """Write the catalogue under `products`; returns every product's data with `kabupaten` and `folder`."""
    photo = photo_bytes(480, 360)
    for slug, regency in PRODUCERS:
        folder = products / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "produsen.yml").write_text(
            yaml.safe_dump(
                {
                    "nama": f"Kelompok Uji {regency.replace('-', ' ').title()}",
                    "kabupaten": regency,
                    "kontak": {"whatsapp": "6285200000103"},
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
    written = []
    for index in range(COUNT):
        producer = PRODUCERS[index % len(PRODUCERS)][0]
        data = product_data(index)
        folder = products / producer / f"produk-uji-{index:03d}"
        folder.mkdir()
        (folder / "produk.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        (folder / "foto.jpg").write_bytes(photo)
        written.append(
            {
                **data,
                "kabupaten": regency_of(index),
                "folder": f"produk/{producer}/produk-uji-{index:03d}/",
            }
        )
    return written

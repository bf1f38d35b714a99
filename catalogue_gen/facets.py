"""What shoppers filter and sort by: facet values and sort keys of each product, as data.

Used by the page stage to write Pagefind's `data-pagefind-filter` / `data-pagefind-sort`
values on product pages and the filter forms of the search page and the listings, so the
page, the form and the URL (`cari/?kabupaten=ngada&halal=ya&urut=harga`) use one set of
names. The values are decided here, in Python, from validated data only: a producer's free
text (`kata_kunci`, `ringkasan`) never decides a facet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue_gen import categories, regencies
from catalogue_gen.model import HalalStatus, Product


@dataclass(frozen=True)
class FacetValue:
    """One value a shopper can pick: `slug` goes in the URL and the index, `label` on screen."""

    slug: str
    label: str


@dataclass(frozen=True)
class Facet:
    """One filter: its URL parameter (also the Pagefind filter name) and its values."""

    key: str
    label: str
    values: tuple[FacetValue, ...]
    all_label: str = "Semua"


# License kinds as shoppers look for them (issue 9): one value for the food registrations,
# one per other BPOM family, P-IRT and SNI. `jenis:` values of licenses.py map onto these.
LICENSE_KIND_OF_TYPE: dict[str, str] = {
    "bpom-md": "bpom-md-ml",
    "bpom-ml": "bpom-md-ml",
    "pirt": "pirt",
    "notifikasi-kosmetik": "kosmetik",
    "bpom-tr": "obat-tradisional",
    "bpom-ti": "obat-tradisional",
    "bpom-tl": "obat-tradisional",
    "bpom-ht": "obat-tradisional",
    "bpom-ff": "obat-tradisional",
    "bpom-sd": "suplemen",
    "bpom-si": "suplemen",
    "bpom-sl": "suplemen",
    "sni": "sni",
    "psat": "psat",
}
LICENSE_KINDS = (
    FacetValue("bpom-md-ml", "BPOM MD/ML (pangan)"),
    FacetValue("pirt", "P-IRT"),
    FacetValue("kosmetik", "Notifikasi kosmetik BPOM"),
    FacetValue("obat-tradisional", "BPOM obat tradisional"),
    FacetValue("suplemen", "BPOM suplemen"),
    FacetValue("sni", "SNI"),
    FacetValue("psat", "PSAT / Prima 3"),
)
# Every kind registered with BPOM: what the "Berizin BPOM" listing shows.
BPOM_KINDS = ("bpom-md-ml", "kosmetik", "obat-tradisional", "suplemen")

HALAL_VALUE_OF_STATUS = {
    HalalStatus.CERTIFIED: "ya",
    HalalStatus.IN_PROCESS: "dalam-proses",
    HalalStatus.NOT_HALAL: "tidak",
}
HALAL_CERTIFIED = HALAL_VALUE_OF_STATUS[HalalStatus.CERTIFIED]
IN_STOCK = "tersedia"

FACETS: tuple[Facet, ...] = (
    Facet("kategori", "Kategori", tuple(FacetValue(c.slug, c.name) for c in categories.CATEGORIES)),
    Facet(
        "kabupaten",
        "Kabupaten/Kota",
        tuple(FacetValue(r.slug, r.short_name) for r in regencies.REGENCIES),
    ),
    Facet("izin", "Izin", LICENSE_KINDS),
    Facet(
        "halal",
        "Halal",
        (
            FacetValue("ya", "Bersertifikat halal"),
            FacetValue("dalam-proses", "Halal: dalam proses"),
            FacetValue("tidak", "Tidak halal"),
        ),
    ),
    Facet("stok", "Stok", (FacetValue(IN_STOCK, "Tersedia"), FacetValue("habis", "Stok habis"))),
)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}

# Sort orders offered, by their `urut=` value: (Pagefind sort key, direction, label).
SORTS: tuple[tuple[str, str, str, str], ...] = (
    ("harga", "harga", "asc", "Harga terendah"),
    ("baru", "baru", "desc", "Terbaru diperbarui"),
    ("nama", "nama", "asc", "Nama (A-Z)"),
)
# Pagefind leaves a page out of a sorted result when it lacks the key, so every product
# carries every key: no price sorts last, no `diperbarui` sorts oldest.
NO_PRICE = 999_999_999_999
NO_DATE = "0000-00-00"

# Animals shoppers search for, each with the words that name it (issue 9: a search for `sapi`
# must not rank pork first). Read from the product's name, composition and halal reason,
# never from `kata_kunci`, where a pork se'i may well say "se'i sapi".
ANIMALS: dict[str, tuple[str, ...]] = {
    "sapi": ("sapi", "beef", "lembu"),
    "babi": ("babi", "pork", "lard", "b2"),
    "ayam": ("ayam", "chicken"),
    "ikan": ("ikan", "fish", "tuna", "cakalang", "tongkol", "teri", "bandeng", "kakap"),
    "kambing": ("kambing", "domba", "goat", "mutton"),
    "kerbau": ("kerbau",),
    "kuda": ("kuda",),
    "udang": ("udang", "shrimp", "ebi"),
    "cumi": ("cumi", "sotong"),
}
# A product naming none of them; lets the search rank "matches" > "no animal" > "another animal".
NO_ANIMAL = "tanpa"
_NEGATIONS = ("tanpa", "bukan", "bebas", "tidak", "non", "no")


def license_kinds(product: Product) -> list[str]:
    """The `izin` facet values of a product, in FACETS order."""
    kinds = {
        LICENSE_KIND_OF_TYPE[lic.type]
        for lic in product.licenses
        if lic.type in LICENSE_KIND_OF_TYPE
    }
    return [value.slug for value in LICENSE_KINDS if value.slug in kinds]


def halal_value(product: Product) -> str:
    """The `halal` facet value, "" for products that state no halal status (crafts, weaving) or whose certificate ended."""
    status = product.halal.shown_status if product.halal is not None else None
    return HALAL_VALUE_OF_STATUS[status] if status is not None else ""


def is_halal_certified(product: Product) -> bool:
    """True only for a product with a halal certificate number that has not ended."""
    return product.halal is not None and product.halal.shown_status is HalalStatus.CERTIFIED


def animals_named(product: Product) -> list[str]:
    """The animals a product's name, composition or halal reason name (negations left out)."""
    texts = [product.name, *product.ingredients, product.halal.reason if product.halal else ""]
    words: set[str] = set()
    for text in texts:
        tokens = re.findall(r"[a-z0-9]+", text.lower())
        negated = {tokens[i + 1] for i, word in enumerate(tokens[:-1]) if word in _NEGATIONS}
        words.update(set(tokens) - negated)
    return [animal for animal, names in ANIMALS.items() if words.intersection(names)]


def product_filters(product: Product) -> dict[str, list[str]]:
    """Every Pagefind filter of a product page: facet key -> values (empty facets left out)."""
    filters = {
        "kategori": [product.category.slug],
        "kabupaten": [product.producer.regency.slug],
        "izin": license_kinds(product),
        "halal": [halal_value(product)] if product.halal is not None else [],
        "stok": [IN_STOCK if product.is_available else "habis"],
        "hewan": animals_named(product) or [NO_ANIMAL],
    }
    return {key: values for key, values in filters.items() if values}


def lowest_price(product: Product) -> int:
    """The price of the cheapest variant, NO_PRICE when the product shows none."""
    return min((p.rupiah for p in product.prices), default=NO_PRICE)


def product_sort_keys(product: Product) -> dict[str, str]:
    """Pagefind sort values: numbers sort as numbers, ISO dates and folded names as text."""
    return {
        # the order of the static listings: in stock first, then by name
        "bawaan": ("0 " if product.is_available else "1 ") + product.name.casefold(),
        "harga": str(lowest_price(product)),
        "baru": product.updated.isoformat() if product.updated else NO_DATE,
        "nama": product.name.casefold(),
    }

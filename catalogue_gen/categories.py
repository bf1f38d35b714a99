"""The product categories and which licenses each needs.

Source: shared/spec/product-files.md, "License rules by category".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalogue_gen.model import Category

CATEGORIES: tuple[Category, ...] = (
    Category(
        "pangan-olahan",
        "Pangan olahan",
        "Makanan olahan: keripik, se'i, sambal, jagung bose, gula lontar, madu dan lainnya.",
    ),
    Category("minuman", "Minuman", "Kopi, teh kelor, sirup dan minuman lain buatan NTT."),
    Category(
        "air-minum-kemasan",
        "Air minum kemasan",
        "Air minum dalam kemasan (AMDK) dari sumber air NTT.",
    ),
    Category("kosmetik", "Kosmetik", "Sabun, lulur, minyak rambut dan perawatan tubuh."),
    Category(
        "obat-tradisional",
        "Obat tradisional",
        "Jamu dan obat tradisional, seperti minyak kayu putih.",
    ),
    Category("suplemen-kesehatan", "Suplemen kesehatan", "Suplemen kesehatan berizin BPOM."),
    Category(
        "kerajinan",
        "Kerajinan",
        "Anyaman lontar, ukiran, topi ti'i langga dan kerajinan tangan lain.",
    ),
    Category(
        "tenun", "Tenun ikat", "Kain tenun ikat, songke, buna, hinggi dan tenunan NTT lainnya."
    ),
    Category(
        "pertanian-segar",
        "Hasil pertanian segar",
        "Hasil kebun, kopi biji, kacang mete dan bahan segar.",
    ),
    Category("lainnya", "Lainnya", "Produk NTT lain."),
)

BY_SLUG: dict[str, Category] = {c.slug: c for c in CATEGORIES}


@dataclass(frozen=True)
class LicenseRule:
    """What a category needs: at least one of each group in `required`, plus halal if set."""

    required: tuple[tuple[str, ...], ...]
    """Each inner tuple is a group of license types of which one must be present."""
    forbidden: tuple[str, ...] = ()
    """Types never allowed for the category (P-IRT for bottled water)."""
    needs_halal: bool = False


BPOM_TR_GROUP = ("bpom-tr", "bpom-ti", "bpom-tl", "bpom-ht", "bpom-ff")
BPOM_SUPPLEMENT_GROUP = ("bpom-sd", "bpom-si", "bpom-sl")

LICENSE_RULES: dict[str, LicenseRule] = {
    "pangan-olahan": LicenseRule((("bpom-md", "bpom-ml", "pirt"),), needs_halal=True),
    "minuman": LicenseRule((("bpom-md", "bpom-ml", "pirt"),), needs_halal=True),
    # P-IRT is not allowed for bottled water: it needs a BPOM MD and SNI 3553.
    "air-minum-kemasan": LicenseRule(
        (("bpom-md", "bpom-ml"), ("sni",)), ("pirt",), needs_halal=True
    ),
    "kosmetik": LicenseRule((("notifikasi-kosmetik",),), needs_halal=True),
    "obat-tradisional": LicenseRule((BPOM_TR_GROUP,), needs_halal=True),
    "suplemen-kesehatan": LicenseRule((BPOM_SUPPLEMENT_GROUP,), needs_halal=True),
    "kerajinan": LicenseRule(()),
    "tenun": LicenseRule(()),
    "pertanian-segar": LicenseRule(()),
    "lainnya": LicenseRule(()),
}


# Halal certificates are mandatory for these categories of micro and small businesses from
# this date (shared/spec/licenses.md); `dalam-proses` is still shown, with a warning.
HALAL_MANDATORY_FROM = date(2026, 10, 17)
HALAL_MANDATORY_CATEGORIES = frozenset({"pangan-olahan", "minuman", "kosmetik"})


def find_category(slug: str) -> Category | None:
    """The category with this `kategori:` slug, or None."""
    return BY_SLUG.get(slug)

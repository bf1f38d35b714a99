"""The certifications shoppers look for (BPOM, P-IRT, SNI, halal) and every badge of a card.

One row of CERTIFICATIONS decides whether a product holds a certification, from its facet
values (facets.py). Its badge, its `sertifikasi/<slug>/` listing, the home page's link to
that listing and the Pagefind filter finder.js asks for the same set all come from the row,
so a new certification is one more row (and a badge colour in docs/assets/katalog.css).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from catalogue_gen import facets
from catalogue_gen.model import HalalStatus, Product

# Pagefind's `filters` search option: facet key -> one value, or {"any": [values]}. The
# listings write it in `data-finder`, and finder.js hands it to Pagefind as is.
PagefindFilters = dict[str, str | dict[str, list[str]]]


@dataclass(frozen=True)
class Badge:
    """A short label on cards and product pages: kind picks the colour."""

    kind: str
    text: str


@dataclass(frozen=True)
class CertificationListing:
    """The words of a `sertifikasi/<slug>/` listing: its title and its one-line description."""

    title: str
    description: str


@dataclass(frozen=True)
class Certification:
    """A certification a product can show, and how a product is known to hold it."""

    slug: str
    """Badge kind (its CSS colour) and the listing folder `sertifikasi/<slug>/`."""
    badge_text: str
    filters: PagefindFilters
    """The facet values that make a holder: the same filter finds the listing in Pagefind."""
    listing: CertificationListing | None = None
    """None: a badge only, no `sertifikasi/` listing."""

    @property
    def badge(self) -> Badge:
        """The badge of a holder."""
        return Badge(self.slug, self.badge_text)


CERTIFICATIONS: tuple[Certification, ...] = (
    Certification(
        "bpom",
        "BPOM",
        {"izin": {"any": list(facets.BPOM_KINDS)}},
        CertificationListing("Berizin BPOM", "Produk dengan izin edar atau notifikasi BPOM."),
    ),
    Certification(
        "pirt",
        "P-IRT",
        {"izin": "pirt"},
        CertificationListing(
            "Berizin P-IRT", "Produk pangan industri rumah tangga dengan izin P-IRT."
        ),
    ),
    Certification("sni", "SNI", {"izin": "sni"}),
    # an ended certificate's facet value is not `ya` (Halal.shown_status): no badge, not listed
    Certification(
        "halal",
        "Halal",
        {"halal": facets.HALAL_CERTIFIED},
        CertificationListing("Bersertifikat halal", "Produk dengan sertifikat halal BPJPH."),
    ),
)

# Badges that certify nothing: what a shopper must know before ordering.
HALAL_NOTICE_OF_STATUS = {
    HalalStatus.NOT_HALAL: Badge("tidak-halal", "Tidak halal"),
    HalalStatus.IN_PROCESS: Badge("halal-proses", "Halal: dalam proses"),
}
EXPIRED = Badge("expired", "Izin perlu diperbarui")
SOLD_OUT = Badge("habis", "Stok habis")

# Every badge by kind: finder.js draws result cards from these texts.
BADGES: dict[str, Badge] = {
    badge.kind: badge
    for badge in (
        *(certification.badge for certification in CERTIFICATIONS),
        *HALAL_NOTICE_OF_STATUS.values(),
        EXPIRED,
        SOLD_OUT,
    )
}


def held_by(product: Product) -> tuple[Certification, ...]:
    """The certifications a product holds, in table order."""
    values = facets.product_filters(product)
    return tuple(c for c in CERTIFICATIONS if _matches(values, c.filters))


def iter_listed() -> Iterator[tuple[Certification, CertificationListing]]:
    """The certifications that have a `sertifikasi/` listing, each with its listing."""
    for certification in CERTIFICATIONS:
        if certification.listing is not None:
            yield certification, certification.listing


def badges_for(product: Product) -> tuple[Badge, ...]:
    """Certification badges, then the notices, in a fixed order (search results show the same)."""
    badges = [certification.badge for certification in held_by(product)]
    halal = product.halal.shown_status if product.halal is not None else None
    if halal is not None and halal in HALAL_NOTICE_OF_STATUS:
        badges.append(HALAL_NOTICE_OF_STATUS[halal])
    if product.has_expired_license:
        badges.append(EXPIRED)
    if not product.is_available:
        badges.append(SOLD_OUT)
    return tuple(badges)


def _matches(values: dict[str, list[str]], filters: PagefindFilters) -> bool:
    # Pagefind's reading of `filters`: every key must match, and {"any": [...]} any one value.
    for key, wanted in filters.items():
        accepted = wanted["any"] if isinstance(wanted, dict) else [wanted]
        if not set(values.get(key, ())) & set(accepted):
            return False
    return True

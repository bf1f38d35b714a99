"""The validated catalogue: plain typed classes shared by every stage. Nouns only, no I/O.

Each field's docstring names the YAML key it comes from (shared/spec/product-files.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


@dataclass(frozen=True)
class Regency:
    """One of the 22 regencies (kabupaten) and the city of NTT."""

    slug: str
    """Value of `kabupaten:` and the page address `/kabupaten/<slug>/`."""
    code: str
    """Kemendagri code, digits only (`5301` = Kabupaten Kupang). The key."""
    bps_code: str
    """BPS-style code (`5301` = Sumba Barat there); an alias for the P-IRT cross-check."""
    name: str
    """Official name, e.g. `Kabupaten Timor Tengah Selatan`."""
    short_name: str
    """What people say: `TTS`, `Ngada`, `Kota Kupang`."""
    capital: str
    island: str
    aliases: tuple[str, ...] = ()
    """Extra search words: capitals, abbreviations, spelling variants."""


@dataclass(frozen=True)
class Category:
    """A product category (`kategori:`)."""

    slug: str
    """Value of `kategori:` and the page address `/kategori/<slug>/`."""
    name: str
    """Shown to shoppers."""
    description: str
    """One sentence for the category page."""


@dataclass(frozen=True)
class License:
    """One entry of `izin:`, normalised."""

    type: str
    """`jenis`, e.g. `bpom-md`, `pirt`, `notifikasi-kosmetik`."""
    number: str
    """`nomor` in canonical form, e.g. `BPOM RI MD 224510107115`."""
    label: str
    """The type in plain words for shoppers (`Izin edar BPOM (MD)`)."""
    check_url: str
    """Where a shopper checks this number (a search for it where the site has one); "" when no public lookup exists (P-IRT)."""
    digits: str = ""
    """The number's digits only, for search."""
    copy_number: str = ""
    """The number as its checker expects it, without spaces (`MD224510107115`): what the copy button copies."""
    searches_number: bool = False
    """`check_url` opens a search for this number (cekbpom); False when it opens a register to search by hand (BSN)."""
    issuer_note: str = ""
    """For kinds no site can check (P-IRT, PSAT): who issued it, in plain words."""
    expires_year: int | None = None
    """P-IRT only: the year the permit runs out (from `-YY`)."""
    is_expired: bool = False
    """P-IRT whose expiry year is before the build year: shown as `izin perlu diperbarui`."""
    issuing_regency: str = ""
    """P-IRT and PSAT: name of the regency whose code is in the number, when known."""


class HalalStatus(str, Enum):
    """The three forms of `halal:`."""

    CERTIFIED = "bersertifikat"
    NOT_HALAL = "tidak-halal"
    IN_PROCESS = "dalam-proses"


@dataclass(frozen=True)
class Halal:
    """`halal:`."""

    status: HalalStatus
    number: str = ""
    """`halal.nomor`, canonical (`ID33110018517710724`); empty unless certified."""
    reason: str = ""
    """`halal.alasan`, e.g. `mengandung babi`."""
    check_url: str = ""
    copy_number: str = ""
    """The number as BPJPH's search expects it, for the copy button."""
    is_legacy_mui: bool = False
    """An older MUI certificate number rather than a BPJPH one."""
    valid_until: date | None = None
    """`halal.berlaku_sampai`: certificates from before the 2024 rules print an end date; newer ones do not end."""
    is_ended: bool = False
    """`valid_until` is before the build date: shown as ended, never as a valid certificate."""

    @property
    def shown_status(self) -> HalalStatus | None:
        """What badges, facets and search say: nothing for an ended certificate, else `status`."""
        return None if self.is_ended else self.status


@dataclass(frozen=True)
class Photo:
    """One entry of `foto:`, pointing at a file in the product folder."""

    file_name: str
    """`berkas` (or the plain string entry)."""
    source_path: str
    """Path of the file relative to the project root."""
    alt: str
    """`keterangan`, or the product name when absent."""
    line: int = 0
    """Where the entry stands in produk.yml, so photo problems point at it."""
    column: int = 0
    key: str = "foto[0]"


@dataclass(frozen=True)
class Price:
    """One entry of `harga:`."""

    variant: str
    """`varian`, e.g. `250 ml`; may be empty."""
    rupiah: int
    """`rupiah`, a positive whole number."""


@dataclass(frozen=True)
class PlaceToBuy:
    """One entry of `tempat_beli:`."""

    name: str
    address: str = ""
    url: str = ""


@dataclass(frozen=True)
class Link:
    """One entry of `tautan:` or a producer's web presence."""

    name: str
    url: str


@dataclass(frozen=True)
class Contact:
    """`kontak:` of a producer."""

    whatsapp: str = ""
    """Stored as `62812...` (digits, country code, no leading zero)."""
    phone: str = ""
    """`telepon`, digits as written, normalised to `62...` for mobiles."""
    email: str = ""
    instagram: str = ""
    """Handle without `@`."""
    website: str = ""
    """`situs`, an `https://` URL."""


@dataclass(frozen=True)
class Producer:
    """A producer folder with its `produsen.yml`."""

    slug: str
    name: str
    regency: Regency
    contact: Contact
    address: str = ""
    nib: str = ""
    about: str = ""
    logo: Photo | None = None
    source_path: str = ""
    """Path of `produsen.yml`, relative to the project root."""
    accounts: tuple[str, ...] = ()
    """`akun_github`: the GitHub accounts that may change this producer's folder (check-pr, CODEOWNERS)."""


@dataclass(frozen=True)
class Product:
    """A product folder with its `produk.yml`."""

    slug: str
    producer: Producer
    name: str
    category: Category
    summary: str
    """`ringkasan`: one sentence for cards and the meta description."""
    paragraphs: tuple[str, ...]
    """`deskripsi`, split at blank lines; always shown as text, never as HTML."""
    photos: tuple[Photo, ...]
    prices: tuple[Price, ...] = ()
    net_content: str = ""
    """`isi_bersih`."""
    ingredients: tuple[str, ...] = ()
    """`komposisi`."""
    licenses: tuple[License, ...] = ()
    halal: Halal | None = None
    places_to_buy: tuple[PlaceToBuy, ...] = ()
    links: tuple[Link, ...] = ()
    keywords: tuple[str, ...] = ()
    """`kata_kunci`: local names and spelling variants for search."""
    is_available: bool = True
    """`tersedia`; unavailable products stay listed as `stok habis`."""
    updated: date | None = None
    """`diperbarui`."""
    source_path: str = ""
    """Path of `produk.yml`, relative to the project root."""

    @property
    def key(self) -> str:
        """`<producer>/<product>`: unique, and the page address under `/produk/`."""
        return f"{self.producer.slug}/{self.slug}"

    @property
    def has_expired_license(self) -> bool:
        """True when any P-IRT is past its expiry year, or the halal certificate has ended."""
        return any(lic.is_expired for lic in self.licenses) or (
            self.halal is not None and self.halal.is_ended
        )


@dataclass(frozen=True)
class PhotoVariant:
    """One processed rendition of a photo, as written to the site."""

    file_name: str
    """Name inside the product's output folder, content-addressed (`3f9a...-800.webp`)."""
    width: int
    height: int
    cache_path: str = ""
    """Where the photo stage left the bytes; the output stage copies them from there."""


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo after the photo stage: renditions, size and a placeholder colour."""

    photo: Photo
    variants: tuple[PhotoVariant, ...]
    """Sorted by width, smallest first."""
    social: PhotoVariant | None
    """1200x630 JPEG for Open Graph; only for the cover photo."""
    placeholder_color: str
    """`#rrggbb`: the average colour, shown while the photo loads."""
    thumbnail: PhotoVariant | None = None
    """Square, for search result rows; only for the cover photo."""

    @property
    def largest(self) -> PhotoVariant:
        """The widest rendition, for the enlarged view."""
        return self.variants[-1]

    def at_least(self, width: int) -> PhotoVariant:
        """The narrowest rendition at least `width` wide (the widest when none is)."""
        return next((v for v in self.variants if v.width >= width), self.variants[-1])

    def srcset_from(self, width: int) -> tuple[PhotoVariant, ...]:
        """Renditions from `at_least(width)` up, for a `srcset`."""
        first = self.at_least(width)
        return tuple(v for v in self.variants if v.width >= first.width)


@dataclass
class Catalogue:
    """Every valid producer and product, sorted, ready for the page stage."""

    producers: list[Producer] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)

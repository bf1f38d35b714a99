"""The bad-input corpus: hostile or broken product folders and what each must produce.

Each case is (name, files, expected): files are written over the valid base catalogue of
conftest.make_catalogue (None deletes a file); expected holds (path, line, level, code) of
problems that must be reported, or is empty when the input must be accepted and rendered
safely. Adding a case means adding a row.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image

from . import hostile_photos
from .conftest import PRODUCER_YML, PRODUCT_YML, photo_bytes

P = "products/kelompok-contoh/madu"
PRODUCT = f"{P}/produk.yml"
PRODUCER = "products/kelompok-contoh/produsen.yml"
PHOTO = f"{P}/depan.jpg"


def swap(old: str, new: str, text: str = PRODUCT_YML) -> str:
    """The base product with one piece of text replaced."""
    assert old in text, old
    return text.replace(old, new)


def png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IEND", b"")
    )


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (640, 480), c) for c in ((200, 0, 0), (0, 200, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def cmyk_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("CMYK", (640, 480), (0, 255, 255, 0)).save(buffer, "JPEG")
    return buffer.getvalue()


def png16() -> bytes:
    buffer = io.BytesIO()
    Image.new("I;16", (640, 480), 30000).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    """One corpus entry."""

    name: str
    files: Callable[[], dict[str, str | bytes | None]]
    expected: tuple[tuple[str, int, str, str], ...] = ()
    """(path, line, level, code) that must all appear; empty: accepted with no galat."""
    shown_as_text: tuple[str, ...] = field(default=())
    """Strings that must appear escaped (never as markup) on the product page."""


def _photo_as(name: str, content: bytes) -> dict[str, str | bytes | None]:
    return {PRODUCT: swap("depan.jpg", name), PHOTO: None, f"{P}/{name}": content}


HTML = "<script>alert(1)</script><img src=x onerror=alert(1)>"
E, W = "galat", "peringatan"

CASES: tuple[Case, ...] = (
    # YAML
    Case(
        "alias-bomb",
        lambda: {PRODUCT: "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"},
        ((PRODUCT, 1, E, "YAML_ANCHOR"), (PRODUCT, 2, E, "YAML_ALIAS")),
    ),
    Case(
        "duplicate-key",
        lambda: {PRODUCT: PRODUCT_YML + "kategori: minuman\n"},
        ((PRODUCT, 19, E, "DUPLICATE_KEY"),),
    ),
    Case("norway-boolean-in-text", lambda: {PRODUCT: swap("varian: 250 ml", "varian: NO")}),
    Case(
        "yes-as-boolean",
        lambda: {PRODUCT: PRODUCT_YML + "tersedia: yes\n"},
        ((PRODUCT, 19, E, "BOOL_EXPECTED"),),
    ),
    Case(
        "octal-looking-number",
        lambda: {PRODUCER: PRODUCER_YML + "nib: 012345\n"},
        ((PRODUCER, 5, E, "NUMBER_NOT_QUOTED"),),
    ),
    Case(
        "sexagesimal-number",
        lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 1:20")},
        ((PRODUCT, 13, E, "PRICE_NOT_NUMBER"),),
    ),
    Case(
        "leading-zero-identifier",
        lambda: {PRODUCT: swap('"2065302010052-29"', "0065302010052")},
        ((PRODUCT, 16, E, "NUMBER_NOT_QUOTED"),),
    ),
    Case(
        "unquoted-phone",
        lambda: {PRODUCER: swap('"0812-3456-7890"', "+6281234567890", PRODUCER_YML)},
        ((PRODUCER, 4, E, "NUMBER_NOT_QUOTED"),),
    ),
    Case(
        "tab-indent",
        lambda: {PRODUCT: swap("  - berkas", "\t- berkas")},
        ((PRODUCT, 9, E, "TAB_INDENT"),),
    ),
    Case("bom", lambda: {PRODUCT: b"\xef\xbb\xbf" + PRODUCT_YML.encode()}),
    Case(
        "utf16",
        lambda: {PRODUCT: PRODUCT_YML.encode("utf-16")},
        ((PRODUCT, 1, E, "NOT_UTF8_UTF16"),),
    ),
    Case(
        "latin1",
        lambda: {PRODUCT: PRODUCT_YML.replace("Madu Hutan", "Madu Caf\u00e9").encode("latin-1")},
        ((PRODUCT, 1, E, "NOT_UTF8"),),
    ),
    Case("empty-file", lambda: {PRODUCT: ""}, ((PRODUCT, 0, E, "FILE_EMPTY"),)),
    Case(
        "list-not-map",
        lambda: {PRODUCT: "- nama\n- kategori\n"},
        ((PRODUCT, 1, E, "ROOT_NOT_MAPPING"),),
    ),
    Case(
        "map-where-text-belongs",
        lambda: {
            PRODUCT: swap("ringkasan: Madu hutan murni dari Fatumnasi.", "ringkasan:\n  a: b")
        },
        ((PRODUCT, 4, E, "KEY_NOT_TEXT"),),
    ),
    Case(
        "ten-thousand-keys",
        lambda: {PRODUCT: PRODUCT_YML + "".join(f"k{i}: v\n" for i in range(10_000))},
        ((PRODUCT, 19, E, "UNKNOWN_KEY"),),
    ),
    Case(
        "deep-nesting",
        lambda: {PRODUCT: "nama: " + "[" * 3000 + "]" * 3000 + "\n"},
        ((PRODUCT, 1, E, "YAML_TOO_DEEP"),),
    ),
    Case(
        "five-megabytes",
        lambda: {PRODUCT: PRODUCT_YML + "#" * (5 * 1024 * 1024) + "\n"},
        ((PRODUCT, 0, E, "FILE_TOO_LARGE"),),
    ),
    Case(
        "python-tag",
        lambda: {
            PRODUCT: swap("nama: Madu Hutan Contoh", "nama: !!python/object/apply:os.system [ls]")
        },
        ((PRODUCT, 1, E, "YAML_TAG"),),
    ),
    Case(
        "unclosed-quote",
        lambda: {PRODUCT: swap("ringkasan: Madu hutan murni dari Fatumnasi.", 'ringkasan: "Madu')},
        ((PRODUCT, 3, E, "YAML_SYNTAX"),),
    ),
    Case(
        "invalid-date",
        lambda: {PRODUCT: PRODUCT_YML + "diperbarui: 2026-13-45\n"},
        ((PRODUCT, 19, E, "DATE_EXPECTED"),),
    ),
    Case(
        "huge-number",
        lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: " + "9" * 400)},
        ((PRODUCT, 13, E, "PRICE_TOO_HIGH"),),
    ),
    Case(
        "comment-cuts-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: Kopi #1 Flores")},
        ((PRODUCT, 1, W, "COMMENT_CUT"),),
    ),
    Case(
        "ampersand-start",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: &Co")},
        ((PRODUCT, 1, E, "YAML_ANCHOR"),),
    ),
    # paths
    Case(
        "dotdot-photo",
        lambda: {PRODUCT: swap("berkas: depan.jpg", "berkas: ../depan.jpg")},
        ((PRODUCT, 9, E, "PHOTO_BAD_NAME"),),
    ),
    Case(
        "absolute-photo",
        lambda: {PRODUCT: swap("berkas: depan.jpg", "berkas: /etc/hosts.jpg")},
        ((PRODUCT, 9, E, "PHOTO_BAD_NAME"),),
    ),
    Case("photo-name-with-space", lambda: _photo_as("foto depan.jpg", photo_bytes())),
    Case("photo-name-non-ascii", lambda: _photo_as("foto-\u00e9t\u00e9.jpg", photo_bytes())),
    Case(
        "photos-differ-in-case",
        lambda: {f"{P}/DEPAN.jpg": photo_bytes()},
        ((PRODUCT, 0, W, "PHOTO_CASE_CLASH"),),
    ),
    Case(
        "photo-referenced-twice",
        lambda: {
            PRODUCT: swap(
                "    keterangan: Botol madu\n", "    keterangan: Botol madu\n  - depan.jpg\n"
            )
        },
        ((PRODUCT, 11, E, "PHOTO_TWICE"),),
    ),
    Case("missing-photo", lambda: {PHOTO: None}, ((PRODUCT, 9, E, "PHOTO_MISSING"),)),
    Case(
        "bad-folder-name",
        lambda: {"products/Kelompok_Baru/produsen.yml": PRODUCER_YML},
        (("products/Kelompok_Baru", 0, E, "BAD_SLUG"),),
    ),
    # images
    Case(
        "decompression-bomb",
        lambda: _photo_as("depan.png", png_claiming(30000, 30000)),
        ((PRODUCT, 9, E, "PHOTO_TOO_MANY_PIXELS"),),
    ),
    Case(
        "truncated-jpeg",
        lambda: {PHOTO: photo_bytes()[:1500]},
        ((PRODUCT, 9, E, "PHOTO_TRUNCATED"),),
    ),
    Case(
        "png-named-jpg",
        lambda: {PHOTO: photo_bytes(fmt="PNG")},
        ((PRODUCT, 9, E, "PHOTO_WRONG_TYPE"),),
    ),
    Case(
        "html-named-jpg",
        lambda: {PHOTO: b"<!doctype html><script>alert(1)</script>"},
        ((PRODUCT, 9, E, "PHOTO_UNREADABLE"),),
    ),
    Case(
        "animated-webp",
        lambda: _photo_as("depan.webp", animated("WEBP")),
        ((PRODUCT, 9, W, "PHOTO_ANIMATED"),),
    ),
    Case(
        "animated-gif-extension",
        lambda: _photo_as("depan.gif", animated("GIF")),
        ((PRODUCT, 9, E, "PHOTO_BAD_EXTENSION"),),
    ),
    Case("cmyk-jpeg", lambda: {PHOTO: cmyk_jpeg()}),
    Case("sixteen-bit-png", lambda: _photo_as("depan.png", png16())),
    Case("one-pixel", lambda: {PHOTO: photo_bytes(1, 1)}, ((PRODUCT, 9, E, "PHOTO_TOO_SMALL"),)),
    Case(
        "very-wide", lambda: {PHOTO: photo_bytes(20000, 20)}, ((PRODUCT, 9, E, "PHOTO_TOO_SMALL"),)
    ),
    Case(
        "heic-header-only",
        lambda: _photo_as(
            "depan.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
        ),
        ((PRODUCT, 9, E, "PHOTO_TRUNCATED"),),
    ),
    # text
    Case(
        "html-in-every-text-field",
        lambda: {
            PRODUCT: PRODUCT_YML.replace("Madu Hutan Contoh", f'"{HTML}"')
            .replace("Madu hutan murni dari Fatumnasi.", f"'{HTML}'")
            .replace("Simpan di tempat sejuk.", HTML)
            .replace("Botol madu", f"'{HTML}'")
            .replace("varian: 250 ml", f"varian: '{HTML}'")
            + f"komposisi: ['{HTML}']\nkata_kunci: ['{HTML}']\ntempat_beli:\n  - nama: '{HTML}'\n    alamat: '{HTML}'\n",
            PRODUCER: PRODUCER_YML.replace("Kelompok Tani Contoh", f"'{HTML}'")
            + f"alamat: '{HTML}'\ntentang: '{HTML}'\n",
        },
        shown_as_text=("&lt;script&gt;alert(1)&lt;/script&gt;",),
    ),
    Case(
        "javascript-link",
        lambda: {PRODUCT: PRODUCT_YML + 'tautan:\n  toko: "javascript:alert(1)"\n'},
        ((PRODUCT, 20, E, "URL_SCRIPT"),),
    ),
    Case(
        "data-link",
        lambda: {
            PRODUCT: PRODUCT_YML
            + 'tempat_beli:\n  - nama: Toko\n    tautan: "data:text/html;base64,PHNjcmlwdD4="\n'
        },
        ((PRODUCT, 21, E, "URL_SCRIPT"),),
    ),
    Case(
        "markdown-link-in-text",
        lambda: {
            PRODUCT: swap(
                "Simpan di tempat sejuk.", "[klik](javascript:alert(1)) --8<-- /etc/passwd"
            )
        },
        shown_as_text=("[klik](javascript:alert(1)) --8&lt;-- /etc/passwd",),
    ),
    Case(
        "rtl-override",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", 'nama: "Madu \u202egpj.exe"')},
        ((PRODUCT, 1, E, "TEXT_BIDI"),),
    ),
    Case(
        "zero-width-in-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", 'nama: "Ma\u200bdu"')},
        ((PRODUCT, 1, E, "TEXT_INVISIBLE"),),
    ),
    Case(
        "five-thousand-char-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: " + "a" * 5000)},
        ((PRODUCT, 1, E, "TEXT_TOO_LONG"),),
    ),
    # data
    Case(
        "same-product-slug-two-producers",
        lambda: {
            "products/kelompok-lain/produsen.yml": PRODUCER_YML,
            "products/kelompok-lain/madu/produk.yml": PRODUCT_YML,
            "products/kelompok-lain/madu/depan.jpg": photo_bytes(),
        },
    ),
    Case(
        "price-zero",
        lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 0")},
        ((PRODUCT, 13, E, "PRICE_NOT_POSITIVE"),),
    ),
    Case(
        "price-negative",
        lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: -75000")},
        ((PRODUCT, 13, E, "PRICE_NOT_POSITIVE"),),
    ),
    Case(
        "price-string",
        lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: tujuh puluh ribu")},
        ((PRODUCT, 13, E, "PRICE_NOT_NUMBER"),),
    ),
    Case(
        "price-dotted",
        lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 75.000")},
        ((PRODUCT, 13, E, "PRICE_DOTTED"),),
    ),
    Case(
        "unknown-regency",
        lambda: {PRODUCER: swap("timor-tengah-selatan", "jakarta-selatan", PRODUCER_YML)},
        ((PRODUCER, 2, E, "REGENCY_UNKNOWN"),),
    ),
    Case(
        "pirt-wrong-regency",
        lambda: {PRODUCT: swap('"2065302010052-29"', '"2065371010052-29"')},
        ((PRODUCT, 16, W, "PIRT_REGENCY_MISMATCH"),),
    ),
    Case(
        "pirt-expired",
        lambda: {PRODUCT: swap('"2065302010052-29"', '"2065302010052-19"')},
        ((PRODUCT, 16, W, "PIRT_EXPIRED"),),
    ),
    Case(
        "halal-for-pork",
        lambda: {PRODUCT: PRODUCT_YML + "komposisi: [daging babi, garam]\n"},
        ((PRODUCT, 18, E, "HALAL_BUT_PORK"),),
    ),
    Case(
        "pirt-for-bottled-water",
        lambda: {PRODUCT: swap("kategori: pangan-olahan", "kategori: air-minum-kemasan")},
        ((PRODUCT, 14, E, "LICENSE_FORBIDDEN"),),
    ),
    Case(
        "halal-claimed-in-keywords",
        lambda: {
            PRODUCT: swap(
                'halal:\n  nomor: "ID53110012345670825"', "halal:\n  status: dalam-proses"
            )
            + "kata_kunci: [madu, 100% halal]\n"
        },
        ((PRODUCT, 19, E, "KEYWORD_HALAL_NOT_CERTIFIED"),),
    ),
    Case(
        "halal-kh-number",
        lambda: {PRODUCT: swap('"ID53110012345670825"', '"KH.0012/2024"')},
        ((PRODUCT, 18, E, "HALAL_KH_NUMBER"),),
    ),
    # text, names, folders, links (issue 10, items 9-13)
    # 9: characters YAML reads as line breaks (editors do not) and controls, at their real line
    Case(
        "line-separator-in-summary",
        lambda: {
            PRODUCT: swap("ringkasan: Madu hutan murni", "ringkasan: Madu hutan\u2028murni")
            + "tersedia: mungkin\n"
        },
        ((PRODUCT, 3, E, "FILE_LINE_SEPARATOR"), (PRODUCT, 19, E, "BOOL_EXPECTED")),
    ),
    Case(
        "lone-cr-in-summary",
        lambda: {
            PRODUCT: swap("ringkasan: Madu hutan murni", "ringkasan: Madu hutan\rmurni")
            + "tersedia: mungkin\n"
        },
        ((PRODUCT, 3, E, "FILE_LINE_SEPARATOR"), (PRODUCT, 19, E, "BOOL_EXPECTED")),
    ),
    Case(
        "lone-cr-after-a-comment",
        lambda: {
            PRODUCT: swap(
                "ringkasan: Madu hutan murni dari Fatumnasi.",
                "ringkasan: Madu hutan murni dari Fatumnasi. # catatan\rx",
            )
            + "tersedia: mungkin\n"
        },
        ((PRODUCT, 3, E, "FILE_LINE_SEPARATOR"), (PRODUCT, 19, E, "BOOL_EXPECTED")),
    ),
    Case(
        "paragraph-separator-in-description",
        lambda: {
            PRODUCT: swap("Madu dipanen dari", "Madu dipanen\u2029dari") + "tersedia: mungkin\n"
        },
        ((PRODUCT, 5, E, "FILE_LINE_SEPARATOR"), (PRODUCT, 19, E, "BOOL_EXPECTED")),
    ),
    Case(
        "nel-in-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: Madu\x85Hutan Contoh")},
        ((PRODUCT, 1, E, "FILE_LINE_SEPARATOR"),),
    ),
    Case(
        "nul-byte",
        lambda: {PRODUCT: swap("Simpan di tempat", "Simpan di\x00tempat")},
        ((PRODUCT, 7, E, "FILE_CONTROL_CHARACTER"),),
    ),
    Case(
        "terminal-escape-and-c1",
        lambda: {
            PRODUCER: swap(
                "nama: Kelompok Tani Contoh", "nama: Kelompok \x1b[31mTani\x9b", PRODUCER_YML
            )
        },
        ((PRODUCER, 1, E, "FILE_CONTROL_CHARACTER"),),
    ),
    # 10: invisible and blank-looking text in names and short fields
    Case(
        "tag-characters-in-name",
        lambda: {
            PRODUCT: swap(
                "nama: Madu Hutan Contoh", "nama: Madu Hutan\U000e0069\U000e0067\U000e006e"
            )
        },
        ((PRODUCT, 1, E, "TEXT_TAG"),),
    ),
    Case(
        "hangul-filler-producer-name",
        lambda: {
            PRODUCER: swap("nama: Kelompok Tani Contoh", 'nama: "\u3164\u3164\u3164"', PRODUCER_YML)
        },
        ((PRODUCER, 1, E, "TEXT_BLANK_CHARACTER"),),
    ),
    Case(
        "braille-blank-variant",
        lambda: {PRODUCT: swap("varian: 250 ml", 'varian: "\u2800"')},
        ((PRODUCT, 12, E, "TEXT_BLANK_CHARACTER"),),
    ),
    Case(
        "ideographic-space-in-keyword",
        lambda: {PRODUCT: PRODUCT_YML + 'kata_kunci: ["madu\u3000hutan"]\n'},
        ((PRODUCT, 19, E, "TEXT_BLANK_CHARACTER"),),
    ),
    Case(
        "format-character-in-producer-name",
        lambda: {
            PRODUCER: swap("nama: Kelompok Tani Contoh", "nama: Kelompok\u2063Tani", PRODUCER_YML)
        },
        ((PRODUCER, 1, E, "TEXT_INVISIBLE"),),
    ),
    Case(
        "variation-selector-in-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: Madu\ufe0f Hutan")},
        ((PRODUCT, 1, E, "TEXT_INVISIBLE"),),
    ),
    # a phone writes ❤️ as U+2764 U+FE0F: an emoji's own selector is not hidden text
    Case(
        "emoji-with-its-selector-in-name",
        lambda: {
            PRODUCT: swap("nama: Madu Hutan Contoh", "nama: Madu \u2764\ufe0f Hutan \u2714\ufe0f")
        },
    ),
    Case(
        "backslash-hides-the-real-host",
        lambda: {
            PRODUCT: PRODUCT_YML + 'tautan:\n  shopee: "https://evil.com\\\\.shopee.co.id/madu"\n'
        },
        ((PRODUCT, 20, E, "URL_AUTHORITY_BAD"),),
    ),
    Case(
        "userinfo-hides-the-real-host",
        lambda: {PRODUCT: PRODUCT_YML + 'tautan:\n  toko: "https://:shopee.co.id@evil.com/"\n'},
        ((PRODUCT, 20, E, "URL_AUTHORITY_BAD"),),
    ),
    Case(
        "tiktok-handle-with-at-in-path",
        lambda: {
            PRODUCT: PRODUCT_YML + 'tautan:\n  tiktok: "https://www.tiktok.com/@madu.contoh"\n'
        },
    ),
    Case(
        "place-named-shopee-elsewhere",
        lambda: {
            PRODUCT: PRODUCT_YML
            + 'tempat_beli:\n  - nama: Shopee\n    tautan: "https://evil.example.com/"\n'
        },
        ((PRODUCT, 21, E, "LINK_WRONG_HOST"),),
    ),
    Case(
        "private-use-character-in-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", 'nama: "Madu Hutan\ue000 Contoh"')},
        ((PRODUCT, 1, E, "TEXT_INVISIBLE"),),
    ),
    Case(
        "unassigned-character-in-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", 'nama: "Madu Hutan\u0378 Contoh"')},
        ((PRODUCT, 1, E, "TEXT_INVISIBLE"),),
    ),
    Case(
        "shop-key-joined-to-another-word",
        lambda: {PRODUCT: PRODUCT_YML + 'tautan:\n  ShopeeMall: "https://madu.example.com/"\n'},
        ((PRODUCT, 20, E, "LINK_WRONG_HOST"),),
    ),
    Case(
        "combining-marks-only-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", 'nama: "\u0301\u0301\u0301"')},
        ((PRODUCT, 1, E, "TEXT_NO_LETTERS"),),
    ),
    # 11: confusable twins of existing names, and names mixing look-alike scripts
    Case(
        "dot-above-twin-of-a-producer",
        lambda: {
            "products/kelompok-lain/produsen.yml": swap(
                "Kelompok Tani Contoh", "Kelompok Tani\u0307 Contoh", PRODUCER_YML
            ),
            "products/kelompok-lain/madu/produk.yml": PRODUCT_YML,
            "products/kelompok-lain/madu/depan.jpg": photo_bytes(),
        },
        (("products/kelompok-lain/produsen.yml", 1, E, "NAME_TWIN"),),
    ),
    Case(
        "cyrillic-twin-of-a-product",
        lambda: {
            "products/kelompok-lain/produsen.yml": swap(
                "Kelompok Tani Contoh", "Kelompok Lain", PRODUCER_YML
            ),
            "products/kelompok-lain/madu/produk.yml": swap(
                "nama: Madu Hutan Contoh", "nama: M\u0430du Hut\u0430n Contoh"
            ),
            "products/kelompok-lain/madu/depan.jpg": photo_bytes(),
        },
        (("products/kelompok-lain/madu/produk.yml", 1, E, "NAME_TWIN"),),
    ),
    Case(
        "cyrillic-twin-of-a-producer",
        lambda: {
            "products/kelompok-lain/produsen.yml": swap(
                "nama: Kelompok Tani Contoh", "nama: Kel\u043empok Tani Contoh", PRODUCER_YML
            ),
        },
        (("products/kelompok-lain/produsen.yml", 1, E, "NAME_TWIN"),),
    ),
    Case(
        "greek-letter-in-a-latin-name",
        lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: Kopi \u0391rabika")},
        ((PRODUCT, 1, E, "NAME_MIXED_SCRIPT"),),
    ),
    Case(
        "same-name-other-case-other-producer",
        lambda: {
            "products/kelompok-lain/produsen.yml": swap(
                "Kelompok Tani Contoh", "KELOMPOK TANI CONTOH", PRODUCER_YML
            ),
            "products/kelompok-lain/madu/produk.yml": swap(
                "nama: Madu Hutan Contoh", "nama: MADU HUTAN CONTOH"
            ),
            "products/kelompok-lain/madu/depan.jpg": photo_bytes(),
        },
    ),
    # 12: hidden folders and slugs that generated pages need are never skipped silently
    Case(
        "producer-slug-of-a-pagination-page",
        lambda: {"products/halaman-2/produsen.yml": PRODUCER_YML},
        (("products/halaman-2", 0, E, "SLUG_RESERVED"),),
    ),
    Case(
        "producer-slug-of-the-search-index",
        lambda: {"products/pagefind/produsen.yml": PRODUCER_YML},
        (("products/pagefind", 0, E, "SLUG_RESERVED"),),
    ),
    Case(
        "product-slug-of-a-generated-root",
        lambda: {
            "products/kelompok-contoh/cari/produk.yml": PRODUCT_YML,
            "products/kelompok-contoh/cari/depan.jpg": photo_bytes(),
        },
        (("products/kelompok-contoh/cari", 0, E, "SLUG_RESERVED"),),
    ),
    Case(
        "product-inside-ds-store-folder",
        lambda: {"products/kelompok-contoh/.DS_Store/produk.yml": PRODUCT_YML},
        (("products/kelompok-contoh/.DS_Store", 0, E, "HIDDEN_FOLDER"),),
    ),
    Case(
        "hidden-producer-folder",
        lambda: {"products/.git-like/produsen.yml": PRODUCER_YML},
        (("products/.git-like", 0, E, "HIDDEN_FOLDER"),),
    ),
    Case(
        "hidden-folder-in-product",
        lambda: {f"{P}/.thumbnails/depan.jpg": photo_bytes()},
        ((f"{P}/.thumbnails", 0, E, "HIDDEN_FOLDER"),),
    ),
    Case(
        "ds-store-file-is-reported",
        lambda: {f"{P}/.DS_Store": b"\x00\x00\x00\x01Bud1"},
        ((f"{P}/.DS_Store", 0, W, "HIDDEN_FILE"),),
    ),
    Case(
        "hidden-file-at-the-top",
        lambda: {"products/.rahasia": "x"},
        (("products/.rahasia", 0, W, "HIDDEN_FILE"),),
    ),
    # 13: phone numbers, e-mail addresses and hosts of links
    Case(
        "international-prefix-0062",
        lambda: {PRODUCER: PRODUCER_YML + '  telepon: "0062 380 821234"\n'},
    ),
    Case(
        "mailto-header-injection",
        lambda: {
            PRODUCER: PRODUCER_YML + '  email: "usaha@contoh.id?cc=lain@contoh.id&subject=halo"\n'
        },
        ((PRODUCER, 5, E, "EMAIL_NOT_PLAIN"),),
    ),
    Case(
        "two-addresses-in-email",
        lambda: {PRODUCER: PRODUCER_YML + '  email: "usaha@contoh.id, lain@contoh.id"\n'},
        ((PRODUCER, 5, E, "EMAIL_NOT_PLAIN"),),
    ),
    Case(
        "toll-free-whatsapp",
        lambda: {PRODUCER: swap('"0812-3456-7890"', '"0800-1-234567"', PRODUCER_YML)},
        ((PRODUCER, 4, E, "PHONE_SPECIAL"),),
    ),
    Case(
        "foreign-whatsapp",
        lambda: {PRODUCER: swap('"0812-3456-7890"', '"+1 415 555 0100"', PRODUCER_YML)},
        ((PRODUCER, 4, E, "PHONE_FOREIGN"),),
    ),
    Case(
        "idn-homograph-of-shopee",
        lambda: {PRODUCT: PRODUCT_YML + 'tautan:\n  toko: "https://sh\u043epee.co.id/madu"\n'},
        ((PRODUCT, 20, E, "URL_HOST_LOOKALIKE"),),
    ),
    Case(
        "punycode-homograph-of-shopee",
        lambda: {PRODUCT: PRODUCT_YML + 'tautan:\n  toko: "https://xn--shpee-kye.co.id/madu"\n'},
        ((PRODUCT, 20, E, "URL_HOST_LOOKALIKE"),),
    ),
    Case(
        "other-host-under-shopee-key",
        lambda: {PRODUCT: PRODUCT_YML + 'tautan:\n  shopee: "https://madu.example.com/shopee"\n'},
        ((PRODUCT, 20, E, "LINK_WRONG_HOST"),),
    ),
    Case(
        "mixed-script-host",
        lambda: {
            PRODUCT: PRODUCT_YML
            + 'tempat_beli:\n  - nama: Toko\n    tautan: "https://tok\u043e-madu.example.com"\n'
        },
        ((PRODUCT, 21, E, "URL_HOST_MIXED_SCRIPT"),),
    ),
    Case(
        "marketplace-subdomains-accepted",
        lambda: {
            PRODUCT: PRODUCT_YML
            + 'tautan:\n  tokopedia: "https://tk.tokopedia.com/abc"\n  Shopee: "https://id.shp.ee/xyz"\n'
        },
    ),
    # photos that crashed, hung or were wrongly refused (issue 10; FIFOs and sparse files are in test_photos.py)
    Case("exif-make-as-rational", lambda: {PHOTO: hostile_photos.exif_make_as_rational()}),
    Case(
        "exif-orientation-garbage",
        lambda: {PHOTO: hostile_photos.exif_orientation_garbage()},
        ((PRODUCT, 9, E, "PHOTO_BAD_EXIF"),),
    ),
    Case(
        "exif-gps-pointer-dangling",
        lambda: {PHOTO: hostile_photos.exif_gps_pointer_dangling()},
        ((PRODUCT, 9, W, "PHOTO_GPS"),),
    ),
    Case(
        "progressive-scan-repeated",
        lambda: {PHOTO: hostile_photos.repeated_scan_jpeg(60_000)},
        ((PRODUCT, 9, E, "PHOTO_TOO_MANY_SCANS"),),
    ),
    Case(
        "progressive-scan-repeated-junk-byte",
        lambda: {PHOTO: hostile_photos.repeated_scan_jpeg_with_junk(60_000)},
        ((PRODUCT, 9, E, "PHOTO_TOO_MANY_SCANS"),),
    ),
    Case("mpo-dual-camera", lambda: {PHOTO: hostile_photos.mpo()}),
    Case(
        "xmp-gps-utf16",
        lambda: {
            PHOTO: hostile_photos.jpeg_with_xmp(hostile_photos.xmp_packet("utf-16-le", bom=True))
        },
        ((PRODUCT, 9, W, "PHOTO_GPS"),),
    ),
    Case(
        "xmp-gps-utf32-no-bom",
        lambda: {
            PHOTO: hostile_photos.jpeg_with_xmp(hostile_photos.xmp_packet("utf-32-be", bom=False))
        },
        ((PRODUCT, 9, W, "PHOTO_GPS"),),
    ),
    # where the editor schema and the validator used to disagree (issue 11: one rule book)
    Case(
        "price-below-rp100",
        lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 50")},
        ((PRODUCT, 13, W, "PRICE_TOO_LOW"),),
    ),
    Case(
        "price-as-text-over-a-billion",
        lambda: {PRODUCT: swap("rupiah: 75000", 'rupiah: "5000000000"')},
        ((PRODUCT, 13, E, "PRICE_TOO_HIGH"),),
    ),
    Case("price-with-spaces", lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 75 000")}),
    Case(
        "food-without-license",
        lambda: {PRODUCT: swap('izin:\n  - jenis: pirt\n    nomor: "2065302010052-29"\n', "")},
        ((PRODUCT, 2, E, "LICENSE_REQUIRED"),),
    ),
    Case(
        "food-without-halal",
        lambda: {PRODUCT: swap('halal:\n  nomor: "ID53110012345670825"\n', "")},
        ((PRODUCT, 2, E, "HALAL_REQUIRED"),),
    ),
    # real-world numbers as printed (issue 11, item 2)
    Case(
        "psat-for-fresh-produce",
        lambda: {
            PRODUCT: PRODUCT_YML.replace("kategori: pangan-olahan", "kategori: pertanian-segar")
            .replace(
                'izin:\n  - jenis: pirt\n    nomor: "2065302010052-29"\n',
                'izin:\n  - jenis: psat\n    nomor: "53/71-3-I.II/14-012-12/2018"\n',
            )
            .replace('halal:\n  nomor: "ID53110012345670825"\n', "")
        },
    ),
    Case(
        "psat-malformed",
        lambda: {
            PRODUCT: PRODUCT_YML.replace(
                "kategori: pangan-olahan", "kategori: pertanian-segar"
            ).replace(
                'izin:\n  - jenis: pirt\n    nomor: "2065302010052-29"\n',
                'izin:\n  - jenis: psat\n    nomor: "Prima 3"\n',
            )
        },
        ((PRODUCT, 16, E, "LICENSE_BAD_FORMAT"),),
    ),
    Case(
        "pirt-with-depkes-words",
        lambda: {PRODUCT: swap('"2065302010052-29"', '"DEP. KES. RI. P-IRT NO. 2065302010052-29"')},
    ),
    Case(
        "bpom-from-barcode-scan",
        lambda: {
            PRODUCT: swap(
                '  - jenis: pirt\n    nomor: "2065302010052-29"',
                '  - jenis: bpom-md\n    nomor: "(90)MD223782017200236"',
            )
        },
    ),
    Case(
        "halal-old-mui-with-end-date",
        lambda: {
            PRODUCT: swap(
                '  nomor: "ID53110012345670825"\n',
                '  nomor: "HALAL MUI : 01010012340998"\n  berlaku_sampai: "2027-03-31"\n',
            )
        },
        ((PRODUCT, 18, W, "HALAL_LEGACY_MUI"),),
    ),
    Case(
        "halal-end-date-passed",
        lambda: {
            PRODUCT: swap(
                '  nomor: "ID53110012345670825"\n',
                '  nomor: "LPPOM-00150084360617"\n  berlaku_sampai: 2020-01-31\n',
            )
        },
        ((PRODUCT, 19, W, "HALAL_CERTIFICATE_ENDED"),),
    ),
    Case(
        "halal-end-date-without-number",
        lambda: {
            PRODUCT: swap(
                '  nomor: "ID53110012345670825"\n',
                "  status: dalam-proses\n  berlaku_sampai: 2027-01-31\n",
            )
        },
        ((PRODUCT, 19, E, "HALAL_END_WITHOUT_NUMBER"),),
    ),
    Case("nib-with-label-word", lambda: {PRODUCER: PRODUCER_YML + 'nib: "NIB : 9120402830164"\n'}),
    Case(
        "empty-optional-lists",
        lambda: {
            PRODUCT: PRODUCT_YML.replace("kategori: pangan-olahan", "kategori: kerajinan")
            .replace('izin:\n  - jenis: pirt\n    nomor: "2065302010052-29"\n', "izin:\n")
            .replace('halal:\n  nomor: "ID53110012345670825"\n', "")
            + "tempat_beli:\ntautan:\ntersedia:\n"
        },
    ),
)

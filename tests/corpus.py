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
from dataclasses import dataclass, field
from typing import Callable

from PIL import Image

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
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IEND", b"")


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


HTML = '<script>alert(1)</script><img src=x onerror=alert(1)>'
E, W = "galat", "peringatan"

CASES: tuple[Case, ...] = (
    # YAML
    Case("alias-bomb", lambda: {PRODUCT: "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"}, ((PRODUCT, 1, E, "YAML_ANCHOR"), (PRODUCT, 2, E, "YAML_ALIAS"))),
    Case("duplicate-key", lambda: {PRODUCT: PRODUCT_YML + "kategori: minuman\n"}, ((PRODUCT, 19, E, "DUPLICATE_KEY"),)),
    Case("norway-boolean-in-text", lambda: {PRODUCT: swap("varian: 250 ml", "varian: NO")}),
    Case("yes-as-boolean", lambda: {PRODUCT: PRODUCT_YML + "tersedia: yes\n"}, ((PRODUCT, 19, E, "BOOL_EXPECTED"),)),
    Case("octal-looking-number", lambda: {PRODUCER: PRODUCER_YML + "nib: 012345\n"}, ((PRODUCER, 5, E, "NUMBER_NOT_QUOTED"),)),
    Case("sexagesimal-number", lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 1:20")}, ((PRODUCT, 13, E, "PRICE_NOT_NUMBER"),)),
    Case("leading-zero-identifier", lambda: {PRODUCT: swap('"2065302010052-29"', "0065302010052")}, ((PRODUCT, 16, E, "NUMBER_NOT_QUOTED"),)),
    Case("unquoted-phone", lambda: {PRODUCER: swap('"0812-3456-7890"', "+6281234567890", PRODUCER_YML)}, ((PRODUCER, 4, E, "NUMBER_NOT_QUOTED"),)),
    Case("tab-indent", lambda: {PRODUCT: swap("  - berkas", "\t- berkas")}, ((PRODUCT, 9, E, "TAB_INDENT"),)),
    Case("bom", lambda: {PRODUCT: b"\xef\xbb\xbf" + PRODUCT_YML.encode()}),
    Case("utf16", lambda: {PRODUCT: PRODUCT_YML.encode("utf-16")}, ((PRODUCT, 1, E, "NOT_UTF8_UTF16"),)),
    Case("latin1", lambda: {PRODUCT: PRODUCT_YML.replace("Madu Hutan", "Madu Caf\u00e9").encode("latin-1")}, ((PRODUCT, 1, E, "NOT_UTF8"),)),
    Case("empty-file", lambda: {PRODUCT: ""}, ((PRODUCT, 0, E, "FILE_EMPTY"),)),
    Case("list-not-map", lambda: {PRODUCT: "- nama\n- kategori\n"}, ((PRODUCT, 1, E, "ROOT_NOT_MAPPING"),)),
    Case("map-where-text-belongs", lambda: {PRODUCT: swap("ringkasan: Madu hutan murni dari Fatumnasi.", "ringkasan:\n  a: b")}, ((PRODUCT, 4, E, "KEY_NOT_TEXT"),)),
    Case("ten-thousand-keys", lambda: {PRODUCT: PRODUCT_YML + "".join(f"k{i}: v\n" for i in range(10_000))}, ((PRODUCT, 19, E, "UNKNOWN_KEY"),)),
    Case("deep-nesting", lambda: {PRODUCT: "nama: " + "[" * 3000 + "]" * 3000 + "\n"}, ((PRODUCT, 1, E, "YAML_TOO_DEEP"),)),
    Case("five-megabytes", lambda: {PRODUCT: PRODUCT_YML + "#" * (5 * 1024 * 1024) + "\n"}, ((PRODUCT, 0, E, "FILE_TOO_LARGE"),)),
    Case("python-tag", lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: !!python/object/apply:os.system [ls]")}, ((PRODUCT, 1, E, "YAML_TAG"),)),
    Case("unclosed-quote", lambda: {PRODUCT: swap("ringkasan: Madu hutan murni dari Fatumnasi.", 'ringkasan: "Madu')}, ((PRODUCT, 3, E, "YAML_SYNTAX"),)),
    Case("invalid-date", lambda: {PRODUCT: PRODUCT_YML + "diperbarui: 2026-13-45\n"}, ((PRODUCT, 19, E, "DATE_EXPECTED"),)),
    Case("huge-number", lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: " + "9" * 400)}, ((PRODUCT, 13, E, "PRICE_TOO_HIGH"),)),
    Case("comment-cuts-name", lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: Kopi #1 Flores")}, ((PRODUCT, 1, W, "COMMENT_CUT"),)),
    Case("ampersand-start", lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: &Co")}, ((PRODUCT, 1, E, "YAML_ANCHOR"),)),
    # paths
    Case("dotdot-photo", lambda: {PRODUCT: swap("berkas: depan.jpg", "berkas: ../depan.jpg")}, ((PRODUCT, 9, E, "PHOTO_BAD_NAME"),)),
    Case("absolute-photo", lambda: {PRODUCT: swap("berkas: depan.jpg", "berkas: /etc/hosts.jpg")}, ((PRODUCT, 9, E, "PHOTO_BAD_NAME"),)),
    Case("photo-name-with-space", lambda: _photo_as("foto depan.jpg", photo_bytes())),
    Case("photo-name-non-ascii", lambda: _photo_as("foto-\u00e9t\u00e9.jpg", photo_bytes())),
    Case("photos-differ-in-case", lambda: {f"{P}/DEPAN.jpg": photo_bytes()}, ((PRODUCT, 0, W, "PHOTO_CASE_CLASH"),)),
    Case("photo-referenced-twice", lambda: {PRODUCT: swap("    keterangan: Botol madu\n", "    keterangan: Botol madu\n  - depan.jpg\n")}, ((PRODUCT, 11, E, "PHOTO_TWICE"),)),
    Case("missing-photo", lambda: {PHOTO: None}, ((PRODUCT, 9, E, "PHOTO_MISSING"),)),
    Case("bad-folder-name", lambda: {"products/Kelompok_Baru/produsen.yml": PRODUCER_YML}, (("products/Kelompok_Baru", 0, E, "BAD_SLUG"),)),
    # images
    Case("decompression-bomb", lambda: _photo_as("depan.png", png_claiming(30000, 30000)), ((PRODUCT, 9, E, "PHOTO_TOO_MANY_PIXELS"),)),
    Case("truncated-jpeg", lambda: {PHOTO: photo_bytes()[:1500]}, ((PRODUCT, 9, E, "PHOTO_TRUNCATED"),)),
    Case("png-named-jpg", lambda: {PHOTO: photo_bytes(fmt="PNG")}, ((PRODUCT, 9, E, "PHOTO_WRONG_TYPE"),)),
    Case("html-named-jpg", lambda: {PHOTO: b"<!doctype html><script>alert(1)</script>"}, ((PRODUCT, 9, E, "PHOTO_UNREADABLE"),)),
    Case("animated-webp", lambda: _photo_as("depan.webp", animated("WEBP")), ((PRODUCT, 9, W, "PHOTO_ANIMATED"),)),
    Case("animated-gif-extension", lambda: _photo_as("depan.gif", animated("GIF")), ((PRODUCT, 9, E, "PHOTO_BAD_EXTENSION"),)),
    Case("cmyk-jpeg", lambda: {PHOTO: cmyk_jpeg()}),
    Case("sixteen-bit-png", lambda: _photo_as("depan.png", png16())),
    Case("one-pixel", lambda: {PHOTO: photo_bytes(1, 1)}, ((PRODUCT, 9, E, "PHOTO_TOO_SMALL"),)),
    Case("very-wide", lambda: {PHOTO: photo_bytes(20000, 20)}, ((PRODUCT, 9, E, "PHOTO_TOO_SMALL"),)),
    Case("heic-without-support", lambda: _photo_as("depan.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64), ((PRODUCT, 9, E, "PHOTO_HEIC_UNSUPPORTED"),)),
    # text
    Case("html-in-every-text-field", lambda: {
        PRODUCT: PRODUCT_YML.replace("Madu Hutan Contoh", f'"{HTML}"').replace("Madu hutan murni dari Fatumnasi.", f"'{HTML}'")
        .replace("Simpan di tempat sejuk.", HTML).replace("Botol madu", f"'{HTML}'").replace("varian: 250 ml", f"varian: '{HTML}'")
        + f"komposisi: ['{HTML}']\nkata_kunci: ['{HTML}']\ntempat_beli:\n  - nama: '{HTML}'\n    alamat: '{HTML}'\n",
        PRODUCER: PRODUCER_YML.replace("Kelompok Tani Contoh", f"'{HTML}'") + f"alamat: '{HTML}'\ntentang: '{HTML}'\n",
    }, shown_as_text=("&lt;script&gt;alert(1)&lt;/script&gt;",)),
    Case("javascript-link", lambda: {PRODUCT: PRODUCT_YML + 'tautan:\n  toko: "javascript:alert(1)"\n'}, ((PRODUCT, 20, E, "URL_SCRIPT"),)),
    Case("data-link", lambda: {PRODUCT: PRODUCT_YML + 'tempat_beli:\n  - nama: Toko\n    tautan: "data:text/html;base64,PHNjcmlwdD4="\n'}, ((PRODUCT, 21, E, "URL_SCRIPT"),)),
    Case("markdown-link-in-text", lambda: {PRODUCT: swap("Simpan di tempat sejuk.", "[klik](javascript:alert(1)) --8<-- /etc/passwd")}, shown_as_text=("[klik](javascript:alert(1)) --8&lt;-- /etc/passwd",)),
    Case("rtl-override", lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", 'nama: "Madu \u202egpj.exe"')}, ((PRODUCT, 1, E, "TEXT_BIDI"),)),
    Case("zero-width-in-name", lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", 'nama: "Ma\u200bdu"')}, ((PRODUCT, 1, E, "TEXT_INVISIBLE"),)),
    Case("five-thousand-char-name", lambda: {PRODUCT: swap("nama: Madu Hutan Contoh", "nama: " + "a" * 5000)}, ((PRODUCT, 1, E, "TEXT_TOO_LONG"),)),
    # data
    Case("same-product-slug-two-producers", lambda: {
        "products/kelompok-lain/produsen.yml": PRODUCER_YML, "products/kelompok-lain/madu/produk.yml": PRODUCT_YML,
        "products/kelompok-lain/madu/depan.jpg": photo_bytes(),
    }),
    Case("price-zero", lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 0")}, ((PRODUCT, 13, E, "PRICE_NOT_POSITIVE"),)),
    Case("price-negative", lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: -75000")}, ((PRODUCT, 13, E, "PRICE_NOT_POSITIVE"),)),
    Case("price-string", lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: tujuh puluh ribu")}, ((PRODUCT, 13, E, "PRICE_NOT_NUMBER"),)),
    Case("price-dotted", lambda: {PRODUCT: swap("rupiah: 75000", "rupiah: 75.000")}, ((PRODUCT, 13, E, "PRICE_DOTTED"),)),
    Case("unknown-regency", lambda: {PRODUCER: swap("timor-tengah-selatan", "jakarta-selatan", PRODUCER_YML)}, ((PRODUCER, 2, E, "REGENCY_UNKNOWN"),)),
    Case("pirt-wrong-regency", lambda: {PRODUCT: swap('"2065302010052-29"', '"2065371010052-29"')}, ((PRODUCT, 16, W, "PIRT_REGENCY_MISMATCH"),)),
    Case("pirt-expired", lambda: {PRODUCT: swap('"2065302010052-29"', '"2065302010052-19"')}, ((PRODUCT, 16, W, "PIRT_EXPIRED"),)),
    Case("halal-for-pork", lambda: {PRODUCT: PRODUCT_YML + "komposisi: [daging babi, garam]\n"}, ((PRODUCT, 18, E, "HALAL_BUT_PORK"),)),
    Case("pirt-for-bottled-water", lambda: {PRODUCT: swap("kategori: pangan-olahan", "kategori: air-minum-kemasan")}, ((PRODUCT, 14, E, "LICENSE_FORBIDDEN"),)),
    Case("halal-claimed-in-keywords", lambda: {PRODUCT: swap('halal:\n  nomor: "ID53110012345670825"', 'halal:\n  status: dalam-proses') + "kata_kunci: [madu, 100% halal]\n"},
         ((PRODUCT, 19, E, "KEYWORD_HALAL_NOT_CERTIFIED"),)),
    Case("halal-kh-number", lambda: {PRODUCT: swap('"ID53110012345670825"', '"KH.0012/2024"')}, ((PRODUCT, 18, E, "HALAL_KH_NUMBER"),)),
)

"""The rule book: what a produsen.yml and a produk.yml may hold, defined once.

validate.py reads its limits, key lists and patterns from here; the JSON Schemas for editors
(catalogue_gen/schema/*.json) and the rules the browser form loads (docs/assets/aturan-form.js)
are generated from here by `catalogue-gen schema`, and tests/test_rules.py fails when a
committed copy differs from what this module generates. License kinds live in licenses.py and
category requirements in categories.py; they are read from there, never copied.

Not every rule can be said in JSON Schema: an editor sees parsed data, not the file's text
(so it cannot see a duplicate key, a tab, a `75.000` written for 75000), nor the photos, nor
the other files of the catalogue. BEYOND_SCHEMA names those checks by message code, with the
reason; every other galat of validate.py must also be a schema error (tests/test_rules.py
proves it over the bad-input corpus).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from catalogue_gen import categories, licenses, regencies

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://raw.githubusercontent.com/beli-produk-ntt/katalog/main/catalogue_gen/schema/"
GUIDE_URL = "https://beli-produk-ntt.github.io/katalog/panduan/"

# Keys of each file, in the order the guide and the scaffold show them.
PRODUCER_KEYS = ("nama", "kabupaten", "alamat", "kontak", "nib", "tentang", "logo", "akun_github")
CONTACT_KEYS = ("whatsapp", "telepon", "email", "instagram", "situs")
PRODUCT_KEYS = (
    "nama",
    "kategori",
    "ringkasan",
    "deskripsi",
    "foto",
    "harga",
    "isi_bersih",
    "komposisi",
    "izin",
    "halal",
    "tempat_beli",
    "tautan",
    "kata_kunci",
    "tersedia",
    "diperbarui",
)
HALAL_KEYS = ("nomor", "status", "alasan", "berlaku_sampai")
PRODUCER_REQUIRED = ("nama", "kabupaten", "kontak")
PRODUCT_REQUIRED = ("nama", "kategori", "ringkasan", "deskripsi", "foto")

# Lengths in characters, (minimum, maximum).
NAME_LIMITS = (2, 100)
SUMMARY_LIMITS = (2, 160)
DESCRIPTION_LIMITS = (2, 3000)
ABOUT_MAX = 1000
ADDRESS_MAX = 200
SHORT_TEXT_MAX = 60
"""isi_bersih, harga[].varian, one kata_kunci."""
INGREDIENT_MAX = 200
CAPTION_MAX = 200
REASON_MAX = 200
NUMBER_MAX = 200
"""A license, certificate or identity number as printed, label words included."""
EMAIL_LIMITS = (3, 200)
URL_MAX = 500
LINK_NAME_MAX = 40
FILE_NAME_MAX = 200
MAX_PHOTOS = 8
MAX_INGREDIENTS = 60
MAX_KEYWORDS = 40
MAX_ACCOUNTS = 10
ACCOUNT_MAX = 39
# The spec asks for a positive whole number; a billion rupiah is a typo with extra zeros.
PRICE_RANGE = (1, 1_000_000_000)
# Rp100 is the smallest coin in use: a price below it is accepted, with a warning, because it
# is usually a thousands price written short ("75" for 75.000).
PRICE_WARN_BELOW = 100

PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic")
# The HEIF major brands pillow-heif opens (its `_is_supported_heif`), at bytes 8-12 after "ftyp":
# photos.py tells a damaged HEIC from "not an image" by them, attachments.py a downloaded HEIC.
HEIF_BRANDS = (
    b"heic",
    b"heix",
    b"heim",
    b"heis",
    b"hevc",
    b"hevx",
    b"hevm",
    b"hevs",
    b"mif1",
    b"msf1",
)

# Patterns in the dialect JSON Schema uses (ECMA-262) and Python's re reads the same way.
GITHUB_LOGIN = r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*"
WHATSAPP_SHAPE = r"\(?(\+?62|0062|0)[\s.()\-]*8([\s.()\-]*[0-9]){8,11}"
PHONE_SHAPE = r"\(?(\+?62|0062|0)[\s.()\-]*[1-9]([\s.()\-]*[0-9]){7,11}"
EMAIL_SHAPE = (
    r"[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})"
)
INSTAGRAM_SHAPE = r"(@?[A-Za-z0-9._]{1,30}|https://(www\.)?instagram\.com/[A-Za-z0-9._]{1,30}/?)"
URL_SHAPE = r"https://[^\s\"]+\.[^\s\"]+"
# "NIB : 9120402830164" as printed on labels; the word is dropped, the 13 digits kept.
NIB_SHAPE = r"([Nn][Ii][Bb][\s.:#]*)?[0-9]([\s.]*[0-9]){12}"
DATE_SHAPE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

HALAL_STATUSES = ("bersertifikat", "dalam-proses", "tidak-halal")

# validate.py message codes the schema cannot carry, and why. Every other galat is a schema
# error too.
BEYOND_SCHEMA: dict[str, str] = {
    **dict.fromkeys(
        (
            "YAML_SYNTAX",
            "YAML_ANCHOR",
            "YAML_ALIAS",
            "YAML_TAG",
            "YAML_TOO_DEEP",
            "DUPLICATE_KEY",
            "TAB_INDENT",
            "NOT_UTF8",
            "NOT_UTF8_UTF16",
            "FILE_EMPTY",
            "FILE_TOO_LARGE",
            "ROOT_NOT_MAPPING",
            "NUMBER_NOT_QUOTED",
            "PRICE_DOTTED",
            "COMMENT_CUT",
        ),
        "the file's text, which an editor has already parsed away",
    ),
    **dict.fromkeys(
        (
            "PHOTO_MISSING",
            "PHOTO_CASE_CLASH",
            "PHOTO_TWICE",
            "BAD_SLUG",
            "FILE_NOT_REGULAR",
            "NAME_TWIN",
        ),
        "the folder's other files, or the catalogue's other names",
    ),
    **dict.fromkeys(
        (
            "TEXT_INVISIBLE",
            "TEXT_BLANK_CHARACTER",
            "TEXT_BIDI",
            "TEXT_TAG",
            "TEXT_NO_LETTERS",
            "NAME_MIXED_SCRIPT",
        ),
        "Unicode rules of characters.py (scripts, look-alikes, invisible characters) that a pattern cannot name",
    ),
    **dict.fromkeys(
        (
            "LICENSE_BAD_FORMAT",
            "LICENSE_WRONG_CODE",
            "HALAL_KH_NUMBER",
            "NIB_BAD",
            "PHONE_BAD",
            "PHONE_NOT_MOBILE",
            "PHONE_SPECIAL",
            "PHONE_FOREIGN",
            "EMAIL_BAD",
            "EMAIL_NOT_PLAIN",
            "URL_SCRIPT",
            "URL_AUTHORITY_BAD",
            "URL_HOST_LOOKALIKE",
            "URL_HOST_MIXED_SCRIPT",
            "URL_HOST_BAD",
            "LINK_WRONG_HOST",
        ),
        "number and address checks in Python (licenses.py, contacts.py: phonenumbers, label words, hosts)",
    ),
    **dict.fromkeys(
        (
            "HALAL_BUT_PORK",
            "KEYWORD_HALAL_NOT_CERTIFIED",
        ),
        "what the words of one field say about another (pork in komposisi, halal in kata_kunci)",
    ),
}


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _pattern(shape: str) -> str:
    return f"^{shape}$"


def _photo_name_pattern() -> str:
    # Case-insensitive extension without the `i` flag, which JSON Schema patterns do not have.
    alternatives = "|".join(
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in ext[1:])
        for ext in PHOTO_EXTENSIONS
    )
    # .jpg and .jpeg are one alternative in the old hand-written schema: keep the same shape
    alternatives = alternatives.replace("[jJ][pP][gG]|[jJ][pP][eE][gG]", "[jJ][pP][eE]?[gG]")
    return rf"^[^/\\:.][^/\\:]*\.({alternatives})$"


def _extensions_in_words() -> str:
    names = list(PHOTO_EXTENSIONS)
    return ", ".join(names[:-1]) + " atau " + names[-1]


def _text(
    description: str,
    limits: tuple[int, int] | None = None,
    maximum: int | None = None,
    numbers: bool = True,
) -> dict[str, Any]:
    # YAML reads `nama: 1945` as a number; validate.py takes it as the text "1945".
    node: dict[str, Any] = {
        "description": description,
        "type": ["string", "number"] if numbers else "string",
    }
    if limits:
        node["minLength"], node["maxLength"] = limits
    if maximum is not None:
        node["maxLength"] = maximum
    return node


def _photo_file(description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "description": description,
        "pattern": _photo_name_pattern(),
        "maxLength": FILE_NAME_MAX,
        "not": {"pattern": r"\.\."},
    }


def _url(description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "description": description,
        "pattern": _pattern(URL_SHAPE),
        "maxLength": URL_MAX,
    }


def _price_text_pattern() -> str:
    # A whole number of rupiah from PRICE_RANGE written as text, spaces between digits allowed
    # ("75 000"); the range itself is spelt out because a pattern cannot compare numbers.
    low, high = PRICE_RANGE
    assert low == 1 and high == 10**9, "regenerate the price pattern for the new range"
    return r"^\s*([1-9]( ?[0-9]){0,8}|1( ?0){9})\s*$"


def _text_list(description: str, max_items: int, max_length: int) -> dict[str, Any]:
    return {
        "description": description,
        "oneOf": [
            {
                "type": "array",
                "maxItems": max_items,
                "items": {"type": ["string", "number"], "minLength": 1, "maxLength": max_length},
            },
            {"type": "string", "description": "Beberapa kata dipisah koma."},
        ],
    }


def producer_schema() -> dict[str, Any]:
    """The JSON Schema of produsen.yml."""
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{SCHEMA_BASE}produsen.schema.json",
        "title": "produsen.yml",
        "description": "Data produsen (UMKM, kelompok, koperasi) di katalog Beli Produk NTT: siapa, di mana, dan cara menghubunginya. "
        f"Panduan: {GUIDE_URL}",
        "type": "object",
        "additionalProperties": False,
        "required": list(PRODUCER_REQUIRED),
        "properties": {
            "nama": _text(
                f"Nama usaha, kelompok atau koperasi ({NAME_LIMITS[0]}-{NAME_LIMITS[1]} karakter).",
                NAME_LIMITS,
            ),
            "kabupaten": {
                "description": "Kabupaten/kota tempat usaha, ditulis dengan huruf kecil dan tanda hubung, misalnya timor-tengah-selatan atau kota-kupang.",
                "enum": [regency.slug for regency in regencies.REGENCIES],
            },
            "alamat": _text(
                f"Alamat usaha (paling banyak {ADDRESS_MAX} karakter).", maximum=ADDRESS_MAX
            ),
            "kontak": {
                "description": "Cara menghubungi produsen; minimal satu, sebaiknya whatsapp.",
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "whatsapp": {
                        "description": 'Nomor HP WhatsApp dalam tanda kutip, misalnya "0812-3456-7890" atau "+62 812-3456-7890".',
                        "type": "string",
                        "pattern": _pattern(WHATSAPP_SHAPE),
                    },
                    "telepon": {
                        "description": 'Nomor telepon dalam tanda kutip (HP atau telepon rumah/kantor, misalnya "0380-123456").',
                        "type": "string",
                        "pattern": _pattern(PHONE_SHAPE),
                    },
                    "email": {
                        "description": "Satu alamat email, misalnya usaha@contoh.id (tanpa spasi, ?, & atau %).",
                        "type": "string",
                        "pattern": _pattern(EMAIL_SHAPE),
                        "maxLength": EMAIL_LIMITS[1],
                    },
                    "instagram": {
                        "description": "Nama akun Instagram (boleh diawali @) atau alamat https://www.instagram.com/namaakun; beri tanda kutip bila diawali @.",
                        "type": "string",
                        "pattern": _pattern(INSTAGRAM_SHAPE),
                    },
                    "situs": _url("Situs web usaha, diawali https://"),
                },
            },
            "nib": {
                "description": 'Nomor Induk Berusaha dari OSS: 13 digit, dalam tanda kutip, misalnya "1234567890123".',
                "type": "string",
                "pattern": _pattern(NIB_SHAPE),
            },
            "tentang": {
                "description": f"Cerita singkat tentang usaha (teks biasa, paling banyak {_thousands(ABOUT_MAX)} karakter).",
                "type": "string",
                "maxLength": ABOUT_MAX,
            },
            "logo": _photo_file(f"Berkas logo di folder produsen ({_extensions_in_words()})."),
            "akun_github": {
                "description": "Akun GitHub (tanpa @) yang boleh mengubah folder produsen ini, misalnya [nama-akun]. Pull request dari akun lain "
                "yang mengubah folder ini ditolak pemeriksa, kecuali disetujui pengelola.",
                "type": "array",
                "maxItems": MAX_ACCOUNTS,
                "items": {
                    "type": "string",
                    "maxLength": ACCOUNT_MAX,
                    "pattern": _pattern(GITHUB_LOGIN),
                },
            },
        },
    }


def _category_description() -> str:
    names = "; ".join(f"{c.slug} = {c.name}" for c in categories.CATEGORIES)
    return f"Kategori produk; menentukan izin yang wajib. {names}."


def _license_requirements_in_words() -> str:
    parts = []
    for slug, rule in categories.LICENSE_RULES.items():
        if not rule.required:
            continue
        groups = " dan ".join(" atau ".join(group) for group in rule.required)
        parts.append(f"{slug} perlu {groups}")
    return "; ".join(parts)


def _license_kind_description() -> str:
    kinds = "; ".join(f"{t.type} = {t.label}" for t in licenses.LICENSE_TYPES.values())
    return f"Jenis izin: {kinds}."


def _category_rules() -> list[dict[str, Any]]:
    """categories.LICENSE_RULES as if/then: the licenses and the halal key a category needs."""
    rules: list[dict[str, Any]] = []
    for slug, rule in categories.LICENSE_RULES.items():
        then: dict[str, Any] = {}
        required: list[str] = []
        conditions: list[dict[str, Any]] = []
        for group in rule.required:
            conditions.append(
                {
                    "contains": {
                        "properties": {"jenis": {"enum": list(group)}},
                        "required": ["jenis"],
                    }
                }
            )
        if rule.forbidden:
            conditions.append(
                {
                    "not": {
                        "contains": {
                            "properties": {"jenis": {"enum": list(rule.forbidden)}},
                            "required": ["jenis"],
                        }
                    }
                }
            )
        if rule.required:
            required.append("izin")
        if conditions:
            then["properties"] = {
                "izin": {"allOf": conditions} if len(conditions) > 1 else conditions[0]
            }
        if rule.needs_halal:
            required.append("halal")
        if required:
            then["required"] = required
        if then:
            rules.append(
                {
                    "if": {"properties": {"kategori": {"const": slug}}, "required": ["kategori"]},
                    "then": then,
                }
            )
    return rules


def product_schema() -> dict[str, Any]:
    """The JSON Schema of produk.yml."""
    photo_words = (
        f"Nama berkas foto di folder yang sama ({_extensions_in_words()}), tanpa / atau .."
    )
    low, high = PRICE_RANGE
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{SCHEMA_BASE}produk.schema.json",
        "title": "produk.yml",
        "description": "Satu produk di katalog Beli Produk NTT, di folder products/<produsen>/<produk>/ bersama fotonya. "
        f"Panduan: {GUIDE_URL}",
        "type": "object",
        "additionalProperties": False,
        "required": list(PRODUCT_REQUIRED),
        "properties": {
            "nama": _text(
                f"Nama produk seperti pada label ({NAME_LIMITS[0]}-{NAME_LIMITS[1]} karakter).",
                NAME_LIMITS,
            ),
            "kategori": {
                "description": _category_description(),
                "enum": [c.slug for c in categories.CATEGORIES],
            },
            "ringkasan": _text(
                f"Satu kalimat tentang produk untuk kartu dan hasil pencarian (paling banyak {SUMMARY_LIMITS[1]} karakter).",
                SUMMARY_LIMITS,
                numbers=False,
            ),
            "deskripsi": _text(
                "Cerita produk: bahan, cara membuat, rasa, cara menyimpan. Baris kosong memulai paragraf baru. "
                f"Teks biasa, paling banyak {_thousands(DESCRIPTION_LIMITS[1])} karakter.",
                DESCRIPTION_LIMITS,
                numbers=False,
            ),
            "foto": {
                "description": f"1-{MAX_PHOTOS} foto dari folder produk; foto pertama menjadi sampul.",
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_PHOTOS,
                "items": {
                    "oneOf": [
                        _photo_file(photo_words),
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["berkas"],
                            "properties": {
                                "berkas": _photo_file(photo_words),
                                "keterangan": _text(
                                    "Apa yang tampak di foto, untuk pembaca layar dan saat foto belum termuat.",
                                    maximum=CAPTION_MAX,
                                ),
                            },
                        },
                    ]
                },
            },
            "harga": {
                "description": "Harga per varian dalam rupiah.",
                "type": ["array", "null"],
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["rupiah"],
                    "properties": {
                        "varian": _text(
                            'Ukuran atau jenis, misalnya "250 ml".', maximum=SHORT_TEXT_MAX
                        ),
                        "rupiah": {
                            "description": "Harga dalam rupiah, angka bulat tanpa titik dan tanpa Rp: tulis 75000, bukan 75.000 "
                            f"(YAML membaca 75.000 sebagai 75; harga di bawah Rp{PRICE_WARN_BELOW} diberi peringatan).",
                            "oneOf": [
                                {"type": "integer", "minimum": low, "maximum": high},
                                {"type": "string", "pattern": _price_text_pattern()},
                            ],
                        },
                    },
                },
            },
            "isi_bersih": _text(
                'Isi bersih atau berat, misalnya "250 ml" atau "500 g".', maximum=SHORT_TEXT_MAX
            ),
            "komposisi": _text_list(
                "Bahan-bahan, satu per baris daftar.", MAX_INGREDIENTS, INGREDIENT_MAX
            ),
            "izin": {
                "description": f"Izin edar atau izin produksi. Wajib menurut kategori: {_license_requirements_in_words()}.",
                "type": ["array", "null"],
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["jenis", "nomor"],
                    "properties": {
                        "jenis": {
                            "description": _license_kind_description(),
                            "enum": list(licenses.LICENSE_TYPES),
                        },
                        "nomor": {
                            "description": 'Nomor izin seperti pada label, selalu dalam tanda kutip, misalnya "BPOM RI MD 224510107115" '
                            'atau "P-IRT No. 2065371010052-24".',
                            "type": "string",
                            "minLength": 1,
                            "maxLength": NUMBER_MAX,
                        },
                    },
                },
            },
            "halal": {
                "description": "Status halal: nomor sertifikat BPJPH, atau status dalam-proses, atau status tidak-halal dengan alasan. "
                "Wajib untuk pangan, minuman, kosmetik, obat tradisional dan suplemen.",
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "nomor": {
                        "description": 'Nomor sertifikat halal BPJPH: ID dan 17 digit, dalam tanda kutip, misalnya "ID33110018517710724"; '
                        'nomor MUI lama (14 digit, "LPPOM MUI ...") diterima dengan peringatan.',
                        "type": "string",
                        "minLength": 1,
                        "maxLength": NUMBER_MAX,
                    },
                    "status": {
                        "description": "bersertifikat (bersama nomor), dalam-proses (sertifikat sedang diurus), atau tidak-halal "
                        "(wajib untuk produk yang mengandung babi atau alkohol).",
                        "enum": list(HALAL_STATUSES),
                    },
                    "alasan": {
                        "description": 'Alasan, misalnya "mengandung babi".',
                        "type": "string",
                        "maxLength": REASON_MAX,
                    },
                    "berlaku_sampai": {
                        "description": "Tanggal akhir yang tercetak di sertifikat lama (sebelum aturan 2024), tahun-bulan-tanggal, "
                        "misalnya 2027-03-31. Sertifikat BPJPH baru tidak berakhir, jadi kosongkan.",
                        "type": "string",
                        "format": "date",
                        "pattern": _pattern(DATE_SHAPE),
                    },
                },
                "anyOf": [
                    {"required": ["nomor"], "properties": {"status": {"const": "bersertifikat"}}},
                    {
                        "required": ["status"],
                        "not": {
                            "anyOf": [{"required": ["nomor"]}, {"required": ["berlaku_sampai"]}]
                        },
                        "properties": {"status": {"enum": list(HALAL_STATUSES[1:])}},
                    },
                ],
            },
            "tempat_beli": {
                "description": "Toko atau tempat produk bisa dibeli.",
                "type": ["array", "null"],
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["nama"],
                    "properties": {
                        "nama": _text("Nama toko atau tempat.", NAME_LIMITS),
                        "alamat": _text("Alamat toko.", maximum=ADDRESS_MAX),
                        "tautan": _url("Alamat web toko, diawali https://"),
                    },
                },
            },
            "tautan": {
                "description": "Tautan ke lapak daring atau media sosial: nama: alamat https://, misalnya shopee: https://shopee.co.id/... "
                "Tautan bernama lapak (shopee, tokopedia, lazada, ...) hanya boleh menuju situs lapak itu.",
                "type": ["object", "null"],
                "propertyNames": {"minLength": 1, "maxLength": LINK_NAME_MAX},
                "additionalProperties": _url("Alamat web lengkap yang diawali https://"),
            },
            "kata_kunci": _text_list(
                "Kata pencarian tambahan: nama lokal, ejaan lain, nama dalam bahasa Inggris.",
                MAX_KEYWORDS,
                SHORT_TEXT_MAX,
            ),
            "tersedia": {
                "description": 'true bila produk bisa dipesan, false bila stok habis (produk tetap tampil dengan tanda "stok habis").',
                "type": ["boolean", "null"],
            },
            "diperbarui": {
                "description": "Tanggal terakhir berkas ini diperiksa produsen, tahun-bulan-tanggal, misalnya 2026-10-15.",
                "type": "string",
                "format": "date",
                "pattern": _pattern(DATE_SHAPE),
            },
        },
        "allOf": _category_rules(),
    }


SHORT_NAMES = {
    "pirt": "P-IRT",
    "notifikasi-kosmetik": "notifikasi kosmetik",
    "sni": "SNI",
    "psat": "PSAT / Prima 3",
}
# The form's "Jenis izin" choices, most used first; every kind must be here (the generator fails otherwise).
FORM_CHOICES = {
    "pirt": "P-IRT / SPP-IRT (pangan industri rumah tangga)",
    "bpom-md": "BPOM MD (pangan olahan)",
    "bpom-ml": "BPOM ML (pangan olahan impor)",
    "notifikasi-kosmetik": "Notifikasi kosmetik BPOM (NA...)",
    "bpom-tr": "POM TR (obat tradisional, jamu)",
    "bpom-ti": "POM TI (obat tradisional impor)",
    "bpom-tl": "POM TL (obat tradisional lisensi)",
    "bpom-ht": "POM HT (obat herbal terstandar)",
    "bpom-ff": "POM FF (fitofarmaka)",
    "bpom-sd": "POM SD (suplemen kesehatan)",
    "bpom-si": "POM SI (suplemen kesehatan impor)",
    "bpom-sl": "POM SL (suplemen kesehatan lisensi)",
    "sni": "SNI (Standar Nasional Indonesia)",
    "psat": "PSAT / Prima 3 (hasil pertanian segar, Dinas Pertanian)",
}


def js_pattern(pattern: re.Pattern[str]) -> str:
    """A licenses.py pattern in JavaScript's dialect: only the named-group spelling differs."""
    # Only flags JavaScript's RegExp has by default may be set: VERBOSE or IGNORECASE would be lost.
    assert pattern.flags & ~(re.ASCII | re.UNICODE) == 0, (
        f"{pattern.pattern}: flags the form cannot share"
    )
    return pattern.pattern.replace("(?P<", "(?<")


def short_name(license_type: licenses.LicenseType) -> str:
    """What the form calls a kind in a sentence: "BPOM MD", "POM TR", "P-IRT"."""
    if license_type.bpom_code:
        return f"{'BPOM' if license_type.bpom_code in ('MD', 'ML') else 'POM'} {license_type.bpom_code}"
    return SHORT_NAMES.get(license_type.type, license_type.label)


def form_rules() -> dict[str, Any]:
    """What docs/assets/form.js checks, as data: limits, choices, license kinds, category needs."""
    return {
        "limits": {
            "nama": list(NAME_LIMITS),
            "ringkasan": list(SUMMARY_LIMITS),
            "deskripsi": list(DESCRIPTION_LIMITS),
            "tentang": ABOUT_MAX,
            "alamat": ADDRESS_MAX,
            "teksPendek": SHORT_TEXT_MAX,
            "komposisi": [MAX_INGREDIENTS, INGREDIENT_MAX],
            "kataKunci": [MAX_KEYWORDS, SHORT_TEXT_MAX],
            "foto": MAX_PHOTOS,
            "keterangan": CAPTION_MAX,
            "rupiah": list(PRICE_RANGE),
            "nomor": NUMBER_MAX,
            "akunGithub": ACCOUNT_MAX,
        },
        "photoExtensions": list(PHOTO_EXTENSIONS),
        "patterns": {"akunGithub": _pattern(GITHUB_LOGIN), "foto": _photo_name_pattern()},
        "categories": {
            c.slug: {
                "label": c.name,
                "groups": [list(group) for group in categories.LICENSE_RULES[c.slug].required],
                "forbidden": list(categories.LICENSE_RULES[c.slug].forbidden),
                "halal": categories.LICENSE_RULES[c.slug].needs_halal,
            }
            for c in categories.CATEGORIES
        },
        "licenses": {
            t.type: {
                "name": short_name(t),
                "label": t.label,
                "shape": t.shape,
                "example": t.example,
                "code": t.bpom_code,
                "digits": list(t.digit_counts),
            }
            for t in licenses.LICENSE_TYPES.values()
        },
        "halal": {
            "name": "sertifikat halal",
            "label": licenses.HALAL_TYPE.label,
            "shape": licenses.HALAL_TYPE.shape,
            "example": licenses.HALAL_TYPE.example,
        },
        "labelWords": sorted(licenses.LABEL_WORDS),
        "halalLabelWords": sorted(licenses.HALAL_LABEL_WORDS),
        "phoneStarts": list(licenses.PHONE_STARTS),
        "exampleNumbers": sorted(licenses.EXAMPLE_NUMBERS),
        # The license patterns written without verbose mode, shared as they are.
        "licensePatterns": {
            name: js_pattern(pattern) for name, pattern in licenses.SHARED_PATTERNS.items()
        },
        "regencies": {regency.slug: regency.name for regency in regencies.REGENCIES},
    }


FORM_RULES_PREFIX = (
    "// Generated by `catalogue-gen schema` from catalogue_gen/rules.py: never edit by hand.\n"
    "// The rules docs/assets/form.js checks, the same the validator uses.\n"
    "window.BeliProdukRules = "
)


GUIDE_PAGE = "docs/panduan/izin.md"
FORM_PAGE = "docs/buat/index.md"
# The guide page is hand-written around tables the rule book fills in, between these markers.
SECTION = re.compile(
    r"(<!-- buku-aturan: (?P<name>[a-z-]+) -->\n).*?(<!-- /buku-aturan -->)", re.DOTALL
)


def _category_table() -> str:
    rows = ["| Kategori | Izin yang wajib | Halal |", "|---|---|---|"]
    for category in categories.CATEGORIES:
        rule = categories.LICENSE_RULES[category.slug]
        needed = (
            " **dan** ".join(
                " atau ".join(f"`{kind}`" for kind in group) for group in rule.required
            )
            or "tidak ada"
        )
        if rule.forbidden:
            needed += (
                " ("
                + ", ".join(short_name(licenses.LICENSE_TYPES[kind]) for kind in rule.forbidden)
                + " tidak boleh)"
            )
        rows.append(
            f"| `{category.slug}` ({category.name}) | {needed} | {'wajib dicantumkan' if rule.needs_halal else 'tidak perlu'} |"
        )
    return "\n".join(rows) + "\n"


def _license_table() -> str:
    rows = ["| `jenis` | Izin | Bentuk nomor | Contoh | Diperiksa di |", "|---|---|---|---|---|"]
    for kind in [*licenses.LICENSE_TYPES.values(), licenses.HALAL_TYPE]:
        jenis = "`halal.nomor`" if kind is licenses.HALAL_TYPE else f"`{kind.type}`"
        rows.append(
            f"| {jenis} | {kind.label} | {kind.shape} | `{kind.example}` | {_checked_at(kind)} |"
        )
    return "\n".join(rows) + "\n"


def _checked_at(kind: licenses.LicenseType) -> str:
    if kind.check_url_pattern:
        host = kind.check_url_pattern.split("/")[2]
        return f"[{host}](https://{host}/): tautan di halaman produk membuka pencarian nomornya"
    if kind.check_url:
        return f"[{kind.check_url.split('/')[2]}]({kind.check_url})"
    return "tidak ada pencarian daring; halaman produk menyebut penerbitnya"


def _form_choices() -> str:
    missing = set(licenses.LICENSE_TYPES) - set(FORM_CHOICES)
    assert not missing, f"FORM_CHOICES has no text for {sorted(missing)}"
    return "".join(
        f'<option value="{kind}">{html.escape(text)}</option>\n'
        for kind, text in FORM_CHOICES.items()
    )


def _filled(current: str) -> str:
    sections = {
        "kategori": _category_table,
        "jenis-izin": _license_table,
        "pilihan-izin": _form_choices,
    }
    return SECTION.sub(lambda m: m.group(1) + sections[m.group("name")]() + m.group(3), current)


def generated_files(root: Path | None = None) -> dict[str, str]:
    """Every file the rule book writes, by path from `root` (the project), with its exact text.

    The guide page keeps its hand-written text, read from `root`; without a root (or without
    the page there) it is left out.
    """

    def as_json(value: dict[str, Any]) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"

    pages = {}
    for page in (GUIDE_PAGE, FORM_PAGE):
        if root is not None and (root / page).is_file():
            pages[page] = _filled((root / page).read_text(encoding="utf-8"))
    return pages | {
        "catalogue_gen/schema/produsen.schema.json": as_json(producer_schema()),
        "catalogue_gen/schema/produk.schema.json": as_json(product_schema()),
        "docs/assets/aturan-form.js": FORM_RULES_PREFIX
        + json.dumps(form_rules(), ensure_ascii=False, indent=1, sort_keys=True)
        + ";\n",
    }


def matches(shape: str, value: str) -> bool:
    """`value` fits a pattern of this module the way a JSON Schema validator reads it."""
    return re.fullmatch(shape, value) is not None

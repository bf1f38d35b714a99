"""License and certificate number formats: one verbose regex per shape, plus where to check.

Source: shared/spec/licenses.md. Real labels print numbers in many spellings ("BPOM RI MD
224510107115", "MD. 2245 1010 7115", "P-IRT No. 2065371010052-24"), so each pattern accepts
optional prefixes, spaces, dots and dashes, and `parse_license` returns the canonical form.
Only the prefix, digit count and character types are hard errors; inner layouts (P-IRT
expiry and regency digits) are partly inferred, so their checks are warnings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Where a shopper checks a number, one place per official site: when a site moves, this is the
# one line to change. `{number}` is the number as the site's search expects it (no spaces,
# percent-encoded by `check_link`).
CEKBPOM_URL = "https://cekbpom.pom.go.id/"
CEKBPOM_SEARCH = "https://cekbpom.pom.go.id/all-produk?query={number}"
BPJPH_URL = "https://bpjph.halal.go.id/search/sertifikat"
BPJPH_SEARCH = "https://bpjph.halal.go.id/search/sertifikat?no_sertifikat={number}"
# BSN's register of products allowed to carry the SNI mark (SPPT SNI); it searches by product or
# company, not by standard number, so the link opens the register and the number is copied.
BSN_URL = "https://bangbeni.bsn.go.id/barang-ber-sni"


@dataclass(frozen=True)
class LicenseType:
    """One value of `jenis:` and what its numbers look like."""

    type: str
    label: str
    """The type in plain words for shoppers."""
    shape: str
    """The shape producers must write, for error messages."""
    example: str
    """A number in canonical form, for error messages."""
    check_url: str
    """The checker's home page, "" when there is no public checker."""
    bpom_code: str = ""
    """`MD`, `TR`, ... for BPOM registration types; "" for the others."""
    digit_counts: tuple[int, ...] = ()
    check_url_pattern: str = ""
    """The checker's search for one number (`{number}`); "" when it cannot search by number."""
    issuer_note: str = ""
    """Who issued the number, in plain words, for kinds no site can check."""


LICENSE_TYPES: dict[str, LicenseType] = {
    t.type: t
    for t in (
        LicenseType(
            "bpom-md",
            "Izin edar BPOM MD (pangan olahan dalam negeri)",
            "MD dan 12 atau 15 digit",
            "BPOM RI MD 224510107115",
            CEKBPOM_URL,
            "MD",
            (12, 15),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-ml",
            "Izin edar BPOM ML (pangan olahan impor)",
            "ML dan 12 atau 15 digit",
            "BPOM RI ML 123456789012",
            CEKBPOM_URL,
            "ML",
            (12, 15),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "pirt",
            "Izin produksi pangan industri rumah tangga (P-IRT)",
            "13 digit, tanda hubung, 2 digit tahun",
            "P-IRT No. 2065371010052-24",
            "",
            issuer_note="P-IRT diterbitkan oleh pemerintah kabupaten/kota (Dinas Kesehatan, lewat OSS) dan tidak memiliki situs pemeriksaan umum; "
            "untuk memastikannya, tanyakan ke Dinas Kesehatan yang menerbitkannya.",
        ),
        LicenseType(
            "notifikasi-kosmetik",
            "Notifikasi kosmetik BPOM",
            "N, huruf A-E dan 11 digit (atau NKIT dan 9 digit)",
            "NA18240104109",
            CEKBPOM_URL,
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-tr",
            "Izin edar BPOM obat tradisional (TR, jamu buatan dalam negeri)",
            "POM TR dan 9 digit",
            "POM TR 172302151",
            CEKBPOM_URL,
            "TR",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-ti",
            "Izin edar BPOM obat tradisional impor (TI)",
            "POM TI dan 9 digit",
            "POM TI 123456789",
            CEKBPOM_URL,
            "TI",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-tl",
            "Izin edar BPOM obat tradisional lisensi (TL)",
            "POM TL dan 9 digit",
            "POM TL 123456789",
            CEKBPOM_URL,
            "TL",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-ht",
            "Izin edar BPOM obat herbal terstandar (HT)",
            "POM HT dan 9 digit",
            "POM HT 123456789",
            CEKBPOM_URL,
            "HT",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-ff",
            "Izin edar BPOM fitofarmaka (FF)",
            "POM FF dan 9 digit",
            "POM FF 123456789",
            CEKBPOM_URL,
            "FF",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-sd",
            "Izin edar BPOM suplemen kesehatan (SD)",
            "POM SD dan 9 digit",
            "POM SD 123456789",
            CEKBPOM_URL,
            "SD",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-si",
            "Izin edar BPOM suplemen kesehatan impor (SI)",
            "POM SI dan 9 digit",
            "POM SI 123456789",
            CEKBPOM_URL,
            "SI",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "bpom-sl",
            "Izin edar BPOM suplemen kesehatan lisensi (SL)",
            "POM SL dan 9 digit",
            "POM SL 123456789",
            CEKBPOM_URL,
            "SL",
            (9,),
            check_url_pattern=CEKBPOM_SEARCH,
        ),
        LicenseType(
            "sni",
            "Sertifikat SNI (Standar Nasional Indonesia)",
            "SNI, nomor standar, titik dua, tahun",
            "SNI 3553:2015",
            BSN_URL,
        ),
        # Prima 3 / PSAT: fresh produce of plant origin, registered by the agriculture office's food
        # safety authority (OKKP-D). Numbers differ by province; the one seen in NTT reads
        # province/regency-class-grade/serial/year.
        LicenseType(
            "psat",
            "Registrasi PSAT / sertifikat Prima 3 (pangan segar asal tumbuhan)",
            "nomor registrasi dari Dinas Pertanian (OKKP-D) yang diakhiri tahun terbit",
            "53/71-3-I.II/14-012-12/2018",
            "",
            issuer_note="Registrasi PSAT dan sertifikat Prima 3 diterbitkan oleh Dinas Pertanian (OKKP-D) provinsi atau kabupaten/kota "
            "dan tidak memiliki situs pemeriksaan umum; untuk memastikannya, tanyakan ke dinas yang menerbitkannya.",
        ),
    )
}

HALAL_TYPE = LicenseType(
    "halal",
    "Sertifikat halal BPJPH",
    "ID dan 17 digit (sertifikat BPJPH), atau 14 digit nomor MUI lama (LPPOM MUI ...)",
    "ID33110018517710724",
    BPJPH_URL,
    digit_counts=(17,),
    check_url_pattern=BPJPH_SEARCH,
)

# Words printed around numbers on real labels, in any order: "No. Reg. BPOM RI MD ...",
# "Izin BPOM R.I. MD ...", "Sertifikat Halal No. ID...", "P-IRT: ...", "Dinkes P-IRT No. ...".
# They carry no information, so they are dropped before the shape is checked.
LABEL_WORDS = frozenset(
    {
        "BADAN",
        "BPOM",
        "POM",
        "RI",
        "R",
        "I",
        "NO",
        "NOMOR",
        "NOMER",
        "REG",
        "REGISTRASI",
        "IZIN",
        "IJIN",
        "EDAR",
        "NIE",
        "NOTIF",
        "NOTIFIKASI",
        "KOSMETIK",
        "DINKES",
        "SERTIFIKAT",
        "SERTIFIKASI",
        "HALAL",
        "BPJPH",
        "P",
        "IRT",
        "PIRT",
        "P-IRT",
        "SPP",
        "SPPIRT",
        "SPP-IRT",
        "-",
        # "DEP. KES. RI. P-IRT NO.", "Depkes RI P-IRT": older P-IRT labels name the health ministry
        "DEP",
        "KES",
        "DEPKES",
        "DINAS",
        "KESEHATAN",
    }
)

# Every pattern is ASCII-only: `\d` must not accept Arabic-Indic or other scripts' digits,
# which cekbpom cannot search and the P-IRT regency check would silently skip.
_BPOM = re.compile(
    r"""
    ^(?P<code>MD|ML|TR|TI|TL|HT|FF|SD|SI|SL) # registration kind
    \s*-?\s*
    (?P<number>\d[\d\s\-]*?)                # digits, perhaps grouped by spaces or dashes
    \s*(?P<export>E)?$                      # trailing E: "also exported" (traditional medicine)
    """,
    re.VERBOSE | re.ASCII,
)

_PIRT = re.compile(
    r"""
    ^(?P<number>\d[\d\s]*?)                 # the 13 digits (or all 15 with no dash)
    (?:\s*[-/]\s*(?P<year>\d+))?$           # "-YY": the year the permit expires
    """,
    re.VERBOSE | re.ASCII,
)

_COSMETIC = re.compile(
    r"""
    ^(?P<code>NKIT|N[A-Z])                   # N + region letter (A = Asia), or NKIT for a kit
    \s*-?\s*(?P<number>\d[\d\s\-]*)$
    """,
    re.VERBOSE | re.ASCII,
)

_HALAL = re.compile(r"^ID\s*-?\s*(?P<number>\d[\d\s\-]*)$", re.ASCII)  # BPJPH: ID + 17 digits

# Certificates issued by MUI before BPJPH took over (2019): 14 digits, written "LPPOM-...",
# "LP POM MUI ...", "HALAL MUI : ..." (HALAL and POM are label words, gone by now). Without
# such a prefix only the common `00...` numbers are taken as MUI ones.
_HALAL_MUI = re.compile(
    r"^(?:(?:LPPOM|LP|MUI)[\s\-]*){1,3}(?P<number>\d{2,}(?:[\s\-]\d{2,})*)$", re.ASCII
)
PHONE_STARTS = (
    "08",
    "62",
)  # 14 digits that begin like a mobile number are one, not an MUI certificate
_HALAL_MUI_BARE = re.compile(r"^(?P<number>00\d{12})$", re.ASCII)

# PSAT / Prima 3: label words first ("No. Reg. PSAT PD-UK", "Prima 3"), then numbers and roman
# class numerals joined by / . - and ending in the year of issue.
_PSAT_PREFIX = re.compile(
    r"^(?:(?:NO|NOMOR|REG|REGISTRASI|SERTIFIKAT|PSAT|PD|UK|PDUK|PL|OKKPD|OKKP|PRIMA\s*[23])\b[\s.:\-]*)*",
    re.ASCII,
)
_PSAT = re.compile(
    r"^(?P<number>(?P<province>1[1-9]|[2-9][0-9])\s*[/.]\s*(?P<regency>[0-9]{2})\s*[/.\-]\s*"  # province/regency code
    r"[0-9IVX]+(?:\s*[/.\-]\s*[0-9IVX]+)*\s*[/.\-]\s*(?P<year>(?:19|20)[0-9]{2}))$",  # class, serials, year of issue
    re.ASCII,
)

# GS1 2D barcodes on BPOM labels carry the registration number as application identifier 90
# ("(90)MD223782017200236", "(90)TR236005171(91)280206"); scanner apps paste it like that.
# Only text made of AI groups alone is read so: words around "(90)" could hide anything.
_GS1_TEXT = re.compile(r"^(?:\(\s*\d{2,4}\s*\)[^()]*)+$", re.ASCII)
_GS1_AI_90 = re.compile(r"\(\s*90\s*\)\s*(?P<value>[^()]*)", re.ASCII)

# Words printed around a halal number; the P-IRT and BPOM words are not among them, so a
# "DINKES 0015..." number is no halal certificate.
HALAL_LABEL_WORDS = frozenset(
    {"NO", "NOMOR", "NOMER", "SERTIFIKAT", "SERTIFIKASI", "HALAL", "BPJPH", "POM", "REG", "-"}
)

_SNI = re.compile(
    r"""
    ^SNI\s*[-.]?\s*
    (?P<adopted>(?:ISO|IEC|ISO/IEC)\s+)?        # an adopted international standard
    (?P<number>(?:\d{2}-)?\d{1,5}(?:\.\d+)*)  # standard number; old style "01-3553"
    \s*(?P<sep>[:\-\s])\s*
    (?P<year>(?:19|20)\d{2})                   # the edition year
    (?:\s+[A-Z][A-Z\s]*)?$                    # the standard's title, sometimes printed after it
    """,
    re.VERBOSE | re.ASCII,
)


# Patterns docs/assets/form.js uses as they are (catalogue_gen/rules.py writes them to
# aturan-form.js); the verbose ones above are ported by hand and compared by the form tests.
SHARED_PATTERNS: dict[str, re.Pattern[str]] = {
    "gs1Text": _GS1_TEXT,
    "gs1": _GS1_AI_90,
    "psatPrefix": _PSAT_PREFIX,
    "psat": _PSAT,
    "halalBpjph": _HALAL,
    "halalMui": _HALAL_MUI,
    "halalMuiBare": _HALAL_MUI_BARE,
}


def strip_label_words(text: str, words: frozenset[str] = LABEL_WORDS) -> str:
    """A normalised number without the words labels print around it (see LABEL_WORDS)."""
    spaced = re.sub(r"[.:#,;()]", " ", text)
    return " ".join(token for token in spaced.split() if token not in words)


@dataclass(frozen=True)
class Finding:
    """A message template name from messages.py and its values."""

    template: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class LicenseCheck:
    """What `parse_license` found: the canonical number, or the error, plus warnings."""

    canonical: str = ""
    digits: str = ""
    error: Finding | None = None
    warnings: tuple[Finding, ...] = ()
    pirt_regency_code: str = ""
    """P-IRT only: digits 4-7 (province + regency)."""
    pirt_expiry_year: int | None = None
    is_legacy_mui: bool = False
    issuer_code: str = ""
    """PSAT only: the province+regency digits the number starts with (`5371`), when it does."""


def normalise_number(value: str) -> str:
    """Upper-case, NFKC, one space between words, every dash the same: what the regexes read."""
    text = unicodedata.normalize("NFKC", value).upper()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _bad(license_type: LicenseType, value: str, detail: str = "") -> LicenseCheck:
    return LicenseCheck(
        error=Finding(
            "LICENSE_BAD_FORMAT",
            {
                "value": value,
                "label": license_type.label,
                "shape": license_type.shape,
                "example": license_type.example,
                "detail": detail,
            },
        )
    )


def parse_license(type_name: str, value: str) -> LicenseCheck:
    """Check one `nomor` against the shape of its `jenis`; never raises.

    The caller has already checked that `type_name` is a known type.
    """
    license_type = LICENSE_TYPES[type_name]
    text = normalise_number(value)
    if license_type.bpom_code or type_name == "notifikasi-kosmetik":
        text = gs1_registration(text)
    if type_name == "psat":
        return _parse_psat(license_type, value, text)
    if type_name != "sni":
        text = strip_label_words(text)
    if license_type.bpom_code:
        return _parse_bpom(license_type, value, text)
    if type_name == "pirt":
        return _parse_pirt(license_type, value, text)
    if type_name == "notifikasi-kosmetik":
        return _parse_cosmetic(license_type, value, text)
    return _parse_sni(license_type, value, text)


def gs1_registration(text: str) -> str:
    """The registration number inside text copied from a GS1 barcode scan, else the text."""
    if not _GS1_TEXT.match(text):
        return text
    match = _GS1_AI_90.search(text)
    return match["value"].strip() if match else text


def _parse_psat(license_type: LicenseType, value: str, text: str) -> LicenseCheck:
    body = _PSAT_PREFIX.sub("", text).strip()
    match = _PSAT.match(body)
    digits = _digits(body)
    # Province, regency, a class and a serial before the year: at least 10 digits.
    if not match or len(digits) < 10:
        return _bad(license_type, value)
    number = re.sub(r"\s*([/.\-])\s*", r"\1", match["number"])
    return LicenseCheck(
        canonical=number, digits=digits, issuer_code=match["province"] + match["regency"]
    )


def lookup_number(license_type: LicenseType, canonical: str) -> str:
    """The number as its checker searches it: BPOM without `BPOM RI`/`POM` and without spaces."""
    if license_type.bpom_code:
        return canonical.removeprefix("BPOM RI ").removeprefix("POM ").replace(" ", "")
    if license_type.type == "pirt":
        return canonical.removeprefix("P-IRT No. ")
    if license_type.type == "sni":
        return canonical  # "SNI ISO 22000:2018" is how BSN writes it, spaces and all
    return canonical.replace(" ", "")


def check_link(license_type: LicenseType, canonical: str) -> str:
    """The page where a shopper checks this very number, or the checker's home page, or ""."""
    from urllib.parse import quote

    if license_type.check_url_pattern:
        return license_type.check_url_pattern.format(
            number=quote(lookup_number(license_type, canonical), safe="")
        )
    return license_type.check_url


def _parse_bpom(license_type: LicenseType, value: str, text: str) -> LicenseCheck:
    match = _BPOM.match(text)
    if not match:
        return _bad(license_type, value)
    if match["code"] != license_type.bpom_code:
        # The most common mix-up: a TR number filed as bpom-md, or MD as bpom-ml.
        return LicenseCheck(
            error=Finding(
                "LICENSE_WRONG_CODE",
                {
                    "value": value,
                    "found": match["code"],
                    "expected": license_type.bpom_code,
                    "type": license_type.type,
                    "example": license_type.example,
                },
            )
        )
    digits = _digits(match["number"])
    if len(digits) not in license_type.digit_counts:
        return _bad(license_type, value, f"ada {len(digits)} digit")
    warnings: list[Finding] = []
    suffix = ""
    if match["export"]:
        if license_type.type not in ("bpom-tr", "bpom-ti", "bpom-tl", "bpom-ht", "bpom-ff"):
            return _bad(license_type, value)
        warnings.append(Finding("LICENSE_EXPORT_SUFFIX", {"value": value}))
        suffix = "E"
    prefix = "BPOM RI" if license_type.bpom_code in ("MD", "ML") else "POM"
    return LicenseCheck(
        canonical=f"{prefix} {license_type.bpom_code} {digits}{suffix}",
        digits=digits,
        warnings=tuple(warnings),
    )


def _parse_pirt(license_type: LicenseType, value: str, text: str) -> LicenseCheck:
    match = _PIRT.match(text)
    if not match:
        return _bad(license_type, value)
    main = _digits(match["number"])
    year = match["year"]
    if year is None and len(main) == 15:
        main, year = main[:13], main[13:]
    if len(main) != 13 or year is None or len(year) != 2:
        found = len(main) + (len(year) if year else 0)
        return _bad(license_type, value, f"ada {found} digit")
    return LicenseCheck(
        canonical=f"P-IRT No. {main}-{year}",
        digits=main + year,
        pirt_regency_code=main[3:7],
        pirt_expiry_year=2000 + int(year),
    )


def _parse_cosmetic(license_type: LicenseType, value: str, text: str) -> LicenseCheck:
    match = _COSMETIC.match(text)
    if not match:
        return _bad(license_type, value)
    code, digits = match["code"], _digits(match["number"])
    expected = 9 if code == "NKIT" else 11
    if code != "NKIT" and code[1] not in "ABCDE":
        return _bad(license_type, value, f"huruf wilayah {code[1]} tidak dikenal")
    if len(digits) != expected:
        return _bad(license_type, value, f"ada {len(digits)} digit")
    return LicenseCheck(canonical=f"{code}{digits}", digits=digits)


def _parse_sni(license_type: LicenseType, value: str, text: str) -> LicenseCheck:
    match = _SNI.match(text)
    if not match:
        return _bad(license_type, value)
    number, year = match["number"], match["year"]
    adopted = f"{' '.join(match['adopted'].split())} " if match["adopted"] else ""
    # Old editions are cited "SNI 01-3553-2006"; keep that spelling, it is what BSN lists.
    separator = "-" if re.match(r"\d{2}-", number) else ":"
    return LicenseCheck(canonical=f"SNI {adopted}{number}{separator}{year}", digits=_digits(number))


def parse_halal_number(value: str) -> LicenseCheck:
    """Check a `halal.nomor`: a BPJPH certificate, or (with a warning) an older MUI one."""
    text = normalise_number(value)
    if re.search(r"\bKH\b|^KH|\bKH[\d.\-/]", text):
        # A halal ruling (ketetapan halal) number is not a certificate number.
        return LicenseCheck(error=Finding("HALAL_KH_NUMBER", {"value": value}))
    text = strip_label_words(text, HALAL_LABEL_WORDS)
    match = _HALAL.match(text)
    if match:
        digits = _digits(match["number"])
        if len(digits) != 17:
            return _bad(HALAL_TYPE, value, f"ada {len(digits)} digit")
        return LicenseCheck(canonical=f"ID{digits}", digits=digits)
    legacy = _HALAL_MUI.match(text) or _HALAL_MUI_BARE.match(text)
    if legacy:
        digits = _digits(legacy["number"])
        if len(digits) != 14:
            return _bad(HALAL_TYPE, value, f"ada {len(digits)} digit")
        if digits.startswith(PHONE_STARTS):
            return _bad(HALAL_TYPE, value, "tampak seperti nomor telepon")
        return LicenseCheck(
            canonical=f"MUI {digits}",
            digits=digits,
            warnings=(Finding("HALAL_LEGACY_MUI", {"value": value}),),
            is_legacy_mui=True,
        )
    return _bad(HALAL_TYPE, value)


def parse_nib(value: str) -> str | None:
    """The 13 digits of a Nomor Induk Berusaha as printed (`NIB : 9120402830164`), or None."""
    # Only the spellings the editor schema (rules.NIB_SHAPE) also takes: "NIB", then digits
    # grouped by spaces or dots.
    text = re.sub(r"^NIB[\s.:#]*", "", normalise_number(value))
    digits = re.sub(r"[\s.]", "", text)
    return digits if re.fullmatch(r"[0-9]{13}", digits, re.ASCII) else None


# The numbers the guide and the error messages show: a product file that copies one has not
# been filled in (not SNI: a standard number such as SNI 3553:2015 is on every bottle of water).
EXAMPLE_NUMBERS = frozenset(
    [parse_license(t.type, t.example).canonical for t in LICENSE_TYPES.values() if t.type != "sni"]
    + [HALAL_TYPE.example]
)


def is_valid_nib(value: str) -> bool:
    """A Nomor Induk Berusaha: exactly 13 digits (spaces allowed between groups, `NIB` before them)."""
    return parse_nib(value) is not None


def suggest_type(type_name: str) -> list[str]:
    """Known `jenis` values close to a misspelt one."""
    import difflib

    return difflib.get_close_matches(type_name.lower(), list(LICENSE_TYPES), n=1, cutoff=0.6)

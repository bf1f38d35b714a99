"""License numbers as printed on real labels: accepted spellings, canonical forms, refusals."""

from __future__ import annotations

import pytest

from catalogue_gen.licenses import (
    LICENSE_TYPES,
    check_link,
    is_valid_nib,
    parse_halal_number,
    parse_license,
    parse_nib,
)

ACCEPTED = [
    ("bpom-md", "BPOM RI MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "BPOM RI MD. 2245 1010 7115", "BPOM RI MD 224510107115"),
    ("bpom-md", "bpom ri md224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "MD240935001200027", "BPOM RI MD 240935001200027"),
    ("bpom-md", "Badan POM RI MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "BPOM RI No. MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-ml", "BPOM RI ML 123456789012", "BPOM RI ML 123456789012"),
    ("pirt", "P-IRT No. 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "PIRT 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "SPP-IRT No. 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "206537101005224", "P-IRT No. 2065371010052-24"),
    ("pirt", "P-IRT No.2065371010052–24", "P-IRT No. 2065371010052-24"),
    ("notifikasi-kosmetik", "NA18240104109", "NA18240104109"),
    ("notifikasi-kosmetik", "BPOM NA 18240104109", "NA18240104109"),
    ("notifikasi-kosmetik", "NKIT123456789", "NKIT123456789"),
    ("bpom-tr", "POM TR 172302151", "POM TR 172302151"),
    ("bpom-tr", "BPOM RI TR172302151", "POM TR 172302151"),
    ("bpom-ht", "POM HT 123456789", "POM HT 123456789"),
    ("bpom-sd", "POM SD 123456789", "POM SD 123456789"),
    ("bpom-sd", "BPOM RI SD 123 456 789", "POM SD 123456789"),
    ("sni", "SNI 3553:2015", "SNI 3553:2015"),
    ("sni", "sni 3553 : 2015", "SNI 3553:2015"),
    ("sni", "SNI 01-3553-2006", "SNI 01-3553-2006"),
    # prefixes in any order and punctuation, as printed on real labels
    ("pirt", "P-IRT: 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "No. P-IRT 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "Nomor P-IRT: 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "P.IRT No. 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "Dinkes P-IRT No. 2065371010052-24", "P-IRT No. 2065371010052-24"),
    ("pirt", "P-IRT No. 2.09.3507.01.0123-25", "P-IRT No. 2093507010123-25"),
    ("bpom-md", "No. BPOM RI MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "Reg. BPOM RI MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "BPOM RI: MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "BPOM RI MD No. 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "BPOM R.I. MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-md", "Izin BPOM RI MD 224510107115", "BPOM RI MD 224510107115"),
    ("bpom-tr", "No. Reg. POM TR 123456781", "POM TR 123456781"),
    ("bpom-tr", "POM. TR 123456781", "POM TR 123456781"),
    ("notifikasi-kosmetik", "NA.18191200123", "NA18191200123"),
    ("notifikasi-kosmetik", "Notifikasi BPOM NA18191200123", "NA18191200123"),
    ("notifikasi-kosmetik", "No. BPOM: NA18191200123", "NA18191200123"),
    ("sni", "SNI 3553 2015", "SNI 3553:2015"),
    ("sni", "SNI-3553-2015", "SNI 3553:2015"),
    ("sni", "SNI. 3553:2015", "SNI 3553:2015"),
    ("sni", "SNI ISO 22000:2009", "SNI ISO 22000:2009"),
    ("sni", "SNI 3553:2015 Air Mineral", "SNI 3553:2015"),
    (
        "bpom-md",
        "ＭＤ　２２４５１０１０７１１５",
        "BPOM RI MD 224510107115",
    ),  # full-width, as pasted from some phones
]


# Numbers as printed on real labels, product pages and news (issue 11), refused before: each is
# accepted with its kind, canonical form and the warning it should carry ("" for none).
REAL_WORLD = [
    # P-IRT with the label words of older and regency prints
    ("pirt", "DEP. KES. RI. P-IRT NO. 2065371010052-24", "P-IRT No. 2065371010052-24", ""),
    ("pirt", "Depkes RI P-IRT 2065371010052-24", "P-IRT No. 2065371010052-24", ""),
    ("pirt", "Depkes RI No. 2065371010052-24", "P-IRT No. 2065371010052-24", ""),
    ("pirt", "DINKES P-IRT NO. 2065371010052-24", "P-IRT No. 2065371010052-24", ""),
    ("pirt", "Izin Edar P-IRT : 2065371010052-24", "P-IRT No. 2065371010052-24", ""),
    # text pasted from a scan of the GS1 2D barcode BPOM labels carry
    ("bpom-md", "(90)MD223782017200236", "BPOM RI MD 223782017200236", ""),
    ("bpom-tr", "(90)TR236005171(91)280206", "POM TR 236005171", ""),
    ("bpom-md", "(01)08991234567891(90)MD 2245 1010 7115", "BPOM RI MD 224510107115", ""),
    # Prima 3 / PSAT registration of fresh produce (Dinas Pertanian)
    ("psat", "53/71-3-I.II/14-012-12/2018", "53/71-3-I.II/14-012-12/2018", ""),
    ("psat", "No. Reg. PSAT PD-UK 53/71-3-I.II/14-012-12/2018", "53/71-3-I.II/14-012-12/2018", ""),
    ("psat", "Prima 3: 53 / 71-3-I.II / 14-012-12 / 2018", "53/71-3-I.II/14-012-12/2018", ""),
]
REAL_WORLD_HALAL = [
    ("LPPOM-00150084360617", "MUI 00150084360617", "HALAL_LEGACY_MUI"),
    ("LP POM MUI 01010012340998", "MUI 01010012340998", "HALAL_LEGACY_MUI"),
    ("HALAL MUI : 01010012340998", "MUI 01010012340998", "HALAL_LEGACY_MUI"),
    ("LPPOM MUI No. 1201 0045 6789 10", "MUI 12010045678910", "HALAL_LEGACY_MUI"),
    # imported products and foreign companies: no province in the first digits, no warning
    ("ID00410000123450124", "ID00410000123450124", ""),
]


@pytest.mark.parametrize(("kind", "number", "canonical", "warning"), REAL_WORLD)
def test_real_world_numbers_are_accepted(
    kind: str, number: str, canonical: str, warning: str
) -> None:
    check = parse_license(kind, number)
    assert check.error is None, check.error
    assert check.canonical == canonical
    assert [w.template for w in check.warnings] == ([warning] if warning else [])


@pytest.mark.parametrize(("number", "canonical", "warning"), REAL_WORLD_HALAL)
def test_real_world_halal_numbers_are_accepted(number: str, canonical: str, warning: str) -> None:
    check = parse_halal_number(number)
    assert check.error is None, check.error
    assert check.canonical == canonical
    assert [w.template for w in check.warnings] == ([warning] if warning else [])


def test_halal_error_names_both_forms() -> None:
    check = parse_halal_number("LPPOM MUI 0101001234099")  # 13 digits
    assert check.error is not None
    shape = str(check.error.values["shape"])
    assert "ID dan 17 digit" in shape and "14 digit" in shape and "MUI" in shape


@pytest.mark.parametrize(
    "number",
    ["NIB : 9120402830164", "NIB 9120402830164", "NIB: 9120 4028 30164", "nib 9120402830164"],
)
def test_nib_as_printed(number: str) -> None:
    assert parse_nib(number) == "9120402830164"


@pytest.mark.parametrize(
    "number",
    [
        "NIB : 912040283016",
        "NIB 91204028301645",
        "NIB",
        "NPWP 9120402830164",
        "NIB 9120-4028-30164",
    ],
)
def test_nib_malformed(number: str) -> None:
    assert parse_nib(number) is None


def test_psat_names_its_issuing_regency_and_refuses_text() -> None:
    assert parse_license("psat", "53/71-3-I.II/14-012-12/2018").issuer_code == "5371"
    for bad in ("PSAT", "2018", "12/2018", "53/71-3-I.II/14-012-12", "P-IRT No. 2065371010052-24"):
        assert parse_license("psat", bad).error is not None, bad


CHECK_LINKS = [
    (
        "bpom-md",
        "BPOM RI MD 224510107115",
        "https://cekbpom.pom.go.id/all-produk?query=MD224510107115",
    ),
    (
        "bpom-ml",
        "BPOM RI ML 240935001200027",
        "https://cekbpom.pom.go.id/all-produk?query=ML240935001200027",
    ),
    ("bpom-tr", "POM TR 172302151", "https://cekbpom.pom.go.id/all-produk?query=TR172302151"),
    ("bpom-sd", "POM SD 123456789", "https://cekbpom.pom.go.id/all-produk?query=SD123456789"),
    (
        "notifikasi-kosmetik",
        "NA18240104109",
        "https://cekbpom.pom.go.id/all-produk?query=NA18240104109",
    ),
    ("sni", "SNI 3553:2015", "https://bangbeni.bsn.go.id/barang-ber-sni"),
    ("pirt", "P-IRT No. 2065371010052-24", ""),
    ("psat", "53/71-3-I.II/14-012-12/2018", ""),
]


@pytest.mark.parametrize(("kind", "canonical", "url"), CHECK_LINKS)
def test_each_kind_links_to_the_check_of_that_number(kind: str, canonical: str, url: str) -> None:
    assert check_link(LICENSE_TYPES[kind], canonical) == url


def test_every_kind_has_a_check_or_says_who_issued_it() -> None:
    for kind in LICENSE_TYPES.values():
        assert kind.check_url or kind.issuer_note, kind.type


@pytest.mark.parametrize(("kind", "number", "canonical"), ACCEPTED)
def test_label_spellings_are_accepted_and_normalised(
    kind: str, number: str, canonical: str
) -> None:
    check = parse_license(kind, number)
    assert check.error is None, check.error
    assert check.canonical == canonical


REFUSED = [
    # "(90)" is read only in text made of barcode groups alone, and only for BPOM kinds
    ("bpom-md", "Palsu (90)MD224510107115", "LICENSE_BAD_FORMAT"),
    ("bpom-md", "TR 172302151 (90)MD224510107115", "LICENSE_BAD_FORMAT"),
    ("pirt", "nomor ngawur (90) 2065371010052-24", "LICENSE_BAD_FORMAT"),
    ("pirt", "(90)2065371010052-24", "LICENSE_BAD_FORMAT"),
    # PSAT: phone numbers, dates and bare digits are no registration
    ("psat", "0812-3456-7890/2020", "LICENSE_BAD_FORMAT"),
    ("psat", "6281234567890-1-2-2020", "LICENSE_BAD_FORMAT"),
    ("psat", "1.2.3.4.5.6.7.8.2020", "LICENSE_BAD_FORMAT"),
    ("psat", "12-12-2018-2019", "LICENSE_BAD_FORMAT"),
    ("psat", "5 3 7 1 0 0 0 0 - - - 2020", "LICENSE_BAD_FORMAT"),
    ("psat", "P-IRT No. 2065371010052-24", "LICENSE_BAD_FORMAT"),
    ("bpom-md", "MD 12345", "LICENSE_BAD_FORMAT"),
    ("bpom-md", "MD 2245101071151", "LICENSE_BAD_FORMAT"),  # 13 digits
    ("bpom-md", "224510107115", "LICENSE_BAD_FORMAT"),  # no MD prefix
    ("bpom-md", "POM TR 172302151", "LICENSE_WRONG_CODE"),
    ("bpom-md", "BPOM RI ML 123456789012", "LICENSE_WRONG_CODE"),
    ("bpom-md", "MD 2245X0107115", "LICENSE_BAD_FORMAT"),
    ("pirt", "2065371010052", "LICENSE_BAD_FORMAT"),  # no year
    ("pirt", "P-IRT 20653710100-24", "LICENSE_BAD_FORMAT"),  # 11 digits
    ("pirt", "MD 224510107115", "LICENSE_BAD_FORMAT"),
    ("notifikasi-kosmetik", "NA1824010410", "LICENSE_BAD_FORMAT"),  # 10 digits
    ("notifikasi-kosmetik", "NX18240104109", "LICENSE_BAD_FORMAT"),  # no region X
    ("bpom-tr", "POM TR 17230215", "LICENSE_BAD_FORMAT"),
    ("bpom-tr", "POM SD 123456789", "LICENSE_WRONG_CODE"),
    ("bpom-sd", "POM SD 123456789E", "LICENSE_BAD_FORMAT"),  # the export E is for medicine only
    ("sni", "SNI 3553", "LICENSE_BAD_FORMAT"),
    ("sni", "3553:2015", "LICENSE_BAD_FORMAT"),
    (
        "bpom-md",
        "MD \u0662\u0662\u0664\u0665\u0661\u0660\u0661\u0660\u0667\u0661\u0661\u0665",
        "LICENSE_BAD_FORMAT",
    ),  # Arabic-Indic digits
    (
        "pirt",
        "P-IRT No. \u0662\u0660\u0666\u0665\u0663\u0660\u0661\u0660\u0661\u0660\u0660\u0665\u0662-\u0662\u0669",
        "LICENSE_BAD_FORMAT",
    ),
]


@pytest.mark.parametrize(("kind", "number", "template"), REFUSED)
def test_wrong_shapes_are_refused_with_the_expected_shape(
    kind: str, number: str, template: str
) -> None:
    check = parse_license(kind, number)
    assert check.error is not None
    assert check.error.template == template


def test_traditional_medicine_export_suffix_is_accepted_with_a_warning() -> None:
    check = parse_license("bpom-tr", "POM TR 172302151E")
    assert check.error is None
    assert check.canonical == "POM TR 172302151E"
    assert [w.template for w in check.warnings] == ["LICENSE_EXPORT_SUFFIX"]


def test_pirt_regency_digits_and_expiry_year_are_read() -> None:
    check = parse_license("pirt", "P-IRT No. 2065371010052-24")
    assert check.pirt_regency_code == "5371"
    assert check.pirt_expiry_year == 2024


@pytest.mark.parametrize(
    "number",
    [
        "ID33110018517710724",
        "ID 3311 0018 5177 10724",
        "No. ID33110018517710724",
        "id33110018517710724",
        "Sertifikat Halal No. ID33110018517710724",
        "ID-331100-18517710724",
        "Halal ID33110018517710724",
    ],
)
def test_bpjph_halal_numbers(number: str) -> None:
    check = parse_halal_number(number)
    assert check.error is None
    assert check.canonical == "ID33110018517710724"
    assert not check.warnings


def test_halal_ruling_number_is_not_a_certificate() -> None:
    check = parse_halal_number("KH.12345/2024")
    assert check.error is not None and check.error.template == "HALAL_KH_NUMBER"


def test_old_mui_certificate_is_accepted_with_a_warning() -> None:
    check = parse_halal_number("LPPOM-00150084360617")
    assert check.error is None
    assert check.is_legacy_mui
    assert [w.template for w in check.warnings] == ["HALAL_LEGACY_MUI"]


@pytest.mark.parametrize(
    "number",
    [
        "ID3311001851771072",
        "ID331100185177107245",
        "HALAL",
        "ID-ABC",
        "0812-3456-7890",
        "ID\u0663\u0663110018517710724",
        # old MUI numbers: 14 digits in groups, never a phone number, never after P-IRT words
        "LPPOM MUI 0812 3456 7890 12",
        "LP 62812345678901",
        "MUI 2065371010052-2",
        "LPMUILP 1-2-3-4-5-6-7-8-9-0-1-2-3-4",
        "P-IRT 00150012345678",
        "DINKES 00150012345678",
    ],
)
def test_malformed_halal_numbers_are_refused(number: str) -> None:
    assert parse_halal_number(number).error is not None


def test_nib_is_thirteen_digits() -> None:
    assert is_valid_nib("1234567890123")
    assert is_valid_nib("1234 5678 90123")
    assert not is_valid_nib("123456789012")
    assert not is_valid_nib("12345678901234")

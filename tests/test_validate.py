"""One test per rule of shared/spec/product-files.md; each asserts file, line and message."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from catalogue_gen import messages
from catalogue_gen.pipeline import check
from catalogue_gen.settings import Settings

from .conftest import ACCOUNTS_YML, PRODUCER_YML, PRODUCT_YML

PRODUCT = "products/kelompok-contoh/madu/produk.yml"
PRODUCER = "products/kelompok-contoh/produsen.yml"


def product(**replace: str) -> str:
    """PRODUCT_YML with whole lines swapped: product(**{"old line": "new line"})."""
    text = PRODUCT_YML
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def run(make_catalogue: Callable[..., Settings], files: dict[str, str | bytes | None]) -> list[str]:
    return [str(p) for p in check(make_catalogue(files)).problems]


def found(
    make_catalogue: Callable[..., Settings], files: dict[str, str | bytes | None]
) -> list[tuple[str, int, int, str, str]]:
    return [
        (p.path, p.line, p.column, p.level.value, p.code)
        for p in check(make_catalogue(files)).problems
    ]


def test_four_mistakes_give_four_errors_in_one_run(make_catalogue: Callable[..., Settings]) -> None:
    # The acceptance case of issue 2: unknown key, malformed MD, missing photo, unquoted number.
    text = """\
nama: Keripik Pisang
kategori: pangan-olahan
ringkasan: Keripik pisang renyah.
deskripsi: Dibuat dari pisang kepok.
komposisis: [pisang, minyak]
foto:
  - tidak-ada.jpg
izin:
  - jenis: bpom-md
    nomor: "MD 12345"
  - jenis: pirt
    nomor: 206537101005229
halal:
  status: dalam-proses
"""
    lines = run(make_catalogue, {PRODUCT: text})
    errors = [line for line in lines if ": galat: " in line]
    assert errors == [
        f"{PRODUCT}:5:1: galat: kunci komposisis tidak dikenal; maksud Anda komposisi?",
        f'{PRODUCT}:7:5: galat: foto "tidak-ada.jpg" tidak ada di folder produk',
        f'{PRODUCT}:10:12: galat: izin[0].nomor "MD 12345" bukan nomor Izin edar BPOM MD (pangan olahan dalam negeri) yang sah (harus MD dan 12 atau 15 digit; ada 5 digit, contoh "BPOM RI MD 224510107115")',
        f'{PRODUCT}:12:12: galat: izin[1].nomor "206537101005229" harus ditulis dalam tanda kutip, misalnya nomor: "206537101005229" (tanpa kutip YAML bisa membuang angka 0 di depan)',
    ]


def test_missing_required_keys(make_catalogue: Callable[..., Settings]) -> None:
    problems = found(make_catalogue, {PRODUCT: "nama: Madu\n"})
    missing = {(line, code) for _, line, _, _, code in problems}
    assert (1, "MISSING_KEY") in missing
    messages = run(make_catalogue, {PRODUCT: "nama: Madu\n"})
    for key in ("kategori", "ringkasan", "deskripsi", "foto"):
        assert any(f"kunci {key} wajib diisi" in m for m in messages), key


def test_unknown_key_without_close_match_lists_allowed_keys(
    make_catalogue: Callable[..., Settings],
) -> None:
    lines = run(make_catalogue, {PRODUCT: PRODUCT_YML + "zzz: 1\n"})
    assert any(
        ":19:1: galat: kunci zzz tidak dikenal; kunci yang boleh: nama, kategori" in line
        for line in lines
    )


def test_english_key_gets_the_indonesian_suggestion(
    make_catalogue: Callable[..., Settings],
) -> None:
    lines = run(make_catalogue, {PRODUCT: PRODUCT_YML + "price: 1\n"})
    assert f"{PRODUCT}:19:1: galat: kunci price tidak dikenal; maksud Anda harga?" in lines


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "75.000",
            'galat: harga[0].rupiah "75.000" terbaca sebagai pecahan; tulis angka bulat tanpa titik, misalnya tulis 75000',
        ),
        (
            "Rp75.000",
            'galat: harga[0].rupiah "Rp75.000" terbaca sebagai pecahan; tulis angka bulat tanpa titik, misalnya tulis 75000',
        ),
        ("0", "galat: harga[0].rupiah harus lebih dari 0"),
        ("-5000", "galat: harga[0].rupiah harus lebih dari 0"),
        (
            "murah",
            'galat: harga[0].rupiah "murah" bukan angka; tulis harga dalam rupiah tanpa Rp dan titik, misalnya 75000',
        ),
    ],
)
def test_prices_must_be_whole_positive_rupiah(
    make_catalogue: Callable[..., Settings], value: str, message: str
) -> None:
    lines = run(make_catalogue, {PRODUCT: product(**{"rupiah: 75000": f"rupiah: {value}"})})
    assert f"{PRODUCT}:13:13: {message}" in lines


def test_unknown_category_with_suggestion(make_catalogue: Callable[..., Settings]) -> None:
    lines = run(
        make_catalogue, {PRODUCT: product(**{"kategori: pangan-olahan": "kategori: pangan olahan"})}
    )
    assert any(
        line.startswith(
            f'{PRODUCT}:2:11: galat: kategori "pangan olahan" tidak dikenal; maksud Anda pangan-olahan?'
        )
        for line in lines
    )


def test_unknown_regency_with_suggestion_from_alias(
    make_catalogue: Callable[..., Settings],
) -> None:
    lines = run(make_catalogue, {PRODUCER: PRODUCER_YML.replace("timor-tengah-selatan", "TTS")})
    assert any(
        line.startswith(
            f'{PRODUCER}:2:12: galat: kabupaten "TTS" tidak dikenal; maksud Anda timor-tengah-selatan?'
        )
        for line in lines
    )


def test_category_needs_its_license(make_catalogue: Callable[..., Settings]) -> None:
    text = product(**{'izin:\n  - jenis: pirt\n    nomor: "2065302010052-29"\n': ""})
    lines = run(make_catalogue, {PRODUCT: text})
    assert any(
        f"{PRODUCT}:2:11: galat: kategori pangan-olahan memerlukan izin bpom-md atau bpom-ml atau pirt"
        in line
        for line in lines
    )


def test_bottled_water_refuses_pirt_and_needs_sni(make_catalogue: Callable[..., Settings]) -> None:
    text = product(**{"kategori: pangan-olahan": "kategori: air-minum-kemasan"})
    problems = found(make_catalogue, {PRODUCT: text})
    codes = [code for *_, code in problems]
    assert codes.count("LICENSE_REQUIRED") == 2  # bpom-md and sni
    assert "LICENSE_FORBIDDEN" in codes


def test_cosmetics_needs_notification_and_halal(make_catalogue: Callable[..., Settings]) -> None:
    text = product(
        **{
            "kategori: pangan-olahan": "kategori: kosmetik",
            '  - jenis: pirt\n    nomor: "2065302010052-29"': '  - jenis: notifikasi-kosmetik\n    nomor: "NA18260112345"',
            'halal:\n  nomor: "ID53110012345670825"\n': "",
        }
    )
    assert [(line, code) for _, line, _, _, code in found(make_catalogue, {PRODUCT: text})] == [
        (2, "HALAL_REQUIRED")
    ]


def test_weaving_needs_no_license(make_catalogue: Callable[..., Settings]) -> None:
    text = product(
        **{
            "kategori: pangan-olahan": "kategori: tenun",
            'izin:\n  - jenis: pirt\n    nomor: "2065302010052-29"\n': "",
            'halal:\n  nomor: "ID53110012345670825"\n': "",
        }
    )
    assert found(make_catalogue, {PRODUCT: text}) == []


def test_expired_pirt_is_a_warning_and_marks_the_license(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({PRODUCT: product(**{'"2065302010052-29"': '"2065302010052-21"'})})
    result = check(settings)
    [problem] = list(result.problems)
    assert (problem.line, problem.level.value, problem.code) == (16, "peringatan", "PIRT_EXPIRED")
    assert result.catalogue.products[0].licenses[0].is_expired


def test_pirt_of_another_regency_is_a_warning(make_catalogue: Callable[..., Settings]) -> None:
    # 5371 is Kota Kupang in both numberings; the producer is in TTS (5302 / BPS 5304).
    problems = found(
        make_catalogue, {PRODUCT: product(**{'"2065302010052-29"': '"2065371010052-29"'})}
    )
    assert problems == [(PRODUCT, 16, 12, "peringatan", "PIRT_REGENCY_MISMATCH")]


def test_pirt_with_bps_style_regency_code_matches(make_catalogue: Callable[..., Settings]) -> None:
    assert (
        found(make_catalogue, {PRODUCT: product(**{'"2065302010052-29"': '"2065304010052-29"'})})
        == []
    )


def test_pirt_from_outside_ntt_is_not_warned(make_catalogue: Callable[..., Settings]) -> None:
    assert (
        found(make_catalogue, {PRODUCT: product(**{'"2065302010052-29"': '"2063578010052-29"'})})
        == []
    )


def test_halal_number_on_a_pork_product_is_an_error(
    make_catalogue: Callable[..., Settings],
) -> None:
    text = product(**{"nama: Madu Hutan Contoh": "nama: Se'i Babi Kupang"})
    assert (PRODUCT, 18, 3, "galat", "HALAL_BUT_PORK") in found(make_catalogue, {PRODUCT: text})


def test_not_halal_needs_no_number(make_catalogue: Callable[..., Settings]) -> None:
    text = product(
        **{
            "nama: Madu Hutan Contoh": "nama: Se'i Babi Kupang",
            'halal:\n  nomor: "ID53110012345670825"': "halal:\n  status: tidak-halal\n  alasan: mengandung babi",
        }
    )
    assert found(make_catalogue, {PRODUCT: text}) == []


def test_halal_ruling_number_is_refused(make_catalogue: Callable[..., Settings]) -> None:
    lines = run(make_catalogue, {PRODUCT: product(**{'"ID53110012345670825"': '"KH-123/2024"'})})
    assert any(
        line.startswith(f"{PRODUCT}:18:10: galat: halal.nomor") and "ketetapan halal" in line
        for line in lines
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://contoh.id",
        "https://",
        "ftp://contoh.id",
    ],
)
def test_links_must_be_https(make_catalogue: Callable[..., Settings], url: str) -> None:
    problems = found(make_catalogue, {PRODUCT: PRODUCT_YML + f'tautan:\n  toko: "{url}"\n'})
    assert [(line, level) for _, line, _, level, _ in problems] == [(20, "galat")]


def test_text_with_comment_is_warned(make_catalogue: Callable[..., Settings]) -> None:
    problems = found(
        make_catalogue, {PRODUCT: product(**{"nama: Madu Hutan Contoh": "nama: Kopi #1 Flores"})}
    )
    assert ("peringatan", "COMMENT_CUT") in [(level, code) for *_, level, code in problems]


def test_ampersand_value_is_reported_as_anchor_with_quoting_advice(
    make_catalogue: Callable[..., Settings],
) -> None:
    lines = run(make_catalogue, {PRODUCT: product(**{"nama: Madu Hutan Contoh": "nama: &Co Madu"})})
    assert any(
        line.startswith(f"{PRODUCT}:1:7: galat: anchor YAML") and "tanda kutip" in line
        for line in lines
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('nama: "Madu\u202eHutan"', "TEXT_BIDI"),
        ('nama: "Madu\u200bHutan"', "TEXT_INVISIBLE"),
        ("nama: " + "M" * 5000, "TEXT_TOO_LONG"),
        ("nama: M", "TEXT_TOO_SHORT"),
    ],
)
def test_names_refuse_hidden_characters_and_bad_lengths(
    make_catalogue: Callable[..., Settings], text: str, code: str
) -> None:
    problems = found(make_catalogue, {PRODUCT: product(**{"nama: Madu Hutan Contoh": text})})
    assert (PRODUCT, 1, 7, "galat", code) in problems


def test_phone_numbers_are_normalised(make_catalogue: Callable[..., Settings]) -> None:
    for written in (
        '"0812-3456-7890"',
        '"+62 812-3456-7890"',
        '"6281234567890"',
        '"(0812) 3456 7890"',
    ):
        result = check(
            make_catalogue(
                {PRODUCER: (PRODUCER_YML + ACCOUNTS_YML).replace('"0812-3456-7890"', written)}
            )
        )
        assert list(result.problems) == [], written
        assert result.catalogue.producers[0].contact.whatsapp == "6281234567890"


def test_unquoted_phone_number_must_be_quoted(make_catalogue: Callable[..., Settings]) -> None:
    lines = run(
        make_catalogue, {PRODUCER: PRODUCER_YML.replace('"0812-3456-7890"', "081234567890")}
    )
    assert any(
        line.startswith(
            f'{PRODUCER}:4:13: galat: kontak.whatsapp "081234567890" harus ditulis dalam tanda kutip'
        )
        for line in lines
    )


def test_whatsapp_must_be_a_mobile(make_catalogue: Callable[..., Settings]) -> None:
    problems = found(
        make_catalogue, {PRODUCER: PRODUCER_YML.replace('"0812-3456-7890"', '"0380-821234"')}
    )
    assert (PRODUCER, 4, 13, "galat", "PHONE_NOT_MOBILE") in problems


def test_contact_needs_one_way_to_reach(make_catalogue: Callable[..., Settings]) -> None:
    text = 'nama: Kelompok\nkabupaten: ende\nkontak:\n  email: ""\n' + ACCOUNTS_YML
    assert found(make_catalogue, {PRODUCER: text}) == [(PRODUCER, 3, 1, "galat", "CONTACT_MISSING")]


def test_nib_must_be_13_quoted_digits(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCER, 5, 6, "galat", "NUMBER_NOT_QUOTED") in found(
        make_catalogue, {PRODUCER: PRODUCER_YML + "nib: 1234567890123\n"}
    )
    assert (PRODUCER, 5, 6, "galat", "NIB_BAD") in found(
        make_catalogue, {PRODUCER: PRODUCER_YML + 'nib: "12345"\n'}
    )


def test_photo_with_wrong_case_suggests_the_real_name(
    make_catalogue: Callable[..., Settings],
) -> None:
    lines = run(make_catalogue, {PRODUCT: product(**{"berkas: depan.jpg": "berkas: Depan.JPG"})})
    assert (
        f'{PRODUCT}:9:13: galat: foto "Depan.JPG" tidak ada di folder produk; maksud Anda "depan.jpg"? (huruf besar dan kecil dibedakan)'
        in lines
    )


@pytest.mark.parametrize("name", ["../rahasia.jpg", "/etc/passwd.jpg", "sub/foto.jpg"])
def test_photo_paths_cannot_leave_the_folder(
    make_catalogue: Callable[..., Settings], name: str
) -> None:
    problems = found(make_catalogue, {PRODUCT: product(**{"berkas: depan.jpg": f"berkas: {name}"})})
    assert (PRODUCT, 9, 13, "galat", "PHOTO_BAD_NAME") in problems


def test_photo_referenced_twice(make_catalogue: Callable[..., Settings]) -> None:
    text = product(
        **{"    keterangan: Botol madu\n": "    keterangan: Botol madu\n  - depan.jpg\n"}
    )
    assert (PRODUCT, 11, 5, "galat", "PHOTO_TWICE") in found(make_catalogue, {PRODUCT: text})


def test_boolean_must_be_true_or_false(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCT, 19, 11, "galat", "BOOL_EXPECTED") in found(
        make_catalogue, {PRODUCT: PRODUCT_YML + "tersedia: NO\n"}
    )


def test_norway_problem_does_not_touch_text(make_catalogue: Callable[..., Settings]) -> None:
    result = check(make_catalogue({PRODUCT: product(**{"varian: 250 ml": "varian: NO"})}))
    assert result.catalogue.products[0].prices[0].variant == "NO"


def test_invalid_date(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCT, 19, 13, "galat", "DATE_EXPECTED") in found(
        make_catalogue, {PRODUCT: PRODUCT_YML + "diperbarui: 2026-02-30\n"}
    )


def test_leading_zero_identifier_keeps_its_zero(make_catalogue: Callable[..., Settings]) -> None:
    result = check(make_catalogue({PRODUCER: PRODUCER_YML + 'nib: "0220001234567"\n'}))
    assert result.catalogue.producers[0].nib == "0220001234567"


def test_invalid_producer_blocks_its_products(make_catalogue: Callable[..., Settings]) -> None:
    result = check(
        make_catalogue({PRODUCER: PRODUCER_YML.replace("timor-tengah-selatan", "jakarta")})
    )
    assert result.problems.has_errors
    assert result.catalogue.products == []


@pytest.mark.parametrize(
    "written",
    [
        '"+62 (0) 812-3456-7890"',
        '"62 0812 3456 7890"',
        '"0812\u20133456\u20137890"',
        '"\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10"',
        '"https://wa.me/6281234567890"',
    ],
)
def test_phone_spellings_seen_in_the_wild(
    make_catalogue: Callable[..., Settings], written: str
) -> None:
    result = check(
        make_catalogue(
            {PRODUCER: (PRODUCER_YML + ACCOUNTS_YML).replace('"0812-3456-7890"', written)}
        )
    )
    assert list(result.problems) == [], written
    assert result.catalogue.producers[0].contact.whatsapp == "6281234567890"


def test_blank_halal_still_counts_as_missing(make_catalogue: Callable[..., Settings]) -> None:
    problems = found(
        make_catalogue, {PRODUCT: product(**{'halal:\n  nomor: "ID53110012345670825"': "halal:"})}
    )
    assert (PRODUCT, 2, 11, "galat", "HALAL_REQUIRED") in problems


def test_pork_in_a_category_without_license_rules_needs_not_halal(
    make_catalogue: Callable[..., Settings],
) -> None:
    text = product(
        **{
            "kategori: pangan-olahan": "kategori: lainnya",
            "nama: Madu Hutan Contoh": "nama: Se'i Babi Asap",
            'izin:\n  - jenis: pirt\n    nomor: "2065302010052-29"\n': "",
            'halal:\n  nomor: "ID53110012345670825"\n': "",
        }
    )
    assert [code for *_, code in found(make_catalogue, {PRODUCT: text})] == ["HALAL_BUT_PORK"]


def test_negated_pork_and_parades_are_not_pork(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML + "kata_kunci: [tanpa babi, bebas babi, oleh-oleh arak-arakan]\n"
    assert found(make_catalogue, {PRODUCT: text}) == []


def test_guide_example_number_is_warned(make_catalogue: Callable[..., Settings]) -> None:
    problems = found(
        make_catalogue, {PRODUCT: product(**{'"2065302010052-29"': '"P-IRT No. 2065371010052-24"'})}
    )
    assert (PRODUCT, 16, 12, "peringatan", "LICENSE_EXAMPLE") in problems


def test_halal_in_process_after_the_deadline_is_warned(
    make_catalogue: Callable[..., Settings],
) -> None:
    import dataclasses
    from datetime import date

    settings = make_catalogue(
        {
            PRODUCT: product(
                **{'halal:\n  nomor: "ID53110012345670825"': "halal:\n  status: dalam-proses"}
            )
        }
    )
    before = check(dataclasses.replace(settings, build_date=date(2026, 10, 16)))
    after = check(dataclasses.replace(settings, build_date=date(2026, 10, 17)))
    assert [p.code for p in before.problems] == []
    assert [(p.line, p.level.value, p.code) for p in after.problems] == [
        (18, "peringatan", "HALAL_DEADLINE")
    ]


def test_pirt_issuer_is_the_producers_regency_when_codes_overlap(
    make_catalogue: Callable[..., Settings],
) -> None:
    # 5302 is TTS for Kemendagri and Sumba Timur for BPS; the producer is in TTS.
    result = check(make_catalogue())
    assert (
        result.catalogue.products[0].licenses[0].issuing_regency == "Kabupaten Timor Tengah Selatan"
    )


def test_photos_of_an_invalid_product_are_checked_in_the_same_run(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue(
        {
            PRODUCT: PRODUCT_YML + "tersedia: mungkin\n",
            "products/kelompok-contoh/madu/depan.jpg": b"rusak",
        }
    )
    problems = [(p.line, p.code) for p in check(settings).problems]
    assert problems == [(9, "PHOTO_UNREADABLE"), (19, "BOOL_EXPECTED")]


def test_halal_in_keywords_of_a_product_that_is_not_certified_is_an_error(
    make_catalogue: Callable[..., Settings],
) -> None:
    not_halal = "halal:\n  status: tidak-halal\n  alasan: mengandung babi"
    in_process = "halal:\n  status: dalam-proses"
    for halal in (not_halal, in_process):
        text = (
            product(**{'halal:\n  nomor: "ID53110012345670825"': halal})
            + 'kata_kunci:\n  - madu\n  - "Produk HALAL"\n'
        )
        errors = [f for f in found(make_catalogue, {PRODUCT: text}) if f[3] == "galat"]
        assert errors == [
            (PRODUCT, 22 if halal == not_halal else 21, 5, "galat", "KEYWORD_HALAL_NOT_CERTIFIED")
        ]
    one_line = (
        product(**{'halal:\n  nomor: "ID53110012345670825"': in_process})
        + "kata_kunci: madu, halal\n"
    )
    lines = run(make_catalogue, {PRODUCT: one_line})
    assert [line for line in lines if "galat" in line] == [
        (
            f'{PRODUCT}:19:13: galat: kata_kunci "madu, halal" memakai kata halal, padahal produk ini belum bersertifikat halal; '
            'hapus kata itu (status halal ditampilkan dari halal:, dan pencarian "halal" hanya menampilkan produk bersertifikat)'
        )
    ]


def test_halal_in_keywords_of_a_certified_product_is_accepted(
    make_catalogue: Callable[..., Settings],
) -> None:
    assert (
        found(make_catalogue, {PRODUCT: PRODUCT_YML + "kata_kunci: [madu halal, halalan]\n"}) == []
    )


# akun_github: who may change the producer folder (issue 10) ---------------------------------


def test_accounts_are_read_into_the_producer(make_catalogue: Callable[..., Settings]) -> None:
    result = check(
        make_catalogue({PRODUCER: PRODUCER_YML + "akun_github:\n  - Madu-Fatumnasi\n  - anak2\n"})
    )
    assert list(result.problems) == []
    assert result.catalogue.producers[0].accounts == ("Madu-Fatumnasi", "anak2")


def test_missing_accounts_are_only_a_warning(make_catalogue: Callable[..., Settings]) -> None:
    for text in (PRODUCER_YML, PRODUCER_YML + "akun_github: []\n"):
        result = check(make_catalogue({PRODUCER: text}))
        assert [(p.line, p.level.value, p.code) for p in result.problems] == [
            (1 if text == PRODUCER_YML else 5, "peringatan", "ACCOUNTS_MISSING")
        ]
        assert len(result.catalogue.products) == 1


@pytest.mark.parametrize(
    "account",
    ['"@madu"', "-madu", "madu-", "madu--hutan", "madu_hutan", "madu.hutan", "a" * 40, '"mädu"'],
)
def test_bad_account_is_an_error_at_its_item(
    make_catalogue: Callable[..., Settings], account: str
) -> None:
    problems = found(
        make_catalogue, {PRODUCER: PRODUCER_YML + f"akun_github:\n  - baik\n  - {account}\n"}
    )
    assert problems == [(PRODUCER, 7, 5, "galat", "ACCOUNT_BAD")]


def test_bad_account_message(make_catalogue: Callable[..., Settings]) -> None:
    lines = run(make_catalogue, {PRODUCER: PRODUCER_YML + 'akun_github: ["@madu"]\n'})
    assert lines == [
        (
            f'{PRODUCER}:5:15: galat: akun_github[0] "@madu" bukan nama akun GitHub yang sah: tulis tanpa @, 1-39 huruf, angka '
            'atau tanda hubung (tidak di awal atau akhir, tidak dua berturut-turut), misalnya "nama-akun"'
        )
    ]


def test_accounts_must_be_a_short_list(make_catalogue: Callable[..., Settings]) -> None:
    assert found(make_catalogue, {PRODUCER: PRODUCER_YML + "akun_github: madu\n"}) == [
        (PRODUCER, 5, 14, "galat", "KEY_NOT_LIST")
    ]
    many = ", ".join(f"akun{i}" for i in range(11))
    assert found(make_catalogue, {PRODUCER: PRODUCER_YML + f"akun_github: [{many}]\n"}) == [
        (PRODUCER, 5, 14, "galat", "LIST_TOO_LONG")
    ]


# Message templates ---------------------------------------------------------------------------


def test_an_unknown_template_name_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="NO_SUCH_TEMPLATE"):
        messages.render("NO_SUCH_TEMPLATE", key="nama")


def test_every_template_is_listed_under_its_own_name() -> None:
    for name, text in messages.TEMPLATES.items():
        assert getattr(messages, name) is text, name


def test_every_template_name_in_the_code_is_in_the_table() -> None:
    # Template names travel as strings (Problem.code, photo workers' findings), so a missing
    # entry would only show when that problem first occurs: look for every such string instead.
    constants = {n for n, v in vars(messages).items() if n.isupper() and isinstance(v, str)}
    package = Path(messages.__file__).parent
    quoted = {
        node.value
        for path in package.glob("*.py")
        if path.name != "messages.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in constants
    }
    assert quoted - set(messages.TEMPLATES) == set()

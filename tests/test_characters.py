"""Characters and names (characters.py): invisible text, look-alike scripts, confusable twins (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from catalogue_gen import characters
from catalogue_gen.load import iter_tree
from catalogue_gen.pipeline import check
from catalogue_gen.settings import Settings
from catalogue_gen.validate import validate_catalogue

from .conftest import FIXTURE_CATALOGUE, PRODUCER_YML, PRODUCT_YML, REPO, photo_bytes

PRODUCT = "products/kelompok-contoh/madu/produk.yml"
PRODUCER = "products/kelompok-contoh/produsen.yml"


@pytest.mark.parametrize(
    ("value", "one_line", "expected"),
    [
        ("Madu Hutan", True, None),
        (
            "Madu H\u00fatan Caf\u00e9 \u00f1 \u6f22\u5b57 \U0001f36f",
            True,
            None,
        ),  # accents, CJK, emoji: fine
        ("Madu\U000e0041", True, "TEXT_TAG"),
        ("Madu\u2061Hutan", False, "TEXT_INVISIBLE"),  # a format character, even in long text
        ("Madu\u200dHutan", False, "TEXT_INVISIBLE"),  # ZWJ: refused, emoji sequences included
        (
            "\u3164\u3164",
            True,
            "TEXT_BLANK_CHARACTER",
        ),  # Hangul filler, a "letter" that draws nothing
        ("\u115fMadu", False, "TEXT_BLANK_CHARACTER"),
        ("Madu\u3000Hutan", True, "TEXT_BLANK_CHARACTER"),
        ("Madu\u3000Hutan", False, None),  # long text may hold any space
        ("\u2800", True, "TEXT_BLANK_CHARACTER"),
        (
            "Madu\u00a0Hutan",
            True,
            "TEXT_BLANK_CHARACTER",
        ),  # looks like "Madu Hutan", is another name
        ("Madu\ufe0f", True, "TEXT_INVISIBLE"),
        ("Madu\ufe0f", False, None),  # emoji presentation in a description
        ("Madu\u0085Hutan", True, "TEXT_CONTROL"),  # NEL written as the escape "\N"
        ("Madu\u2028Hutan", False, "TEXT_CONTROL"),
        ("Madu\u202eHutan", True, "TEXT_BIDI"),
        ("a\tb", True, "TEXT_CONTROL"),
        ("a\tb", False, None),
    ],
)
def test_hidden_characters(value: str, one_line: bool, expected: str | None) -> None:
    found = characters.hidden_character(value, one_line)
    assert (found[0] if found else None) == expected


def test_file_characters_are_found_at_the_line_an_editor_shows() -> None:
    source = "a: b\u2028c\nd: \u0085\x00e\n\nf: \x1b\n"
    found = [(c.line, c.column, c.template) for c in characters.iter_file_characters(source)]
    assert found == [
        (1, 5, "FILE_LINE_SEPARATOR"),
        (2, 4, "FILE_LINE_SEPARATOR"),
        (4, 4, "FILE_CONTROL_CHARACTER"),
    ]
    assert characters.blank_out(source).split("\n") == ["a: b c", "d:   e", "", "f:  ", ""]


@pytest.mark.parametrize(
    ("twin", "original"),
    [
        ("M\u0430du F\u0430tumn\u0430si", "Madu Fatumnasi"),  # Cyrillic а
        ("\u041c\u0430du Fatumnasi", "MADU FATUMNASI"),  # Cyrillic М and а, other case
        ("Kel\u03bfmpok Tani", "Kelompok Tani"),  # Greek omicron
        ("\uff2d\uff41\uff44\uff55 Hutan", "Madu Hutan"),  # full-width letters (NFKC)
        ("Madu\u00adHutan", "MaduHutan"),  # a soft hyphen is ignorable
        ("Kopi Bajaw\u0430", "Kopi Bajawa"),
    ],
)
def test_confusable_twins_share_a_skeleton(twin: str, original: str) -> None:
    assert set(characters.skeletons(twin)) & set(characters.skeletons(original))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kopi Caf\u00e9", "Kopi Cafe"),
        ("Madu Hutan", "Madu Hutan Fatumnasi"),
        ("Tenun Ikat Sumba", "Tenun Ikat Sabu"),
        ("Kopi Bajawa", "Kopi Manggarai"),
    ],
)
def test_different_names_keep_different_skeletons(one: str, other: str) -> None:
    assert not set(characters.skeletons(one)) & set(characters.skeletons(other))


def test_every_prototype_is_its_own_prototype() -> None:
    # The skeleton is only a key if mapping twice changes nothing (UTS #39: prototypes map to themselves).
    for char in (c for c in characters._homoglyph_table() if len(c) == 1):
        assert all(characters.prototype(p) == p for p in characters.prototype(char)), char


def _catalogue_names(root: Path) -> list[characters.Name]:
    names = []
    for path in sorted(root.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.append(characters.Name(str(data["nama"]), path.parent.name + "/" + path.name, 1, 7))
    return names


def test_names_of_the_sample_catalogues_never_collide() -> None:
    names = _catalogue_names(REPO / "products") + _catalogue_names(FIXTURE_CATALOGUE)
    assert len(names) > 20
    assert characters.find_twins(names) == []
    # the stronger property: different names (ASCII or not) have different skeletons
    for kind in (0, 1):
        assert len({characters.skeletons(n.value)[kind] for n in names}) == len(
            {characters.folded(n.value) for n in names}
        )


def test_ascii_names_are_never_twins() -> None:
    names = [
        characters.Name("Toko Modern", "a", 1, 1),
        characters.Name("Toko Modem", "b", 1, 1),
        characters.Name("Kopi 0ke", "c", 1, 1),
        characters.Name("Kopi Oke", "d", 1, 1),
    ]
    assert characters.skeleton("Toko Modern") == characters.skeleton("Toko Modem")
    assert characters.find_twins(names) == []


def test_the_twin_names_the_ascii_original_whatever_the_order() -> None:
    twin, original = (
        characters.Name("M\u0430du", "a/produk.yml", 1, 7),
        characters.Name("Madu", "b/produk.yml", 1, 7),
    )
    assert characters.find_twins([twin, original]) == [(twin, original)]


@pytest.mark.parametrize(
    ("value", "scripts"),
    [
        ("M\u0430du", ("CYRILLIC", "LATIN")),
        ("Kopi \u0391rabika", ("GREEK", "LATIN")),
        ("\u041c\u0451\u0434", ()),  # all Cyrillic: a Russian word, not mixed
        ("Kopi Caf\u00e9 \u0301", ()),  # combining marks belong to any script
        ("Madu \u6f22\u5b57", ()),  # Latin with Han is not a look-alike mix
    ],
)
def test_lookalike_scripts(value: str, scripts: tuple[str, ...]) -> None:
    assert characters.lookalike_scripts(value) == scripts


def test_twin_galat_names_the_existing_name(make_catalogue: Callable[..., Settings]) -> None:
    other = "products/kelompok-lain/madu/produk.yml"
    result = check(
        make_catalogue(
            {
                "products/kelompok-lain/produsen.yml": PRODUCER_YML.replace(
                    "Kelompok Tani Contoh", "Kelompok Lain"
                ),
                other: PRODUCT_YML.replace(
                    "nama: Madu Hutan Contoh", "nama: \u041c\u0430du Hutan Contoh"
                ),
                "products/kelompok-lain/madu/depan.jpg": photo_bytes(),
            }
        )
    )
    [twin] = [str(p) for p in result.problems if p.code == "NAME_TWIN"]
    assert twin == (
        f'{other}:1:7: galat: nama "\u041c\u0430du Hutan Contoh" tampak sama dengan "Madu Hutan Contoh" di {PRODUCT}, '
        'tetapi memakai huruf lain ("\u041c" (U+041C CYRILLIC CAPITAL LETTER EM)); '
        "ketik ulang nama dengan huruf Latin biasa, atau pilih nama yang jelas berbeda"
    )
    # the twin is left out of the catalogue, the original stays (validate alone: no photo stage)
    settings = make_catalogue()
    catalogue, _, _ = validate_catalogue(
        iter_tree(settings.root, settings.products_dir, []), settings.build_date
    )
    assert [p.source_path for p in catalogue.products] == [PRODUCT]


def test_shop_names_refuse_mixed_scripts(make_catalogue: Callable[..., Settings]) -> None:
    changed = PRODUCT_YML + 'tempat_beli:\n  - nama: "T\u043eko Oleh-oleh"\n'
    result = check(make_catalogue({PRODUCT: changed}))
    assert [
        (p.line, p.column, p.code) for p in result.problems if p.path == PRODUCT and p.line > 9
    ] == [(20, 11, "NAME_MIXED_SCRIPT")]

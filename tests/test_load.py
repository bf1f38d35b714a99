"""The loader never trusts its input: every hostile file becomes a Problem with file and line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from catalogue_gen.pipeline import check
from catalogue_gen.settings import Settings

from .conftest import PRODUCT_YML

PRODUCT = "products/kelompok-contoh/madu/produk.yml"


def codes(settings: Settings) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in check(settings).problems]


def test_valid_catalogue_has_no_problems(make_catalogue: Callable[..., Settings]) -> None:
    result = check(make_catalogue())
    assert list(result.problems) == []
    assert [p.key for p in result.catalogue.products] == ["kelompok-contoh/madu"]


def test_duplicate_key_is_reported_at_the_second_occurrence(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({PRODUCT: PRODUCT_YML + "nama: Lagi\n"})
    assert (PRODUCT, 19, "DUPLICATE_KEY") in codes(settings)


def test_anchor_and_alias_are_refused(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML.replace("ringkasan: Madu hutan murni dari Fatumnasi.", "ringkasan: &r Madu hutan murni.\nisi_bersih: *r")
    found = codes(make_catalogue({PRODUCT: text}))
    assert (PRODUCT, 3, "YAML_ANCHOR") in found
    assert (PRODUCT, 4, "YAML_ALIAS") in found


def test_alias_bomb_is_refused_quickly(make_catalogue: Callable[..., Settings]) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)
    )
    found = codes(make_catalogue({PRODUCT: bomb}))
    assert (PRODUCT, 1, "YAML_ANCHOR") in found


def test_explicit_tag_is_refused(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML.replace("nama: Madu Hutan Contoh", "nama: !!python/object:os.system Madu")
    assert (PRODUCT, 1, "YAML_TAG") in codes(make_catalogue({PRODUCT: text}))


def test_tab_indentation_is_reported_with_its_line(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML.replace("  - berkas: depan.jpg", "\t- berkas: depan.jpg")
    assert (PRODUCT, 9, "TAB_INDENT") in codes(make_catalogue({PRODUCT: text}))


def test_non_utf8_bytes_are_reported_with_line_and_column(make_catalogue: Callable[..., Settings]) -> None:
    data = PRODUCT_YML.replace("Madu hutan murni", "Madu \x00").encode().replace(b"\x00", b"\xe9t\xe9")
    result = check(make_catalogue({PRODUCT: data}))
    [problem] = [p for p in result.problems if p.code == "NOT_UTF8"]
    assert (problem.line, problem.column) == (3, 17)


def test_bom_is_accepted(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({PRODUCT: b"\xef\xbb\xbf" + PRODUCT_YML.encode()})
    assert codes(settings) == []


def test_file_over_256_kib_is_refused(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML + "# " + "x" * (300 * 1024) + "\n"
    assert (PRODUCT, 0, "FILE_TOO_LARGE") in codes(make_catalogue({PRODUCT: text}))


def test_empty_file(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCT, 0, "FILE_EMPTY") in codes(make_catalogue({PRODUCT: "# hanya komentar\n"}))


def test_list_where_a_map_belongs(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCT, 1, "ROOT_NOT_MAPPING") in codes(make_catalogue({PRODUCT: "- nama: Madu\n"}))


def test_deep_nesting_is_refused_without_recursion(make_catalogue: Callable[..., Settings]) -> None:
    text = "nama: " + "[" * 5000 + "]" * 5000 + "\n"
    assert (PRODUCT, 1, "YAML_TOO_DEEP") in [(p, line, c) for p, line, c in codes(make_catalogue({PRODUCT: text}))]


def test_yaml_syntax_error_has_line_and_advice(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML.replace("ringkasan: Madu hutan murni dari Fatumnasi.", 'ringkasan: "Madu hutan')
    result = check(make_catalogue({PRODUCT: text}))
    [problem] = [p for p in result.problems if p.code == "YAML_SYNTAX"]
    assert problem.path == PRODUCT and problem.line >= 3
    assert "galat: YAML tidak sah" in str(problem)


@pytest.mark.parametrize("text", ["nama: [", "a: b: c", "{", "- - -\n  x", "\x07", "nama: 2026-02-30\n", "x: 1e999999999\n"])
def test_malformed_yaml_never_raises(make_catalogue: Callable[..., Settings], text: str) -> None:
    result = check(make_catalogue({PRODUCT: text}))
    assert result.problems.has_errors


def test_symlinked_photo_is_refused(make_catalogue: Callable[..., Settings], tmp_path: Path) -> None:
    settings = make_catalogue()
    outside = tmp_path / "rahasia.jpg"
    outside.write_bytes(b"x")
    os.symlink(outside, settings.products_dir / "kelompok-contoh/madu/lain.jpg")
    assert ("products/kelompok-contoh/madu/lain.jpg", 0, "SYMLINK_REFUSED") in codes(settings)


def test_symlinked_product_folder_is_refused(make_catalogue: Callable[..., Settings], tmp_path: Path) -> None:
    settings = make_catalogue()
    os.symlink(settings.products_dir / "kelompok-contoh/madu", settings.products_dir / "kelompok-contoh/salinan")
    assert ("products/kelompok-contoh/salinan", 0, "SYMLINK_REFUSED") in codes(settings)


def test_bad_folder_names_get_a_suggestion(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({
        "products/kelompok-contoh/Madu Hutan/produk.yml": PRODUCT_YML,
        "products/kelompok-contoh/Madu Hutan/depan.jpg": b"",
    })
    result = check(settings)
    [problem] = [p for p in result.problems if p.code == "BAD_SLUG"]
    assert problem.path == "products/kelompok-contoh/Madu Hutan"
    assert '"madu-hutan"' in problem.message


def test_missing_files_are_reported(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({
        "products/tanpa-produsen/kopi/produk.yml": PRODUCT_YML,
        "products/kelompok-contoh/kosong/foto.jpg": b"x",
    })
    found = codes(settings)
    assert ("products/tanpa-produsen/produsen.yml", 0, "PRODUCER_FILE_MISSING") in found
    assert ("products/kelompok-contoh/kosong/produk.yml", 0, "PRODUCT_FILE_MISSING") in found


def test_product_file_in_producer_folder_is_an_error(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({"products/kelompok-contoh/produk.yml": PRODUCT_YML})
    assert ("products/kelompok-contoh/produk.yml", 0, "PRODUCT_FILE_IN_PRODUCER") in codes(settings)


def test_several_documents_in_one_file(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCT, 19, "MULTIPLE_DOCUMENTS") in codes(make_catalogue({PRODUCT: PRODUCT_YML + "---\nnama: x\n"}))

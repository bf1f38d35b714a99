"""The loader never trusts its input: every hostile file becomes a Problem with file and line."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from catalogue_gen.pipeline import check
from catalogue_gen.settings import Settings

from .conftest import PRODUCER_YML, PRODUCT_YML

PRODUCT = "products/kelompok-contoh/madu/produk.yml"
PRODUCER = "products/kelompok-contoh/produsen.yml"


def codes(settings: Settings) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in check(settings).problems]


def test_valid_catalogue_has_no_problems(make_catalogue: Callable[..., Settings]) -> None:
    result = check(make_catalogue())
    assert list(result.problems) == []
    assert [p.key for p in result.catalogue.products] == ["kelompok-contoh/madu"]


def test_duplicate_key_is_reported_at_the_second_occurrence(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({PRODUCT: PRODUCT_YML + "nama: Lagi\n"})
    assert (PRODUCT, 19, "DUPLICATE_KEY") in codes(settings)


def test_anchor_and_alias_are_refused(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML.replace(
        "ringkasan: Madu hutan murni dari Fatumnasi.",
        "ringkasan: &r Madu hutan murni.\nisi_bersih: *r",
    )
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


def test_non_utf8_bytes_are_reported_with_line_and_column(
    make_catalogue: Callable[..., Settings],
) -> None:
    data = (
        PRODUCT_YML.replace("Madu hutan murni", "Madu \x00").encode().replace(b"\x00", b"\xe9t\xe9")
    )
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


def test_a_file_of_byte_order_marks_only_is_empty(make_catalogue: Callable[..., Settings]) -> None:
    # The first BOM is dropped on decoding; a second one left a stream without a document,
    # which used to end the run with a traceback.
    settings = make_catalogue({PRODUCT: b"\xef\xbb\xbf\xef\xbb\xbf\n"})
    assert (PRODUCT, 0, "FILE_EMPTY") in codes(settings)


def test_list_where_a_map_belongs(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCT, 1, "ROOT_NOT_MAPPING") in codes(make_catalogue({PRODUCT: "- nama: Madu\n"}))


def test_deep_nesting_is_refused_without_recursion(make_catalogue: Callable[..., Settings]) -> None:
    text = "nama: " + "[" * 5000 + "]" * 5000 + "\n"
    assert (PRODUCT, 1, "YAML_TOO_DEEP") in [
        (p, line, c) for p, line, c in codes(make_catalogue({PRODUCT: text}))
    ]


def test_yaml_syntax_error_has_line_and_advice(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML.replace(
        "ringkasan: Madu hutan murni dari Fatumnasi.", 'ringkasan: "Madu hutan'
    )
    result = check(make_catalogue({PRODUCT: text}))
    [problem] = [p for p in result.problems if p.code == "YAML_SYNTAX"]
    assert problem.path == PRODUCT and problem.line >= 3
    assert "galat: YAML tidak sah" in str(problem)


@pytest.mark.parametrize(
    "text",
    ["nama: [", "a: b: c", "{", "- - -\n  x", "\x07", "nama: 2026-02-30\n", "x: 1e999999999\n"],
)
def test_malformed_yaml_never_raises(make_catalogue: Callable[..., Settings], text: str) -> None:
    result = check(make_catalogue({PRODUCT: text}))
    assert result.problems.has_errors


def test_symlinked_photo_is_refused(
    make_catalogue: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_catalogue()
    outside = tmp_path / "rahasia.jpg"
    outside.write_bytes(b"x")
    os.symlink(outside, settings.products_dir / "kelompok-contoh/madu/lain.jpg")
    assert ("products/kelompok-contoh/madu/lain.jpg", 0, "SYMLINK_REFUSED") in codes(settings)


def test_symlinked_product_folder_is_refused(
    make_catalogue: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_catalogue()
    os.symlink(
        settings.products_dir / "kelompok-contoh/madu",
        settings.products_dir / "kelompok-contoh/salinan",
    )
    assert ("products/kelompok-contoh/salinan", 0, "SYMLINK_REFUSED") in codes(settings)


def test_bad_folder_names_get_a_suggestion(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(
        {
            "products/kelompok-contoh/Madu Hutan/produk.yml": PRODUCT_YML,
            "products/kelompok-contoh/Madu Hutan/depan.jpg": b"",
        }
    )
    result = check(settings)
    [problem] = [p for p in result.problems if p.code == "BAD_SLUG"]
    assert problem.path == "products/kelompok-contoh/Madu Hutan"
    assert '"madu-hutan"' in problem.message


def test_missing_files_are_reported(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(
        {
            "products/tanpa-produsen/kopi/produk.yml": PRODUCT_YML,
            "products/kelompok-contoh/kosong/foto.jpg": b"x",
        }
    )
    found = codes(settings)
    assert ("products/tanpa-produsen/produsen.yml", 0, "PRODUCER_FILE_MISSING") in found
    assert ("products/kelompok-contoh/kosong/produk.yml", 0, "PRODUCT_FILE_MISSING") in found


def test_product_file_in_producer_folder_is_an_error(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({"products/kelompok-contoh/produk.yml": PRODUCT_YML})
    assert ("products/kelompok-contoh/produk.yml", 0, "PRODUCT_FILE_IN_PRODUCER") in codes(settings)


def test_several_documents_in_one_file(make_catalogue: Callable[..., Settings]) -> None:
    assert (PRODUCT, 19, "MULTIPLE_DOCUMENTS") in codes(
        make_catalogue({PRODUCT: PRODUCT_YML + "---\nnama: x\n"})
    )


# Text, folders (issue 10, items 9 and 12) ------------------------------------------------------


def test_nul_byte_is_a_galat_in_indonesian_at_its_line_and_column(
    make_catalogue: Callable[..., Settings],
) -> None:
    text = PRODUCT_YML.replace("ringkasan: Madu hutan murni", "ringkasan: Madu\x00hutan murni")
    problems = [p for p in check(make_catalogue({PRODUCT: text})).problems if p.path == PRODUCT]
    assert [str(p) for p in problems] == [
        (
            f"{PRODUCT}:3:16: galat: baris ini berisi karakter kontrol tak terlihat NUL (U+0000), biasanya terbawa saat "
            "menyalin dari dokumen atau aplikasi lain; hapus karakter itu (ketik ulang bagian ini)"
        )
    ]


def test_later_lines_are_not_shifted_by_line_breaks_only_yaml_sees(
    make_catalogue: Callable[..., Settings],
) -> None:
    # each of NEL, U+2028 and U+2029 would move every later problem one line down
    text = (
        PRODUCT_YML.replace("nama: Madu Hutan Contoh", "nama: Madu\x85Hutan").replace(
            "Madu hutan murni", "Madu\u2028hutan\u2029murni"
        )
    ) + "tersedia: mungkin\r\n"
    found = [
        (p.line, p.column, p.code)
        for p in check(make_catalogue({PRODUCT: text.replace("\n", "\r\n")})).problems
        if p.path == PRODUCT
    ]
    assert found == [
        (1, 11, "FILE_LINE_SEPARATOR"),
        (3, 16, "FILE_LINE_SEPARATOR"),
        (19, 11, "BOOL_EXPECTED"),
    ]


def _producer_index_folders(count: int) -> list[str]:
    from catalogue_gen.model import Catalogue, Contact, Producer
    from catalogue_gen.pages import PageRenderer
    from catalogue_gen.regencies import REGENCIES

    producers = [
        Producer(f"usaha-{i:03}", f"Usaha {i}", REGENCIES[0], Contact(whatsapp="6281234567890"))
        for i in range(count)
    ]
    pages = PageRenderer(Catalogue(producers=producers), {}, "").render_all()[0]
    return sorted(
        {
            p.path.split("/")[1]
            for p in pages
            if p.path.startswith("produsen/") and p.path.count("/") == 2
        }
        - {p.slug for p in producers}
    )


def test_every_folder_the_pages_take_is_a_reserved_slug(
    make_catalogue: Callable[..., Settings],
) -> None:
    # Render the pages of 200 producers, then try each address they take as a folder name.
    from catalogue_gen.output import GENERATED_ROOTS

    taken = _producer_index_folders(200)
    assert taken and taken == [f"halaman-{n}" for n in range(2, len(taken) + 2)]
    names = (
        taken
        + [root.split(".")[0] for root in GENERATED_ROOTS]
        + ["pagefind", "assets", "search", "sitemap"]
    )
    files: dict[str, str | bytes | None] = {
        f"products/{name}/produsen.yml": PRODUCER_YML for name in names
    }
    files.update({f"products/kelompok-contoh/{name}/produk.yml": PRODUCT_YML for name in names})
    found = {(p.path, p.code) for p in check(make_catalogue(files)).problems}
    for name in names:
        if len(name) >= 3:  # shorter ones (`sw`) are no slugs at all
            assert (f"products/{name}", "SLUG_RESERVED") in found, name
            assert (f"products/kelompok-contoh/{name}", "SLUG_RESERVED") in found, name
    assert ("products/halaman-20", "SLUG_RESERVED") not in found


def test_hand_written_docs_names_are_reserved(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(
        {
            "products/panduan/produsen.yml": PRODUCER_YML,
            "products/halaman-utama/produsen.yml": PRODUCER_YML,
        },
        site=True,
    )
    found = {(p.path, p.code) for p in check(settings).problems}
    assert ("products/panduan", "SLUG_RESERVED") in found
    assert not any(
        path == "products/halaman-utama" for path, _ in found if _ in ("SLUG_RESERVED", "BAD_SLUG")
    )


def test_reserved_slug_message_names_the_page(make_catalogue: Callable[..., Settings]) -> None:
    lines = [
        str(p)
        for p in check(make_catalogue({"products/halaman-2/produsen.yml": PRODUCER_YML})).problems
        if p.code == "SLUG_RESERVED"
    ]
    assert lines == [
        (
            'products/halaman-2:0:0: galat: nama folder "halaman-2" sudah dipakai halaman katalog sendiri '
            "(/produsen/halaman-2/); pilih nama lain, misalnya nama lengkap usaha atau produk"
        )
    ]


@pytest.mark.parametrize("folder", [".DS_Store", ".git-like", "__MACOSX", ".tersembunyi"])
def test_hidden_folders_are_refused_at_every_level(
    make_catalogue: Callable[..., Settings], folder: str
) -> None:
    settings = make_catalogue(
        {
            f"products/{folder}/produsen.yml": PRODUCER_YML,
            f"products/kelompok-contoh/{folder}/produk.yml": PRODUCT_YML,
            f"products/kelompok-contoh/madu/{folder}/produk.yml": PRODUCT_YML,
        }
    )
    found = [(p.path, p.level.value, p.code) for p in check(settings).problems if folder in p.path]
    assert found == [
        (f"products/{folder}", "galat", "HIDDEN_FOLDER"),
        (f"products/kelompok-contoh/{folder}", "galat", "HIDDEN_FOLDER"),
        (f"products/kelompok-contoh/madu/{folder}", "galat", "HIDDEN_FOLDER"),
    ]


def test_hidden_files_are_warned_never_skipped(make_catalogue: Callable[..., Settings]) -> None:
    files: dict[str, str | bytes | None] = {
        f"{folder}/{name}": b"x"
        for folder in ("products", "products/kelompok-contoh", "products/kelompok-contoh/madu")
        for name in (".DS_Store", "Thumbs.db", "._depan.jpg", ".gitkeep")
    }
    result = check(make_catalogue(files))
    found = {
        (p.path, p.level.value, p.code) for p in result.problems if p.code != "ACCOUNTS_MISSING"
    }
    assert found == {(path, "peringatan", "HIDDEN_FILE") for path in files}


@pytest.mark.parametrize("name", ["produk.yml", "produsen.yml"])
def test_a_fifo_in_place_of_a_yaml_file_is_refused_not_waited_on(
    make_catalogue: Callable[..., Settings], name: str
) -> None:
    import signal

    settings = make_catalogue()
    target = settings.root / (PRODUCT if name == "produk.yml" else PRODUCER)
    target.unlink()
    os.mkfifo(target)

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("validate waited on a FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        result = check(settings)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    found = [(p.path, p.code) for p in result.problems if p.is_error]
    assert (target.relative_to(settings.root).as_posix(), "FILE_NOT_REGULAR") in found
    assert "pipa bernama (FIFO)" in next(
        p.message for p in result.problems if p.code == "FILE_NOT_REGULAR"
    )


@pytest.mark.parametrize("name", ["dapur-contoh\n", "madu\n", "kopi-\n", "Kopi", "a--b", "ab"])
def test_a_folder_name_with_a_trailing_newline_is_no_slug(name: str) -> None:
    # `$` also matches before a final newline: a folder "dapur-contoh\n" passed, and its CODEOWNERS
    # line split in two.
    from catalogue_gen.load import is_valid_slug

    assert not is_valid_slug(name)
    assert is_valid_slug("dapur-contoh")

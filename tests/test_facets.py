"""Facets, sort keys, search words and the byte-stable Pagefind index (issue 9), without a browser."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue_gen import facets, search, synonyms
from catalogue_gen.pipeline import check
from catalogue_gen.settings import Settings

from .golden_catalogue import materialise


def catalogue_of(root: Path) -> dict[str, object]:
    materialise(root)
    result = check(Settings.for_project(root))
    assert result.catalogue is not None
    return {p.key: p for p in result.catalogue.products}


@pytest.fixture(scope="module")
def products(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return catalogue_of(tmp_path_factory.mktemp("facets"))


def test_facet_values_come_from_validated_data(products: dict[str, object]) -> None:
    sei = products["dapur-contoh/sei-babi"]
    assert facets.product_filters(sei) == {  # type: ignore[arg-type]
        "kategori": ["pangan-olahan"],
        "kabupaten": ["kota-kupang"],
        "izin": ["pirt"],
        "halal": ["tidak"],
        "stok": ["habis"],
        "hewan": ["babi"],
    }
    weaving = facets.product_filters(products["tenun-contoh/selendang-ikat"])  # type: ignore[arg-type]
    assert (
        "halal" not in weaving and "izin" not in weaving and weaving["hewan"] == [facets.NO_ANIMAL]
    )
    kripik = facets.product_filters(products["dapur-contoh/kripik-kelor"])  # type: ignore[arg-type]
    assert kripik["halal"] == [facets.HALAL_CERTIFIED]


def test_every_product_carries_every_sort_key(products: dict[str, object]) -> None:
    # Pagefind drops a page without the key from a sorted result
    for product in products.values():
        keys = facets.product_sort_keys(product)  # type: ignore[arg-type]
        assert set(keys) == {"bawaan", "harga", "baru", "nama"} and all(keys.values())
        assert int(keys["harga"]) > 0


def test_license_kinds_cover_every_license_type() -> None:
    from catalogue_gen.licenses import LICENSE_TYPES

    assert set(facets.LICENSE_KIND_OF_TYPE) == set(LICENSE_TYPES)
    assert set(facets.LICENSE_KIND_OF_TYPE.values()) == {v.slug for v in facets.LICENSE_KINDS}


def test_animals_are_read_from_name_composition_and_reason_not_keywords(
    products: dict[str, object],
) -> None:
    import dataclasses

    sei = products["dapur-contoh/sei-babi"]
    assert facets.animals_named(sei) == ["babi"]  # type: ignore[arg-type]
    claims_beef = dataclasses.replace(sei, keywords=("se'i sapi",))  # type: ignore[type-var]
    assert facets.animals_named(claims_beef) == ["babi"]
    beef = dataclasses.replace(
        sei, name="Se'i Sapi", ingredients=("daging sapi", "tanpa babi"), halal=None
    )  # type: ignore[type-var]
    assert facets.animals_named(beef) == ["sapi"]


def test_search_words_never_say_halal_or_another_meat_for_pork(products: dict[str, object]) -> None:
    from catalogue_gen.pages import search_terms

    pork = search_terms(products["dapur-contoh/sei-babi"]).split()  # type: ignore[arg-type]
    assert "halal" not in pork and "sapi" not in pork and "sei" in pork
    assert "halal" in search_terms(products["dapur-contoh/kripik-kelor"]).split()  # type: ignore[arg-type]


def test_nasal_forms_are_indexed_for_t_and_k_words_only() -> None:
    assert synonyms.index_forms(["tenun", "kopi", "sabun", "pala", "ikat", "tas"]) == [
        "menenun",
        "penenun",
        "mengopi",
        "pengopi",
    ]


def test_vocabulary_is_by_frequency_then_alphabet() -> None:
    words = synonyms.vocabulary_words(["Kopi Bajawa", "kopi ngada", "Madu kopi", "se'i babi"], 4)
    assert words == ["kopi", "babi", "bajawa", "madu"]


def test_pagefind_files_round_trip_through_the_cbor_codec(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for index in range(12):
        (site / f"p{index}.html").write_text(
            f'<html lang="id"><body><main data-pagefind-body><h1>Produk {index}</h1>'
            f'<span data-pagefind-filter="kabupaten:k{index % 4}"></span><span data-pagefind-filter="halal:{"ya" if index % 2 else "tidak"}"></span>'
            f'<span data-pagefind-sort="harga:{1000 + index * 37 % 11}"></span><span data-pagefind-sort="nama">p{index}</span>'
            f'<span data-pagefind-meta="badges">halal bpom</span><p>kopi madu {index}</p></main></body></html>',
            encoding="utf-8",
        )
    done = subprocess.run(
        [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--silent"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # fragments are JSON behind the same signature; the CBOR files are what write_stable_filters rewrites
    files = [
        f
        for f in (site / "pagefind").rglob("*")
        if f.suffix in (".pf_meta", ".pf_filter", ".pf_index")
    ]
    assert {f.suffix for f in files} == {".pf_meta", ".pf_filter", ".pf_index"}
    for path in files:
        data = path.read_bytes()
        value = search.decode_file(data)
        assert gzip.decompress(search.encode_file(value)) == gzip.decompress(data), path.name


def test_filter_files_are_sorted_and_named_by_content(tmp_path: Path) -> None:
    index = tmp_path / "pagefind"
    (index / "filter").mkdir(parents=True)
    values = [["kota-kupang", [0, 3]], ["alor", [1]], ["ngada", [2, 4]]]
    random.Random(1).shuffle(values)
    (index / "filter" / "id_1111111.pf_filter").write_bytes(
        search.encode_file(["kabupaten", values])
    )
    (index / "filter" / "id_2222222.pf_filter").write_bytes(
        search.encode_file(["halal", [["ya", [0]], ["tidak", [1]]]])
    )
    meta = [
        "1.5.2",
        [],
        [],
        [["kabupaten", "id_1111111"], ["halal", "id_2222222"]],
        [["nama", [1, 0]], ["harga", [0, 1]]],
        ["title"],
    ]
    (index / "pagefind.id_0000000000.pf_meta").write_bytes(search.encode_file(meta))
    (index / "pagefind-entry.json").write_text(
        json.dumps(
            {
                "version": "1.5.2",
                "languages": {"id": {"hash": "id_0000000000", "wasm": "id", "page_count": 5}},
            }
        )
    )

    search.write_stable_filters(index)

    entry = json.loads((index / "pagefind-entry.json").read_text())
    new_meta = search.decode_file(
        (index / f"pagefind.{entry['languages']['id']['hash']}.pf_meta").read_bytes()
    )
    assert [name for name, _ in new_meta[3]] == ["halal", "kabupaten"]
    assert [name for name, _ in new_meta[4]] == ["harga", "nama"]
    kabupaten = search.decode_file(
        (index / "filter" / f"{dict(new_meta[3])['kabupaten']}.pf_filter").read_bytes()
    )
    assert [value for value, _ in kabupaten[1]] == ["alor", "kota-kupang", "ngada"]
    assert sorted(p.name for p in (index / "filter").iterdir()) == sorted(
        f"{h}.pf_filter" for _, h in new_meta[3]
    )
    assert all(h.startswith("id_") and len(h) == 10 for _, h in new_meta[3])


@pytest.mark.slow
def test_search_page_rules_and_vocabulary_are_published(built_fixture_catalogue: Path) -> None:
    root = built_fixture_catalogue  # the project root, built once per run; read only
    site = root / "site"
    rules = json.loads((site / "cari/aturan.json").read_text(encoding="utf-8"))
    assert rules["halalWords"] == ["halal"] and rules["animals"]["sapi"][0] == "sapi"
    assert set(rules["badges"]) >= {"halal", "tidak-halal", "halal-proses", "bpom", "pirt", "habis"}
    words = json.loads((site / "cari/kosakata.json").read_text(encoding="utf-8"))["words"].split()
    assert "kelor" in words and "selendang" in words
    page = (site / "produk/dapur-contoh/sei-babi/index.html").read_text(encoding="utf-8")
    for expected in [
        'data-pagefind-filter="halal:tidak"',
        'data-pagefind-filter="hewan:babi"',
        'data-pagefind-sort="harga:',
        'data-pagefind-meta="badges">pirt tidak-halal expired habis<',
    ]:
        assert expected in page
    search_page = (site / "cari/index.html").read_text(encoding="utf-8")
    assert '<select name="kabupaten">' in search_page and 'name="urut"' in search_page


def test_scope_js_knows_every_key_the_finder_keeps_in_the_address() -> None:
    # scope.js hides a listing's cards before the page paints when its address holds one of
    # these; a key missing there would fetch the cards' photos, one too many hide them for ?fbclid=
    import re
    from pathlib import Path

    script = (Path(__file__).parent.parent / "docs/assets/scope.js").read_text(encoding="utf-8")
    listed = re.search(r'\[("[a-z]+"(?:,"[a-z]+")*)\]\.some', script)
    assert listed, "scope.js lists the finder's keys"
    keys = set(re.findall(r'"([a-z]+)"', listed.group(1)))
    assert keys == {facet.key for facet in facets.FACETS} | {"q", "urut", "halaman"}

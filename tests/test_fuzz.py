"""Property-based tests: whatever bytes or YAML arrive, the loader and validator only report problems,
and a valid generated product always becomes a page showing every field."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from catalogue_gen import characters
from catalogue_gen.load import load_yaml
from catalogue_gen.pipeline import check, generate
from catalogue_gen.settings import Settings
from catalogue_gen.validate import ALCOHOL_WORDS, PORK_WORDS, parse_producer, parse_product

from .conftest import PRODUCER_YML, photo_bytes, write_tree

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PHOTO = photo_bytes(400, 300)

yaml_scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "0812",
            "75.000",
            "NO",
            "1:20",
            "~",
            "&a",
            "*a",
            "!!str x",
            "2026-02-30",
            "ID123",
            "javascript:x",
        ]
    ),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "nama",
        "kategori",
        "ringkasan",
        "deskripsi",
        "foto",
        "harga",
        "izin",
        "halal",
        "tautan",
        "kata_kunci",
        "tersedia",
        "diperbarui",
        "komposisi",
        "tempat_beli",
        "isi_bersih",
        "x",
    ]
)


def _validate_text(tmp: Path, data: bytes) -> None:
    path = tmp / "produk.yml"
    path.write_bytes(data)
    problems: list = []
    raw = load_yaml(tmp, path, problems)
    if raw.root is not None:
        from catalogue_gen.load import ProductFolder

        folder = ProductFolder("x-produk", "products/x/x-produk", tmp, raw, ["produk.yml", "a.jpg"])
        parse_product(folder, None, date(2026, 11, 1), problems)
        from catalogue_gen.load import ProducerFolder

        parse_producer(
            ProducerFolder("x-usaha", "products/x", tmp, raw, ["produsen.yml"], []), problems
        )
    for problem in problems:
        assert str(problem).startswith("produk.yml:")


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_only_give_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _validate_text(Path(tmp), data)


@FUZZ
@given(st.dictionaries(keys, yaml_values, max_size=10))
def test_any_yaml_document_only_gives_problems(document: dict) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    with tempfile.TemporaryDirectory() as tmp:
        _validate_text(Path(tmp), text.encode())


@FUZZ
@given(st.text(max_size=400))
def test_any_text_only_gives_problems(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _validate_text(Path(tmp), text.encode("utf-8", "surrogatepass"))


safe_text = (
    st.text(
        alphabet=st.characters(
            categories=["L", "N", "P", "S", "Zs"],
            exclude_characters="\u2028\u2029\u00a0\u1680\u3000\u202f\u205f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
        ),
        min_size=3,
        max_size=60,
    )
    .map(str.strip)
    .filter(lambda s: len(s) >= 3)
    # letters the validator rightly refuses as invisible (Hangul fillers, the braille blank):
    # drawing one made a valid product invalid in some runs
    .filter(lambda s: characters.hidden_character(s, one_line=True) is None)
)


# Words that rightly make a product invalid unless it says tidak-halal (pork, alcohol) or is
# certified (halal): a valid product has none of them.
_RULED_WORDS = (*PORK_WORDS, *ALCOHOL_WORDS, "halal")
plain_text = safe_text.filter(lambda s: not any(word in s.lower() for word in _RULED_WORDS))
# A name must also show a letter or a digit, in one family of scripts (reader.name): ":::" or a
# Latin word with a Cyrillic letter in it is rightly a galat, so a valid product has neither.
name_text = plain_text.filter(
    lambda s: characters.has_letter_or_digit(s) and not characters.lookalike_scripts(s)
)


@pytest.fixture(scope="module")
def photo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One photo cache for every example: the photo is the same bytes each time, so it is made
    into renditions once (the cache is keyed by content) and each example costs its text only."""
    return tmp_path_factory.mktemp("fuzz-photo-cache")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    name=name_text,
    summary=plain_text,
    paragraph=plain_text,
    variant=plain_text,
    price=st.integers(1, 10**8),
    keyword=plain_text,
    ingredient=plain_text,
)
def test_valid_product_round_trips_to_a_page_with_every_field(
    photo_cache: Path,
    name: str,
    summary: str,
    paragraph: str,
    variant: str,
    price: int,
    keyword: str,
    ingredient: str,
) -> None:
    document = {
        "nama": name,
        "kategori": "tenun",
        "ringkasan": summary,
        "deskripsi": paragraph,
        "foto": [{"berkas": "a.jpg", "keterangan": name}],
        "harga": [{"varian": variant, "rupiah": price}],
        "komposisi": [ingredient],
        "kata_kunci": [keyword],
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_tree(
            root,
            {
                "products/usaha-contoh/produsen.yml": PRODUCER_YML,
                "products/usaha-contoh/produk-x/produk.yml": yaml.safe_dump(
                    document, allow_unicode=True, width=10_000
                ),
                "products/usaha-contoh/produk-x/a.jpg": PHOTO,
            },
        )
        config = dataclasses.replace(
            Settings.for_project(root, site_url=""), workers=1, cache_dir=photo_cache
        )
        result = check(config)
        assert not result.problems.has_errors, [str(p) for p in result.problems]
        generate(config)
        page = (root / "docs/produk/usaha-contoh/produk-x/index.md").read_text(encoding="utf-8")
        body = page.split("---", 2)[2]
        for value in (name, summary, paragraph, variant, ingredient):
            assert str(escape(value)) in body, value
        assert "Rp" + f"{price:,}".replace(",", ".") in body
        shutil.rmtree(root / "docs")

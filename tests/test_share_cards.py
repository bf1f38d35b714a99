"""Share cards (issue 9, item 6): home, listing and producer pages carry an og:image, a collage
of their first product photos made in the photo stage, and an og:title that names the site.

Pages with no product (an empty regency, the indexes, the search page) carry the site's own
card, drawn at build time in the logo's colours.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from catalogue_gen import photos as photo_stage
from catalogue_gen.model import PhotoVariant, ProcessedPhoto
from catalogue_gen.pipeline import generate
from catalogue_gen.settings import PhotoParams, Settings

from .conftest import photo_bytes
from .golden_catalogue import materialise

SITE_URL = "https://contoh.github.io/katalog/"
HOME_TITLE = "Beli Produk NTT – Katalog produk UMKM Nusa Tenggara Timur"


def front_matter(page: Path) -> dict[str, str]:
    text = page.read_text(encoding="utf-8").split("---", 2)[1]
    return {
        key: value.strip().strip('"') for key, value in re.findall(r"^(\w+): (.*)$", text, re.M)
    }


def assert_share_image(path: Path) -> None:
    """A 1200x630 baseline JPEG with no EXIF, XMP or other metadata."""
    assert path.is_file(), path
    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (1200, 630), path
        assert not image.getexif(), path
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(image.info), path
    assert b"Exif\x00\x00" not in data and b"<x:xmpmeta" not in data, path


# Generated pages -------------------------------------------------------------------------------


def test_home_listings_and_producers_name_a_collage_that_exists(tmp_path: Path) -> None:
    settings = materialise(tmp_path)
    generate(settings)
    docs = settings.docs_dir
    pages = {
        "index.md": HOME_TITLE,
        "kategori/pangan-olahan/index.md": "Pangan olahan – Beli Produk NTT",
        "kabupaten/kota-kupang/index.md": "Kota Kupang – Beli Produk NTT",
        "sertifikasi/halal/index.md": "Bersertifikat halal – Beli Produk NTT",
        "produsen/dapur-contoh/index.md": "Dapur Contoh Oesapa – Beli Produk NTT",
    }
    images = {}
    for page, title in pages.items():
        meta = front_matter(docs / page)
        assert meta["og_title"] == title, page
        assert meta["og_image"].startswith(SITE_URL + "produk/") and meta["og_image"].endswith(
            "-og.jpg"
        ), page
        assert meta["og_image_alt"].startswith("Foto "), page
        images[page] = meta["og_image"]
        assert_share_image(docs / meta["og_image"].removeprefix(SITE_URL))
    # the home page shows three products, the category two of them, the producer the same two
    assert len({images["index.md"], images["kategori/pangan-olahan/index.md"]}) == 2
    assert images["kategori/pangan-olahan/index.md"] == images["produsen/dapur-contoh/index.md"]
    # product pages keep their own share image
    assert "og_title" not in front_matter(docs / "produk/dapur-contoh/sei-babi/index.md")


def test_a_page_with_one_product_shares_that_products_image(tmp_path: Path) -> None:
    settings = materialise(tmp_path)
    generate(settings)
    producer = front_matter(settings.docs_dir / "produsen/tenun-contoh/index.md")
    product = front_matter(settings.docs_dir / "produk/tenun-contoh/selendang-ikat/index.md")
    assert producer["og_image"] == product["og_image"]
    assert producer["og_title"] == "Kelompok Tenun Contoh – Beli Produk NTT"
    assert_share_image(settings.docs_dir / producer["og_image"].removeprefix(SITE_URL))


def test_pages_with_no_product_share_the_site_card(tmp_path: Path) -> None:
    settings = materialise(tmp_path)
    generate(settings)
    empty = [
        "kabupaten/alor/index.md",
        "kategori/kosmetik/index.md",
        "kategori/index.md",
        "kabupaten/index.md",
        "cari/index.md",
    ]
    metas = [front_matter(settings.docs_dir / page) for page in empty]
    assert len({meta["og_image"] for meta in metas}) == 1
    assert metas[0]["og_title"] == "Kabupaten Alor – Beli Produk NTT"
    default = settings.docs_dir / metas[0]["og_image"].removeprefix(SITE_URL)
    assert_share_image(default)
    assert default.read_bytes() == photo_stage.compose_share_card([], settings.photo)
    with Image.open(default) as image:
        red, green, blue = image.convert("RGB").getpixel((5, 5))
        assert (
            abs(red - 0x8A) < 8 and abs(green - 0x3B) < 8 and abs(blue - 0x12) < 8
        )  # the logo's brown


def test_without_a_site_url_the_share_image_is_relative(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = dataclasses.replace(make_catalogue(), site_url="/")
    generate(settings)
    for page in [
        "index.md",
        "kategori/pangan-olahan/index.md",
        "produsen/kelompok-contoh/index.md",
    ]:
        image = front_matter(settings.docs_dir / page)["og_image"]
        assert not image.startswith(("http", "/")), image
        assert_share_image((settings.docs_dir / page).parent / image)


# The photo stage -------------------------------------------------------------------------------


def test_a_warm_build_makes_no_share_card_again(
    make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_catalogue()
    (settings.root / "products/kelompok-contoh/kedua").mkdir()
    (settings.root / "products/kelompok-contoh/kedua/produk.yml").write_text(
        (settings.root / "products/kelompok-contoh/madu/produk.yml")
        .read_text(encoding="utf-8")
        .replace("Madu Hutan Contoh", "Madu Kedua"),
        encoding="utf-8",
    )
    (settings.root / "products/kelompok-contoh/kedua/depan.jpg").write_bytes(
        photo_bytes(color=(200, 40, 40))
    )
    generate(settings)
    before = {
        page: front_matter(settings.docs_dir / page)["og_image"]
        for page in ("index.md", "cari/index.md")
    }
    assert len(set(before.values())) == 2, "a collage of two photos, and the site card"

    def fail(*args: object) -> bytes:
        raise AssertionError("a share card was composed again")

    monkeypatch.setattr(photo_stage, "compose_share_card", fail)
    generate(settings)
    for page, image in before.items():
        assert front_matter(settings.docs_dir / page)["og_image"] == image
        assert_share_image(settings.docs_dir / image.removeprefix(SITE_URL))


def test_a_damaged_share_card_in_the_cache_is_made_again(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue()
    generate(settings)
    cached = list((settings.cache_dir / "photos").rglob("*-og.jpg"))
    name = front_matter(settings.docs_dir / "cari/index.md")["og_image"].rsplit("/", 1)[
        1
    ]  # the site card
    [entry] = [path for path in cached if path.name == name]
    good = entry.read_bytes()
    entry.write_bytes(b"rusak")
    generate(settings)
    assert (settings.docs_dir / "produk" / name).read_bytes() == good


def test_a_new_photo_gives_a_new_share_image(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue()
    generate(settings)
    before = front_matter(settings.docs_dir / "kategori/pangan-olahan/index.md")["og_image"]
    (settings.root / "products/kelompok-contoh/madu/depan.jpg").write_bytes(
        photo_bytes(color=(20, 160, 60))
    )
    generate(settings)
    after = front_matter(settings.docs_dir / "kategori/pangan-olahan/index.md")["og_image"]
    assert after != before
    assert not (settings.docs_dir / before.removeprefix(SITE_URL)).exists(), (
        "the old collage is not published"
    )


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6, 9])
def test_collages_of_any_size_are_1200x630_and_repeatable(tmp_path: Path, count: int) -> None:
    params = PhotoParams()
    processed = []
    for index in range(count):
        source = tmp_path / f"foto-{index}.jpg"
        size = (900, 700) if index % 2 else (600, 800)  # landscape and portrait
        source.write_bytes(photo_bytes(*size, color=(30 * index % 255, 120, 200 - 15 * index)))
        result = photo_stage.process_photo(source, params, tmp_path / "cache", True)
        assert not result.has_error
        processed.append(result)
    cards = photo_stage.ShareCards(params, tmp_path / "cache")
    rendered = [
        ProcessedPhoto(
            None,
            tuple(PhotoVariant(n, w, h, str(Path(r.entry_dir) / n)) for n, w, h in r.variants),  # type: ignore[arg-type]
            None,
            r.placeholder,
        )
        for r in processed
    ]
    card = cards.collage(rendered)
    assert cards.collage(rendered) == card, "named by what it is made of"
    assert cards.make(workers=1) == 1
    assert cards.make(workers=1) == 0, "made once"
    assert_share_image(Path(card.cache_path))
    again = photo_stage.compose_share_card(
        cards.jobs[Path(card.cache_path).parent.name].sources, params
    )
    assert Path(card.cache_path).read_bytes() == again
    # the tiles cover the card: no tile is left empty (white) at its centre
    with Image.open(card.cache_path) as image:
        for left, top, width, height in photo_stage.share_layout(
            min(count, photo_stage.SHARE_CARD_PHOTOS), params.social_size
        ):
            assert image.convert("RGB").getpixel((left + width // 2, top + height // 2)) != (
                255,
                255,
                255,
            )


# The built site --------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_built_pages_carry_the_open_graph_tags(built_fixture_catalogue: Path) -> None:
    root = built_fixture_catalogue  # the project root, built once per run; read only
    site_url = Settings.for_project(root).site_url
    expected = {
        "index.html": HOME_TITLE,
        "kategori/pangan-olahan/index.html": "Pangan olahan – Beli Produk NTT",
        "kabupaten/sumba-timur/index.html": "Kabupaten Sumba Timur – Beli Produk NTT",
        "kabupaten/alor/index.html": "Kabupaten Alor – Beli Produk NTT",
        "produsen/tenun-contoh/index.html": "Kelompok Tenun Contoh – Beli Produk NTT",
    }
    for page, title in expected.items():
        html = (root / "site" / page).read_text(encoding="utf-8")
        metas = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))
        assert metas["og:title"] == metas["twitter:title"] == title, page
        image = metas["og:image"]
        assert image.startswith(site_url) and image == metas["twitter:image"], page
        assert metas["og:image:width"] == "1200" and metas["og:image:height"] == "630"
        assert metas["twitter:card"] == "summary_large_image"
        assert metas["og:image:alt"], page
        assert_share_image(root / "site" / image.removeprefix(site_url))

"""The photo stage: images made here with Pillow; no binary fixtures in git."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from catalogue_gen import photos
from catalogue_gen.pipeline import check
from catalogue_gen.settings import PhotoParams, Settings

from .conftest import PRODUCT_YML, photo_bytes

PRODUCT = "products/kelompok-contoh/madu/produk.yml"
PHOTO = "products/kelompok-contoh/madu/depan.jpg"


def phone_photo() -> bytes:
    """A 'portrait' phone photo stored sideways: Orientation 6 and GPS tags, red at the stored top."""
    image = Image.new("RGB", (800, 600), (20, 20, 200))
    image.paste((220, 0, 0), (0, 0, 800, 100))  # red band along the stored top edge
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Samsung"
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (10.0, 10.0, 0.0)
    gps[3] = "E"
    gps[4] = (123.0, 36.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=90)
    return buffer.getvalue()


def codes(settings: Settings) -> list[tuple[str, int, str, str]]:
    return [(p.path, p.line, p.level.value, p.code) for p in check(settings).problems]


def test_orientation_applied_and_metadata_removed(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({PHOTO: phone_photo()})
    result = check(settings)
    assert [(p.line, p.level.value, p.code) for p in result.problems] == [(9, "peringatan", "PHOTO_GPS")]
    assert "catalogue-gen strip-photos products/kelompok-contoh/madu" in next(iter(result.problems)).message
    processed = result.photos[PHOTO]
    largest = processed.largest
    assert (largest.width, largest.height) == (600, 800)  # stood upright
    with Image.open(largest.cache_path) as out:
        assert out.format == "WEBP"
        assert not out.getexif()
        assert "exif" not in out.info and "xmp" not in out.info
        # orientation 6 rotates the stored top edge to the right side
        assert out.convert("RGB").getpixel((590, 400))[0] > 150
        assert out.convert("RGB").getpixel((10, 400))[2] > 150


def test_renditions_are_never_wider_than_800(make_catalogue: Callable[..., Settings]) -> None:
    text = PRODUCT_YML.replace("    keterangan: Botol madu\n", "    keterangan: Botol madu\n  - samping.jpg\n")
    settings = make_catalogue({PRODUCT: text, PHOTO: photo_bytes(3000, 2000), "products/kelompok-contoh/madu/samping.jpg": photo_bytes(3000, 2000, color=(10, 200, 10))})
    result = check(settings)
    cover, extra = result.photos[PHOTO], result.photos["products/kelompok-contoh/madu/samping.jpg"]
    assert [v.width for v in cover.variants] == [200, 400, 800]
    assert [v.width for v in extra.variants] == [200, 800]  # thumbnail and enlarged view only
    assert cover.social is not None and extra.social is None
    with Image.open(cover.social.cache_path) as social:
        assert social.size == (1200, 630) and social.format == "JPEG"


@pytest.mark.parametrize(("content", "code"), [
    (photo_bytes()[: len(photo_bytes()) // 2], "PHOTO_TRUNCATED"),
    (photo_bytes(fmt="PNG"), "PHOTO_WRONG_TYPE"),
    (b"<html><script>alert(1)</script></html>", "PHOTO_UNREADABLE"),
    (b"", "PHOTO_UNREADABLE"),
    (photo_bytes(1, 1), "PHOTO_TOO_SMALL"),
    (photo_bytes(20000, 20), "PHOTO_TOO_SMALL"),
    (photo_bytes(2000, 300), "PHOTO_BAD_RATIO"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "PHOTO_HEIC_UNSUPPORTED"),
])
def test_bad_images_are_errors_not_crashes(make_catalogue: Callable[..., Settings], content: bytes, code: str) -> None:
    assert (PRODUCT, 9, "galat", code) in codes(make_catalogue({PHOTO: content}))


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(10000, 10000), (50000, 50000)])
def test_decompression_bomb_is_refused_before_decoding(make_catalogue: Callable[..., Settings], size: tuple[int, int]) -> None:
    text = PRODUCT_YML.replace("depan.jpg", "depan.png")
    settings = make_catalogue({PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.png": bomb_png(*size)})
    assert (PRODUCT, 9, "galat", "PHOTO_TOO_MANY_PIXELS") in codes(settings)


def test_cmyk_jpeg_becomes_rgb(make_catalogue: Callable[..., Settings]) -> None:
    buffer = io.BytesIO()
    Image.new("CMYK", (640, 480), (0, 255, 255, 0)).save(buffer, "JPEG")
    processed = check(make_catalogue({PHOTO: buffer.getvalue()})).photos[PHOTO]
    with Image.open(processed.largest.cache_path) as out:
        red, green, blue = out.convert("RGB").getpixel((10, 10))
        assert red > 180 and green < 80 and blue < 80


def test_sixteen_bit_png_keeps_its_tones(make_catalogue: Callable[..., Settings]) -> None:
    image = Image.new("I;16", (640, 480), 20000)  # about 30% grey, not white
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    text = PRODUCT_YML.replace("depan.jpg", "depan.png")
    settings = make_catalogue({PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.png": buffer.getvalue()})
    processed = check(settings).photos["products/kelompok-contoh/madu/depan.png"]
    with Image.open(processed.largest.cache_path) as out:
        assert 60 < out.convert("L").getpixel((10, 10)) < 100


def test_animated_webp_keeps_first_frame_with_a_warning(make_catalogue: Callable[..., Settings]) -> None:
    frames = [Image.new("RGB", (640, 480), color) for color in ((200, 0, 0), (0, 200, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    text = PRODUCT_YML.replace("depan.jpg", "depan.webp")
    settings = make_catalogue({PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.webp": buffer.getvalue()})
    result = check(settings)
    assert [(p.level.value, p.code) for p in result.problems] == [("peringatan", "PHOTO_ANIMATED")]


def test_transparent_png_gets_a_white_background(make_catalogue: Callable[..., Settings]) -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (640, 480), (0, 0, 0, 0)).save(buffer, "PNG")
    text = PRODUCT_YML.replace("depan.jpg", "depan.png")
    settings = make_catalogue({PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.png": buffer.getvalue()})
    processed = check(settings).photos["products/kelompok-contoh/madu/depan.png"]
    with Image.open(processed.largest.cache_path) as out:
        assert min(out.convert("RGB").getpixel((5, 5))) >= 250  # white, give or take WebP rounding


def test_cache_hit_decodes_nothing(make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_catalogue()
    first = check(settings).photos[PHOTO]
    monkeypatch.setattr(photos, "_process", lambda *a, **k: pytest.fail("photo decoded again"))
    assert check(settings).photos[PHOTO] == first


def test_damaged_cache_entry_is_rebuilt(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue()
    first = check(settings).photos[PHOTO]
    Path(first.largest.cache_path).write_bytes(b"rusak")
    again = check(settings).photos[PHOTO]
    with Image.open(again.largest.cache_path) as out:
        out.load()
        assert out.size == (first.largest.width, first.largest.height)


def test_cache_of_an_older_version_is_ignored(make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_catalogue()
    first = check(settings).photos[PHOTO]
    meta = Path(first.largest.cache_path).parent / "meta.json"
    meta.write_text(meta.read_text().replace(f'"version": {photos.PROCESSING_VERSION}', '"version": 1'))
    calls = []
    real = photos._process
    monkeypatch.setattr(photos, "_process", lambda *a, **k: calls.append(1) or real(*a, **k))
    check(settings)
    assert calls == [1]


def test_photo_vanishing_mid_build_is_an_error(tmp_path: Path) -> None:
    result = photos.process_photo(tmp_path / "hilang.jpg", PhotoParams(), tmp_path / "cache", True)
    assert result.has_error and result.findings[0][1] == "PHOTO_UNREADABLE"


def test_encoding_is_deterministic(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(photo_bytes(1600, 1200))
    first = photos.process_photo(source, PhotoParams(), tmp_path / "c1", True)
    second = photos.process_photo(source, PhotoParams(), tmp_path / "c2", True)
    for name, _, _ in first.variants:
        assert (Path(first.entry_dir) / name).read_bytes() == (Path(second.entry_dir) / name).read_bytes()


def test_strip_photos_removes_gps_in_place(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(phone_photo())
    assert photos.strip_metadata(tmp_path) == 1
    with Image.open(path) as image:
        assert not image.getexif().get_ifd(0x8825)
        assert image.size == (600, 800)
    assert photos.strip_metadata(tmp_path) == 0


def test_two_products_sharing_one_photo_in_parallel(make_catalogue: Callable[..., Settings]) -> None:
    """Identical bytes give one cache key; two workers storing it at once must not fail."""
    import dataclasses

    files: dict[str, str | bytes | None] = {}
    for number in range(8):
        files[f"products/kelompok-contoh/madu-{number}/produk.yml"] = PRODUCT_YML
        files[f"products/kelompok-contoh/madu-{number}/depan.jpg"] = photo_bytes(1600, 1200)
    settings = dataclasses.replace(make_catalogue(files), workers=2)
    result = check(settings)
    assert not result.problems.has_errors, [str(p) for p in result.problems]
    assert len(result.photos) == 9

"""The photo stage: images made here with Pillow; no binary fixtures in git."""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import resource
import signal
import socket
import stat
import struct
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from catalogue_gen import load, messages, photos, scope
from catalogue_gen.cli import main
from catalogue_gen.pipeline import check
from catalogue_gen.settings import PhotoParams, Settings

from . import hostile_photos as hostile
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
    assert [(p.line, p.level.value, p.code) for p in result.problems] == [
        (9, "peringatan", "PHOTO_GPS")
    ]
    assert (
        "catalogue-gen strip-photos products/kelompok-contoh/madu"
        in next(iter(result.problems)).message
    )
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
    text = PRODUCT_YML.replace(
        "    keterangan: Botol madu\n", "    keterangan: Botol madu\n  - samping.jpg\n"
    )
    settings = make_catalogue(
        {
            PRODUCT: text,
            PHOTO: photo_bytes(3000, 2000),
            "products/kelompok-contoh/madu/samping.jpg": photo_bytes(
                3000, 2000, color=(10, 200, 10)
            ),
        }
    )
    result = check(settings)
    cover, extra = result.photos[PHOTO], result.photos["products/kelompok-contoh/madu/samping.jpg"]
    assert [v.width for v in cover.variants] == [200, 400, 800]
    assert [v.width for v in extra.variants] == [200, 800]  # thumbnail and enlarged view only
    assert cover.social is not None and extra.social is None
    with Image.open(cover.social.cache_path) as social:
        assert social.size == (1200, 630) and social.format == "JPEG"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (photo_bytes()[: len(photo_bytes()) // 2], "PHOTO_TRUNCATED"),
        (photo_bytes(fmt="PNG"), "PHOTO_WRONG_TYPE"),
        (b"<html><script>alert(1)</script></html>", "PHOTO_UNREADABLE"),
        (b"", "PHOTO_UNREADABLE"),
        (photo_bytes(1, 1), "PHOTO_TOO_SMALL"),
        (photo_bytes(20000, 20), "PHOTO_TOO_SMALL"),
        (photo_bytes(2000, 300), "PHOTO_BAD_RATIO"),
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            "PHOTO_TRUNCATED",
        ),  # a HEIC header alone
    ],
)
def test_bad_images_are_errors_not_crashes(
    make_catalogue: Callable[..., Settings], content: bytes, code: str
) -> None:
    assert (PRODUCT, 9, "galat", code) in codes(make_catalogue({PHOTO: content}))


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(10000, 10000), (50000, 50000)])
def test_decompression_bomb_is_refused_before_decoding(
    make_catalogue: Callable[..., Settings], size: tuple[int, int]
) -> None:
    text = PRODUCT_YML.replace("depan.jpg", "depan.png")
    settings = make_catalogue(
        {PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.png": bomb_png(*size)}
    )
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
    settings = make_catalogue(
        {PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.png": buffer.getvalue()}
    )
    processed = check(settings).photos["products/kelompok-contoh/madu/depan.png"]
    with Image.open(processed.largest.cache_path) as out:
        assert 60 < out.convert("L").getpixel((10, 10)) < 100


def test_animated_webp_keeps_first_frame_with_a_warning(
    make_catalogue: Callable[..., Settings],
) -> None:
    frames = [Image.new("RGB", (640, 480), color) for color in ((200, 0, 0), (0, 200, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    text = PRODUCT_YML.replace("depan.jpg", "depan.webp")
    settings = make_catalogue(
        {PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.webp": buffer.getvalue()}
    )
    result = check(settings)
    assert [(p.level.value, p.code) for p in result.problems] == [("peringatan", "PHOTO_ANIMATED")]


def test_transparent_png_gets_a_white_background(make_catalogue: Callable[..., Settings]) -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (640, 480), (0, 0, 0, 0)).save(buffer, "PNG")
    text = PRODUCT_YML.replace("depan.jpg", "depan.png")
    settings = make_catalogue(
        {PRODUCT: text, PHOTO: None, "products/kelompok-contoh/madu/depan.png": buffer.getvalue()}
    )
    processed = check(settings).photos["products/kelompok-contoh/madu/depan.png"]
    with Image.open(processed.largest.cache_path) as out:
        assert min(out.convert("RGB").getpixel((5, 5))) >= 250  # white, give or take WebP rounding


def test_cache_hit_decodes_nothing(
    make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
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


def test_cache_of_an_older_version_is_ignored(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue()
    first = check(settings).photos[PHOTO]
    meta = Path(first.largest.cache_path).parent / "meta.json"
    meta.write_text(
        meta.read_text().replace(f'"version": {photos.PROCESSING_VERSION}', '"version": 1')
    )
    (settings.cache_dir / "photos/sources.json").unlink()  # else the size+mtime index skips reading
    check(settings)
    # processed again (in a worker, so counting calls here would see none) and stored anew
    assert f'"version": {photos.PROCESSING_VERSION}' in meta.read_text()


def test_photo_vanishing_mid_build_is_an_error(tmp_path: Path) -> None:
    result = photos.process_photo(tmp_path / "hilang.jpg", PhotoParams(), tmp_path / "cache", True)
    assert result.has_error and result.findings[0][1] == "PHOTO_UNREADABLE"


def test_encoding_is_deterministic(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(photo_bytes(1600, 1200))
    first = photos.process_photo(source, PhotoParams(), tmp_path / "c1", True)
    second = photos.process_photo(source, PhotoParams(), tmp_path / "c2", True)
    for name, _, _ in first.variants:
        assert (Path(first.entry_dir) / name).read_bytes() == (
            Path(second.entry_dir) / name
        ).read_bytes()


def test_the_cover_gets_a_light_square_thumbnail_for_search_rows(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(photo_bytes(1600, 1200))
    cover = photos.process_photo(source, PhotoParams(), tmp_path / "cache", True)
    extra = photos.process_photo(source, PhotoParams(), tmp_path / "cache", False)
    assert cover.thumbnail.endswith("-128x128.webp") and extra.thumbnail == ""
    with Image.open(Path(cover.entry_dir) / cover.thumbnail) as thumbnail:
        assert thumbnail.size == (128, 128)
    smallest = Path(cover.entry_dir) / cover.variants[0][0]
    assert (Path(cover.entry_dir) / cover.thumbnail).stat().st_size < smallest.stat().st_size
    # a cache hit gives the same thumbnail back
    assert (
        photos.process_photo(source, PhotoParams(), tmp_path / "cache", True).thumbnail
        == cover.thumbnail
    )


def test_strip_photos_removes_gps_in_place(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(phone_photo())
    assert len(photos.strip_metadata(tmp_path).changed) == 1
    with Image.open(path) as image:
        assert not image.getexif().get_ifd(0x8825)
        assert image.size == (600, 800)
    assert len(photos.strip_metadata(tmp_path).changed) == 0


def test_two_products_sharing_one_photo_in_parallel(
    make_catalogue: Callable[..., Settings],
) -> None:
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


# Hostile photos (issue 10): no single file may crash, hang or exhaust the run -----------------

OTHER_PRODUCT = "products/kelompok-contoh/kopi/produk.yml"
OTHER_PHOTO = "products/kelompok-contoh/kopi/depan.jpg"
LATER_PRODUCT = "products/kelompok-contoh/teh/produk.yml"
LATER_PHOTO = "products/kelompok-contoh/teh/depan.jpg"


class Hung(BaseException):
    """Raised by time_limit; not an OSError (as TimeoutError is), which the code under test catches."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail instead of hanging the suite when the code under test blocks (it did, on a FIFO)."""

    def expire(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def make_special(path: Path, kind: str) -> None:
    """Put a FIFO, a socket, a character device or a folder where a photo belongs."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        # bind by a relative name: the absolute tmp path can pass the 108-byte AF_UNIX limit
        here = os.getcwd()
        os.chdir(path.parent)
        try:
            server = socket.socket(socket.AF_UNIX)
            server.bind(path.name)
            server.close()
        finally:
            os.chdir(here)
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a copy of /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    else:
        path.mkdir()


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("fifo", "PHOTO_NOT_REGULAR"),
        ("socket", "PHOTO_NOT_REGULAR"),
        ("device", "PHOTO_NOT_REGULAR"),
        ("folder", "PHOTO_MISSING"),  # the loader never lists a folder as a file
    ],
)
def test_only_regular_files_are_read_as_photos(
    make_catalogue: Callable[..., Settings], kind: str, code: str
) -> None:
    settings = make_catalogue({PHOTO: None})
    make_special(settings.root / PHOTO, kind)
    with time_limit(20):
        assert (PRODUCT, 9, "galat", code) in codes(settings)


def test_sparse_huge_photo_is_refused_by_size_without_reading_it(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({PHOTO: None})
    with open(settings.root / PHOTO, "wb") as handle:
        handle.truncate(
            5 * 2**29
        )  # 2.5 GiB of nothing: no disk used, but read_bytes() allocates it all
    started = time.monotonic()
    problems = [p for p in check(settings).problems if p.code == "PHOTO_FILE_TOO_LARGE"]
    assert [(p.path, p.line, p.level.value) for p in problems] == [(PRODUCT, 9, "galat")]
    assert "2560 MiB, batas 10 MiB" in problems[0].message
    assert time.monotonic() - started < 5
    assert (
        photos.MAX_PHOTO_BYTES == scope.MAX_PHOTO_BYTES == load.MAX_PHOTO_BYTES
    )  # the pull request check's limit, not a second one


def test_exif_that_crashed_exif_transpose_is_no_longer_an_internal_error(
    make_catalogue: Callable[..., Settings],
) -> None:
    """Orientation 6 plus a Make tag typed RATIONAL: the tag we never use is dropped, the photo stands up."""
    result = check(make_catalogue({PHOTO: hostile.exif_make_as_rational()}))
    assert not result.problems.has_errors, [str(p) for p in result.problems]
    assert (result.photos[PHOTO].largest.width, result.photos[PHOTO].largest.height) == (480, 640)


def test_orientation_no_viewer_can_apply_is_a_galat_that_strip_photos_fixes(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({PHOTO: hostile.exif_orientation_garbage()})
    problems = [p for p in check(settings).problems if p.is_error]
    assert [(p.path, p.line, p.code) for p in problems] == [(PRODUCT, 9, "PHOTO_BAD_EXIF")]
    assert "catalogue-gen strip-photos products/kelompok-contoh/madu" in problems[0].message
    assert len(photos.strip_metadata(settings.products_dir).changed) == 1
    assert not check(settings).problems.has_errors


def test_unreadable_gps_block_is_reported_as_gps(make_catalogue: Callable[..., Settings]) -> None:
    """We cannot prove there is no location in it, so it gets the same warning and fix as GPS."""
    assert codes(make_catalogue({PHOTO: hostile.exif_gps_pointer_dangling()})) == [
        (PRODUCT, 9, "peringatan", "PHOTO_GPS")
    ]


def test_one_bad_photo_hides_no_other_problem(make_catalogue: Callable[..., Settings]) -> None:
    third = "products/kelompok-contoh/teh/produk.yml"
    settings = make_catalogue(
        {
            PHOTO: hostile.exif_make_as_rational(),
            OTHER_PRODUCT: PRODUCT_YML,
            OTHER_PHOTO: photo_bytes()[:1500],
            third: PRODUCT_YML.replace("rupiah: 75000", "rupiah: 0"),
            "products/kelompok-contoh/teh/depan.jpg": None,
        }
    )
    os.mkfifo(settings.root / "products/kelompok-contoh/teh/depan.jpg")
    with time_limit(20):
        found = set(codes(settings))
    assert {
        (OTHER_PRODUCT, 9, "galat", "PHOTO_TRUNCATED"),
        (third, 9, "galat", "PHOTO_NOT_REGULAR"),
        (third, 13, "galat", "PRICE_NOT_POSITIVE"),
    } <= found
    assert not any(path == PRODUCT for path, *_ in found)


def _exif_entry_offsets(tiff: bytes) -> list[int]:
    """Byte offsets of the Orientation entry (tag, type, count, value) in a TIFF block."""
    tag = b"\x01\x12" if tiff.startswith(b"MM") else b"\x12\x01"
    start = tiff.find(tag, 8)
    return list(range(start, start + 12)) if start >= 0 else []


def _phone_exif(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[hostile.ORIENTATION] = orientation
    gps = exif.get_ifd(photos.GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "S", (10.0, 10.0, 0.0), "E", (123.0, 36.0, 0.0)
    return exif.tobytes()[6:]  # without the "Exif\0\0" header


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    orientation=st.integers(0, 0xFFFF),
    mutations=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 255), st.booleans()), max_size=8
    ),
)
def test_mutated_exif_is_accepted_or_a_galat_never_a_crash(
    orientation: int, mutations: list[tuple[int, int, bool]]
) -> None:
    tiff = bytearray(_phone_exif(orientation))
    targeted = _exif_entry_offsets(bytes(tiff))
    for offset, value, at_orientation in mutations:
        # half of the edits land on the Orientation entry itself: its type, count and value
        index = (
            targeted[offset % len(targeted)] if at_orientation and targeted else offset % len(tiff)
        )
        tiff[index] = value
    data = hostile.jpeg_with_exif(bytes(tiff), size=(320, 240))
    result = photos._process(data, ".jpg", PhotoParams(), False, "0" * 64)
    for level, template, _ in result.findings:
        assert hasattr(messages, template)
        assert level in ("galat", "peringatan")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "foto.jpg"
        path.write_bytes(data)
        # what strip_metadata runs in its worker, called here: a process per example costs seconds
        if photos._strip_photo(str(path)):
            with Image.open(path) as stripped:
                assert not stripped.getexif() and "xmp" not in stripped.info


def test_strip_photos_command_survives_broken_exif(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(
        {
            PHOTO: hostile.exif_make_as_rational(),
            OTHER_PRODUCT: PRODUCT_YML,
            OTHER_PHOTO: hostile.exif_orientation_garbage(),
        }
    )
    output = CliRunner().invoke(main, ["strip-photos", str(settings.products_dir)])
    assert output.exit_code == 0 and "kesalahan internal" not in output.output, output.output
    assert output.output.startswith("2 foto dibersihkan")


def test_repeated_progressive_scans_are_refused_before_decoding(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({PHOTO: hostile.repeated_scan_jpeg(60_000)})
    started = time.monotonic()
    assert (PRODUCT, 9, "galat", "PHOTO_TOO_MANY_SCANS") in codes(settings)
    assert time.monotonic() - started < 3  # decoding it takes 10 s


def test_normal_progressive_jpeg_is_accepted(make_catalogue: Callable[..., Settings]) -> None:
    assert codes(make_catalogue({PHOTO: photo_bytes(progressive=True)})) == []


def _budget_catalogue(make_catalogue: Callable[..., Settings], costly: bytes) -> Settings:
    """The costly photo in `madu`, a normal one in `teh` (after it, so that a replacement worker
    must do it); the scan limit lifted so that decoding starts."""
    settings = make_catalogue(
        {PHOTO: costly, LATER_PRODUCT: PRODUCT_YML, LATER_PHOTO: photo_bytes()}
    )
    return dataclasses.replace(settings, photo=PhotoParams(max_jpeg_scans=1_000_000))


def test_decoding_past_the_cpu_budget_is_refused_and_other_photos_still_done(
    make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalogue_gen.workers import Limits

    monkeypatch.setattr(
        photos, "PHOTO_LIMITS", Limits(cpu_seconds=1, memory_bytes=2**30, wall_seconds=20)
    )
    settings = _budget_catalogue(
        make_catalogue, hostile.repeated_scan_jpeg(40_000)
    )  # 5 s of CPU to decode
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = check(settings)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    problems = [p for p in result.problems if p.is_error]
    # "1 detik": ended by its CPU limit, not by the 20 s of real time
    assert [(p.path, p.line, p.code) for p in problems] == [(PRODUCT, 9, "PHOTO_TOO_COSTLY")]
    assert "butuh lebih dari 1 detik" in problems[0].message
    assert LATER_PHOTO in result.photos
    # RLIMIT_CPU counts whole seconds, so a fresh worker gets just under 2 (wall time varies
    # with the machine's load; the workers' CPU time does not)
    assert after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime < 3


def test_decoding_past_the_memory_budget_is_refused(
    make_catalogue: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalogue_gen.workers import Limits

    monkeypatch.setattr(
        photos, "PHOTO_LIMITS", Limits(cpu_seconds=10, memory_bytes=32 * 2**20, wall_seconds=20)
    )
    text = PRODUCT_YML.replace("depan.jpg", "depan.png")
    settings = make_catalogue(
        {
            PRODUCT: text,
            PHOTO: None,
            f"{Path(PHOTO).parent}/depan.png": hostile.flat_png(4000, 3000),
            LATER_PRODUCT: PRODUCT_YML,
            LATER_PHOTO: photo_bytes(),
        }
    )
    result = check(settings)
    problems = [p for p in result.problems if p.is_error]
    assert [(p.path, p.line, p.code) for p in problems] == [(PRODUCT, 9, "PHOTO_TOO_COSTLY")]
    assert "butuh lebih dari 32 MiB memori" in problems[0].message
    assert LATER_PHOTO in result.photos


def test_production_budget_is_generous_for_phone_photos_and_bounded() -> None:
    limits = photos.PHOTO_LIMITS
    # measured (see photos.PHOTO_LIMITS): a 24 MP phone JPEG needs 0.5 s and 70 MiB, the worst
    # photo within our pixel limit (40 MP WebP or RGBA PNG) 2.5 s and 550 MiB
    assert 10 <= limits.cpu_seconds <= 30
    assert 2**30 <= limits.memory_bytes <= 1.5 * 2**30
    assert limits.cpu_seconds < limits.wall_seconds <= 60
    assert 20 <= PhotoParams().max_jpeg_scans <= 500  # libjpeg writes 10, mozjpeg about 20


def test_multi_picture_jpeg_uses_its_primary_picture(
    make_catalogue: Callable[..., Settings],
) -> None:
    result = check(
        make_catalogue({PHOTO: hostile.mpo(primary=(200, 30, 30), second=(30, 200, 30))})
    )
    assert [p.code for p in result.problems] == []
    with Image.open(result.photos[PHOTO].largest.cache_path) as out:
        red, green, _ = out.convert("RGB").getpixel((10, 10))
        assert red > 150 and green < 80


def test_strip_photos_keeps_only_the_primary_picture_of_an_mpo(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(hostile.mpo(primary=(200, 30, 30)))
    assert len(photos.strip_metadata(tmp_path).changed) == 1
    with Image.open(path) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
        assert image.convert("RGB").getpixel((10, 10))[0] > 150


XMP_ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
@pytest.mark.parametrize("encoding", XMP_ENCODINGS)
def test_gps_in_xmp_is_found_in_every_encoding(encoding: str, bom: bool, tmp_path: Path) -> None:
    data = hostile.jpeg_with_xmp(hostile.xmp_packet(encoding, bom))
    result = photos._process(data, ".jpg", PhotoParams(), False, "0" * 64)
    assert [(level, template) for level, template, _ in result.findings] == [
        ("peringatan", "PHOTO_GPS")
    ]
    # and `strip-photos` leaves no trace of it, in any encoding
    path = tmp_path / "foto.jpg"
    path.write_bytes(data)
    assert len(photos.strip_metadata(tmp_path).changed) == 1
    stripped = path.read_bytes()
    assert not any("GPSLatitude".encode(name) in stripped for name in XMP_ENCODINGS)


def test_xmp_without_gps_gives_no_warning() -> None:
    packet = (
        hostile.XMP_GPS.replace("GPSLatitude", "Rating")
        .replace("GPSLongitude", "Label")
        .encode("utf-16")
    )
    result = photos._process(hostile.jpeg_with_xmp(packet), ".jpg", PhotoParams(), False, "0" * 64)
    assert result.findings == []


# Review of the photo stage: junk bytes, our own errors, strip-photos' silence ---------------


def test_junk_bytes_between_markers_do_not_hide_repeated_scans() -> None:
    """libjpeg skips non-0xFF bytes, fill bytes and RST markers between segments and decodes on,
    so the scan counter must too: it stopped at the first one and counted 0 scans."""
    data = hostile.repeated_scan_jpeg(200)
    variants = {
        "junk": hostile.repeated_scan_jpeg_with_junk(200),
        "junk-run": hostile.junk_before_marker(data, junk=b"\x00\x12\x34"),
        "stuffed-pair": hostile.junk_before_marker(data, junk=b"\xff\x00"),
        "fill": hostile.junk_before_marker(data, junk=b"\xff\xff\xff"),
        "restart": hostile.junk_before_marker(data, junk=b"\xff\xd3"),
        "after-a-table": hostile.junk_before_marker(data, after=0xDB),
    }
    for name, bytes_ in variants.items():
        with Image.open(io.BytesIO(bytes_)) as image:
            image.load()  # what the decoder would do with it: the whole photo, no error
        assert photos.count_jpeg_scans(bytes_, 100) == 101, name
    assert photos.count_jpeg_scans(photo_bytes(progressive=True), 100) <= 20


def test_a_worker_crash_is_told_to_producers_in_indonesian() -> None:
    from catalogue_gen.workers import CRASH, Failure

    for failure, shown in (
        (Failure(CRASH, "SIGSEGV"), "pembaca gambar berhenti mendadak (SIGSEGV)"),
        (Failure(CRASH, "exit 1"), "pembaca gambar berhenti mendadak (kode keluar 1)"),
    ):
        result = photos._over_budget(failure, photos.PHOTO_LIMITS)
        [(level, template, values)] = result.findings
        assert (level, template, values["detail"]) == ("galat", "PHOTO_UNREADABLE", shown)


def test_an_unreadable_photo_is_explained_in_indonesian(tmp_path: Path) -> None:
    level, template, values = photos.load_source(tmp_path / "tidak-ada.jpg")  # type: ignore[misc]
    assert (level, template, values["detail"]) == (
        "galat",
        "PHOTO_UNREADABLE",
        messages.OS_REASON_MISSING,
    )
    # the others seen while reading one photo (strerror is English: "Permission denied")
    assert photos.os_reason(OSError(errno.EACCES, "Permission denied")) == messages.OS_REASON_DENIED
    assert (
        photos.os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
        == messages.OS_REASON_SYMLINK
    )
    assert (
        photos.os_reason(OSError(errno.ENOSPC, "No space left on device"))
        == messages.OS_REASON_DISK_FULL
    )
    assert photos.os_reason(
        OSError(errno.EXDEV, "Invalid cross-device link")
    ) == messages.OS_REASON_OTHER.format(code="EXDEV")


def test_our_own_failure_in_a_worker_is_an_internal_error_not_the_producers_photo(
    make_catalogue: Callable[..., Settings],
) -> None:
    """The photo cache cannot be made (every prefix folder is a file): the photo is fine, the
    command says "kesalahan internal", and --debug shows where in the worker it happened."""
    settings = make_catalogue()
    cache = settings.cache_dir / "photos"
    cache.mkdir(parents=True)
    for prefix in range(256):
        (cache / f"{prefix:02x}").write_bytes(b"")
    output = CliRunner().invoke(main, ["validate", "--root", str(settings.root)])
    assert output.exit_code == 2 and "kesalahan internal (FileExistsError" in output.output, (
        output.output
    )
    assert "PHOTO_UNREADABLE" not in output.output and "tidak dapat dibuka" not in output.output
    debug = CliRunner().invoke(main, ["validate", "--root", str(settings.root), "--debug"])
    assert "in _write_entry" in debug.output, debug.output  # the worker's traceback, under --debug


def test_strip_photos_names_every_photo_it_could_not_strip(tmp_path: Path) -> None:
    """A truncated photo (its GPS intact), one past the budget and one that cannot be rewritten
    were counted as "nothing to remove", leaving the location in place without a word."""
    from catalogue_gen.workers import Limits

    (tmp_path / "terpotong.jpg").write_bytes(phone_photo()[:-2000])
    _, start, end = next(
        s for s in hostile.jpeg_segments(phone_photo()) if s[0] == 0xE1
    )  # its EXIF, GPS and all
    slow = hostile.repeated_scan_jpeg(20_000)
    (tmp_path / "berat.jpg").write_bytes(slow[:2] + phone_photo()[start:end] + slow[2:])
    # the longest name a folder takes: the temporary file beside it, named after it, cannot be made
    tetap = tmp_path / ("tetap" + "x" * 246 + ".jpg")
    tetap.write_bytes(phone_photo())
    (tmp_path / "baik.jpg").write_bytes(phone_photo())
    result = photos.strip_metadata(
        tmp_path, Limits(cpu_seconds=5, memory_bytes=2**30, wall_seconds=0.5)
    )
    assert result.changed == [tmp_path / "baik.jpg"]
    reasons = dict(result.not_stripped)
    assert sorted(reasons) == [tmp_path / "berat.jpg", tmp_path / "terpotong.jpg", tetap]
    assert (
        "0 detik" in reasons[tmp_path / "berat.jpg"]
        or "terlalu berat" in reasons[tmp_path / "berat.jpg"]
    )
    assert "rusak atau terpotong" in reasons[tmp_path / "terpotong.jpg"]
    assert "tidak dapat ditulis ulang" in reasons[tetap]
    with Image.open(tetap) as image:
        assert image.getexif().get_ifd(0x8825)  # still there, and now said so


def test_strip_photos_command_fails_when_a_photo_was_not_stripped(tmp_path: Path) -> None:
    (tmp_path / "terpotong.jpg").write_bytes(phone_photo()[:-2000])
    (tmp_path / "baik.jpg").write_bytes(phone_photo())
    output = CliRunner().invoke(main, ["strip-photos", str(tmp_path)])
    assert output.exit_code == 1, output.output
    assert f"galat: {tmp_path / 'terpotong.jpg'}: " in output.output
    assert "rusak atau terpotong" in output.output
    assert "1 foto dibersihkan" in output.output


# A bar for the photo stage (issue 12) ------------------------------------------------------


class Told:
    """A Progress that keeps what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def stage(self, name: str) -> None:
        self.events.append(("stage", name))

    def items(self, total: int) -> None:
        self.events.append(("items", total))

    def advance(self, count: int = 1) -> None:
        self.events.append(("advance", count))

    def detail(self, text: str) -> None:
        self.events.append(("detail", text))

    def waiting(self) -> None:
        pass

    def finish(self) -> None:
        pass


def photo_events(settings: Settings) -> list[tuple[str, object]]:
    """What a check tells its Progress from the start of the photo stage."""
    told = Told()
    check(settings, progress=told)
    return told.events[told.events.index(("stage", "foto")) :]


def test_the_photo_stage_counts_cache_hits_at_once_then_each_photo_processed(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({OTHER_PRODUCT: PRODUCT_YML, OTHER_PHOTO: photo_bytes(900, 900)})
    ready = ("detail", "2 foto siap terbit, 0 masalah foto")
    assert photo_events(settings) == [
        ("stage", "foto"),
        ("items", 2),
        ("advance", 0),
        ("advance", 1),
        ("advance", 1),
        ("detail", "0 foto dari cache, 2 baru diproses"),
        ready,
    ]
    assert photo_events(settings) == [
        ("stage", "foto"),
        ("items", 2),
        ("advance", 2),
        ("detail", "2 foto dari cache, 0 baru diproses"),
        ready,
    ]
    # a new mtime (a fresh checkout) misses the size+mtime index; the worker then finds the
    # photo's renditions by its bytes, and decodes nothing
    os.utime(settings.root / OTHER_PHOTO, ns=(10**18, 10**18))
    assert photo_events(settings) == [
        ("stage", "foto"),
        ("items", 2),
        ("advance", 1),
        ("advance", 1),
        ("detail", "2 foto dari cache, 0 baru diproses"),
        ready,
    ]

"""iPhone photos (HEIC, issue 11 item 5): made here with pillow-heif, no binary fixtures in git.

The HEIC files below are written as an iPhone writes them where it matters: the rotation in
the HEIF `irot` box *and* Orientation 6 still in the EXIF (libheif applies the first; applying
the second as well would turn the photo twice), GPS in EXIF and XMP, 10-bit pixels.
"""

from __future__ import annotations

import dataclasses
import io
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pillow_heif
import pytest
from click.testing import CliRunner
from PIL import Image

from catalogue_gen import messages, photos
from catalogue_gen.cli import main
from catalogue_gen.pipeline import check, generate
from catalogue_gen.settings import PhotoParams, Settings

from .conftest import PRODUCT_YML

PRODUCT = "products/kelompok-contoh/madu/produk.yml"
FOLDER = "products/kelompok-contoh/madu"
HEIC = f"{FOLDER}/depan.heic"
HEIC_PRODUCT_YML = PRODUCT_YML.replace("depan.jpg", "depan.heic")
RED, BLUE = (220, 0, 0), (20, 20, 200)
GPS_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="10,10.0S"'
    b' exif:GPSLongitude="123,36.0E"/></rdf:RDF></x:xmpmeta>'
)
# x265 encodes on every core by default: one, so that the tests beside these (-n 2), some of them
# timed to half a second, keep theirs
ONE_CORE: dict[str, object] = {"enc_params": {"x265:pools": "1"}}


def iphone_exif(orientation: int = 6, gps: bool = True) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Apple"
    if gps:
        block = exif.get_ifd(0x8825)
        block[1], block[2], block[3], block[4] = "S", (10.0, 10.0, 0.0), "E", (123.0, 36.0, 0.0)
    return exif.tobytes()


def marked(size: tuple[int, int] = (800, 600)) -> Image.Image:
    """Blue, with a red band along the stored top edge: where it ends up tells the rotation."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0], size[1] // 6))
    return image


def heic(image: Image.Image | None = None, quality: int = 70, **save: object) -> bytes:
    buffer = io.BytesIO()
    (image or marked()).save(buffer, "HEIF", quality=quality, **ONE_CORE, **save)
    return buffer.getvalue()


def iphone_heic() -> bytes:
    """A portrait iPhone photo stored sideways: 800x600 pixels, irot + EXIF Orientation 6, GPS in EXIF and XMP."""
    data = heic(exif=iphone_exif(), xmp=GPS_XMP)
    # pillow-heif turns the EXIF orientation into an irot box and keeps the EXIF as given, like an iPhone
    raw = pillow_heif.open_heif(io.BytesIO(data))
    stored = Image.Exif()
    stored.load(raw.info["exif"])
    assert b"irot" in data and stored[0x0112] == 6 and raw.size == (600, 800)
    return data


def ten_bit_heic(rgb16: tuple[int, int, int], size: tuple[int, int] = (640, 480)) -> bytes:
    """A 10-bit HEIC (iPhone HDR captures) of one colour given in 16 bits per channel."""
    pixels = struct.pack("<HHH", *rgb16) * (size[0] * size[1])
    buffer = io.BytesIO()
    pillow_heif.from_bytes(mode="RGB;16", size=size, data=pixels).save(
        buffer, quality=90, **ONE_CORE
    )
    return buffer.getvalue()


def with_ispe(data: bytes, width: int, height: int) -> bytes:
    """The HEIC with the size in its `ispe` box (what Pillow and our limit read) forged."""
    at = data.index(b"ispe") + 8  # after the box type, version and flags
    return data[:at] + struct.pack(">II", width, height) + data[at + 8 :]


def catalogue_with(
    make_catalogue: Callable[..., Settings], data: bytes, site: bool = False
) -> Settings:
    return make_catalogue(
        {PRODUCT: HEIC_PRODUCT_YML, f"{FOLDER}/depan.jpg": None, HEIC: data}, site=site
    )


def assert_no_metadata(path: Path) -> None:
    with Image.open(path) as image:
        assert not image.getexif(), path
        assert not {"exif", "xmp", "XML:com.adobe.xmp"} & set(image.info), path
    data = path.read_bytes()
    assert b"Exif\x00\x00" not in data and b"xmpmeta" not in data and b"Apple" not in data, path


def assert_upright_portrait(path: Path) -> None:
    """Orientation 6 turns the stored top edge to the right side; turned twice it would be at the bottom."""
    with Image.open(path) as image:
        width, height = image.size
        assert width < height, image.size
        rgb = image.convert("RGB")
        assert rgb.getpixel((width - 3, height // 2))[0] > 150  # red band on the right
        assert rgb.getpixel((3, height // 2))[2] > 150  # blue on the left
        assert (
            rgb.getpixel((width // 3, height - 3))[2] > 150
        )  # blue at the bottom: not turned twice


def test_iphone_heic_is_published_upright_as_webp_and_jpeg_without_metadata(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = catalogue_with(make_catalogue, iphone_heic(), site=True)
    result = generate(settings)
    problems = list(result.problems)
    # the same warning as for a JPEG with GPS, with the command that cleans the original
    assert [(p.path, p.line, p.level.value, p.code) for p in problems] == [
        (PRODUCT, 9, "peringatan", "PHOTO_GPS")
    ]
    assert (
        f"catalogue-gen strip-photos {FOLDER}" in problems[0].message
        and "depan.heic" in problems[0].message
    )
    processed = check(settings).photos[HEIC]
    published = {p.name: p for p in settings.docs_dir.rglob("*") if p.is_file()}
    names = [v.file_name for v in processed.variants] + [
        processed.social.file_name,
        processed.thumbnail.file_name,
    ]  # type: ignore[union-attr]
    assert names[-2].endswith("-og.jpg") and all(
        n.endswith(".webp") for n in names[:-2] + names[-1:]
    )
    for name in names:
        assert name in published, name  # in the generated site, not only in the cache
        assert_no_metadata(published[name])
    assert (processed.largest.width, processed.largest.height) == (600, 800)
    assert_upright_portrait(published[processed.largest.file_name])
    with Image.open(published[processed.largest.file_name]) as largest:
        assert largest.format == "WEBP"
    with Image.open(published[names[-2]]) as social:
        assert social.format == "JPEG" and social.size == (1200, 630)


def test_ten_bit_heic_becomes_eight_bit_srgb_with_its_tones(
    make_catalogue: Callable[..., Settings],
) -> None:
    data = ten_bit_heic((0xC000, 0x4000, 0x8000))  # 75%, 25%, 50%
    assert (
        pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=False).info["bit_depth"] == 10
    )
    result = check(catalogue_with(make_catalogue, data))
    assert list(result.problems) == []
    with Image.open(result.photos[HEIC].largest.cache_path) as out:
        assert out.mode == "RGB"
        red, green, blue = out.getpixel((100, 100))
    # not clipped to white, not the low byte of 10 bits (near black): the same tones in 8 bits
    assert abs(red - 191) <= 8 and abs(green - 64) <= 8 and abs(blue - 128) <= 8, (red, green, blue)


def test_gps_only_in_heic_xmp_is_warned(make_catalogue: Callable[..., Settings]) -> None:
    result = check(catalogue_with(make_catalogue, heic(xmp=GPS_XMP)))
    assert [p.code for p in result.problems] == ["PHOTO_GPS"]
    assert_no_metadata(Path(result.photos[HEIC].largest.cache_path))


def test_plain_heic_gives_no_warning(make_catalogue: Callable[..., Settings]) -> None:
    result = check(catalogue_with(make_catalogue, heic()))
    assert list(result.problems) == []
    assert (result.photos[HEIC].largest.width, result.photos[HEIC].largest.height) == (800, 600)


def test_heic_named_as_an_iphone_names_it(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(
        {
            PRODUCT: PRODUCT_YML.replace("depan.jpg", "IMG_0001.HEIC"),
            f"{FOLDER}/depan.jpg": None,
            f"{FOLDER}/IMG_0001.HEIC": heic(),
        }
    )
    result = check(settings)
    assert list(result.problems) == [] and f"{FOLDER}/IMG_0001.HEIC" in result.photos


@pytest.mark.parametrize("cut", [0.5, 0.9, -1], ids=["half", "most", "last-byte"])
def test_truncated_heic_names_the_file_and_the_fix(
    make_catalogue: Callable[..., Settings], cut: float
) -> None:
    data = iphone_heic()
    end = len(data) - 1 if cut == -1 else int(len(data) * cut)
    problems = list(check(catalogue_with(make_catalogue, data[:end])).problems)
    assert [(p.path, p.line, p.level.value, p.code) for p in problems] == [
        (PRODUCT, 9, "galat", "PHOTO_TRUNCATED")
    ]
    assert problems[0].message == messages.render(
        "PHOTO_TRUNCATED", file_name="depan.heic"
    )  # "... unggah ulang foto aslinya"


def test_heic_larger_than_the_pixel_limit_is_refused(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = catalogue_with(make_catalogue, heic())
    small_limit = dataclasses.replace(
        settings, photo=dataclasses.replace(settings.photo, max_pixels=400_000)
    )
    assert [p.code for p in check(small_limit).problems] == ["PHOTO_TOO_MANY_PIXELS"]


@pytest.mark.parametrize(
    "size", [(7000, 7000), (12000, 12000)], ids=["over-our-limit", "over-pillows-bomb-limit"]
)
def test_heic_whose_header_claims_huge_size_is_refused_before_decoding(
    make_catalogue: Callable[..., Settings], size: tuple[int, int]
) -> None:
    problems = list(check(catalogue_with(make_catalogue, with_ispe(heic(), *size))).problems)
    assert [(p.level.value, p.code) for p in problems] == [("galat", "PHOTO_TOO_MANY_PIXELS")]


def test_heic_with_several_images_shows_its_primary_one(
    make_catalogue: Callable[..., Settings],
) -> None:
    first, primary = Image.new("RGB", (640, 480), (0, 200, 0)), Image.new("RGB", (640, 480), RED)
    buffer = io.BytesIO()
    first.save(
        buffer,
        "HEIF",
        save_all=True,
        append_images=[primary],
        primary_index=1,
        quality=70,
        **ONE_CORE,
    )
    result = check(catalogue_with(make_catalogue, buffer.getvalue()))
    assert [p.code for p in result.problems] == ["PHOTO_ANIMATED"]
    with Image.open(result.photos[HEIC].largest.cache_path) as out:
        assert out.convert("RGB").getpixel((10, 10))[0] > 150


def test_strip_photos_removes_heic_metadata_and_keeps_the_photo_upright(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = catalogue_with(make_catalogue, iphone_heic())
    path = settings.root / HEIC
    output = CliRunner().invoke(main, ["strip-photos", str(settings.products_dir)])
    assert output.exit_code == 0, output.output
    assert output.output.startswith(messages.STRIP_DONE.format(count=1, path=settings.products_dir))
    data = path.read_bytes()
    assert data[4:12] == b"ftypheic"  # still a HEIC, under the name produk.yml gives
    raw = pillow_heif.open_heif(io.BytesIO(data))
    assert not raw.info.get("exif") and not raw.info.get("xmp") and not raw.info.get("metadata")
    assert b"Exif\x00\x00" not in data and b"GPSLatitude" not in data and b"Apple" not in data
    # libheif's rotation is now in the pixels, with no irot or EXIF left to apply it again
    assert b"irot" not in data
    assert_upright_portrait(path)
    assert (
        photos.strip_metadata(settings.products_dir).changed == []
    )  # clean now: not re-encoded again
    # and the build takes it without the GPS warning, still upright
    result = check(settings)
    assert list(result.problems) == []
    assert_upright_portrait(Path(result.photos[HEIC].largest.cache_path))


def test_strip_photos_names_a_truncated_heic_and_leaves_it(tmp_path: Path) -> None:
    data = iphone_heic()[:-200]
    (tmp_path / "depan.heic").write_bytes(data)
    result = photos.strip_metadata(tmp_path)
    assert result.changed == []
    assert [(path.name, reason) for path, reason in result.not_stripped] == [
        ("depan.heic", messages.render("PHOTO_TRUNCATED", file_name="depan.heic"))
    ]
    assert (tmp_path / "depan.heic").read_bytes() == data


def test_strip_photos_does_not_write_a_heic_that_grows_past_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noisy = Image.merge("RGB", [Image.effect_noise((640, 480), 60)] * 3)
    data = heic(
        noisy, quality=5, exif=iphone_exif()
    )  # re-encoding at strip quality makes it larger
    path = tmp_path / "depan.heic"
    path.write_bytes(data)
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", len(data))
    # what strip_metadata runs in its worker, called here so that the patched limit applies
    outcome = photos._strip_photo(str(path))
    assert isinstance(outcome, tuple) and outcome[1] == "STRIP_TOO_LARGE", outcome
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["depan.heic"]  # no temporary file left


def test_strip_photos_writes_through_no_planted_temporary_name(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (tmp_path / "depan.heic").write_bytes(iphone_heic())
    (tmp_path / "depan.heic.tmp").symlink_to(victim)
    assert photos._strip_photo(str(tmp_path / "depan.heic")) is True
    assert victim.read_text() == "keep"


@pytest.mark.parametrize(
    ("message", "outcome"),
    [
        (
            "Memory allocation error: Security limit exceeded: Image size 640x480 exceeds the maximum image size 304128",
            "PHOTO_UNREADABLE",
        ),
        (
            "Memory allocation error: Unspecified: Cannot allocate memory for image plane",
            MemoryError,
        ),
        ("dictionary changed size during iteration", RuntimeError),
    ],
)
def test_libheif_runtime_errors_are_told_apart(message: str, outcome: object) -> None:
    """pillow-heif raises RuntimeError for libheif's memory class (seen fuzzing): a forged header is
    the photo's galat, a failed allocation the memory budget, anything else our own bug."""

    def decode() -> None:
        raise RuntimeError(message)

    findings: list[photos.Finding] = []
    if isinstance(outcome, str):
        assert photos._pillow(findings, PhotoParams(), decode) is None
        assert [template for _, template, _ in findings] == [outcome]
    else:
        with pytest.raises(outcome):  # type: ignore[call-overload]
            photos._pillow(findings, PhotoParams(), decode)


def test_importing_the_photo_stage_registers_the_heic_opener() -> None:
    """The main process and every photo worker (fork server preload, or unpickling its job)
    import catalogue_gen.photos: that import alone must make Pillow read HEIC."""
    code = "import catalogue_gen.photos, PIL.Image as I, io, sys; I.open(io.BytesIO(sys.stdin.buffer.read())).load()"
    done = subprocess.run(
        [sys.executable, "-c", code], input=heic(), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()

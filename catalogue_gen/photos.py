"""Stage 3: the photos a Catalogue names -> checked, cleaned WebP renditions in a content cache.

Each source photo is read only when it is a regular file within the size limit, then decoded
fully (a JPEG truncated by half passes `verify()`) in a worker process with a CPU, memory and
time budget (`workers.py`), refused when it is not what its extension says, is too large or
costs too much to decode, turned upright (EXIF orientation), converted to sRGB, stripped of
every metadata block (phone photos carry the GPS position of a home business) and written as
WebP renditions. iPhone photos (HEIC) are decoded by pillow-heif (libheif), registered with
Pillow in every process that imports this module, and go through the same checks. Results are
cached under `.cache/photos/` keyed by the photo's bytes and the processing settings, so a
rebuild with no new photos decodes none; the cache is checked on read and rebuilt when damaged.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import io
import json
import os
import re
import shutil
import stat
import struct
import tempfile
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

import pillow_heif
from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from catalogue_gen import messages
from catalogue_gen.load import MAX_PHOTO_BYTES, special_file_kind
from catalogue_gen.model import Catalogue, Photo, PhotoVariant, ProcessedPhoto
from catalogue_gen.problems import DISK_FULL_ERRNOS, Level, Problem, problem
from catalogue_gen.progress import SILENT, Progress
from catalogue_gen.rules import HEIF_BRANDS
from catalogue_gen.settings import PhotoParams
from catalogue_gen.workers import MEMORY, TIME, Failure, Limits, run_limited

# Reading one photo failed because of the machine, not the photo (no file descriptors or
# memory left, a failing disk): raised, so the run stops with "kesalahan internal" instead of
# blaming the producer's photo.
MACHINE_ERRNOS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.EIO})
# Every file the photo stage publishes is named by its content: renditions `<key>-400.webp`,
# the thumbnail `<key>-128x128.webp`, share images `<key>-og.jpg`. Incremental builds
# hard-link such files and the service worker caches them for good, since a change is a new name.
CONTENT_ADDRESSED_NAME = r"[0-9a-f]{16}-(?:\d+(?:x\d+)?\.webp|og\.jpg)"

# Bump when processing changes in a way the params do not show: old cache entries are ignored.
# 8: GPS found in UTF-16/32 XMP, a finding stored with the entry.
PROCESSING_VERSION = 9
# A multi-picture JPEG (MPO: dual cameras, Ultra HDR gain maps) is a JPEG with more pictures
# after the first, which is the photo.
EXPECTED_FORMATS = {
    ".jpg": ("JPEG", "MPO"),
    ".jpeg": ("JPEG", "MPO"),
    ".png": ("PNG",),
    ".webp": ("WEBP",),
    ".heic": ("HEIF",),
}
GPS_IFD = 0x8825
ORIENTATION = 0x0112
SRGB_PROFILE = ImageCms.createProfile("sRGB")
# What one photo may cost to check and process, in its worker. Measured (Pillow 13,
# libjpeg-turbo 3, pillow-heif 1.8.1, one core of the development machine), address space added / CPU time:
#   12-24 MP phone JPEG (decoded at 1/4 scale)     40-70 MiB, 0.3-0.5 s
#   12 MP iPhone-like HEIC (512-pixel tiles)       170-240 MiB, 1.0 s (no reduced-scale decoding)
#   40 MP HEIC                                     450 MiB, 3.3 s; strip-photos: 12 MP 420 MiB, 3.1 s
#   40 MP PNG, RGBA or 16-bit (our pixel limit)    280-460 MiB, 1.7-2.5 s
#   40 MP WebP                                     550 MiB, 2.0 s
# so 1 GiB and 20 s leave a margin of 2x on the worst photo we accept and 15x on phone photos,
# while a hostile photo costs the run at most 20 s of CPU and no worker grows past ~1.2 GB.
# Real time allows for a machine busy with other work.
PHOTO_LIMITS = Limits(cpu_seconds=20, memory_bytes=2**30, wall_seconds=45.0)
# Exceptions Pillow's parsers raise on damaged files besides OSError, seen while fuzzing them
# (AttributeError, TypeError and KeyError from EXIF tags of the wrong type among them). Caught
# only around Pillow's own parsing and decoding of the photo (`_decode`, `_strip_photo`), so that
# the same exceptions raised by a bug of ours elsewhere reach the command as internal errors.
DAMAGED_FILE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    TypeError,
    struct.error,
    IndexError,
    KeyError,
    ZeroDivisionError,
    OverflowError,
    AttributeError,
)
# pillow-heif raises libheif's "Memory allocation error" class as RuntimeError with this prefix: with
# the subcode below it is libheif refusing a forged header (a damaged photo); without it an
# allocation failed (the memory budget). Any other RuntimeError is ours.
LIBHEIF_MEMORY_ERROR = "Memory allocation error"
LIBHEIF_SECURITY_LIMIT = "Security limit exceeded"
# `strip-photos` must re-encode a HEIC (pillow-heif cannot drop a metadata item alone). Measured on
# a 12 MP photo-like HEIC: x265's "ultrafast" preset at quality 80 is 52 dB PSNR from the decoded
# original (no visible loss) in 3 s of CPU; libheif's default preset takes 20-28 s, past
# PHOTO_LIMITS. 512-pixel tiles, as iPhones write, keep the encoder's memory flat (430 vs 610 MiB).
HEIC_STRIP_OPTIONS: dict[str, object] = {
    "quality": 80,
    "enc_params": {"preset": "ultrafast"},
    "tile_size": 512,
}
# GPS properties in XMP (exif:GPSLatitude, DJI's drone-dji:GpsLatitude), compared lower-cased
GPS_XMP_NAMES = ("gpslatitude", "gpslongitude")
# XMP may be written in any Unicode form (XMP spec part 1, 7.1): UTF-8, -16 or -32, either
# byte order. Searching the bytes for the name in each form finds it with or without a byte
# order mark, and wherever the packet starts.
XMP_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""EXIF Orientation -> the transposition that stands the stored pixels upright (as ImageOps.exif_transpose)."""
# Where a JPEG's entropy-coded data ends: 0xFF followed by anything but a stuffed zero, a
# restart marker (D0-D7) or another fill byte.
JPEG_DATA_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD9)}
"""Markers without a length: TEM, RST0-7, SOI."""

T = TypeVar("T")
Finding = tuple[str, str, dict[str, object]]
"""(level, template, values) of one problem, as a worker returns it."""


@functools.cache
def register_heic() -> None:
    """Let Pillow open (and `strip-photos` write) HEIC, in this process; idempotent.

    Called below at import: the main process imports this module, photo workers come from a
    fork server that preloads it or import it to unpickle their job, so no process opens a photo
    without the opener. Embedded thumbnails, depth and auxiliary images (HDR gain maps) are never
    used, so they are not parsed either. One decoding thread: the stage already runs one worker per
    core, and each libheif thread maps a malloc arena of its own, which counts against the worker's
    address-space budget (a 12 MP HEIC: +190 MiB and 0.55 s with 1 thread, +590 MiB and 0.47 s with 4).
    """
    pillow_heif.register_heif_opener(
        thumbnails=False, depth_images=False, aux_images=False, decode_threads=1
    )


register_heic()


@dataclass
class PhotoResult:
    """What processing one photo produced; plain data so it crosses process boundaries."""

    digest: str = ""
    width: int = 0
    height: int = 0
    variants: list[tuple[str, int, int]] = field(default_factory=list)
    """(file name in the cache entry, width, height), smallest first."""
    social: str = ""
    thumbnail: str = ""
    """The square thumbnail's file name; only for the cover photo."""
    placeholder: str = "#dddddd"
    findings: list[Finding] = field(default_factory=list)
    """(level, template, values): problems found, stored with the entry so a cache hit repeats them."""
    entry_dir: str = ""
    encoded: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    """The files' bytes by name, from encoding until `_write_entry` stores them; empty in every
    result read from or stored in the cache, so renditions never cross processes."""
    is_cached: bool = field(default=False, compare=False)
    """Read back from the cache (`_read_entry`), not made by this run; never stored."""

    @property
    def has_error(self) -> bool:
        """True when the photo was refused."""
        return any(level == Level.ERROR.value for level, _, _ in self.findings)


def cache_key(data: bytes, params: PhotoParams, is_cover: bool) -> str:
    """The content address of a photo's renditions: source bytes + settings + code version."""
    digest = hashlib.sha256()
    digest.update(data)
    digest.update(
        json.dumps([PROCESSING_VERSION, asdict(params), is_cover], sort_keys=True).encode()
    )
    return digest.hexdigest()


def process_photo(
    source: Path, params: PhotoParams, cache_root: Path, is_cover: bool
) -> PhotoResult:
    """Check and process one photo, reusing a valid cache entry; never raises for bad images.

    Runs in a worker with `PHOTO_LIMITS`: decoding a hostile photo may end the process.
    """
    data = load_source(source)
    if not isinstance(data, bytes):
        return PhotoResult(findings=[data])
    key = cache_key(data, params, is_cover)
    entry = cache_root / key[:2] / key
    cached = _read_entry(entry)
    if cached is not None:
        return cached
    result = _process(data, source.suffix.lower(), params, is_cover, key)
    if result.has_error:
        return result
    return _write_entry(entry, result)


def load_source(source: Path) -> bytes | Finding:
    """The bytes of a photo, or why they were not read: only a regular file within MAX_PHOTO_BYTES
    is read, since reading a FIFO waits forever and a sparse 2.5 GiB file fills the memory."""
    try:
        refusal = _check_file(os.lstat(source))
        if refusal:
            return refusal
        # O_NONBLOCK: a FIFO swapped in since the lstat must not block the open; fstat then
        # checks the file actually opened
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            refusal = _check_file(os.fstat(handle.fileno()))
            if refusal:
                return refusal
            data = handle.read(MAX_PHOTO_BYTES + 1)
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            raise
        return (Level.ERROR.value, "PHOTO_UNREADABLE", {"detail": os_reason(exc)})
    if len(data) > MAX_PHOTO_BYTES:  # grew after the fstat
        return _too_large(len(data))
    return data


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Indonesian (`strerror` is English)."""
    if exc.errno == errno.ENOENT:
        return messages.OS_REASON_MISSING
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink swapped in after the lstat
        return messages.OS_REASON_SYMLINK
    if exc.errno == errno.EISDIR:
        return messages.OS_REASON_FOLDER
    if exc.errno in DISK_FULL_ERRNOS:
        return messages.OS_REASON_DISK_FULL
    if exc.errno == errno.EROFS:
        return messages.OS_REASON_READ_ONLY
    if exc.errno in (errno.EACCES, errno.EPERM):
        return messages.OS_REASON_DENIED
    return messages.OS_REASON_OTHER.format(code=errno.errorcode.get(exc.errno or 0, exc.errno))


def _check_file(info: os.stat_result) -> Finding | None:
    kind = special_file_kind(info.st_mode)
    if kind:
        return (Level.ERROR.value, "PHOTO_NOT_REGULAR", {"kind": kind})
    return _too_large(info.st_size) if info.st_size > MAX_PHOTO_BYTES else None


def _too_large(size: int) -> Finding:
    return (
        Level.ERROR.value,
        "PHOTO_FILE_TOO_LARGE",
        {"size_mib": size // 2**20, "limit_mib": MAX_PHOTO_BYTES // 2**20},
    )


def _process(
    data: bytes, suffix: str, params: PhotoParams, is_cover: bool, key: str
) -> PhotoResult:
    """Check one photo's bytes and encode its renditions; a refused photo's result has only
    its findings."""
    result = PhotoResult(digest=key)
    findings = result.findings
    decoded = _decode(data, suffix, params, findings)
    if decoded is None:
        return result
    image, orientation = decoded
    del decoded  # one reference only, so that each conversion below can free the previous copy

    # turn upright according to EXIF Orientation, in sRGB, then forget all metadata
    try:
        image = _stand_upright(image, orientation)
        image = _to_srgb(image)
    except (ValueError, OSError):  # Pillow refusing this photo's colour mode: the photo's, not ours
        findings.append(
            (Level.ERROR.value, "PHOTO_UNREADABLE", {"detail": messages.PHOTO_DETAIL_MODE})
        )
        return result
    image.info = {}

    # refuse a photo too small or too elongated to show; warn of one too small to look sharp
    findings.extend(check_dimensions(image.size, params))
    if result.has_error:
        return result
    result.width, result.height = image.size

    # placeholder: the average colour, painted while the photo loads
    colour = _average_colour(image)
    result.placeholder = "#{:02x}{:02x}{:02x}".format(*colour)

    # renditions: WebP at each width the page may ask for
    name_prefix = key[:16]
    for width in _rendition_widths(result.width, params, is_cover):
        name = f"{name_prefix}-{width}.webp"
        result.encoded[name], height = _encode_rendition(image, width, params)
        result.variants.append((name, width, height))

    # the cover's square thumbnail for search results, and its image for shared links
    if is_cover:
        side = min(params.thumbnail_side, result.width, result.height)
        result.thumbnail = f"{name_prefix}-{side}x{side}.webp"
        result.encoded[result.thumbnail] = _encode_thumbnail(image, side, params)
        result.social = f"{name_prefix}-og.jpg"
        result.encoded[result.social] = _encode_social(image, colour, params)
    return result


def _stand_upright(image: Image.Image, orientation: int) -> Image.Image:
    """The pixels as a viewer shows them, after EXIF `orientation` (1-8, from `check_metadata`)."""
    transposition = TRANSPOSE.get(orientation)
    return image if transposition is None else image.transpose(transposition)


def check_dimensions(size: tuple[int, int], params: PhotoParams) -> list[Finding]:
    """What is wrong with a photo of `size` (upright): a galat when it is too small or too
    elongated to show, a peringatan when it is only small; empty when it is fine."""
    width, height = size
    short, long = min(width, height), max(width, height)
    if short < params.min_side_error:
        return [
            (
                Level.ERROR.value,
                "PHOTO_TOO_SMALL",
                {"width": width, "height": height, "minimum": params.min_side_error},
            )
        ]
    if long / short > params.max_ratio:
        return [
            (
                Level.ERROR.value,
                "PHOTO_BAD_RATIO",
                {"width": width, "height": height, "ratio": int(params.max_ratio)},
            )
        ]
    if short < params.min_side_warning:
        return [(Level.WARNING.value, "PHOTO_SMALL_WARNING", {"width": width, "height": height})]
    return []


def _average_colour(image: Image.Image) -> tuple[int, int, int]:
    """The photo's average colour, from its RGB pixels (`_to_srgb` leaves no other mode)."""
    red, green, blue = image.resize((1, 1), Image.Resampling.BOX).tobytes()
    return red, green, blue


def _rendition_widths(source_width: int, params: PhotoParams, is_cover: bool) -> list[int]:
    """The widths to encode, smallest first, none wider than the source.

    Extra photos are only ever shown as thumbnails or enlarged, so they skip the middle widths
    that cards and the cover use.
    """
    wanted = params.widths if is_cover else (params.widths[0], params.widths[-1])
    return sorted({min(width, source_width) for width in wanted})


def _encode_rendition(image: Image.Image, width: int, params: PhotoParams) -> tuple[bytes, int]:
    """WebP bytes of the photo scaled to `width`, and its height at that width."""
    height = max(1, round(image.height * width / image.width))
    scaled = (
        image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
    )
    quality = _quality_for(width, params)
    return _encode(scaled, "WEBP", quality=quality, method=params.webp_method), height


def _encode_thumbnail(image: Image.Image, side: int, params: PhotoParams) -> bytes:
    """WebP bytes of the photo's centre, cropped square and scaled to `side`."""
    square = ImageOps.fit(image, (side, side), Image.Resampling.LANCZOS)
    return _encode(square, "WEBP", quality=params.webp_quality[0], method=params.webp_method)


def _encode_social(image: Image.Image, colour: tuple[int, int, int], params: PhotoParams) -> bytes:
    """JPEG bytes of the whole photo on its average `colour`, at the size link previews show
    (`social_size`): no crop cuts the product off, and every app reads JPEG."""
    social = ImageOps.pad(image, params.social_size, Image.Resampling.LANCZOS, color=colour)
    return _encode(social, "JPEG", quality=params.social_quality, optimize=True)


def _encode(image: Image.Image, file_format: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, file_format, **options)
    return buffer.getvalue()


def _decode(
    data: bytes, suffix: str, params: PhotoParams, findings: list[Finding]
) -> tuple[Image.Image, int] | None:
    """The photo's first picture, fully decoded, and its orientation; None when refused.

    Only Pillow's parsing and decoding of the photo sit inside `try`: what they raise on a
    damaged photo is its galat. The scan count is our code, run between the two, so a bug in it
    is not taken for a damaged photo.
    """
    image = _pillow(findings, params, lambda: _open(data, suffix, params, findings))
    if image is None:
        return None
    if image.format in ("JPEG", "MPO"):
        # each scan of a progressive JPEG is one more pass over every block: refuse absurd
        # counts before decoding (libjpeg-turbo's scan limit, which Pillow does not expose)
        scans = count_jpeg_scans(data, params.max_jpeg_scans)
        if scans > params.max_jpeg_scans:
            findings.append(
                (Level.ERROR.value, "PHOTO_TOO_MANY_SCANS", {"limit": params.max_jpeg_scans})
            )
            return None
    return _pillow(findings, params, lambda: _load(image, params, findings))


def _open(
    data: bytes, suffix: str, params: PhotoParams, findings: list[Finding]
) -> Image.Image | None:
    """The photo opened (headers parsed, nothing decoded); None when its format or size is refused."""
    image = _open_image(data)
    expected = EXPECTED_FORMATS.get(suffix, ("",))
    if image.format not in expected:
        findings.append(
            (
                Level.ERROR.value,
                "PHOTO_WRONG_TYPE",
                {"actual": image.format or "?", "expected": expected[0]},
            )
        )
        return None
    width, height = image.size
    if width * height > params.max_pixels:
        findings.append(
            (
                Level.ERROR.value,
                "PHOTO_TOO_MANY_PIXELS",
                {
                    "megapixels": round(width * height / 1e6, 1),
                    "limit": params.max_pixels // 1_000_000,
                },
            )
        )
        return None
    return image


def _open_image(data: bytes) -> Image.Image:
    """`Image.open` on a photo's bytes. A HEIC that libheif cannot parse (truncated: its pixels
    come last, and libheif checks every extent) is an EOFError, so that it is told as damaged
    ("rusak atau terpotong") like a truncated JPEG, not as "bukan berkas gambar"."""
    try:
        return Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
            raise EOFError("damaged HEIF") from None
        raise


def _first_picture(image: Image.Image) -> None:
    """Go to the picture that is shown: a HEIF opens on its primary image, which need not be
    the first; for every other format, the first."""
    if image.format != "HEIF":
        image.seek(0)


def _load(
    image: Image.Image, params: PhotoParams, findings: list[Finding]
) -> tuple[Image.Image, int] | None:
    """The first picture decoded, after its metadata is checked; None when refused."""
    if getattr(image, "n_frames", 1) > 1 and image.format != "MPO":
        findings.append((Level.WARNING.value, "PHOTO_ANIMATED", {}))
    _first_picture(image)
    orientation = check_metadata(image, findings)
    if orientation is None:
        return None
    if image.format in ("JPEG", "MPO"):
        # Decode at a reduced DCT scale: 3-4x faster on phone photos, still >= our largest width.
        image.draft("RGB", (max(params.widths), max(params.widths)))
    image.load()
    return image, orientation


def _pillow(findings: list[Finding], params: PhotoParams, call: Callable[[], T]) -> T | None:
    """`call()`, Pillow at work on the photo's bytes; what it raises on a damaged photo becomes
    that photo's galat in `findings` (and None)."""
    try:
        with warnings.catch_warnings():
            # Pillow's English "Corrupt EXIF data" notes mean nothing to producers; metadata is dropped anyway
            warnings.simplefilter("ignore", UserWarning)
            # Pillow only warns below twice its own limit: make every bomb an error below ours.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return call()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        findings.append(
            (
                Level.ERROR.value,
                "PHOTO_TOO_MANY_PIXELS",
                {"megapixels": "> 40", "limit": params.max_pixels // 1_000_000},
            )
        )
    except UnidentifiedImageError:
        findings.append(
            (Level.ERROR.value, "PHOTO_UNREADABLE", {"detail": messages.PHOTO_DETAIL_NOT_IMAGE})
        )
    except DAMAGED_FILE_ERRORS as exc:
        is_truncated = "truncated" in str(exc) or isinstance(exc, EOFError)
        findings.append(_damaged("PHOTO_TRUNCATED" if is_truncated else "PHOTO_UNREADABLE", exc))
    except RuntimeError as exc:
        if not str(exc).startswith(LIBHEIF_MEMORY_ERROR):
            raise
        if LIBHEIF_SECURITY_LIMIT not in str(exc):
            raise MemoryError(str(exc)) from exc  # the worker reports it as over the memory budget
        findings.append(_damaged("PHOTO_UNREADABLE", exc))
    return None


def _damaged(template: str, exc: Exception) -> Finding:
    """The galat `template` for a photo Pillow or libheif failed on with `exc`."""
    # the class name in brackets helps a maintainer; the words before it, the producer
    detail = messages.PHOTO_DETAIL_DAMAGED.format(kind=type(exc).__name__)
    return (Level.ERROR.value, template, {"detail": detail})


def check_metadata(image: Image.Image, findings: list[Finding]) -> int | None:
    """The photo's EXIF orientation (1-8), after noting any GPS position; None when the
    orientation cannot be applied (a galat: which way is up is unknown).

    Only the orientation and GPS are read, never written back: every other tag is dropped
    with the metadata, so a damaged tag we do not use (Pillow's `exif_transpose` crashed
    re-encoding them) does not matter.
    """
    exif = image.getexif()
    # a GPS block counts even when Pillow cannot read it: other tools may still find the place
    if GPS_IFD in exif or has_xmp_gps(
        image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    ):
        findings.append((Level.WARNING.value, "PHOTO_GPS", {}))
    orientation = exif.get(ORIENTATION, 1)
    if orientation == 0:
        return 1  # "unknown", written by some cameras: the pixels as stored
    if type(orientation) is not int or orientation not in (1, *TRANSPOSE):
        findings.append(
            (
                Level.ERROR.value,
                "PHOTO_BAD_EXIF",
                {"detail": f"Orientation {str(orientation)[:20]}"},
            )
        )
        return None
    return orientation


def has_xmp_gps(xmp: bytes | str) -> bool:
    """True when an XMP packet, in any Unicode form, names a GPS position."""
    if isinstance(xmp, str):
        return any(name in xmp.lower() for name in GPS_XMP_NAMES)
    # bytes.lower() changes only ASCII letters, which are the same bytes in every form
    lowered = xmp.lower()
    return any(
        name.encode(encoding) in lowered for name in GPS_XMP_NAMES for encoding in XMP_ENCODINGS
    )


def count_jpeg_scans(data: bytes, stop_after: int) -> int:
    """Start-of-scan segments in a JPEG's first picture (an MPO's primary one), counted up to
    one past `stop_after`; reads only the markers, so it costs microseconds per scan.

    Between segments it reads as libjpeg's `next_marker` does, since that is what decodes the
    photo: bytes other than 0xFF are skipped (libjpeg warns "extraneous bytes" and goes on),
    runs of 0xFF are fill, 0xFF 0x00 is skipped too, and RST markers stand alone.
    """
    pos, scans = 2, 0
    while scans <= stop_after and pos + 1 < len(data):
        if data[pos] != 0xFF:
            pos = data.find(b"\xff", pos)  # junk: on to the next 0xFF
            if pos < 0:
                break
            continue
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1  # fill byte
            continue
        if marker == 0x00:
            pos += 2  # a stuffed zero where no entropy-coded data is: junk as well
            continue
        if marker == 0xD9:
            break  # end of the first picture
        if marker in JPEG_STANDALONE:
            pos += 2
            continue
        if pos + 4 > len(data):
            break
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:
            scans += 1
            end = JPEG_DATA_END.search(data, pos)
            if end is None:
                break
            pos = end.start()
    return scans


def _quality_for(width: int, params: PhotoParams) -> int:
    """The WebP quality of the smallest configured width at least as wide as `width`."""
    for configured, quality in zip(params.widths, params.webp_quality, strict=True):
        if width <= configured:
            return quality
    return params.webp_quality[-1]


def _to_srgb(image: Image.Image) -> Image.Image:
    """Any mode and colour profile -> 8-bit RGB in sRGB."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit greyscale: scale to 8 bits, since a plain convert clips everything to white.
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image if image.mode == "RGBA" else image.convert("RGBA")
        # the white ground lives only inside the call: at 40 MP each copy weighs 160 MB
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
        del rgba
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if image.mode not in ("RGB", "CMYK", "L"):
                image = image.convert("RGB")
            srgb = ImageCms.profileToProfile(image, source_profile, SRGB_PROFILE, outputMode="RGB")
            # None only for inPlace=True; Pillow's return type does not depend on the argument
            assert srgb is not None
            return srgb
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to treating the pixels as sRGB
    return image.convert("RGB")


def _read_entry(entry: Path) -> PhotoResult | None:
    """A cache entry, if complete and intact; anything else (damaged, old version) is a miss."""
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        if meta.get("version") != PROCESSING_VERSION:
            return None
        for name, checksum in meta["checksums"].items():
            if hashlib.sha256((entry / name).read_bytes()).hexdigest() != checksum:
                return None
        return PhotoResult(
            digest=meta["digest"],
            width=meta["width"],
            height=meta["height"],
            variants=[tuple(v) for v in meta["variants"]],
            social=meta["social"],
            thumbnail=meta["thumbnail"],
            placeholder=meta["placeholder"],
            findings=[tuple(f) for f in meta["findings"]],
            entry_dir=str(entry),
            is_cached=True,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_entry(entry: Path, result: PhotoResult) -> PhotoResult:
    """Store a result and its encoded files as the cache entry `entry`; the result as stored."""
    encoded, result.encoded = result.encoded, {}
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=entry.parent))
    try:
        for name, blob in encoded.items():
            (staging / name).write_bytes(blob)
        meta = {
            "version": PROCESSING_VERSION,
            "digest": result.digest,
            "width": result.width,
            "height": result.height,
            "variants": result.variants,
            "social": result.social,
            "thumbnail": result.thumbnail,
            "placeholder": result.placeholder,
            "findings": result.findings,
            "checksums": {
                name: hashlib.sha256(blob).hexdigest() for name, blob in sorted(encoded.items())
            },
        }
        (staging / "meta.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
        if entry.exists() and _read_entry(entry) is None:
            shutil.rmtree(entry, ignore_errors=True)  # a damaged entry we could not read
        try:
            os.replace(staging, entry)
        except OSError:
            # Another worker stored the same photo (same bytes, same key) first: use theirs.
            shutil.rmtree(staging, ignore_errors=True)
            existing = _read_entry(entry)
            if existing is None:
                raise
            return existing
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.entry_dir = str(entry)
    return result


class SourceIndex:
    """Source photo (path, size, mtime) -> cache key, so unchanged photos are not read again.

    Only a shortcut: a miss falls back to hashing the bytes, and the entry it points to is
    still verified by checksum before use.
    """

    def __init__(
        self, path: Path, token: str, entries: dict[str, list[object]], cache_root: Path
    ) -> None:
        self.path, self.token, self.entries, self.cache_root = path, token, entries, cache_root
        self.dirty = False

    @classmethod
    def load(cls, cache_root: Path, params: PhotoParams) -> SourceIndex:
        """The index for these settings; empty when absent, damaged or made with other settings."""
        token = hashlib.sha256(
            json.dumps([PROCESSING_VERSION, asdict(params)], sort_keys=True).encode()
        ).hexdigest()
        path = cache_root / "sources.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["entries"] if data.get("token") == token else {}
        except (OSError, ValueError, KeyError, TypeError):
            entries = {}
        return cls(path, token, entries, cache_root)

    def lookup(self, source: Path, is_cover: bool) -> PhotoResult | None:
        """The cached result for an unchanged source photo, or None."""
        try:
            info = source.stat()
        except OSError:
            return None
        entry = self.entries.get(f"{source}|{int(is_cover)}")
        if not entry or entry[:2] != [info.st_size, info.st_mtime_ns]:
            return None
        key = str(entry[2])
        return _read_entry(self.cache_root / key[:2] / key)

    def remember(self, source: Path, is_cover: bool, result: PhotoResult) -> None:
        """Record where a freshly processed photo's renditions are."""
        if result.has_error or not result.digest:
            return
        try:
            info = source.stat()
        except OSError:
            return
        self.entries[f"{source}|{int(is_cover)}"] = [info.st_size, info.st_mtime_ns, result.digest]
        self.dirty = True

    def save(self) -> None:
        """Write the index if it changed; a failure only costs speed next time."""
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(
                json.dumps({"token": self.token, "entries": self.entries}, sort_keys=True),
                encoding="utf-8",
            )
            os.replace(tmp, self.path)
        except OSError:
            pass


def _process_job(job: tuple[str, PhotoParams, str, bool]) -> PhotoResult:
    source, params, cache_root, is_cover = job
    return process_photo(Path(source), params, Path(cache_root), is_cover)


def _over_budget(failure: Failure, limits: Limits) -> PhotoResult:
    """The galat for a photo whose worker ran out of budget or died."""
    return PhotoResult(findings=[_failure_finding(failure, limits)])


def _failure_finding(failure: Failure, limits: Limits) -> Finding:
    """Why a photo's worker gave no answer, as its galat. Exceptions escaping the job are not
    among these: `run_limited` raises them here, since they are ours or the machine's (a full
    disk under the photo cache is then one line, by the command), not the producer's photo."""
    if failure.reason == TIME:
        seconds = limits.cpu_seconds if failure.detail == "cpu" else round(limits.wall_seconds)
        limit = messages.PHOTO_COST_TIME.format(seconds=seconds)
    elif failure.reason == MEMORY:
        limit = messages.PHOTO_COST_MEMORY.format(mib=limits.memory_bytes // 2**20)
    else:
        # the decoder ended by a signal (SIGSEGV in C code, SIGKILL by the kernel's OOM killer) or an exit
        if failure.detail.startswith("exit "):
            detail = messages.PHOTO_READER_EXIT.format(code=failure.detail.removeprefix("exit "))
        else:
            detail = messages.PHOTO_READER_SIGNAL.format(signal=failure.detail)
        return (Level.ERROR.value, "PHOTO_UNREADABLE", {"detail": detail})
    return (Level.ERROR.value, "PHOTO_TOO_COSTLY", {"limit": limit})


@dataclass(frozen=True)
class _PhotoJob:
    photo: Photo
    yaml_path: str
    """The file naming the photo, where its problems are reported."""
    is_cover: bool


def process_catalogue(
    catalogue: Catalogue,
    root: Path,
    params: PhotoParams,
    cache_root: Path,
    workers: int,
    unpublished: Sequence[tuple[Photo, str]] = (),
    limits: Limits | None = None,
    progress: Progress = SILENT,
) -> tuple[dict[str, ProcessedPhoto], list[Problem]]:
    """Process every photo of every product in parallel; return them by source path, and problems.

    `unpublished` photos (of products that failed validation) are checked too, so their
    problems come in the same run; they are never published. Every photo not in the cache
    is decoded in a worker process within `limits` (PHOTO_LIMITS): a photo over budget is a
    galat of its own, and the other photos go on. `progress` counts the photos as they are
    done, and hears how many came from the cache.
    """
    jobs = _photo_jobs(catalogue, unpublished)
    results = _photo_results(
        jobs, root, params, cache_root, workers, limits or PHOTO_LIMITS, progress
    )
    processed: dict[str, ProcessedPhoto] = {}
    problems: list[Problem] = []
    for job, result in zip(jobs, results, strict=True):
        problems += _photo_problems(job, result)
        if not result.has_error:
            processed[job.photo.source_path] = _processed_photo(job.photo, result)
    return processed, problems


def _photo_jobs(catalogue: Catalogue, unpublished: Sequence[tuple[Photo, str]]) -> list[_PhotoJob]:
    """Every photo to check: products' photos (the first is the cover), then unpublished
    products' photos, then producers' logos."""
    jobs = [
        _PhotoJob(photo, product.source_path, index == 0)
        for product in catalogue.products
        for index, photo in enumerate(product.photos)
    ]
    jobs += [
        _PhotoJob(photo, yaml_path, photo.key == "foto[0]") for photo, yaml_path in unpublished
    ]
    jobs += [
        _PhotoJob(producer.logo, producer.source_path, False)
        for producer in catalogue.producers
        if producer.logo is not None
    ]
    return jobs


def _photo_results(
    jobs: Sequence[_PhotoJob],
    root: Path,
    params: PhotoParams,
    cache_root: Path,
    workers: int,
    limits: Limits,
    progress: Progress = SILENT,
) -> list[PhotoResult]:
    """Each job's result: from the cache when its source photo is unchanged, else from a worker."""
    progress.items(len(jobs))
    # cache hits by file size and mtime: a warm build neither reads nor hashes the source photos
    index = SourceIndex.load(cache_root, params)
    cached = [index.lookup(root / job.photo.source_path, job.is_cover) for job in jobs]
    missing = [i for i, result in enumerate(cached) if result is None]
    progress.advance(len(jobs) - len(missing))
    args = [
        (str(root / jobs[i].photo.source_path), params, str(cache_root), jobs[i].is_cover)
        for i in missing
    ]
    outcomes: list[PhotoResult | Failure] = []
    if args:
        # even one photo goes to a worker: a pull request adding one hostile photo is the usual case
        outcomes = run_limited(
            _process_job, args, min(workers, len(args)), limits, lambda _i, _o: progress.advance()
        )
    fresh: dict[int, PhotoResult] = {}
    for i, outcome in zip(missing, outcomes, strict=True):
        fresh[i] = outcome if isinstance(outcome, PhotoResult) else _over_budget(outcome, limits)
        index.remember(root / jobs[i].photo.source_path, jobs[i].is_cover, fresh[i])
    index.save()
    # a worker finds a photo in the cache by its bytes where its size or mtime changed (a new
    # checkout, a restored CI cache): counted as cached too, since nothing was decoded
    processed = sum(not result.is_cached for result in fresh.values())
    progress.detail(
        messages.DETAIL_PHOTO_CACHE.format(cached=len(jobs) - processed, fresh=processed)
    )
    return [fresh[i] if result is None else result for i, result in enumerate(cached)]


def _photo_problems(job: _PhotoJob, result: PhotoResult) -> list[Problem]:
    """A photo's findings as problems, at the key of the file that names the photo."""
    photo = job.photo
    folder = photo.source_path.rsplit("/", 1)[0]
    return [
        problem(
            job.yaml_path,
            photo.line,
            photo.column,
            Level(level),
            photo.key,
            template,
            file_name=photo.file_name,
            folder=folder,
            **values,
        )
        for level, template, values in result.findings
    ]


def _processed_photo(photo: Photo, result: PhotoResult) -> ProcessedPhoto:
    """What the page stage needs of an accepted photo: its renditions where the cache holds them."""
    entry = Path(result.entry_dir)
    variants = tuple(
        PhotoVariant(name, width, height, str(entry / name))
        for name, width, height in result.variants
    )
    social = None
    if result.social:
        social = PhotoVariant(result.social, 1200, 630, str(entry / result.social))
    thumbnail = None
    if result.thumbnail:
        # the side is in the name: `<key>-128x128.webp`
        side = int(result.thumbnail.rsplit("x", 1)[1].split(".")[0])
        thumbnail = PhotoVariant(result.thumbnail, side, side, str(entry / result.thumbnail))
    return ProcessedPhoto(photo, variants, social, result.placeholder, thumbnail)


# Share cards ---------------------------------------------------------------------------------
# The 1200x630 image a link to the home page, a listing or a producer shows on WhatsApp and
# Facebook: a collage of the first photos of that page, made from their renditions (never from
# the sources again), or the site's own card for a page with no product. Each is a cache entry
# like a photo's, under a key from what it is made of, so a warm build makes none again.

# Bump when the collage layout or the default card changes.
SHARE_CARD_VERSION = 1
SHARE_CARD_PHOTOS = 6
"""Photos in a collage at most: 3 x 2 tiles of 396x312, close to the photos' own 4:3."""
SHARE_GAP = 6
SHARE_GAP_COLOUR = (255, 255, 255)
# The logo's colours (docs/assets/favicon.svg): the brown ground and the cream bag.
SHARE_BROWN = (0x8A, 0x3B, 0x12)
SHARE_CREAM = (0xF6, 0xE7, 0xD0)


@dataclass(frozen=True)
class _ShareJob:
    key: str
    sources: tuple[tuple[str, str], ...]
    """(rendition file in the cache, placeholder colour) per tile; empty for the default card."""


def share_layout(count: int, size: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """Tile boxes (left, top, width, height) for a collage of `count` photos (1-6), gaps included."""
    width, height = size
    gap = SHARE_GAP
    half_w, half_h, third_w = (width - gap) // 2, (height - gap) // 2, (width - 2 * gap) // 3
    if count <= 1:
        return [(0, 0, width, height)]
    if count == 2:
        return [(0, 0, half_w, height), (width - half_w, 0, half_w, height)]
    if count == 3:  # one large on the left, two on the right
        return [
            (0, 0, half_w, height),
            (width - half_w, 0, half_w, half_h),
            (width - half_w, height - half_h, half_w, half_h),
        ]
    if count < SHARE_CARD_PHOTOS:
        return [(x, y, half_w, half_h) for y in (0, height - half_h) for x in (0, width - half_w)]
    return [
        (x, y, third_w, half_h)
        for y in (0, height - half_h)
        for x in (0, third_w + gap, width - third_w)
    ]


class ShareCards:
    """Collages and the default card the pages ask for: named at once, made by `make`.

    The page stage asks with `collage(photos)` or `default()` and gets the file's name (from a
    content key: the renditions used, the layout, the settings) before the file exists; `make`
    then composes what the cache lacks, in parallel, before anything is written.
    """

    limit = SHARE_CARD_PHOTOS
    """Photos in a collage at most."""

    def __init__(self, params: PhotoParams, cache_root: Path) -> None:
        self.params, self.cache_root = params, cache_root
        self.jobs: dict[str, _ShareJob] = {}

    def _variant(self, sources: tuple[tuple[str, str], ...]) -> PhotoVariant:
        key_data = [
            PROCESSING_VERSION,
            SHARE_CARD_VERSION,
            list(self.params.social_size),
            self.params.social_quality,
            # a rendition's cache path is content-addressed: entry key (source bytes and
            # settings) and file name
            [[Path(path).parent.name, Path(path).name, colour] for path, colour in sources],
        ]
        key = hashlib.sha256(json.dumps(key_data, sort_keys=True).encode()).hexdigest()
        self.jobs.setdefault(key, _ShareJob(key, sources))
        name = f"{key[:16]}-og.jpg"
        width, height = self.params.social_size
        return PhotoVariant(name, width, height, str(self.cache_root / key[:2] / key / name))

    def collage(self, photos: Sequence[ProcessedPhoto]) -> PhotoVariant:
        """The collage of the first `SHARE_CARD_PHOTOS` photos (the default card when none)."""
        chosen = list(photos)[:SHARE_CARD_PHOTOS]
        if not chosen:
            return self.default()
        tiles = share_layout(len(chosen), self.params.social_size)
        # the narrowest rendition at least as wide as its tile
        return self._variant(
            tuple(
                (photo.at_least(tile[2]).cache_path, photo.placeholder_color)
                # five photos make a 2x2 grid: the layout has fewer tiles, the fifth is left out
                for photo, tile in zip(chosen, tiles, strict=False)
            )
        )

    def default(self) -> PhotoVariant:
        """The site's own card, drawn in the logo's colours: for pages with no product."""
        return self._variant(())

    def make(self, workers: int) -> int:
        """Compose every requested card the cache does not hold intact; returns how many."""
        missing = [
            job
            for job in self.jobs.values()
            if _read_entry(self.cache_root / job.key[:2] / job.key) is None
        ]
        args = [(job, self.params, str(self.cache_root)) for job in missing]
        if workers > 1 and len(args) > 1:
            with ProcessPoolExecutor(max_workers=min(workers, len(args))) as pool:
                list(pool.map(_share_job, args, chunksize=4))
        else:
            for arg in args:
                _share_job(arg)
        return len(missing)


def _share_job(arg: tuple[_ShareJob, PhotoParams, str]) -> None:
    job, params, cache_root = arg
    data = compose_share_card(job.sources, params)
    name = f"{job.key[:16]}-og.jpg"
    width, height = params.social_size
    result = PhotoResult(
        digest=job.key, width=width, height=height, social=name, encoded={name: data}
    )
    _write_entry(Path(cache_root) / job.key[:2] / job.key, result)


def compose_share_card(sources: Sequence[tuple[str, str]], params: PhotoParams) -> bytes:
    """JPEG bytes of a collage of `sources` (rendition path, placeholder), or of the default card.

    Deterministic: the same renditions give the same bytes. No metadata is written.
    """
    size = params.social_size
    if not sources:
        canvas = _draw_default_card(size)
    elif len(sources) == 1:
        # one photo: whole, on its own average colour, like a product's share image
        path, colour = sources[0]
        with Image.open(path) as photo:
            canvas = ImageOps.pad(
                photo.convert("RGB"), size, Image.Resampling.LANCZOS, color=colour
            )
    else:
        canvas = Image.new("RGB", size, SHARE_GAP_COLOUR)
        # a layout may have fewer tiles than photos (five make a 2x2 grid)
        for (path, _), (left, top, width, height) in zip(
            sources, share_layout(len(sources), size), strict=False
        ):
            with Image.open(path) as photo:
                tile = ImageOps.fit(photo.convert("RGB"), (width, height), Image.Resampling.LANCZOS)
            canvas.paste(tile, (left, top))
    return _encode(canvas, "JPEG", quality=params.social_quality, optimize=True)


def _draw_default_card(size: tuple[int, int]) -> Image.Image:
    """The logo's shopping bag and the site's name, cream on brown; drawn at twice the size and
    scaled down, for smooth edges."""
    scale = 2
    width, height = size[0] * scale, size[1] * scale
    image = Image.new("RGB", (width, height), SHARE_BROWN)
    draw = ImageDraw.Draw(image)
    # the bag of favicon.svg (a 64-unit square), 300 px tall, left of the name
    unit = 300 * scale / 40
    left, top = 110 * scale, height / 2 - 18 * unit  # the bag (y 10-50) centred

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (x - 12) * unit, top + (y - 12) * unit

    draw.polygon([at(14, 24), at(50, 24), at(46, 50), at(18, 50)], fill=SHARE_CREAM)
    # Pillow strokes an arc inwards from its box: a radius of 10 puts the 4-unit stroke on 8
    draw.arc([at(22, 10), at(42, 30)], 180, 360, fill=SHARE_CREAM, width=round(4 * unit))
    draw.line([at(24, 20), at(24, 24)], fill=SHARE_CREAM, width=round(4 * unit))
    draw.line([at(40, 20), at(40, 24)], fill=SHARE_CREAM, width=round(4 * unit))
    for y in (34, 41):
        draw.line([at(22, y), at(42, y)], fill=SHARE_BROWN, width=round(3 * unit))
    text_left = left + 44 * unit
    try:
        name = ImageFont.load_default(size=92 * scale)
        line = ImageFont.load_default(size=40 * scale)
    except (AttributeError, TypeError, OSError):  # Pillow without FreeType: the bag alone
        return image.resize(size, Image.Resampling.LANCZOS)
    # the name in white, then what the site is: (text, font, colour, baseline from the middle)
    first, second = messages.SHARE_CARD_LINES
    for text, font, fill, baseline in (
        (messages.SHARE_CARD_NAME, name, (255, 255, 255), -20),
        (first, line, SHARE_CREAM, 50),
        (second, line, SHARE_CREAM, 104),
    ):
        draw.text(
            (text_left, height / 2 + baseline * scale), text, font=font, fill=fill, anchor="ls"
        )
    return image.resize(size, Image.Resampling.LANCZOS)


STRIPPABLE = (".jpg", ".jpeg", ".png", ".webp", ".heic")


@dataclass
class StripResult:
    """What `strip_metadata` did: a privacy tool must say which photos it could not clean."""

    changed: list[Path] = field(default_factory=list)
    """Photos rewritten without their metadata."""
    not_stripped: list[tuple[Path, str]] = field(default_factory=list)
    """Photos that may still carry GPS, with why, in Indonesian: unreadable, over budget, not rewritable."""


def strip_metadata(folder: Path, limits: Limits | None = None) -> StripResult:
    """Rewrite the photos under `folder` in place without EXIF, GPS or XMP.

    For producers: the originals sit in a public repository. Orientation is applied to the
    pixels first, so the photo still stands upright without its EXIF tag. The photos are
    untrusted like in a build, so they are decoded in a worker within the same `limits`.
    Photos without metadata are left alone; every other photo not rewritten is named in
    `not_stripped`, since its GPS position may still be in it.
    """
    limits = limits or PHOTO_LIMITS
    paths = [
        p
        for p in sorted(folder.rglob("*"))
        if p.suffix.lower() in STRIPPABLE and not p.is_symlink() and p.is_file()
    ]
    outcomes = run_limited(_strip_photo, [str(p) for p in paths], 1, limits) if paths else []
    result = StripResult()
    for path, outcome in zip(paths, outcomes, strict=True):
        if outcome is True:
            result.changed.append(path)
        elif outcome is not False:
            _level, template, values = (
                outcome if not isinstance(outcome, Failure) else _failure_finding(outcome, limits)
            )
            reason = messages.render(
                template, file_name=path.name, folder=str(path.parent), **values
            )
            result.not_stripped.append((path, reason))
    return result


StripOutcome = bool | Finding
"""True: rewritten; False: had no metadata; a Finding: not rewritten, and why."""


def _strip_photo(source: str) -> StripOutcome:
    """Rewrite one photo without metadata."""
    path = Path(source)
    data = load_source(path)
    if not isinstance(data, bytes):
        return data
    findings: list[Finding] = []
    opened = _pillow(findings, PhotoParams(), lambda: _open_for_strip(data))
    if opened is None:
        return findings[0] if findings else False
    image, orientation = opened
    # an orientation no viewer can apply leaves the pixels as stored, which is how viewers show them
    if type(orientation) is int and orientation in TRANSPOSE:
        upright = image.transpose(TRANSPOSE[orientation])
    else:
        upright = image.copy()
    # Image.open names the format of every file it opens; Pillow's type has None for new images
    assert image.format is not None
    file_format = "JPEG" if image.format == "MPO" else image.format
    options = _strip_options(file_format, image.info.get("icc_profile"))
    upright.info = {}
    stripped = _encode(upright, file_format, **options)
    if len(stripped) > MAX_PHOTO_BYTES:
        # re-encoded larger than a build reads: the original, GPS and all, stays until the producer shrinks it
        return (
            Level.ERROR.value,
            "STRIP_TOO_LARGE",
            {"size_mib": len(stripped) // 2**20, "limit_mib": MAX_PHOTO_BYTES // 2**20},
        )
    return _replace(path, stripped)


def _strip_options(file_format: str, icc_profile: bytes | None) -> dict[str, object]:
    """How a stripped photo is saved: its colour profile kept, no metadata, little loss."""
    options: dict[str, object] = {"icc_profile": icc_profile} if icc_profile else {}
    if file_format == "JPEG":
        options.update(quality=95, subsampling=0)
    elif file_format == "WEBP":
        options.update(quality=95)
    elif file_format == "HEIF":
        # pillow-heif falls back to the image's own EXIF and XMP when none is given: say none.
        # libheif applied the rotation (irot/imir) when decoding, so no orientation is written.
        options.update(HEIC_STRIP_OPTIONS, exif=None, xmp=None)
    return options


def _replace(path: Path, data: bytes) -> StripOutcome:
    """Write `data` over the photo at `path` atomically: a new file beside it, then rename.

    The new file has a name no other file has (the folder is a producer's: a `<name>.tmp`
    symlink planted there would have redirected the write) and the photo's permissions.
    """
    tmp: str | None = None
    try:
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass  # already renamed, or never written
        if exc.errno in MACHINE_ERRNOS:
            raise
        return (Level.ERROR.value, "STRIP_NOT_WRITTEN", {"reason": os_reason(exc)})
    return True


def _open_for_strip(data: bytes) -> tuple[Image.Image, object] | None:
    """The photo's first picture decoded, and its raw EXIF orientation; None when it has no metadata."""
    image = _open_image(data)
    if not _has_metadata(image):
        return None
    orientation = image.getexif().get(ORIENTATION)
    _first_picture(image)  # an MPO or a HEIF keeps its primary picture only
    image.load()
    return image, orientation


def _has_metadata(image: Image.Image) -> bool:
    # an MPO's other pictures (depth map, HDR gain map) carry metadata of their own, and so may a
    # HEIF's other top-level images. A HEIF's info holds "exif": None when it has none, and
    # "metadata": its other metadata items (IPTC and the like), so values count, not keys.
    metadata_keys = ("exif", "xmp", "XML:com.adobe.xmp", "metadata")
    several = image.format == "MPO" or (
        image.format == "HEIF" and getattr(image, "n_frames", 1) > 1
    )
    return several or bool(image.getexif()) or any(image.info.get(key) for key in metadata_keys)

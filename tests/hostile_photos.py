"""Hostile and unusual photos, made with Pillow plus a few byte edits: for the corpus and the photo tests.

Each builder is small and deterministic; the comments say what each one did to the photo
stage before issue 10 was fixed.
"""

from __future__ import annotations

import io
import re
import struct

from PIL import Image

ORIENTATION = 0x0112
# Where a JPEG's entropy-coded data ends: a marker byte pair other than a stuffed 0xFF00, a
# restart marker (D0-D7) or fill bytes.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def jpeg_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of each segment of a JPEG up to its EOI; a scan includes its data."""
    segments, pos = [], 2
    while pos < len(data):
        marker = data[pos + 1]
        if marker == 0xD9:
            segments.append((marker, pos, pos + 2))
            break
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:
            found = _NEXT_MARKER.search(data, end)
            end = found.start() if found else len(data)
        segments.append((marker, pos, end))
        pos = end
    return segments


def repeated_scan_jpeg(copies: int, size: tuple[int, int] = (640, 480)) -> bytes:
    """A progressive JPEG whose last scan (12 bytes) follows itself `copies` times.

    Measured with Pillow 13 / libjpeg-turbo 3: 60,000 copies at 640x480 weigh 723 KB and take
    10 s to decode (a minute at 1600x1200), and were accepted.
    """
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 120, 40)).save(buffer, "JPEG", progressive=True, quality=90)
    data = buffer.getvalue()
    _, start, end = [s for s in jpeg_segments(data) if s[0] == 0xDA][-1]
    return data[:end] + data[start:end] * copies + data[end:]


def tiff_exif(entries: list[tuple[int, int, int, bytes]], tail: bytes = b"") -> bytes:
    """A big-endian EXIF block with one IFD of raw (tag, type, count, 4-byte value) entries,
    followed by `tail` (at offset 14 + 12 * len(entries))."""
    packed = b"".join(
        struct.pack(">HHI", tag, kind, count) + value for tag, kind, count, value in entries
    )
    ifd = struct.pack(">H", len(entries)) + packed
    return b"MM\x00*" + struct.pack(">I", 8) + ifd + struct.pack(">I", 0) + tail


def jpeg_with_exif(exif: bytes, size: tuple[int, int] = (640, 480)) -> bytes:
    """A plain JPEG carrying the given raw EXIF block (without the `Exif\\0\\0` header)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 100, 200)).save(buffer, "JPEG", exif=b"Exif\x00\x00" + exif)
    return buffer.getvalue()


def exif_make_as_rational() -> bytes:
    """Orientation 6 and a Make tag typed RATIONAL: `ImageOps.exif_transpose` raised AttributeError
    while writing the EXIF back, outside the photo stage's try ("kesalahan internal")."""
    orientation = (ORIENTATION, 3, 1, struct.pack(">HH", 6, 0))
    make = (0x010F, 5, 1, struct.pack(">I", 8 + 2 + 12 * 2 + 4))
    return jpeg_with_exif(tiff_exif([make, orientation], struct.pack(">II", 1, 0)))


def exif_orientation_garbage() -> bytes:
    """An Orientation of 0x4141, which no viewer can apply: was accepted as it came."""
    return jpeg_with_exif(tiff_exif([(ORIENTATION, 3, 1, struct.pack(">HH", 0x4141, 0))]))


def exif_gps_pointer_dangling() -> bytes:
    """A GPS IFD pointer past the end of the EXIF block: Pillow reads no GPS tags, so the
    location went unreported although another tool may still find it."""
    return jpeg_with_exif(tiff_exif([(0x8825, 4, 1, struct.pack(">I", 60_000))]))


def mpo(
    primary: tuple[int, int, int] = (200, 30, 30), second: tuple[int, int, int] = (30, 200, 30)
) -> bytes:
    """A two-picture MPO (what dual-camera and Ultra HDR phones write as .jpg): refused as "MPO"."""
    first, other = Image.new("RGB", (640, 480), primary), Image.new("RGB", (640, 480), second)
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[other])
    return buffer.getvalue()


XMP_GPS = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="10,10.0S" exif:GPSLongitude="123,36.0E"/>'
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def xmp_packet(encoding: str, bom: bool) -> bytes:
    """The XMP packet with GPS in `encoding` (utf-8, utf-16-le/be, utf-32-le/be), with or without
    a byte order mark before it."""
    text = XMP_GPS if bom else XMP_GPS.replace("\ufeff", "")
    return (("\ufeff" if bom else "") + text).encode(encoding)


def jpeg_with_xmp(packet: bytes) -> bytes:
    """A plain JPEG with `packet` as its XMP (APP1 `http://ns.adobe.com/xap/1.0/`)."""
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 100, 200)).save(buffer, "JPEG", xmp=packet)
    return buffer.getvalue()


def flat_png(width: int, height: int) -> bytes:
    """A one-colour PNG: a few kilobytes on disk, width x height x 4 bytes once decoded."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 140, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def junk_before_marker(data: bytes, after: int = 0xE0, junk: bytes = b"\x00") -> bytes:
    """`data` with `junk` between the segment `after` (APP0 by default) and the next marker.

    libjpeg skips such bytes with a warning ("extraneous bytes before marker") and Pillow
    decodes the photo; the photo stage's scan counter stopped at them and counted 0 scans.
    """
    _, _, end = next(s for s in jpeg_segments(data) if s[0] == after)
    return data[:end] + junk + data[end:]


def repeated_scan_jpeg_with_junk(copies: int) -> bytes:
    """`repeated_scan_jpeg` with one 0x00 after APP0: dodged PHOTO_TOO_MANY_SCANS."""
    return junk_before_marker(repeated_scan_jpeg(copies))

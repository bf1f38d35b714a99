"""Stage 3: the photos a Catalogue names -> checked, cleaned WebP renditions in a content cache.

Each source photo is decoded fully (a JPEG truncated by half passes `verify()`), refused
when it is not what its extension says or is too large, turned upright (EXIF orientation),
converted to sRGB, stripped of every metadata block (phone photos carry the GPS position of
a home business) and written as WebP renditions. Results are cached under `.cache/photos/`
keyed by the photo's bytes and the processing settings, so a rebuild with no new photos
decodes none; the cache is checked on read and rebuilt when damaged.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from catalogue_gen.model import Catalogue, Photo, PhotoVariant, ProcessedPhoto
from catalogue_gen.problems import Level, Problem, problem
from catalogue_gen.settings import PhotoParams

# Bump when processing changes in a way the params do not show: old cache entries are ignored.
PROCESSING_VERSION = 7
EXPECTED_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".heic": "HEIF"}
GPS_IFD = 0x8825
SRGB_PROFILE = ImageCms.createProfile("sRGB")


@dataclass
class PhotoResult:
    """What processing one photo produced; plain data so it crosses process boundaries."""

    digest: str = ""
    width: int = 0
    height: int = 0
    variants: list[tuple[str, int, int]] = field(default_factory=list)
    """(file name in the cache entry, width, height), smallest first."""
    social: str = ""
    placeholder: str = "#dddddd"
    findings: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)
    """(level, template, values): problems found, stored with the entry so a cache hit repeats them."""
    entry_dir: str = ""

    @property
    def has_error(self) -> bool:
        """True when the photo was refused."""
        return any(level == Level.ERROR.value for level, _, _ in self.findings)


def cache_key(data: bytes, params: PhotoParams, is_cover: bool) -> str:
    """The content address of a photo's renditions: source bytes + settings + code version."""
    digest = hashlib.sha256()
    digest.update(data)
    digest.update(json.dumps([PROCESSING_VERSION, asdict(params), is_cover], sort_keys=True).encode())
    return digest.hexdigest()


def process_photo(source: Path, params: PhotoParams, cache_root: Path, is_cover: bool) -> PhotoResult:
    """Check and process one photo, reusing a valid cache entry; never raises for bad images."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        return PhotoResult(findings=[(Level.ERROR.value, "PHOTO_UNREADABLE", {"detail": exc.strerror or str(exc)})])
    key = cache_key(data, params, is_cover)
    entry = cache_root / key[:2] / key
    cached = _read_entry(entry)
    if cached is not None:
        return cached
    result = _process(data, source.suffix.lower(), params, is_cover, key)
    if result.has_error:
        return result
    return _write_entry(entry, result)


def _process(data: bytes, suffix: str, params: PhotoParams, is_cover: bool, key: str) -> PhotoResult:
    result = PhotoResult(digest=key)
    findings = result.findings
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc") or suffix == ".heic":
        findings.append((Level.ERROR.value, "PHOTO_HEIC_UNSUPPORTED", {}))
        return result
    try:
        with warnings.catch_warnings():
            # Pillow's English "Corrupt EXIF data" notes mean nothing to producers; metadata is dropped anyway
            warnings.simplefilter("ignore", UserWarning)
            # Pillow only warns below twice its own limit: make every bomb an error below ours.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            expected = EXPECTED_FORMATS.get(suffix, "")
            if image.format != expected:
                findings.append((Level.ERROR.value, "PHOTO_WRONG_TYPE", {"actual": image.format or "?", "expected": expected}))
                return result
            width, height = image.size
            if width * height > params.max_pixels:
                findings.append((Level.ERROR.value, "PHOTO_TOO_MANY_PIXELS", {"megapixels": round(width * height / 1e6, 1), "limit": params.max_pixels // 1_000_000}))
                return result
            if getattr(image, "n_frames", 1) > 1:
                findings.append((Level.WARNING.value, "PHOTO_ANIMATED", {}))
                image.seek(0)
            exif = image.getexif()
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
            xmp_text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp)
            if exif.get_ifd(GPS_IFD) or "GPSLatitude" in xmp_text:
                findings.append((Level.WARNING.value, "PHOTO_GPS", {}))
            if image.format == "JPEG":
                # Decode at a reduced DCT scale: 3-4x faster on phone photos, still >= our largest width.
                image.draft("RGB", (max(params.widths), max(params.widths)))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        findings.append((Level.ERROR.value, "PHOTO_TOO_MANY_PIXELS", {"megapixels": "> 40", "limit": params.max_pixels // 1_000_000}))
        return result
    except UnidentifiedImageError:
        findings.append((Level.ERROR.value, "PHOTO_UNREADABLE", {"detail": "bukan berkas gambar"}))
        return result
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        template = "PHOTO_TRUNCATED" if "truncated" in str(exc) or isinstance(exc, EOFError) else "PHOTO_UNREADABLE"
        findings.append((Level.ERROR.value, template, {"detail": type(exc).__name__}))
        return result

    # turn upright according to EXIF Orientation, then forget all metadata
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image)
    image.info = {}
    width, height = image.size
    short, long = min(width, height), max(width, height)
    if short < params.min_side_error:
        findings.append((Level.ERROR.value, "PHOTO_TOO_SMALL", {"width": width, "height": height, "minimum": params.min_side_error}))
        return result
    if long / short > params.max_ratio:
        findings.append((Level.ERROR.value, "PHOTO_BAD_RATIO", {"width": width, "height": height, "ratio": int(params.max_ratio)}))
        return result
    if short < params.min_side_warning:
        findings.append((Level.WARNING.value, "PHOTO_SMALL_WARNING", {"width": width, "height": height}))
    result.width, result.height = width, height

    # placeholder: the average colour, painted while the photo loads
    red, green, blue = image.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))[:3]
    result.placeholder = f"#{red:02x}{green:02x}{blue:02x}"

    # resize into each rendition no wider than the source; extra photos are only ever shown
    # as thumbnails or enlarged, so they skip the middle widths that cards and the cover use
    wanted = params.widths if is_cover else (params.widths[0], params.widths[-1])
    widths = sorted({min(w, width) for w in wanted})
    encoded: dict[str, bytes] = {}
    for target in widths:
        target_height = max(1, round(height * target / width))
        scaled = image if target == width else image.resize((target, target_height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        scaled.save(buffer, "WEBP", quality=_quality_for(target, params), method=params.webp_method)
        name = f"{key[:16]}-{target}.webp"
        encoded[name] = buffer.getvalue()
        result.variants.append((name, target, target_height))

    # social image: 1200x630 JPEG, cropped to the centre, only for the cover photo
    if is_cover:
        social = ImageOps.pad(image, params.social_size, Image.Resampling.LANCZOS, color=(red, green, blue))
        buffer = io.BytesIO()
        social.save(buffer, "JPEG", quality=params.social_quality, optimize=True)
        result.social = f"{key[:16]}-og.jpg"
        encoded[result.social] = buffer.getvalue()
    result.entry_dir = ""
    result._encoded = encoded  # type: ignore[attr-defined]
    return result


def _quality_for(width: int, params: PhotoParams) -> int:
    """The WebP quality of the smallest configured width at least as wide as `width`."""
    for configured, quality in zip(params.widths, params.webp_quality):
        if width <= configured:
            return quality
    return params.webp_quality[-1]


def _to_srgb(image: Image.Image) -> Image.Image:
    """Any mode and colour profile -> 8-bit RGB in sRGB."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit greyscale: scale to 8 bits, since a plain convert clips everything to white.
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            output_mode = "RGB"
            if image.mode not in ("RGB", "CMYK", "L"):
                image = image.convert("RGB")
            return ImageCms.profileToProfile(image, source_profile, SRGB_PROFILE, outputMode=output_mode)
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
            digest=meta["digest"], width=meta["width"], height=meta["height"],
            variants=[tuple(v) for v in meta["variants"]], social=meta["social"],
            placeholder=meta["placeholder"], findings=[tuple(f) for f in meta["findings"]],
            entry_dir=str(entry),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_entry(entry: Path, result: PhotoResult) -> PhotoResult:
    encoded: dict[str, bytes] = result.__dict__.pop("_encoded")
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=entry.parent))
    try:
        for name, blob in encoded.items():
            (staging / name).write_bytes(blob)
        meta = {
            "version": PROCESSING_VERSION, "digest": result.digest, "width": result.width,
            "height": result.height, "variants": result.variants, "social": result.social,
            "placeholder": result.placeholder, "findings": result.findings,
            "checksums": {name: hashlib.sha256(blob).hexdigest() for name, blob in sorted(encoded.items())},
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

    def __init__(self, path: Path, token: str, entries: dict[str, list[object]], cache_root: Path) -> None:
        self.path, self.token, self.entries, self.cache_root = path, token, entries, cache_root
        self.dirty = False

    @classmethod
    def load(cls, cache_root: Path, params: PhotoParams) -> SourceIndex:
        """The index for these settings; empty when absent, damaged or made with other settings."""
        token = hashlib.sha256(json.dumps([PROCESSING_VERSION, asdict(params)], sort_keys=True).encode()).hexdigest()
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
            tmp.write_text(json.dumps({"token": self.token, "entries": self.entries}, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass


def _process_job(job: tuple[str, PhotoParams, str, bool]) -> PhotoResult:
    source, params, cache_root, is_cover = job
    return process_photo(Path(source), params, Path(cache_root), is_cover)


def process_catalogue(catalogue: Catalogue, root: Path, params: PhotoParams, cache_root: Path, workers: int,
                      unpublished: Sequence[tuple[Photo, str]] = ()) -> tuple[dict[str, ProcessedPhoto], list[Problem]]:
    """Process every photo of every product in parallel; return them by source path, and problems.

    `unpublished` photos (of products that failed validation) are checked too, so their
    problems come in the same run; they are never published.
    """
    jobs: list[tuple[Photo, str, bool]] = []
    for product in catalogue.products:
        for index, photo in enumerate(product.photos):
            jobs.append((photo, product.source_path, index == 0))
    jobs += [(photo, yaml_path, photo.key == "foto[0]") for photo, yaml_path in unpublished]
    for producer in catalogue.producers:
        if producer.logo is not None:
            jobs.append((producer.logo, producer.source_path, False))
    # cache hits by file size and mtime: a warm build neither reads nor hashes the source photos
    index = SourceIndex.load(cache_root, params)
    results: list[PhotoResult | None] = [index.lookup(root / photo.source_path, cover) for photo, _, cover in jobs]
    missing = [i for i, result in enumerate(results) if result is None]
    args = [(str(root / jobs[i][0].source_path), params, str(cache_root), jobs[i][2]) for i in missing]
    if workers > 1 and len(args) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            fresh = list(pool.map(_process_job, args, chunksize=1))
    else:
        fresh = [_process_job(arg) for arg in args]
    for i, result in zip(missing, fresh):
        results[i] = result
        index.remember(root / jobs[i][0].source_path, jobs[i][2], result)
    index.save()

    processed: dict[str, ProcessedPhoto] = {}
    problems: list[Problem] = []
    for (photo, yaml_path, _), maybe in zip(jobs, results):
        result = maybe if maybe is not None else PhotoResult()
        folder = photo.source_path.rsplit("/", 1)[0]
        for level, template, values in result.findings:
            problems.append(problem(yaml_path, photo.line, photo.column, Level(level), photo.key, template,
                                    file_name=photo.file_name, folder=folder, **values))
        if result.has_error:
            continue
        entry = Path(result.entry_dir)
        variants = tuple(PhotoVariant(name, w, h, str(entry / name)) for name, w, h in result.variants)
        social = None
        if result.social:
            social = PhotoVariant(result.social, 1200, 630, str(entry / result.social))
        processed[photo.source_path] = ProcessedPhoto(photo, variants, social, result.placeholder)
    return processed, problems


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
        return [(0, 0, half_w, height), (width - half_w, 0, half_w, half_h), (width - half_w, height - half_h, half_w, half_h)]
    if count < SHARE_CARD_PHOTOS:
        return [(x, y, half_w, half_h) for y in (0, height - half_h) for x in (0, width - half_w)]
    return [(x, y, third_w, half_h) for y in (0, height - half_h) for x in (0, third_w + gap, width - third_w)]


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
        key_data = [PROCESSING_VERSION, SHARE_CARD_VERSION, list(self.params.social_size), self.params.social_quality,
                    # a rendition's cache path is content-addressed: entry key (source bytes and
                    # settings) and file name
                    [[Path(path).parent.name, Path(path).name, colour] for path, colour in sources]]
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
        return self._variant(tuple((photo.at_least(tile[2]).cache_path, photo.placeholder_color) for photo, tile in zip(chosen, tiles)))

    def default(self) -> PhotoVariant:
        """The site's own card, drawn in the logo's colours: for pages with no product."""
        return self._variant(())

    def make(self, workers: int) -> int:
        """Compose every requested card the cache does not hold intact; returns how many."""
        missing = [job for job in self.jobs.values() if _read_entry(self.cache_root / job.key[:2] / job.key) is None]
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
    result = PhotoResult(digest=job.key, width=width, height=height, social=name)
    result._encoded = {name: data}  # type: ignore[attr-defined]
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
            canvas = ImageOps.pad(photo.convert("RGB"), size, Image.Resampling.LANCZOS, color=colour)
    else:
        canvas = Image.new("RGB", size, SHARE_GAP_COLOUR)
        for (path, _), (left, top, width, height) in zip(sources, share_layout(len(sources), size)):
            with Image.open(path) as photo:
                tile = ImageOps.fit(photo.convert("RGB"), (width, height), Image.Resampling.LANCZOS)
            canvas.paste(tile, (left, top))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=params.social_quality, optimize=True)
    return buffer.getvalue()


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
    draw.text((text_left, height / 2 - 20 * scale), "Beli Produk NTT", font=name, fill=(255, 255, 255), anchor="ls")
    draw.text((text_left, height / 2 + 50 * scale), "Katalog produk UMKM", font=line, fill=SHARE_CREAM, anchor="ls")
    draw.text((text_left, height / 2 + 104 * scale), "Nusa Tenggara Timur", font=line, fill=SHARE_CREAM, anchor="ls")
    return image.resize(size, Image.Resampling.LANCZOS)


def strip_metadata(folder: Path) -> int:
    """Rewrite the photos under `folder` in place without EXIF, GPS or XMP; return how many changed.

    For producers: the originals sit in a public repository. Orientation is applied to the
    pixels first, so the photo still stands upright without its EXIF tag.
    """
    changed = 0
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.suffix.lower() not in (".jpg", ".jpeg", ".png", ".webp"):
            continue
        try:
            with Image.open(path) as image:
                has_metadata = bool(image.getexif()) or "xmp" in image.info or "XML:com.adobe.xmp" in image.info
                if not has_metadata:
                    continue
                image.load()
                upright = ImageOps.exif_transpose(image)
                fmt = image.format
                icc = image.info.get("icc_profile")
            upright.info = {}
            buffer = io.BytesIO()
            options: dict[str, object] = {"icc_profile": icc} if icc else {}
            if fmt == "JPEG":
                options.update(quality=95, subsampling=0)
            elif fmt == "WEBP":
                options.update(quality=95)
            upright.save(buffer, fmt, **options)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(buffer.getvalue())
            os.replace(tmp, path)
            changed += 1
        except (OSError, UnidentifiedImageError, ValueError):
            continue  # `validate` reports unreadable photos; stripping leaves them alone
    return changed

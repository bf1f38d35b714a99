#!/usr/bin/env python3
"""Draw the photos of the sample catalogue in products/ (all products there are fictional).

Every photo is a drawing made with Pillow that looks enough like a product photo to
show how the site handles real ones: a wall and table (or a paper sweep) with soft
light, a contact shadow, the product as a shape with a printed label, and mild
sensor-like noise so the JPEG compresses like a photograph.

Deliberate test material among them:
- products/sei-oesapa-contoh/sei-babi-asap/sei-babi-2.jpg is a "phone photo":
  pixels stored rotated with EXIF Orientation=6, Make/Model Samsung / Galaxy A05,
  a capture date, and GPS coordinates of a public place in Kota Kupang (so the
  validator's GPS warning and the orientation fix have something to act on);
- one PNG (sabun-kelor-2.png) and one WebP (keripik-pisang-2.webp).

Deterministic: every photo has its own fixed random seed, and the same Pillow
version with the same fonts writes the same bytes. The label font is the first of
DejaVu / Liberation found on the machine, else Pillow's built-in font, so another
machine may draw slightly different letters.

Usage (from the repository root):
    .venv/bin/python scripts/make_sample_photos.py            # write all photos
    .venv/bin/python scripts/make_sample_photos.py madu kopi  # only names containing these
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = ROOT / "products"

SUPERSAMPLE = 2  # draw at twice the size, then downscale: smooth edges without per-shape AA
JPEG_QUALITY = 82
WEBP_QUALITY = 80

Color = tuple[int, int, int]
BILINEAR = Image.Resampling.BILINEAR
LANCZOS = Image.Resampling.LANCZOS

# --------------------------------------------------------------------------- fonts

FONT_FILES = {
    ("sans", True): [
        "DejaVuSans-Bold.ttf",
        "LiberationSans-Bold.ttf",
        "Arial Bold.ttf",
        "arialbd.ttf",
    ],
    ("sans", False): ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"],
    ("serif", True): [
        "DejaVuSerif-Bold.ttf",
        "LiberationSerif-Bold.ttf",
        "Georgia Bold.ttf",
        "georgiab.ttf",
    ],
    ("serif", False): [
        "DejaVuSerif.ttf",
        "LiberationSerif-Regular.ttf",
        "Georgia.ttf",
        "georgia.ttf",
    ],
    ("narrow", True): [
        "DejaVuSansCondensed-Bold.ttf",
        "LiberationSansNarrow-Bold.ttf",
        "DejaVuSans-Bold.ttf",
    ],
}
FONT_DIRS = [
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
]


@cache
def _font_path(style: str, bold: bool) -> str | None:
    for name in FONT_FILES[(style, bold)]:
        for folder in FONT_DIRS:
            if not folder.is_dir():
                continue
            direct = folder / name
            if direct.is_file():
                return str(direct)
            for found in sorted(folder.rglob(name)):
                return str(found)
    return None


@cache
def font(size: int, style: str = "sans", bold: bool = True) -> ImageFont.FreeTypeFont:
    path = _font_path(style, bold)
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


# --------------------------------------------------------------------------- colour helpers


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


def darker(c: Color, f: float) -> Color:
    return mix(c, (0, 0, 0), f)


def lighter(c: Color, f: float) -> Color:
    return mix(c, (255, 255, 255), f)


def _stops_at(stops: list[tuple[float, Color]], t: float) -> Color:
    for (t0, c0), (t1, c1) in itertools.pairwise(stops):
        if t <= t1:
            return mix(c0, c1, 0 if t1 == t0 else (t - t0) / (t1 - t0))
    return stops[-1][1]


def gradient(
    size: tuple[int, int], stops: list[tuple[float, Color]], vertical: bool = True
) -> Image.Image:
    """An RGB image of `size` shaded through colour `stops` [(0..1, colour)] top-down (or left-right)."""
    n = 512
    strip = Image.new("RGB", (1, n) if vertical else (n, 1))
    strip.putdata([_stops_at(stops, i / (n - 1)) for i in range(n)])
    return strip.resize(size, BILINEAR)


def profile(
    size: tuple[int, int], fn: Callable[[float], float], vertical: bool = False
) -> Image.Image:
    """An L image whose value along x (or y) is 255*fn(t), t in 0..1."""
    n = 512
    strip = Image.new("L", (n, 1) if not vertical else (1, n))
    strip.putdata([max(0, min(255, round(255 * fn(i / (n - 1))))) for i in range(n)])
    return strip.resize(size, BILINEAR)


def scaled(mask: Image.Image, factor: float) -> Image.Image:
    return mask.point([round(v * factor) for v in range(256)])


# --------------------------------------------------------------------------- canvas


class Canvas:
    """The photo being drawn, at SUPERSAMPLE times its final size. Coordinates are canvas pixels."""

    def __init__(self, width: int, height: int):
        self.final_size = (width, height)
        self.W, self.H = width * SUPERSAMPLE, height * SUPERSAMPLE
        self.img = Image.new("RGB", (self.W, self.H), (200, 200, 200))
        self.draw = ImageDraw.Draw(self.img)

    @property
    def size(self) -> tuple[int, int]:
        return (self.W, self.H)

    def u(self, f: float) -> float:
        """A length as a fraction of the shorter side."""
        return f * min(self.W, self.H)

    def mask(self, draw_fn: Callable[[ImageDraw.ImageDraw], None]) -> Image.Image:
        m = Image.new("L", self.size, 0)
        draw_fn(ImageDraw.Draw(m))
        return m

    def paint(
        self, fill, mask: Image.Image, opacity: float = 1.0, box: tuple[int, int] = (0, 0)
    ) -> None:
        """Lay `fill` (a colour or an RGB image the size of the mask) through `mask`."""
        if opacity < 1:
            mask = scaled(mask, opacity)
        self.img.paste(fill, box, mask)

    def paste_rgba(self, tile: Image.Image, x: float, y: float) -> None:
        """Composite an RGBA tile with its top-left corner at (x, y)."""
        self.img.paste(tile, (round(x), round(y)), tile)

    def shade_cylinder(
        self,
        mask: Image.Image,
        bbox,
        dark: float = 0.42,
        light: float = 0.30,
        light_at: float = 0.27,
        light_width: float = 0.07,
    ) -> None:
        """Darken the edges and add a highlight band, as on a round object lit from the left."""
        x0, y0, x1, y1 = (round(v) for v in bbox)
        w, h = max(1, x1 - x0), max(1, y1 - y0)
        local = mask.crop((x0, y0, x1, y1))
        shadow = profile((w, h), lambda t: dark * min(1.0, abs(t - 0.42) / 0.58) ** 2.0)
        shine = profile((w, h), lambda t: light * math.exp(-(((t - light_at) / light_width) ** 2)))
        self.img.paste((0, 0, 0), (x0, y0), ImageChops.multiply(local, shadow))
        self.img.paste((255, 255, 255), (x0, y0), ImageChops.multiply(local, shine))

    def shade_vertical(
        self,
        mask: Image.Image,
        bbox,
        top: float = 0.0,
        bottom: float = 0.25,
        color: Color = (0, 0, 0),
    ) -> None:
        x0, y0, x1, y1 = (round(v) for v in bbox)
        w, h = max(1, x1 - x0), max(1, y1 - y0)
        local = mask.crop((x0, y0, x1, y1))
        ramp = profile((w, h), lambda t: top + (bottom - top) * t, vertical=True)
        self.img.paste(color, (x0, y0), ImageChops.multiply(local, ramp))

    def soft(
        self,
        shape: str,
        coords,
        strength: float,
        blur: float,
        color: Color = (0, 0, 0),
        radius: float = 0.0,
    ) -> None:
        """A blurred shape (shadow or glow), computed at 1/8 size for speed."""
        f = 8
        small = Image.new("L", (self.W // f, self.H // f), 0)
        d = ImageDraw.Draw(small)
        if shape == "ellipse":
            d.ellipse([v / f for v in coords], fill=255)
        elif shape == "rect":
            d.rounded_rectangle([v / f for v in coords], radius=radius / f, fill=255)
        elif shape == "poly":
            d.polygon([(x / f, y / f) for x, y in coords], fill=255)
        small = small.filter(ImageFilter.GaussianBlur(max(0.5, blur / f)))
        self.paint(color, small.resize(self.size, BILINEAR), strength)

    def finish(self, rng: random.Random, noise: float = 4.0) -> Image.Image:
        img = self.img.resize(self.final_size, LANCZOS)
        return add_noise(img, rng, noise) if noise else img


def add_noise(img: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    """Mild luminance grain, like a phone sensor in room light."""
    w, h = img.size
    raw = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    lut = [max(0, min(255, round(128 + (v - 127.5) / 127.5 * amount * 1.8))) for v in range(256)]
    grain = raw.point(lut).filter(ImageFilter.GaussianBlur(0.45))
    return ImageChops.add(img, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)


# --------------------------------------------------------------------------- text and labels


def fit_text(
    draw: ImageDraw.ImageDraw,
    text: str,
    box,
    fill: Color,
    style: str = "sans",
    bold: bool = True,
    max_lines: int = 3,
    max_size: int | None = None,
    align: str = "center",
    spacing: float = 1.12,
) -> None:
    """Write `text` as large as it fits in `box`, wrapped on words."""
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    size = int(max_size or bh)
    words = text.split()
    while size > 6:
        f = font(size, style, bold)
        lines: list[str] = []
        for word in words:
            trial = (lines[-1] + " " + word) if lines else word
            if lines and draw.textlength(trial, font=f) <= bw:
                lines[-1] = trial
            else:
                lines.append(word)
        line_h = size * spacing
        too_wide = any(draw.textlength(line, font=f) > bw for line in lines)
        if len(lines) <= max_lines and not too_wide and line_h * len(lines) <= bh * 1.02:
            top = y0 + (bh - line_h * len(lines)) / 2
            for i, line in enumerate(lines):
                lw = draw.textlength(line, font=f)
                x = {"center": x0 + (bw - lw) / 2, "left": x0, "right": x1 - lw}[align]
                draw.text((x, top + i * line_h + (line_h - size) / 2), line, font=f, fill=fill)
            return
        size = int(size * 0.93)


def ikat_band(
    draw: ImageDraw.ImageDraw, box, colors: list[Color], background: Color | None = None
) -> None:
    """A row of small diamonds with hooks, the label ornament."""
    x0, y0, x1, y1 = box
    if background:
        draw.rectangle(box, fill=background)
    h = y1 - y0
    step = h * 1.1
    n = max(1, int((x1 - x0) // step))
    pad = ((x1 - x0) - n * step) / 2
    for i in range(n):
        cx = x0 + pad + step * (i + 0.5)
        cy = (y0 + y1) / 2
        c = colors[i % len(colors)]
        r = h * 0.46
        draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=c)
        r2 = r * 0.45
        inner = colors[(i + 1) % len(colors)]
        draw.polygon([(cx, cy - r2), (cx + r2, cy), (cx, cy + r2), (cx - r2, cy)], fill=inner)


@dataclass
class Label:
    title: str
    subtitle: str = ""
    bg: Color = (246, 238, 220)
    fg: Color = (70, 38, 20)
    accent: Color = (160, 40, 30)
    style: str = "sans"
    ornament: bool = True
    title_share: float = 0.56  # part of the label height for the title


def draw_label(
    c: Canvas, box, label: Label, radius: float | None = None, border: bool = True
) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    r = radius if radius is not None else min(w, h) * 0.06
    d = c.draw
    d.rounded_rectangle(box, radius=r, fill=label.bg)
    if border:
        inset = min(w, h) * 0.035
        d.rounded_rectangle(
            (x0 + inset, y0 + inset, x1 - inset, y1 - inset),
            radius=max(1, r * 0.7),
            outline=label.accent,
            width=max(2, round(min(w, h) * 0.012)),
        )
    pad = w * 0.08
    top = y0 + h * 0.08
    title_h = h * label.title_share
    fit_text(
        d,
        label.title,
        (x0 + pad, top, x1 - pad, top + title_h),
        label.fg,
        label.style,
        True,
        max_lines=3,
    )
    y = top + title_h
    if label.subtitle:
        sub_h = h * 0.15
        fit_text(
            d,
            label.subtitle,
            (x0 + pad, y + h * 0.01, x1 - pad, y + sub_h),
            label.accent,
            "sans",
            False,
            max_lines=1,
            max_size=int(sub_h * 0.8),
        )
        y += sub_h
    if label.ornament and y1 - y > h * 0.12:
        band_h = min(h * 0.07, (y1 - y) * 0.5)
        by = y + (y1 - h * 0.06 - y - band_h) / 2
        ikat_band(
            d,
            (x0 + pad, by, x1 - pad, by + band_h),
            [label.accent, label.fg, lighter(label.accent, 0.5)],
        )


def hang_tag(
    c: Canvas,
    x: float,
    y: float,
    w: float,
    h: float,
    angle: float,
    label: Label,
    string_to: tuple[float, float] | None = None,
) -> None:
    """A paper tag with a hole and a string, rotated by `angle` degrees."""
    tile = Image.new("RGBA", (round(w), round(h)), (0, 0, 0, 0))
    sub = _TileCanvas(tile)
    d = ImageDraw.Draw(tile)
    notch = w * 0.18
    d.polygon(
        [(notch, 0), (w - notch, 0), (w, notch), (w, h), (0, h), (0, notch)], fill=label.bg + (255,)
    )
    hole_r = w * 0.05
    d.ellipse(
        (w / 2 - hole_r, notch * 0.55 - hole_r, w / 2 + hole_r, notch * 0.55 + hole_r),
        fill=(0, 0, 0, 0),
    )
    sub_label = Label(
        label.title,
        label.subtitle,
        label.bg,
        label.fg,
        label.accent,
        label.style,
        label.ornament,
        label.title_share,
    )
    draw_label(sub, (0, notch * 1.1, w, h), sub_label, radius=0, border=False)
    rotated = tile.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    cx, cy = x + w / 2, y + h / 2
    c.soft(
        "rect",
        (x + w * 0.06, y + h * 0.08, x + w * 1.06, y + h * 1.06),
        0.35,
        w * 0.08,
        radius=w * 0.05,
    )
    if string_to:
        # the hole after rotation
        a = math.radians(-angle)
        hx, hy = 0, notch * 0.55 - h / 2
        hole = (cx + hx * math.cos(a) - hy * math.sin(a), cy + hx * math.sin(a) + hy * math.cos(a))
        c.draw.line(
            [
                hole,
                ((hole[0] + string_to[0]) / 2, max(hole[1], string_to[1]) + h * 0.05),
                string_to,
            ],
            fill=(235, 225, 205),
            width=max(2, round(w * 0.012)),
            joint="curve",
        )
    c.paste_rgba(rotated, cx - rotated.width / 2, cy - rotated.height / 2)


class _TileCanvas:
    """Just enough of Canvas for draw_label() to draw on an RGBA tile."""

    def __init__(self, tile: Image.Image):
        self.img = tile
        self.draw = ImageDraw.Draw(tile)


# --------------------------------------------------------------------------- settings


def backdrop(
    c: Canvas,
    rng: random.Random,
    wall: tuple[Color, Color],
    table: tuple[Color, Color],
    horizon: float = 0.55,
    surface: str = "wood",
    light: tuple[float, float] = (0.22, 0.18),
) -> None:
    """Wall and table, or (surface="sweep") one curved paper backdrop."""
    W, H = c.size
    if surface == "sweep":
        c.img.paste(
            gradient((W, H), [(0, wall[0]), (0.5, wall[1]), (0.75, table[0]), (1, table[1])]),
            (0, 0),
        )
    else:
        hy = round(H * horizon)
        c.img.paste(gradient((W, hy), [(0, wall[0]), (1, wall[1])]), (0, 0))
        c.img.paste(gradient((W, H - hy), [(0, table[0]), (1, table[1])]), (0, hy))
        if surface == "wood":
            wood_grain(c, rng, (0, hy, W, H), darker(table[0], 0.35))
        elif surface == "linen":
            linen(c, rng, (0, hy, W, H), table[0])
        c.soft(
            "rect",
            (-W * 0.1, hy - c.u(0.004), W * 1.1, hy + c.u(0.012)),
            0.35,
            c.u(0.01),
            color=lighter(table[0], 0.6),
        )
        c.soft("rect", (-W * 0.1, hy - c.u(0.03), W * 1.1, hy), 0.18, c.u(0.02))
    lx, ly = light
    c.soft(
        "ellipse",
        (W * (lx - 0.45), H * (ly - 0.45), W * (lx + 0.45), H * (ly + 0.45)),
        0.22,
        c.u(0.25),
        color=(255, 250, 240),
    )
    vignette(c, 0.32)


def wood_grain(c: Canvas, rng: random.Random, box, color: Color) -> None:
    x0, y0, _x1, y1 = box
    m = Image.new("L", c.size, 0)
    d = ImageDraw.Draw(m)
    n = 70
    plank_every = 14
    for i in range(n):
        t = i / n
        y = y0 + (y1 - y0) * t**1.25
        amp = c.u(0.004) * (1 + 3 * t)
        freq = rng.uniform(0.6, 2.2) / c.W * math.tau
        phase = rng.uniform(0, math.tau)
        step = c.W / 80
        pts = [
            (x, y + amp * math.sin(x * freq + phase) + amp * 0.4 * math.sin(x * freq * 3.1 + phase))
            for x in [x0 + k * step for k in range(82)]
        ]
        strong = i % plank_every == 0
        d.line(
            pts,
            fill=150 if strong else rng.randint(28, 80),
            width=max(
                1, round(c.u(0.0025) * (1 + 1.5 * t) * (1.6 if strong else rng.uniform(0.5, 1.2)))
            ),
        )
    m = m.filter(ImageFilter.GaussianBlur(c.u(0.0015)))
    c.paint(color, m, 0.55)


def linen(c: Canvas, rng: random.Random, box, base: Color) -> None:
    x0, y0, x1, y1 = box
    m = Image.new("L", c.size, 0)
    d = ImageDraw.Draw(m)
    step = max(3, round(c.u(0.004)))
    for y in range(round(y0), round(y1), step):
        d.line([(x0, y), (x1, y)], fill=rng.randint(10, 45), width=1)
    for x in range(round(x0), round(x1), step):
        d.line([(x, y0), (x, y1)], fill=rng.randint(5, 30), width=1)
    c.paint(darker(base, 0.4), m.filter(ImageFilter.GaussianBlur(0.6)), 0.8)


def vignette(c: Canvas, strength: float) -> None:
    f = 16
    small = Image.new("L", (c.W // f, c.H // f), 255)
    ImageDraw.Draw(small).ellipse(
        (-c.W * 0.12 / f, -c.H * 0.15 / f, c.W * 1.12 / f, c.H * 1.15 / f), fill=0
    )
    small = small.filter(ImageFilter.GaussianBlur(c.u(0.12) / f))
    c.paint((0, 0, 0), small.resize(c.size, BILINEAR), strength)


def contact_shadow(c: Canvas, cx: float, base: float, w: float, strength: float = 0.5) -> None:
    """The soft shadow under an object standing at `base`, light from upper left."""
    c.soft(
        "poly",
        [
            (cx - w * 0.45, base),
            (cx + w * 0.55, base),
            (cx + w * 1.15, base + w * 0.22),
            (cx + w * 0.05, base + w * 0.26),
        ],
        strength * 0.45,
        w * 0.12,
    )
    c.soft(
        "ellipse",
        (cx - w * 0.55, base - w * 0.05, cx + w * 0.6, base + w * 0.08),
        strength,
        w * 0.05,
    )


# --------------------------------------------------------------------------- containers


def jar(
    c: Canvas,
    cx: float,
    base: float,
    w: float,
    h: float,
    fill: tuple[Color, Color],
    lid: Color,
    label: Label,
    level: float = 0.92,
    chunks: list[Color] | None = None,
    rng: random.Random | None = None,
    opaque: Color | None = None,
    lid_h: float = 0.15,
    label_span: tuple[float, float] = (0.30, 0.80),
) -> None:
    """A glass jar (or, with `opaque`, a plastic pot) with contents, lid and wrap-around label."""
    x0, x1 = cx - w / 2, cx + w / 2
    top = base - h
    lid_bottom = top + h * lid_h
    body = (x0, lid_bottom + h * 0.02, x1, base)
    r = w * 0.13
    contact_shadow(c, cx, base, w)
    body_mask = c.mask(lambda d: d.rounded_rectangle(body, radius=r, fill=255))
    if opaque:
        c.paint(opaque, body_mask)
    else:
        c.paint((235, 240, 240), body_mask, 0.22)
        inset = w * 0.035
        inner_top = body[1] + (body[3] - body[1]) * (1 - level)
        inner = (x0 + inset, inner_top, x1 - inset, base - inset)
        inner_mask = c.mask(lambda d: d.rounded_rectangle(inner, radius=r * 0.8, fill=255))
        c.paint(
            gradient((round(w), round(h)), [(0, fill[0]), (1, fill[1])]).crop(
                (0, 0, round(inner[2]) - round(inner[0]), round(inner[3]) - round(inner[1]))
            ),
            inner_mask.crop(tuple(round(v) for v in inner)),
            0.97,
            box=(round(inner[0]), round(inner[1])),
        )
        if chunks and rng:
            d = c.draw
            for _ in range(int(w * h / (c.u(0.012) ** 2) * 0.10)):
                px = rng.uniform(inner[0] + inset, inner[2] - inset)
                py = rng.uniform(inner[1] + inset, inner[3] - inset)
                s = rng.uniform(0.3, 1.0) * c.u(0.008)
                d.ellipse((px - s, py - s * 0.7, px + s, py + s * 0.7), fill=rng.choice(chunks))
        # the meniscus
        c.draw.ellipse(
            (inner[0], inner_top - w * 0.02, inner[2], inner_top + w * 0.03),
            fill=lighter(fill[0], 0.25),
        )
    ly0 = body[1] + (body[3] - body[1]) * label_span[0]
    ly1 = body[1] + (body[3] - body[1]) * label_span[1]
    draw_label(c, (x0 + w * 0.015, ly0, x1 - w * 0.015, ly1), label, radius=w * 0.01)
    c.shade_cylinder(body_mask, body, dark=0.38, light=0.0)
    # glass highlights
    hl = c.mask(
        lambda d: (
            d.rounded_rectangle(
                (x0 + w * 0.1, body[1] + h * 0.05, x0 + w * 0.15, base - h * 0.06),
                radius=w * 0.02,
                fill=255,
            ),
            d.rounded_rectangle(
                (x1 - w * 0.13, body[1] + h * 0.08, x1 - w * 0.105, base - h * 0.2),
                radius=w * 0.01,
                fill=150,
            ),
        )
    )
    c.paint(
        (255, 255, 255),
        hl.filter(ImageFilter.GaussianBlur(w * 0.006)),
        0.55 if not opaque else 0.35,
    )
    c.draw.rounded_rectangle(
        body,
        radius=r,
        outline=lighter(opaque or (200, 205, 205), 0.3),
        width=max(1, round(w * 0.006)),
    )
    # neck and lid
    neck = (x0 + w * 0.06, lid_bottom - h * 0.01, x1 - w * 0.06, lid_bottom + h * 0.04)
    c.draw.rounded_rectangle(
        neck, radius=w * 0.03, fill=mix(opaque or (215, 220, 218), (255, 255, 255), 0.2)
    )
    lid_box = (x0 + w * 0.03, top, x1 - w * 0.03, lid_bottom)
    lid_mask = c.mask(lambda d: d.rounded_rectangle(lid_box, radius=w * 0.04, fill=255))
    c.paint(lid, lid_mask)
    ridges = c.mask(
        lambda d: [
            d.line(
                [(x, top + h * 0.015), (x, lid_bottom - h * 0.015)],
                fill=90,
                width=max(1, round(w * 0.006)),
            )
            for x in [lid_box[0] + k * w * 0.03 for k in range(1, int(0.94 / 0.03))]
        ]
    )
    c.paint(darker(lid, 0.5), ridges)
    c.shade_cylinder(lid_mask, lid_box, dark=0.5, light=0.35)


def pouch(
    c: Canvas,
    cx: float,
    base: float,
    w: float,
    h: float,
    color: Color,
    label: Label,
    window: Callable[[Image.Image, random.Random], None] | None = None,
    rng: random.Random | None = None,
    valve: bool = False,
    kraft_label: bool = True,
) -> None:
    """A stand-up pouch with a zip seal, an optional window showing the contents, and a label."""
    x0, x1 = cx - w / 2, cx + w / 2
    top = base - h
    contact_shadow(c, cx, base, w * 0.95)
    outline = [
        (x0 + w * 0.02, top),
        (x1 - w * 0.02, top),
        (x1, top + h * 0.15),
        (x1 + w * 0.012, base - h * 0.06),
        (x1 - w * 0.03, base),
        (x0 + w * 0.03, base),
        (x0 - w * 0.012, base - h * 0.06),
        (x0, top + h * 0.15),
    ]
    m = c.mask(lambda d: d.polygon(outline, fill=255))
    c.paint(color, m)
    bbox = (x0 - w * 0.02, top, x1 + w * 0.02, base)
    # seal strip with crimp lines, and the zip
    seal_h = h * 0.075
    crimp = c.mask(
        lambda d: [
            d.line(
                [(x, top + seal_h * 0.15), (x, top + seal_h)],
                fill=70,
                width=max(1, round(w * 0.004)),
            )
            for x in [x0 + w * 0.03 + k * w * 0.012 for k in range(int(0.94 / 0.012))]
        ]
    )
    c.paint(darker(color, 0.45), crimp)
    zy = top + h * 0.12
    c.draw.line(
        [(x0 + w * 0.01, zy), (x1 - w * 0.01, zy)], fill=darker(color, 0.3), width=round(h * 0.008)
    )
    c.draw.line(
        [(x0 + w * 0.01, zy + h * 0.008), (x1 - w * 0.01, zy + h * 0.008)],
        fill=lighter(color, 0.25),
        width=round(h * 0.004),
    )
    if valve:
        vr = w * 0.045
        vx, vy = cx, top + h * 0.22
        c.draw.ellipse(
            (vx - vr, vy - vr, vx + vr, vy + vr),
            fill=darker(color, 0.25),
            outline=lighter(color, 0.2),
            width=round(vr * 0.15),
        )
        c.draw.ellipse(
            (vx - vr * 0.35, vy - vr * 0.35, vx + vr * 0.35, vy + vr * 0.35),
            fill=darker(color, 0.5),
        )
    lbox = (x0 + w * 0.1, top + h * 0.30, x1 - w * 0.1, top + h * (0.64 if window else 0.78))
    draw_label(c, lbox, label, radius=w * 0.03)
    if window and rng:
        wbox = (
            round(x0 + w * 0.2),
            round(top + h * 0.69),
            round(x1 - w * 0.2),
            round(base - h * 0.07),
        )
        ww, wh = wbox[2] - wbox[0], wbox[3] - wbox[1]
        tile = Image.new("RGB", (ww, wh), lighter(color, 0.1))
        window(tile, rng)
        wm = Image.new("L", (ww, wh), 0)
        ImageDraw.Draw(wm).rounded_rectangle(
            (0, 0, ww - 1, wh - 1), radius=min(ww, wh) * 0.35, fill=255
        )
        c.paint(tile, wm, box=(wbox[0], wbox[1]))
        c.draw.rounded_rectangle(
            wbox,
            radius=min(ww, wh) * 0.35,
            outline=lighter(color, 0.35),
            width=max(2, round(w * 0.006)),
        )
        # plastic sheen on the window
        sheen = Image.new("L", (ww, wh), 0)
        ImageDraw.Draw(sheen).polygon(
            [(ww * 0.1, 0), (ww * 0.3, 0), (ww * 0.15, wh), (0, wh)], fill=80
        )
        c.paint((255, 255, 255), ImageChops.multiply(sheen, wm), 0.6, box=(wbox[0], wbox[1]))
    c.shade_cylinder(m, bbox, dark=0.45, light=0.22, light_at=0.3, light_width=0.09)
    c.shade_vertical(m, bbox, 0.0, 0.18)
    c.soft(
        "poly",
        [
            (x0 + w * 0.03, base - h * 0.05),
            (x1 - w * 0.03, base - h * 0.05),
            (x1 - w * 0.05, base),
            (x0 + w * 0.05, base),
        ],
        0.22,
        w * 0.02,
    )  # bottom gusset
    c.draw.line(outline + [outline[0]], fill=lighter(color, 0.15), width=max(1, round(w * 0.004)))


def bottle(
    c: Canvas,
    cx: float,
    base: float,
    w: float,
    h: float,
    label: Label,
    cap: Color,
    liquid: Color | None,
    tint: Color = (225, 238, 245),
    tint_alpha: float = 0.25,
    level: float = 0.86,
    neck: float = 0.36,
    shoulder: float = 0.62,
    cap_h: float = 0.10,
    ridges: bool = True,
    label_span: tuple[float, float] = (0.22, 0.5),
    opaque: bool = False,
    droplets: random.Random | None = None,
) -> None:
    """A bottle (PET or glass): round-shouldered profile, liquid, band label, screw cap."""
    top = base - h
    body_top = top + h * cap_h
    neck_w = w * neck

    def half_width(y: float) -> float:
        t = (base - y) / (base - body_top)  # 0 at base, 1 at neck top
        if t <= shoulder:
            return w / 2
        if t >= 0.9:
            return neck_w / 2
        s = (t - shoulder) / (0.9 - shoulder)
        return neck_w / 2 + (w - neck_w) / 2 * (0.5 + 0.5 * math.cos(math.pi * s))

    r = w * 0.12
    ys = [base - (base - body_top) * k / 120 for k in range(121)]
    left, right = [], []
    for y in ys:
        hw = half_width(y)
        dy = base - y
        if dy < r:  # rounded bottom corners
            hw = hw - r + math.sqrt(max(0.0, r * r - (r - dy) ** 2))
        left.append((cx - hw, y))
        right.append((cx + hw, y))
    outline = left + right[::-1]
    contact_shadow(c, cx, base, w)
    m = c.mask(lambda d: d.polygon(outline, fill=255))
    bbox = (cx - w / 2, body_top, cx + w / 2, base)
    c.paint(tint, m, 1.0 if opaque else tint_alpha)
    if liquid and not opaque:
        ly = base - (base - body_top) * level
        lm = ImageChops.multiply(m, c.mask(lambda d: d.rectangle((0, ly, c.W, base), fill=255)))
        c.paint(liquid, lm, 0.85)
        c.draw.line(
            [(cx - half_width(ly) + w * 0.02, ly), (cx + half_width(ly) - w * 0.02, ly)],
            fill=lighter(liquid, 0.5),
            width=max(2, round(w * 0.012)),
        )
    if ridges:
        rm = c.mask(
            lambda d: [
                d.line([(cx - w / 2, y), (cx + w / 2, y)], fill=110, width=max(2, round(h * 0.006)))
                for y in [base - h * f for f in (0.08, 0.11, 0.60, 0.63)]
            ]
        )
        c.paint((255, 255, 255), ImageChops.multiply(rm, m), 0.5)
    ly0 = base - (base - body_top) * label_span[1]
    ly1 = base - (base - body_top) * label_span[0]
    draw_label(c, (cx - w / 2, ly0, cx + w / 2, ly1), label, radius=0)
    c.shade_cylinder(m, bbox, dark=0.35 if not opaque else 0.45, light=0.45 if not opaque else 0.3)
    if droplets:
        for _ in range(60):
            y = droplets.uniform(body_top + h * 0.3, base - h * 0.05)
            if ly0 - h * 0.01 < y < ly1 + h * 0.01:
                continue
            hw = half_width(y) * 0.85
            x = droplets.uniform(cx - hw, cx + hw)
            s = droplets.uniform(0.3, 1.0) * w * 0.018
            c.draw.ellipse((x - s, y - s * 1.2, x + s, y + s * 1.2), fill=lighter(tint, 0.55))
            c.draw.ellipse(
                (x - s * 0.4, y - s * 0.8, x + s * 0.1, y - s * 0.2), fill=(255, 255, 255)
            )
    c.draw.line(outline + [outline[0]], fill=lighter(tint, 0.5), width=max(1, round(w * 0.008)))
    cap_box = (cx - neck_w / 2 - w * 0.03, top, cx + neck_w / 2 + w * 0.03, body_top + h * 0.012)
    cm = c.mask(lambda d: d.rounded_rectangle(cap_box, radius=w * 0.03, fill=255))
    c.paint(cap, cm)
    rid = c.mask(
        lambda d: [
            d.line([(x, top + h * 0.01), (x, body_top)], fill=100, width=max(1, round(w * 0.008)))
            for x in [
                cap_box[0] + k * w * 0.035
                for k in range(1, int((cap_box[2] - cap_box[0]) / (w * 0.035)))
            ]
        ]
    )
    c.paint(darker(cap, 0.5), rid)
    c.draw.rectangle(
        (cap_box[0] + w * 0.01, body_top - h * 0.004, cap_box[2] - w * 0.01, body_top + h * 0.012),
        fill=darker(cap, 0.2),
    )
    c.shade_cylinder(cm, cap_box, dark=0.5, light=0.4)


# --------------------------------------------------------------------------- small things


def scatter(
    c: Canvas,
    rng: random.Random,
    n: int,
    area,
    make: Callable[[random.Random], Image.Image],
    avoid: list | None = None,
) -> None:
    """Drop `n` small RGBA items, randomly rotated, inside `area` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = area
    placed = 0
    tries = 0
    while placed < n and tries < n * 20:
        tries += 1
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if avoid and any(a[0] < x < a[2] and a[1] < y < a[3] for a in avoid):
            continue
        item = make(rng).rotate(rng.uniform(0, 360), resample=Image.Resampling.BICUBIC, expand=True)
        shadow = item.getchannel("A").filter(ImageFilter.GaussianBlur(item.width * 0.08))
        c.paint(
            (0, 0, 0),
            shadow,
            0.35,
            box=(
                round(x - item.width / 2 + item.width * 0.06),
                round(y - item.height / 2 + item.height * 0.1),
            ),
        )
        c.paste_rgba(item, x - item.width / 2, y - item.height / 2)
        placed += 1


def heap(
    tile: Image.Image,
    rng: random.Random,
    make: Callable[[random.Random], Image.Image],
    density: float = 1.2,
    size_hint: float | None = None,
) -> None:
    """Fill an RGB tile with overlapping items (the view into a pouch, bowl or plate)."""
    w, h = tile.size
    s = size_hint or make(rng).width
    n = int(w * h / (s * s) * density)
    for _ in range(n):
        item = make(rng).rotate(rng.uniform(0, 360), resample=Image.Resampling.BICUBIC, expand=True)
        x, y = rng.uniform(-s * 0.3, w + s * 0.3), rng.uniform(-s * 0.3, h + s * 0.3)
        sh = item.getchannel("A").filter(ImageFilter.GaussianBlur(max(1, item.width * 0.06)))
        tile.paste(
            (0, 0, 0),
            (round(x - item.width / 2 + 3), round(y - item.height / 2 + 5)),
            scaled(sh, 0.45),
        )
        tile.paste(item, (round(x - item.width / 2), round(y - item.height / 2)), item)


def item_tile(w: float, h: float) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    im = Image.new("RGBA", (max(2, round(w)), max(2, round(h))), (0, 0, 0, 0))
    return im, ImageDraw.Draw(im)


def coffee_bean(size: float, roast: Color = (78, 45, 28)) -> Callable[[random.Random], Image.Image]:
    def make(rng: random.Random) -> Image.Image:
        s = size * rng.uniform(0.85, 1.15)
        im, d = item_tile(s, s * 0.75)
        col = mix(roast, (0, 0, 0), rng.uniform(0, 0.25))
        d.ellipse((0, 0, s - 1, s * 0.75 - 1), fill=col + (255,))
        d.ellipse((s * 0.12, s * 0.08, s * 0.6, s * 0.38), fill=lighter(col, 0.25) + (255,))
        d.arc(
            (s * 0.1, s * 0.28, s * 0.9, s * 0.62),
            200,
            340,
            fill=darker(col, 0.6) + (255,),
            width=max(1, round(s * 0.07)),
        )
        d.line(
            [(s * 0.15, s * 0.4), (s * 0.5, s * 0.36), (s * 0.85, s * 0.4)],
            fill=darker(col, 0.65) + (255,),
            width=max(1, round(s * 0.06)),
        )
        return im

    return make


def chip(size: float, base: Color = (242, 208, 112)) -> Callable[[random.Random], Image.Image]:
    """A banana chip: a thin round slice, pale gold, a darker rim and the little ring of seeds."""

    def make(rng: random.Random) -> Image.Image:
        s = size * rng.uniform(0.8, 1.15)
        hgt = s * rng.uniform(0.78, 0.95)
        im, d = item_tile(s, hgt)
        col = mix(base, (214, 150, 56), rng.uniform(0, 0.5))
        outline = _blob(s, hgt, rng, roundness=0.9, jitter=0.05, n=24)
        d.polygon(outline, fill=darker(col, 0.18) + (255,))
        d.polygon(_scaled_pts(outline, s / 2, hgt / 2, 0.88, 0.88), fill=col + (255,))
        d.ellipse((s * 0.2, hgt * 0.16, s * 0.55, hgt * 0.45), fill=lighter(col, 0.22) + (255,))
        for k in range(7):
            a = k / 7 * math.tau + rng.uniform(-0.2, 0.2)
            px, py = s / 2 + math.cos(a) * s * 0.1, hgt / 2 + math.sin(a) * hgt * 0.1
            r = s * 0.022
            d.ellipse((px - r, py - r, px + r, py + r), fill=darker(col, 0.45) + (255,))
        return im

    return make


def corn_flake(size: float) -> Callable[[random.Random], Image.Image]:
    """Jagung titi: a flattened corn kernel, pale, irregular, with a darker heart."""

    def make(rng: random.Random) -> Image.Image:
        s = size * rng.uniform(0.75, 1.25)
        im, d = item_tile(s, s)
        pts = []
        for k in range(14):
            a = k / 14 * math.tau
            rr = s * 0.5 * rng.uniform(0.7, 0.98)
            pts.append((s / 2 + rr * math.cos(a), s / 2 + rr * math.sin(a) * rng.uniform(0.8, 1.0)))
        col = mix((238, 220, 160), (222, 190, 110), rng.random())
        d.polygon(pts, fill=col + (255,))
        d.ellipse((s * 0.38, s * 0.4, s * 0.6, s * 0.6), fill=darker(col, 0.2) + (255,))
        d.line(pts + [pts[0]], fill=darker(col, 0.12) + (255,), width=max(1, round(s * 0.03)))
        return im

    return make


def cashew(size: float) -> Callable[[random.Random], Image.Image]:
    """A kidney-shaped cashew, fried golden."""

    def make(rng: random.Random) -> Image.Image:
        s = size * rng.uniform(0.85, 1.15)
        im, d = item_tile(s, s * 0.75)
        col = mix((238, 210, 156), (212, 160, 92), rng.random())
        cx, cy, R, thick = s * 0.5, s * 0.02, s * 0.46, s * 0.2
        pts = []
        for k in range(25):  # the centre line of the curve
            a = math.radians(25 + 130 * k / 24)
            pts.append((cx + R * math.cos(a), cy + R * math.sin(a) * 1.15))
        for i, (x, y) in enumerate(pts):  # a fat stroke made of discs, fatter at the ends
            t = i / (len(pts) - 1)
            r = thick * (0.85 + 0.25 * abs(t - 0.5) * 2)
            d.ellipse((x - r, y - r, x + r, y + r), fill=col + (255,))
        for x, y in pts[3:-3]:
            r = thick * 0.35
            d.ellipse(
                (x - r, y - r * 1.4 - thick * 0.25, x + r, y - thick * 0.25),
                fill=lighter(col, 0.25) + (255,),
            )
        d.line(pts[5:-5], fill=darker(col, 0.12) + (255,), width=max(1, round(s * 0.02)))
        return im

    return make


def tea_flake(size: float) -> Callable[[random.Random], Image.Image]:
    def make(rng: random.Random) -> Image.Image:
        s = size * rng.uniform(0.5, 1.3)
        im, d = item_tile(s, s * 0.6)
        col = mix((70, 100, 40), (120, 140, 60), rng.random())
        d.polygon(
            [
                (0, s * 0.3),
                (s * 0.3, rng.uniform(0, s * 0.2)),
                (s, s * 0.25),
                (s * 0.7, s * 0.58),
                (s * 0.2, s * 0.5),
            ],
            fill=col + (255,),
        )
        return im

    return make


def capsule(size: float, colors: tuple[Color, Color]) -> Callable[[random.Random], Image.Image]:
    def make(rng: random.Random) -> Image.Image:
        L, t = size, size * 0.36
        im, d = item_tile(L, t)
        d.rounded_rectangle((0, 0, L * 0.55, t - 1), radius=t / 2, fill=colors[0] + (255,))
        d.rounded_rectangle((L * 0.45, 0, L - 1, t - 1), radius=t / 2, fill=colors[1] + (255,))
        d.rounded_rectangle(
            (L * 0.08, t * 0.18, L * 0.9, t * 0.38),
            radius=t * 0.1,
            fill=lighter(colors[1], 0.5) + (160,),
        )
        return im

    return make


def kelor_sprig(length: float, angle: float, rng: random.Random, leaflets: int = 9) -> Image.Image:
    """A moringa leaf: a thin stalk with pairs of small oval leaflets."""
    im, d = item_tile(length * 1.1, length * 0.45)
    y = im.height / 2
    stem = (120, 150, 70)
    d.line([(0, y), (length, y)], fill=stem + (255,), width=max(2, round(length * 0.012)))
    for k in range(leaflets):
        x = length * (0.12 + 0.85 * k / leaflets)
        s = length * 0.075 * (1.1 - 0.4 * k / leaflets)
        col = mix((60, 120, 40), (110, 160, 60), rng.random())
        for side in (-1, 1):
            cy = y + side * s * 1.05
            d.ellipse((x - s * 0.6, cy - s * 0.85, x + s * 0.6, cy + s * 0.85), fill=col + (255,))
            d.line([(x, y), (x, cy)], fill=stem + (255,), width=1)
    d.ellipse(
        (length - length * 0.05, y - length * 0.06, length + length * 0.07, y + length * 0.06),
        fill=(90, 140, 50, 255),
    )
    return im.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)


def plate(
    c: Canvas, cx: float, cy: float, rx: float, ry: float, color: Color = (244, 242, 236)
) -> tuple:
    """A round plate seen at an angle; returns the bbox of its well."""
    c.soft(
        "ellipse",
        (
            cx - rx * 0.95 + rx * 0.06,
            cy - ry * 0.85 + ry * 0.2,
            cx + rx + rx * 0.08,
            cy + ry * 1.15,
        ),
        0.45,
        rx * 0.06,
    )
    c.draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=darker(color, 0.08))
    c.draw.ellipse((cx - rx, cy - ry * 1.06, cx + rx, cy + ry * 0.94), fill=color)
    well = (cx - rx * 0.72, cy - ry * 0.72, cx + rx * 0.72, cy + ry * 0.66)
    c.draw.ellipse(well, fill=darker(color, 0.05))
    c.draw.ellipse(
        (well[0], well[1] + ry * 0.04, well[2], well[3] + ry * 0.02), fill=darker(color, 0.02)
    )
    return well


def bowl(
    c: Canvas,
    cx: float,
    cy: float,
    rx: float,
    ry: float,
    depth: float,
    color: Color,
    contents: Callable[[Image.Image, random.Random], None],
    rng: random.Random,
    fill_color: Color = (60, 40, 30),
) -> None:
    """A bowl heaped with small things: body, rim, then the heap clipped to a mound."""
    c.soft(
        "ellipse",
        (cx - rx * 0.8 + rx * 0.1, cy + depth + ry * 0.5, cx + rx * 0.95, cy + depth + ry * 1.3),
        0.55,
        rx * 0.06,
    )
    body = c.mask(
        lambda d: (
            d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=255),
            d.chord((cx - rx, cy - ry - depth, cx + rx, cy + ry + depth), 0, 180, fill=255),
        )
    )
    c.paint(color, body)
    c.shade_cylinder(body, (cx - rx, cy - ry, cx + rx, cy + ry + depth), dark=0.45, light=0.3)
    c.draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=lighter(color, 0.15))
    c.draw.ellipse((cx - rx * 0.95, cy - ry * 0.9, cx + rx * 0.95, cy + ry * 0.92), fill=fill_color)
    mound = (
        round(cx - rx * 0.96),
        round(cy - ry * 1.9),
        round(cx + rx * 0.96),
        round(cy + ry * 0.92),
    )
    w, h = mound[2] - mound[0], mound[3] - mound[1]
    tile = Image.new("RGB", (w, h), fill_color)
    contents(tile, rng)
    mm = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mm)
    md.ellipse((0, h * 0.35, w, h), fill=255)
    md.ellipse((w * 0.1, 0, w * 0.9, h * 0.95), fill=255)
    mm = mm.filter(ImageFilter.GaussianBlur(w * 0.01))
    c.paint(tile, mm, box=(mound[0], mound[1]))
    c.shade_vertical(mm, (0, 0, w, h), 0.0, 0.0)


def wooden_board(
    c: Canvas, rng: random.Random, box, color: Color = (172, 120, 72), handle: bool = True
) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    c.soft(
        "rect",
        (x0 + w * 0.03, y0 + h * 0.08, x1 + w * 0.04, y1 + h * 0.1),
        0.5,
        w * 0.03,
        radius=h * 0.1,
    )
    m = c.mask(
        lambda d: d.rounded_rectangle(
            (x0, y0 + h * 0.04, x1, y1 + h * 0.04), radius=h * 0.1, fill=255
        )
    )
    c.paint(darker(color, 0.3), m)
    m = c.mask(
        lambda d: (
            d.rounded_rectangle(box, radius=h * 0.1, fill=255),
            d.rounded_rectangle(
                (x1 - w * 0.02, y0 + h * 0.35, x1 + w * 0.12, y0 + h * 0.65),
                radius=h * 0.1,
                fill=255,
            )
            if handle
            else None,
        )
    )
    c.paint(color, m)
    grain = Image.new("L", c.size, 0)
    d = ImageDraw.Draw(grain)
    for i in range(40):
        y = y0 + h * (i + rng.random()) / 40
        amp = h * 0.01
        ph = rng.uniform(0, 6)
        d.line(
            [(x, y + amp * math.sin(x / w * 9 + ph)) for x in [x0 + k * w / 40 for k in range(41)]],
            fill=rng.randint(40, 110),
            width=max(1, round(h * 0.004)),
        )
    c.paint(darker(color, 0.35), ImageChops.multiply(grain, m), 0.6)
    if handle:
        hr = h * 0.05
        hx, hy = x1 + w * 0.07, y0 + h * 0.5
        c.draw.ellipse((hx - hr, hy - hr, hx + hr, hy + hr), fill=darker(color, 0.55))


def _blob(
    w: float,
    h: float,
    rng: random.Random,
    roundness: float = 0.45,
    jitter: float = 0.06,
    n: int = 32,
) -> list[tuple[float, float]]:
    """An irregular rounded-rectangle outline (a superellipse with a wobble) centred in a w x h tile."""
    pts = []
    for k in range(n):
        a = k / n * math.tau
        ca, sa = math.cos(a), math.sin(a)
        j = 1 - rng.uniform(0, jitter)
        pts.append(
            (
                w / 2 + (w / 2 - 1) * j * math.copysign(abs(ca) ** roundness, ca),
                h / 2 + (h / 2 - 1) * j * math.copysign(abs(sa) ** roundness, sa),
            )
        )
    return pts


def _scaled_pts(pts, cx: float, cy: float, fx: float, fy: float):
    return [(cx + (x - cx) * fx, cy + (y - cy) * fy) for x, y in pts]


def sei_slice(size: float) -> Callable[[random.Random], Image.Image]:
    """A slice of se'i babi: charred smoky crust, red smoked meat, a band of fat along one side."""

    def make(rng: random.Random) -> Image.Image:
        L = size * rng.uniform(0.85, 1.15)
        t = L * rng.uniform(0.34, 0.44)
        im, d = item_tile(L, t)
        outline = _blob(L, t, rng)
        d.polygon(outline, fill=(74, 26, 18, 255))
        meat = mix((176, 56, 42), (150, 44, 36), rng.random())
        d.polygon(_scaled_pts(outline, L / 2, t / 2, 0.93, 0.8), fill=meat + (255,))
        d.polygon(
            _scaled_pts(outline, L / 2, t * 0.42, 0.7, 0.42), fill=lighter(meat, 0.12) + (255,)
        )
        fat_y = t * rng.uniform(0.66, 0.72)
        d.rounded_rectangle(
            (L * 0.06, fat_y, L * 0.94, fat_y + t * 0.13),
            radius=t * 0.06,
            fill=(238, 208, 186, 255),
        )
        for _ in range(int(L / t * 7)):  # muscle grain
            x = rng.uniform(L * 0.08, L * 0.9)
            y = rng.uniform(t * 0.2, t * 0.6)
            d.line(
                [(x, y), (x + t * 0.25, y + t * rng.uniform(-0.05, 0.05))],
                fill=darker(meat, 0.2) + (255,),
                width=max(1, round(t * 0.025)),
            )
        for _ in range(int(L / t * 10)):  # char specks on the crust
            a = rng.uniform(0, math.tau)
            x = L / 2 + math.cos(a) * L * 0.47
            y = t / 2 + math.sin(a) * t * 0.42
            r = t * rng.uniform(0.02, 0.06)
            d.ellipse((x - r, y - r, x + r, y + r), fill=(36, 14, 10, 255))
        return im

    return make


def ikat_cloth(
    w: int,
    h: int,
    rng: random.Random,
    palette: dict[str, Color],
    fringe: float = 0.05,
    scale: float = 1.0,
) -> Image.Image:
    """An RGBA tenun ikat: bands of stripes, diamond chains and hooks, with ikat blur and fringes.

    The cloth runs along x (warp); motifs are lozenges with the soft, stepped edges of tied-and-dyed
    warp threads, and the weave shows as fine vertical lines.
    """
    body_w = round(w * (1 - 2 * fringe))
    fx = round(w * fringe)
    cloth = Image.new("RGB", (body_w, h), palette["base"])
    d = ImageDraw.Draw(cloth)
    motif = Image.new("L", (body_w, h), 0)
    md = ImageDraw.Draw(motif)
    motif2 = Image.new("L", (body_w, h), 0)
    md2 = ImageDraw.Draw(motif2)

    def stripes(y0: float, y1: float) -> None:
        n = 7
        for k in range(n):
            col = [palette["line"], palette["accent"], palette["dark"]][k % 3]
            yy = y0 + (y1 - y0) * k / n
            d.rectangle((0, yy, body_w, yy + (y1 - y0) / n * 0.55), fill=col)

    def diamonds(y0: float, y1: float, big: bool) -> None:
        bh = y1 - y0
        r = bh * 0.46
        step = r * 2.05
        cy = (y0 + y1) / 2
        x = -r * 0.5
        i = 0
        while x < body_w + r:
            for k, rr in enumerate([r, r * 0.78, r * 0.56, r * 0.34, r * 0.14]):
                target = md if k % 2 == 0 else md2
                if k % 2 == 1:
                    md.polygon([(x, cy - rr), (x + rr, cy), (x, cy + rr), (x - rr, cy)], fill=0)
                target.polygon([(x, cy - rr), (x + rr, cy), (x, cy + rr), (x - rr, cy)], fill=255)
            if big:  # hooks between lozenges
                hx = x + step / 2
                for side in (-1, 1):
                    md.line(
                        [
                            (hx, cy + side * r * 0.9),
                            (hx, cy + side * r * 0.35),
                            (hx + r * 0.25, cy + side * r * 0.35),
                        ],
                        fill=255,
                        width=max(2, round(r * 0.1)),
                    )
                md2.ellipse((hx - r * 0.12, cy - r * 0.12, hx + r * 0.12, cy + r * 0.12), fill=255)
            x += step
            i += 1

    def zigzag(y0: float, y1: float) -> None:
        bh = y1 - y0
        pts = []
        step = bh * 0.9
        x = 0.0
        up = True
        while x < body_w + step:
            pts.append((x, y0 + bh * (0.15 if up else 0.85)))
            x += step
            up = not up
        md.line(pts, fill=255, width=max(2, round(bh * 0.22)))

    H = h
    layout = [  # (kind, share of height)
        ("plain", 0.05),
        ("stripes", 0.06),
        ("zig", 0.05),
        ("stripes", 0.04),
        ("dsmall", 0.09),
        ("plain", 0.02),
        ("dbig", 0.26),
        ("plain", 0.02),
        ("dsmall", 0.09),
        ("stripes", 0.04),
        ("zig", 0.05),
        ("stripes", 0.06),
        ("plain", 0.05),
    ]
    total = sum(s for _, s in layout)
    y = 0.0
    for kind, share in layout:
        y1 = y + H * share / total
        if kind == "stripes":
            stripes(y, y1)
        elif kind == "zig":
            zigzag(y + (y1 - y) * 0.15, y1 - (y1 - y) * 0.15)
        elif kind == "dsmall":
            diamonds(y, y1, False)
        elif kind == "dbig":
            diamonds(y, y1, True)
        y = y1

    def ikat_blur(m: Image.Image) -> Image.Image:
        # tie-dye misregistration: each thin group of warp threads is shifted along the warp
        out = Image.new("L", m.size, 0)
        col_w = max(2, round(4 * scale))
        for x in range(0, body_w, col_w):
            dy = rng.randint(-3, 3) * scale
            out.paste(m.crop((x, 0, x + col_w, h)), (x, round(dy)))
        return out.filter(ImageFilter.GaussianBlur(1.2 * scale))

    cloth.paste(palette["motif"], (0, 0), ikat_blur(motif))
    cloth.paste(palette["motif2"], (0, 0), ikat_blur(motif2))
    # weave texture: fine warp lines and faint weft
    tex = Image.new("L", (body_w, h), 0)
    td = ImageDraw.Draw(tex)
    step = max(2, round(3 * scale))
    for x in range(0, body_w, step):
        td.line([(x, 0), (x, h)], fill=rng.randint(30, 70), width=1)
    for yy in range(0, h, step * 2):
        td.line([(0, yy), (body_w, yy)], fill=rng.randint(10, 30), width=1)
    cloth.paste((0, 0, 0), (0, 0), tex)
    out = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    out.paste(cloth, (fx, 0))
    fd = ImageDraw.Draw(out)
    for yy in range(0, h, max(3, round(6 * scale))):
        for side in (0, 1):
            length = fx * rng.uniform(0.75, 1.0)
            x0 = fx if side == 0 else fx + body_w
            x1 = x0 - length if side == 0 else x0 + length
            col = rng.choice([palette["base"], palette["dark"], palette["line"]])
            fd.line(
                [(x0, yy), (x1, yy + rng.uniform(-3, 3) * scale)],
                fill=col + (255,),
                width=max(1, round(2 * scale)),
            )
    return out


def ti_langga(c: Canvas, cx: float, base: float, w: float, rng: random.Random) -> None:
    """The Rote palm-leaf hat: a wide brim, a low crown and the tall pointed 'antenna' in front."""
    leaf = (214, 178, 112)
    brim_ry = w * 0.16
    by = base - brim_ry
    c.soft(
        "ellipse",
        (cx - w * 0.48 + w * 0.05, by - brim_ry * 0.2, cx + w * 0.55, base + brim_ry * 0.5),
        0.5,
        w * 0.04,
    )
    # brim underside and top
    c.draw.ellipse(
        (cx - w / 2, by - brim_ry + w * 0.02, cx + w / 2, by + brim_ry + w * 0.02),
        fill=darker(leaf, 0.35),
    )
    brim = c.mask(
        lambda d: d.ellipse((cx - w / 2, by - brim_ry, cx + w / 2, by + brim_ry), fill=255)
    )
    c.paint(leaf, brim)
    weave = Image.new("L", c.size, 0)
    d = ImageDraw.Draw(weave)
    for k in range(72):  # radial leaf strips
        a = k / 72 * math.tau
        d.line(
            [
                (cx + w * 0.12 * math.cos(a), by + brim_ry * 0.35 * math.sin(a)),
                (cx + w * 0.5 * math.cos(a), by + brim_ry * math.sin(a)),
            ],
            fill=120,
            width=max(2, round(w * 0.004)),
        )
    for k in range(1, 9):  # woven rings
        f = 0.2 + 0.8 * k / 9
        d.ellipse(
            (cx - w / 2 * f, by - brim_ry * f, cx + w / 2 * f, by + brim_ry * f),
            outline=90,
            width=max(2, round(w * 0.005)),
        )
    c.paint(darker(leaf, 0.45), ImageChops.multiply(weave, brim), 0.7)
    c.shade_vertical(brim, (cx - w / 2, by - brim_ry, cx + w / 2, by + brim_ry), 0.0, 0.25)
    # crown: a low dome
    cw, ch = w * 0.42, w * 0.22
    crown_base = by + brim_ry * 0.05
    crown = c.mask(
        lambda d: (
            d.chord(
                (cx - cw / 2, crown_base - ch, cx + cw / 2, crown_base + ch), 180, 360, fill=255
            ),
            d.ellipse(
                (cx - cw / 2, crown_base - ch * 0.25, cx + cw / 2, crown_base + ch * 0.25), fill=255
            ),
        )
    )
    c.paint(lighter(leaf, 0.05), crown)
    cweave = c.mask(
        lambda d: [
            d.line(
                [
                    (cx + cw / 2 * math.sin(a), crown_base),
                    (cx + cw / 2 * math.sin(a) * 0.2, crown_base - ch),
                ],
                fill=110,
                width=max(2, round(w * 0.004)),
            )
            for a in [k / 30 * math.pi - math.pi / 2 for k in range(31)]
        ]
    )
    c.paint(darker(leaf, 0.45), ImageChops.multiply(cweave, crown), 0.6)
    for k in range(1, 6):
        yy = crown_base - ch * k / 6
        c.draw.arc(
            (cx - cw / 2 * (1 - k / 8), yy - ch * 0.2, cx + cw / 2 * (1 - k / 8), yy + ch * 0.2),
            0,
            180,
            fill=darker(leaf, 0.3),
            width=max(2, round(w * 0.004)),
        )
    c.shade_cylinder(
        crown,
        (cx - cw / 2, crown_base - ch, cx + cw / 2, crown_base + ch * 0.25),
        dark=0.45,
        light=0.25,
    )
    # the antenna: a tall, slightly curved cone of folded leaf, with tiers
    ah = w * 0.62
    ab = w * 0.11
    sx = cx - cw * 0.05
    sy = crown_base - ch * 0.85
    pts_l, pts_r = [], []
    for k in range(21):
        t = k / 20
        bend = w * 0.05 * t * t
        half = ab / 2 * (1 - t) ** 0.9 + w * 0.004
        pts_l.append((sx - half + bend, sy - ah * t))
        pts_r.append((sx + half + bend, sy - ah * t))
    spike = c.mask(lambda d: d.polygon(pts_l + pts_r[::-1], fill=255))
    c.paint(lighter(leaf, 0.08), spike)
    for k in range(1, 14):  # tiers of folded leaf
        t = k / 14
        i = round(t * 20)
        c.draw.line(
            [pts_l[i], (pts_r[i][0], pts_r[i][1] - w * 0.012)],
            fill=darker(leaf, 0.35),
            width=max(2, round(w * 0.004)),
        )
    c.shade_cylinder(spike, (sx - ab / 2, sy - ah, sx + ab / 2 + w * 0.05, sy), dark=0.5, light=0.3)
    # two decorative strips dyed dark red around the crown
    c.draw.arc(
        (cx - cw / 2, crown_base - ch * 0.5, cx + cw / 2, crown_base + ch * 0.3),
        0,
        180,
        fill=(130, 40, 30),
        width=max(3, round(w * 0.014)),
    )


def honeycomb(size: float, rng: random.Random) -> Image.Image:
    im, d = item_tile(size, size * 0.7)
    r = size * 0.07
    for row in range(12):
        for col in range(12):
            x = col * r * 1.75 + (row % 2) * r * 0.87
            y = row * r * 1.5
            pts = [
                (
                    x + r * math.cos(math.radians(60 * k + 30)),
                    y + r * math.sin(math.radians(60 * k + 30)),
                )
                for k in range(6)
            ]
            fill = mix((222, 150, 30), (250, 200, 80), rng.random())
            d.polygon(pts, fill=fill + (255,), outline=(250, 226, 150, 255))
    mask = Image.new("L", im.size, 0)
    ImageDraw.Draw(mask).polygon(
        [
            (size * 0.05, size * 0.15),
            (size * 0.8, size * 0.02),
            (size * 0.97, size * 0.4),
            (size * 0.7, size * 0.68),
            (size * 0.1, size * 0.6),
        ],
        fill=255,
    )
    im.putalpha(ImageChops.multiply(im.getchannel("A"), mask))
    return im


def honey_dipper(c: Canvas, x: float, y: float, length: float, angle: float) -> None:
    im, d = item_tile(length, length * 0.22)
    h = im.height
    wood = (186, 140, 90)
    d.rounded_rectangle(
        (length * 0.3, h * 0.42, length, h * 0.58), radius=h * 0.08, fill=wood + (255,)
    )
    for k in range(6):
        x0 = length * 0.02 + k * length * 0.045
        d.ellipse(
            (x0, h * (0.1 if k % 2 else 0.18), x0 + length * 0.06, h * (0.9 if k % 2 else 0.82)),
            fill=mix(wood, (150, 100, 50), k % 2 * 0.6) + (255,),
        )
    d.ellipse((0, h * 0.25, length * 0.2, h * 0.85), fill=(220, 140, 20, 230))
    rot = im.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    c.paint(
        (0, 0, 0),
        rot.getchannel("A").filter(ImageFilter.GaussianBlur(length * 0.02)),
        0.4,
        box=(round(x + length * 0.02), round(y + length * 0.04)),
    )
    c.paste_rgba(rot, x, y)


def cup(c: Canvas, cx: float, base: float, w: float, color: Color, drink: Color) -> None:
    """A cup on a saucer, seen from slightly above."""
    sr = w * 0.85
    c.soft(
        "ellipse",
        (cx - sr + w * 0.06, base - sr * 0.22, cx + sr + w * 0.1, base + sr * 0.34),
        0.45,
        w * 0.05,
    )
    c.draw.ellipse((cx - sr, base - sr * 0.28, cx + sr, base + sr * 0.22), fill=darker(color, 0.08))
    c.draw.ellipse((cx - sr, base - sr * 0.32, cx + sr, base + sr * 0.18), fill=color)
    c.draw.ellipse(
        (cx - sr * 0.55, base - sr * 0.18, cx + sr * 0.55, base + sr * 0.06),
        fill=darker(color, 0.06),
    )
    ch = w * 0.62
    top = base - ch
    ry = w * 0.16
    # handle
    c.draw.ellipse(
        (cx + w * 0.38, top + ch * 0.15, cx + w * 0.72, top + ch * 0.7),
        outline=color,
        width=round(w * 0.07),
    )
    c.draw.arc(
        (cx + w * 0.38, top + ch * 0.15, cx + w * 0.72, top + ch * 0.7),
        -60,
        60,
        fill=darker(color, 0.2),
        width=round(w * 0.03),
    )
    body = c.mask(
        lambda d: (
            d.chord((cx - w / 2, top - ch * 0.6, cx + w / 2, base), 0, 180, fill=255),
            d.rectangle((cx - w / 2, top, cx + w / 2, top + ch * 0.2), fill=255),
            d.ellipse((cx - w / 2, top - ry, cx + w / 2, top + ry), fill=255),
        )
    )
    c.paint(color, body)
    c.shade_cylinder(body, (cx - w / 2, top, cx + w / 2, base), dark=0.35, light=0.35)
    c.draw.ellipse((cx - w / 2, top - ry, cx + w / 2, top + ry), fill=lighter(color, 0.3))
    c.draw.ellipse((cx - w * 0.46, top - ry * 0.85, cx + w * 0.46, top + ry * 0.88), fill=drink)
    c.draw.ellipse(
        (cx - w * 0.3, top - ry * 0.55, cx - w * 0.05, top - ry * 0.2), fill=lighter(drink, 0.25)
    )


def soap_bar(
    c: Canvas,
    cx: float,
    cy: float,
    w: float,
    h: float,
    color: Color,
    text: str,
    wrap: Label | None = None,
    thickness: float = 0.18,
) -> None:
    t = h * thickness
    c.soft(
        "rect",
        (
            cx - w / 2 + w * 0.03,
            cy - h / 2 + t + h * 0.05,
            cx + w / 2 + w * 0.06,
            cy + h / 2 + t * 1.6,
        ),
        0.55,
        w * 0.04,
        radius=h * 0.2,
    )
    c.draw.rounded_rectangle(
        (cx - w / 2, cy - h / 2 + t, cx + w / 2, cy + h / 2 + t),
        radius=h * 0.22,
        fill=darker(color, 0.28),
    )
    top = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    m = c.mask(lambda d: d.rounded_rectangle(top, radius=h * 0.22, fill=255))
    c.paint(color, m)
    c.shade_vertical(m, top, 0.0, 0.12)
    c.soft(
        "ellipse",
        (cx - w * 0.4, cy - h * 0.45, cx + w * 0.05, cy - h * 0.05),
        0.25,
        w * 0.05,
        color=(255, 255, 255),
    )
    if wrap is None:
        # embossed word: light edge above-left, dark edge below-right
        box = (cx - w * 0.36, cy - h * 0.24, cx + w * 0.36, cy + h * 0.24)
        off = max(2, round(h * 0.012))
        for (dx, dy), col in [
            ((-off, -off), lighter(color, 0.35)),
            ((off, off), darker(color, 0.35)),
            ((0, 0), color),
        ]:
            fit_text(
                c.draw,
                text,
                (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy),
                col,
                "serif",
                True,
                max_lines=1,
            )
    else:
        bw = w * 0.44
        band = (cx - bw / 2, cy - h / 2 - h * 0.01, cx + bw / 2, cy + h / 2 + t + h * 0.01)
        c.draw.rectangle(band, fill=darker(wrap.bg, 0.06))
        draw_label(c, (band[0], cy - h / 2, band[2], cy + h / 2), wrap, radius=0)
        c.draw.rectangle((band[0], cy + h / 2, band[2], band[3]), fill=darker(wrap.bg, 0.25))


# --------------------------------------------------------------------------- scenes

WARM_WALL = ((236, 228, 214), (214, 203, 186))
COOL_WALL = ((222, 228, 230), (198, 206, 210))
WOOD = ((176, 128, 86), (122, 82, 50))
DARK_WOOD = ((120, 82, 56), (74, 48, 32))
LINEN = ((226, 218, 200), (200, 190, 170))

LABEL_SEI = Label(
    "Se'i Babi", "asap kayu kosambi · 500 g", (250, 240, 222), (96, 28, 20), (170, 44, 30), "serif"
)
LABEL_LUAT = Label(
    "Sambal Lu'at", "khas Timor · 150 g", (250, 246, 232), (40, 90, 40), (190, 40, 30), "sans"
)
LABEL_KRIPIK = Label(
    "Kripik Pisang", "kepok manis · 200 g", (255, 248, 226), (120, 60, 10), (214, 120, 20), "sans"
)
LABEL_TEH = Label(
    "Teh Kelor", "marungga · 50 g", (244, 248, 232), (40, 84, 36), (120, 150, 40), "serif"
)
LABEL_SABUN = Label(
    "Sabun Kelor",
    "100 g · buatan tangan",
    (236, 222, 196),
    (50, 80, 40),
    (130, 90, 40),
    "serif",
    title_share=0.5,
)
LABEL_KAPSUL = Label(
    "Kapsul Kelor", "60 kapsul · 500 mg", (255, 255, 255), (36, 100, 50), (110, 160, 50), "sans"
)
LABEL_MADU = Label(
    "Madu Hutan", "Fatumnasi · 250 g", (252, 244, 224), (110, 60, 10), (190, 120, 20), "serif"
)
LABEL_MADU_BIG = Label(
    "Madu Hutan", "Fatumnasi · 500 g", (252, 244, 224), (110, 60, 10), (190, 120, 20), "serif"
)
LABEL_KOPI = Label(
    "Kopi Arabika Flores Bajawa",
    "sangrai medium · 250 g",
    (214, 186, 140),
    (40, 24, 14),
    (140, 40, 30),
    "serif",
    title_share=0.6,
)
LABEL_KOPI_BERAS = Label(
    "Kopi Beras AFB", "green bean · 1 kg", (236, 226, 200), (60, 50, 30), (80, 110, 50), "serif"
)
LABEL_HINGGI = Label(
    "Hinggi Kombu", "tenun ikat Sumba Timur", (246, 236, 214), (96, 30, 20), (40, 50, 90), "serif"
)
LABEL_TII = Label(
    "Ti'i Langga", "anyaman lontar Rote", (248, 240, 220), (90, 50, 20), (150, 40, 30), "serif"
)
LABEL_GULA = Label(
    "Gula Air Sabu", "nira lontar · 600 ml", (248, 234, 200), (80, 40, 10), (150, 80, 20), "serif"
)
LABEL_METE = Label(
    "Kacang Mete", "Adonara · goreng garam", (250, 244, 228), (110, 50, 20), (40, 100, 60), "sans"
)
LABEL_TITI = Label(
    "Jagung Titi", "Lamaholot · 250 g", (252, 246, 220), (120, 70, 10), (160, 50, 30), "sans"
)
LABEL_AIR = Label(
    "Wae Ruteng",
    "air minum · 600 ml",
    (255, 255, 255),
    (20, 70, 140),
    (40, 140, 200),
    "sans",
    title_share=0.5,
)
LABEL_KAYU_PUTIH = Label(
    "Minyak Kayu Putih",
    "Nita · Sikka · 60 ml",
    (250, 252, 246),
    (20, 90, 50),
    (30, 130, 70),
    "sans",
)


def sc_sei_pack(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, DARK_WOOD, horizon=0.42)
    wooden_board(c, rng, (c.W * 0.08, c.H * 0.58, c.W * 0.62, c.H * 0.9))
    bx0, by0, bx1, by1 = c.W * 0.1, c.H * 0.6, c.W * 0.6, c.H * 0.88
    make = sei_slice(c.u(0.22))
    for k in range(8):
        x = bx0 + (bx1 - bx0) * (0.12 + 0.76 * k / 7)
        item = make(rng).rotate(
            62 + rng.uniform(-8, 8), resample=Image.Resampling.BICUBIC, expand=True
        )
        c.paint(
            (0, 0, 0),
            item.getchannel("A").filter(ImageFilter.GaussianBlur(8)),
            0.4,
            box=(round(x - item.width / 2 + 8), round((by0 + by1) / 2 - item.height / 2 + 12)),
        )
        c.paste_rgba(item, x - item.width / 2, (by0 + by1) / 2 - item.height / 2)
    # vacuum pack leaning on the wall
    px0, py0, px1, py1 = c.W * 0.6, c.H * 0.2, c.W * 0.92, c.H * 0.8
    c.soft(
        "rect",
        (px0 + c.u(0.03), py0 + c.u(0.04), px1 + c.u(0.05), py1 + c.u(0.03)),
        0.5,
        c.u(0.03),
        radius=c.u(0.02),
    )
    c.draw.rounded_rectangle((px0, py0, px1, py1), radius=c.u(0.02), fill=(96, 40, 28))
    pack = sei_slice(c.u(0.17))
    for k in range(6):
        item = pack(rng).rotate(
            rng.uniform(-10, 10), resample=Image.Resampling.BICUBIC, expand=True
        )
        x = px0 + (px1 - px0) * (0.5 + rng.uniform(-0.06, 0.06))
        c.paste_rgba(
            item, x - item.width / 2, py0 + (py1 - py0) * (0.45 + 0.09 * k) - item.height / 2
        )
    pm = c.mask(lambda d: d.rounded_rectangle((px0, py0, px1, py1), radius=c.u(0.02), fill=255))
    c.paint((255, 255, 255), pm, 0.12)
    creases = c.mask(
        lambda d: [
            d.line(
                [(px0 + (px1 - px0) * rng.random(), py0), (px0 + (px1 - px0) * rng.random(), py1)],
                fill=rng.randint(60, 140),
                width=round(c.u(0.006)),
            )
            for _ in range(6)
        ]
    )
    c.paint(
        (255, 255, 255),
        ImageChops.multiply(creases.filter(ImageFilter.GaussianBlur(c.u(0.004))), pm),
        0.5,
    )
    draw_label(
        c,
        (
            px0 + (px1 - px0) * 0.1,
            py0 + (py1 - py0) * 0.06,
            px1 - (px1 - px0) * 0.1,
            py0 + (py1 - py0) * 0.36,
        ),
        LABEL_SEI,
    )
    c.draw.rounded_rectangle(
        (px0, py0, px1, py0 + c.u(0.03)), radius=c.u(0.01), fill=(200, 190, 180)
    )


def sc_sei_phone(c: Canvas, rng: random.Random) -> None:
    """Portrait phone snapshot: se'i on a plate with sambal, on a market table in warm light."""
    backdrop(
        c,
        rng,
        ((214, 196, 170), (190, 168, 140)),
        ((196, 160, 110), (150, 112, 70)),
        horizon=0.25,
        surface="linen",
        light=(0.7, 0.1),
    )
    plate(c, c.W * 0.5, c.H * 0.55, c.W * 0.44, c.H * 0.22)
    make = sei_slice(c.u(0.34))
    for k in range(6):
        item = make(rng).rotate(
            rng.uniform(-25, 25) + 10, resample=Image.Resampling.BICUBIC, expand=True
        )
        x = c.W * (0.38 + 0.05 * (k % 3)) + rng.uniform(-20, 20)
        y = c.H * (0.47 + 0.045 * k)
        c.paint(
            (0, 0, 0),
            item.getchannel("A").filter(ImageFilter.GaussianBlur(10)),
            0.4,
            box=(round(x - item.width / 2 + 10), round(y - item.height / 2 + 14)),
        )
        c.paste_rgba(item, x - item.width / 2, y - item.height / 2)
    # a small bowl of sambal lu'at behind the plate
    bx, by, brx, bry = c.W * 0.76, c.H * 0.3, c.W * 0.16, c.H * 0.045
    c.soft(
        "ellipse", (bx - brx * 0.9, by + bry * 0.6, bx + brx * 1.1, by + bry * 3.2), 0.5, c.u(0.02)
    )
    c.draw.chord((bx - brx, by - bry * 2.2, bx + brx, by + bry * 2.2), 0, 180, fill=(206, 204, 198))
    c.draw.ellipse((bx - brx, by - bry, bx + brx, by + bry), fill=(244, 242, 236))
    c.draw.ellipse(
        (bx - brx * 0.88, by - bry * 0.8, bx + brx * 0.88, by + bry * 0.85), fill=(70, 106, 38)
    )
    for _ in range(160):
        a, rr = rng.uniform(0, math.tau), math.sqrt(rng.random()) * 0.82
        x, y = bx + math.cos(a) * brx * rr, by + math.sin(a) * bry * rr
        s = c.u(0.007)
        c.draw.ellipse(
            (x - s, y - s * 0.7, x + s, y + s * 0.7),
            fill=rng.choice([(200, 40, 30), (226, 70, 40), (110, 150, 50), (230, 220, 190)]),
        )
    hang_tag(c, c.W * 0.08, c.H * 0.74, c.W * 0.42, c.H * 0.2, -6, LABEL_SEI)


def chilli(length: float, rng: random.Random) -> Image.Image:
    """A red bird's-eye chilli with its green stalk."""
    im, d = item_tile(length * 1.15, length * 0.3)
    h = im.height
    pts_top, pts_bot = [], []
    for k in range(21):
        t = k / 20
        x = length * t
        y = h * 0.5 + math.sin(t * math.pi * 0.9) * h * 0.12
        half = h * 0.2 * (1 - t) ** 0.7 + 1
        pts_top.append((x, y - half))
        pts_bot.append((x, y + half))
    col = mix((210, 30, 20), (170, 20, 16), rng.random())
    d.polygon(pts_top + pts_bot[::-1], fill=col + (255,))
    d.line(pts_top[2:14], fill=(250, 140, 120, 255), width=max(1, round(h * 0.05)))
    d.polygon([(0, h * 0.36), (-1, h * 0.64), (-length * 0.0, h * 0.5)], fill=(60, 110, 40, 255))
    d.line(
        [(0, h * 0.5), (-length * 0.1, h * 0.46)],
        fill=(60, 110, 40, 255),
        width=max(2, round(h * 0.1)),
    )
    out = Image.new("RGBA", (im.width + round(length * 0.15), h), (0, 0, 0, 0))
    out.paste(im, (round(length * 0.15), 0))
    ImageDraw.Draw(out).line(
        [(0, h * 0.45), (length * 0.16, h * 0.5)],
        fill=(70, 120, 40, 255),
        width=max(2, round(h * 0.1)),
    )
    return out


def sc_luat(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, WOOD, horizon=0.6)
    jar(
        c,
        c.W * 0.42,
        c.H * 0.86,
        c.u(0.36),
        c.u(0.5),
        ((80, 120, 40), (60, 90, 30)),
        (180, 40, 30),
        LABEL_LUAT,
        chunks=[(200, 40, 30), (230, 60, 40), (120, 160, 60), (240, 230, 200)],
        rng=rng,
        level=0.95,
    )
    for x, y, a in [(0.6, 0.8, 10), (0.62, 0.86, -15), (0.68, 0.82, 30)]:
        ch = chilli(c.u(0.2), rng).rotate(a, resample=Image.Resampling.BICUBIC, expand=True)
        c.paint(
            (0, 0, 0),
            ch.getchannel("A").filter(ImageFilter.GaussianBlur(6)),
            0.4,
            box=(round(c.W * x + 6), round(c.H * y + 10)),
        )
        c.paste_rgba(ch, c.W * x, c.H * y)
    c.soft("ellipse", (c.W * 0.83, c.H * 0.82, c.W * 0.95, c.H * 0.9), 0.45, c.u(0.01))
    c.draw.ellipse((c.W * 0.82, c.H * 0.76, c.W * 0.92, c.H * 0.88), fill=(120, 170, 50))
    c.draw.ellipse((c.W * 0.835, c.H * 0.775, c.W * 0.87, c.H * 0.81), fill=(170, 210, 90))


def sc_kripik(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, WOOD, horizon=0.5)
    pouch(
        c,
        c.W * 0.32,
        c.H * 0.86,
        c.u(0.42),
        c.u(0.66),
        (232, 150, 30),
        LABEL_KRIPIK,
        window=lambda t, r: heap(t, r, chip(t.height * 0.42), density=2.2),
        rng=rng,
    )
    well = plate(c, c.W * 0.7, c.H * 0.8, c.W * 0.23, c.H * 0.11)
    wx0, wy0, wx1, wy1 = (round(v) for v in well)
    tile = Image.new("RGB", (wx1 - wx0, wy1 - wy0 + round(c.H * 0.06)), (240, 238, 232))
    heap(tile, rng, chip(c.u(0.075)), density=2.2)
    m = Image.new("L", tile.size, 0)
    ImageDraw.Draw(m).ellipse((0, 0, tile.width, tile.height), fill=255)
    c.paint(tile, m.filter(ImageFilter.GaussianBlur(4)), box=(wx0, wy0 - round(c.H * 0.05)))


def sc_kripik_close(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, ((200, 160, 110), (150, 110, 70)), horizon=0.12)
    well = plate(c, c.W * 0.5, c.H * 0.58, c.W * 0.45, c.H * 0.34)
    wx0, wy0, wx1, wy1 = (round(v) for v in well)
    tile = Image.new("RGB", (wx1 - wx0, wy1 - wy0), (240, 238, 232))
    heap(tile, rng, chip(c.u(0.13)), density=2.4)
    m = Image.new("L", tile.size, 0)
    ImageDraw.Draw(m).ellipse((0, 0, tile.width, tile.height), fill=255)
    c.paint(tile, m.filter(ImageFilter.GaussianBlur(4)), box=(wx0, wy0))
    scatter(c, rng, 5, (c.W * 0.05, c.H * 0.85, c.W * 0.95, c.H * 0.97), chip(c.u(0.1)))


def sc_teh(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, COOL_WALL, LINEN, horizon=0.5, surface="linen")
    pouch(
        c,
        c.W * 0.4,
        c.H * 0.86,
        c.u(0.44),
        c.u(0.68),
        (60, 110, 50),
        LABEL_TEH,
        window=lambda t, r: heap(t, r, tea_flake(t.height * 0.18), density=3),
        rng=rng,
    )
    for k in range(3):
        sprig = kelor_sprig(c.u(0.3), rng.uniform(-40, 40), rng)
        c.paste_rgba(sprig, c.W * (0.6 + 0.08 * k), c.H * (0.66 + 0.07 * k))


def sc_teh_cup(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, COOL_WALL, LINEN, horizon=0.45, surface="linen", light=(0.8, 0.2))
    pouch(c, c.W * 0.27, c.H * 0.8, c.u(0.32), c.u(0.5), (60, 110, 50), LABEL_TEH)
    cup(c, c.W * 0.66, c.H * 0.8, c.u(0.34), (246, 246, 242), (176, 168, 70))
    scatter(c, rng, 40, (c.W * 0.45, c.H * 0.88, c.W * 0.95, c.H * 0.97), tea_flake(c.u(0.025)))
    c.paste_rgba(kelor_sprig(c.u(0.36), 15, rng), c.W * 0.04, c.H * 0.82)


def sc_sabun(c: Canvas, rng: random.Random) -> None:
    backdrop(
        c,
        rng,
        ((238, 236, 228), (220, 218, 206)),
        ((210, 200, 180), (180, 168, 146)),
        horizon=0.35,
        surface="linen",
        light=(0.3, 0.15),
    )
    soap_bar(
        c, c.W * 0.33, c.H * 0.58, c.u(0.5), c.u(0.3), (130, 160, 80), "KELOR", wrap=LABEL_SABUN
    )
    soap_bar(c, c.W * 0.68, c.H * 0.74, c.u(0.44), c.u(0.27), (140, 170, 90), "KELOR")
    for k in range(2):
        c.paste_rgba(
            kelor_sprig(c.u(0.32), rng.uniform(-30, 30) + 180 * k, rng),
            c.W * (0.55 - 0.45 * k),
            c.H * (0.3 + 0.55 * k),
        )


def sc_sabun_top(c: Canvas, rng: random.Random) -> None:
    """Flat lay from above, for the PNG."""
    c.img.paste(gradient(c.size, [(0, (240, 236, 226)), (1, (222, 214, 198))]), (0, 0))
    vignette(c, 0.2)
    for k, (x, y) in enumerate([(0.3, 0.38), (0.62, 0.58)]):
        soap_bar(
            c,
            c.W * x,
            c.H * y,
            c.u(0.5),
            c.u(0.32),
            [(130, 160, 80), (150, 176, 96)][k],
            "KELOR",
            wrap=LABEL_SABUN if k == 0 else None,
            thickness=0.06,
        )
    for _ in range(4):
        c.paste_rgba(
            kelor_sprig(c.u(0.28), rng.uniform(0, 360), rng),
            c.W * rng.uniform(0.05, 0.8),
            c.H * rng.choice([0.02, 0.72]),
        )


def sc_kapsul(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, COOL_WALL, ((236, 236, 232), (206, 206, 200)), horizon=0.55, surface="plain")
    jar(
        c,
        c.W * 0.4,
        c.H * 0.84,
        c.u(0.34),
        c.u(0.5),
        ((0, 0, 0), (0, 0, 0)),
        (60, 130, 60),
        LABEL_KAPSUL,
        opaque=(246, 246, 244),
        lid_h=0.2,
        label_span=(0.12, 0.88),
    )
    scatter(
        c,
        rng,
        14,
        (c.W * 0.58, c.H * 0.74, c.W * 0.9, c.H * 0.92),
        capsule(c.u(0.07), ((70, 130, 50), (160, 190, 90))),
    )
    c.paste_rgba(kelor_sprig(c.u(0.3), 20, rng), c.W * 0.6, c.H * 0.55)


def sc_madu(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, WOOD, horizon=0.58)
    jar(
        c,
        c.W * 0.42,
        c.H * 0.88,
        c.u(0.34),
        c.u(0.52),
        ((236, 160, 30), (170, 90, 10)),
        (196, 150, 60),
        LABEL_MADU,
    )
    honey_dipper(c, c.W * 0.56, c.H * 0.78, c.u(0.4), -14)


def sc_madu_duo(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, DARK_WOOD, horizon=0.55, light=(0.75, 0.15))
    jar(
        c,
        c.W * 0.34,
        c.H * 0.86,
        c.u(0.38),
        c.u(0.62),
        ((236, 160, 30), (160, 80, 10)),
        (120, 80, 40),
        LABEL_MADU_BIG,
    )
    jar(
        c,
        c.W * 0.62,
        c.H * 0.9,
        c.u(0.28),
        c.u(0.42),
        ((240, 176, 50), (180, 100, 20)),
        (120, 80, 40),
        LABEL_MADU,
    )
    comb = honeycomb(c.u(0.36), rng)
    c.paint(
        (0, 0, 0),
        comb.getchannel("A").filter(ImageFilter.GaussianBlur(10)),
        0.45,
        box=(round(c.W * 0.72 + 12), round(c.H * 0.74 + 18)),
    )
    c.paste_rgba(comb, c.W * 0.72, c.H * 0.74)


def sc_kopi(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, ((70, 58, 50), (52, 42, 36)), DARK_WOOD, horizon=0.52, light=(0.35, 0.2))
    pouch(
        c,
        c.W * 0.4,
        c.H * 0.88,
        c.u(0.46),
        c.u(0.72),
        (34, 30, 28),
        LABEL_KOPI,
        valve=True,
        rng=rng,
    )
    scatter(c, rng, 26, (c.W * 0.6, c.H * 0.78, c.W * 0.95, c.H * 0.95), coffee_bean(c.u(0.045)))


def sc_kopi_bowl(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, ((80, 66, 56), (58, 46, 38)), DARK_WOOD, horizon=0.4, light=(0.6, 0.1))
    bowl(
        c,
        c.W * 0.38,
        c.H * 0.62,
        c.u(0.3),
        c.u(0.1),
        c.u(0.12),
        (200, 170, 130),
        lambda t, r: heap(t, r, coffee_bean(c.u(0.05)), density=2.0),
        rng,
        fill_color=(50, 30, 20),
    )
    cup(c, c.W * 0.75, c.H * 0.88, c.u(0.26), (236, 232, 224), (60, 34, 20))
    scatter(c, rng, 18, (c.W * 0.1, c.H * 0.86, c.W * 0.55, c.H * 0.96), coffee_bean(c.u(0.045)))
    hang_tag(c, c.W * 0.56, c.H * 0.32, c.u(0.22), c.u(0.3), 8, LABEL_KOPI)


def sc_kopi_beras(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, ((190, 170, 130), (150, 130, 96)), horizon=0.45, surface="linen")
    bowl(
        c,
        c.W * 0.42,
        c.H * 0.66,
        c.u(0.32),
        c.u(0.11),
        c.u(0.13),
        (150, 110, 70),
        lambda t, r: heap(t, r, coffee_bean(c.u(0.05), (150, 158, 120)), density=2.0),
        rng,
        fill_color=(120, 120, 90),
    )
    scatter(
        c,
        rng,
        20,
        (c.W * 0.55, c.H * 0.82, c.W * 0.95, c.H * 0.96),
        coffee_bean(c.u(0.045), (150, 158, 120)),
    )
    hang_tag(c, c.W * 0.68, c.H * 0.3, c.u(0.24), c.u(0.32), -6, LABEL_KOPI_BERAS)


HINGGI = {
    "base": (120, 36, 26),
    "dark": (40, 30, 50),
    "line": (210, 180, 140),
    "accent": (50, 60, 100),
    "motif": (226, 204, 168),
    "motif2": (46, 52, 92),
}


def sc_hinggi(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, LINEN, horizon=0.18, surface="linen")
    cw, ch = round(c.W * 0.92), round(c.H * 0.6)
    cloth = ikat_cloth(cw, ch, rng, HINGGI, scale=SUPERSAMPLE * 1.5).rotate(
        -4, resample=Image.Resampling.BICUBIC, expand=True
    )
    x, y = (c.W - cloth.width) / 2, c.H * 0.18
    c.paint(
        (0, 0, 0),
        cloth.getchannel("A").filter(ImageFilter.GaussianBlur(c.u(0.02))),
        0.5,
        box=(round(x + c.u(0.015)), round(y + c.u(0.025))),
    )
    c.paste_rgba(cloth, x, y)
    # a soft fold across the cloth
    c.soft(
        "poly",
        [
            (c.W * 0.05, c.H * 0.5),
            (c.W * 0.95, c.H * 0.45),
            (c.W * 0.95, c.H * 0.47),
            (c.W * 0.05, c.H * 0.53),
        ],
        0.25,
        c.u(0.02),
    )
    hang_tag(c, c.W * 0.66, c.H * 0.7, c.u(0.24), c.u(0.3), 10, LABEL_HINGGI)


def sc_hinggi_close(c: Canvas, rng: random.Random) -> None:
    cloth = ikat_cloth(
        round(c.W * 2.2), round(c.H * 1.6), rng, HINGGI, fringe=0.0, scale=SUPERSAMPLE * 3.5
    )
    c.img.paste(
        cloth.crop(
            (round(c.W * 0.4), round(c.H * 0.3), round(c.W * 1.4), round(c.H * 1.3))
        ).convert("RGB"),
        (0, 0),
    )
    c.soft(
        "poly",
        [(0, c.H * 0.35), (c.W, c.H * 0.25), (c.W, c.H * 0.32), (0, c.H * 0.42)],
        0.22,
        c.u(0.04),
    )
    c.soft(
        "poly",
        [(0, c.H * 0.45), (c.W, c.H * 0.35), (c.W, c.H * 0.37), (0, c.H * 0.47)],
        0.12,
        c.u(0.02),
        color=(255, 255, 255),
    )
    vignette(c, 0.35)


def sc_tii(c: Canvas, rng: random.Random) -> None:
    backdrop(
        c,
        rng,
        ((222, 232, 236), (196, 208, 214)),
        ((214, 200, 176), (176, 160, 134)),
        horizon=0.62,
        surface="linen",
        light=(0.3, 0.2),
    )
    ti_langga(c, c.W * 0.42, c.H * 0.9, c.u(0.86), rng)
    hang_tag(
        c,
        c.W * 0.74,
        c.H * 0.56,
        c.u(0.2),
        c.u(0.26),
        8,
        LABEL_TII,
        string_to=(c.W * 0.66, c.H * 0.7),
    )


def sc_tii_side(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, WOOD, horizon=0.66, light=(0.7, 0.2))
    ti_langga(c, c.W * 0.5, c.H * 0.94, c.u(0.84), rng)


def sc_gula(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, WOOD, horizon=0.55)
    bottle(
        c,
        c.W * 0.4,
        c.H * 0.9,
        c.u(0.24),
        c.u(0.74),
        LABEL_GULA,
        (150, 100, 40),
        (70, 34, 12),
        tint=(220, 190, 150),
        tint_alpha=0.3,
        level=0.9,
        neck=0.3,
        ridges=False,
        label_span=(0.15, 0.55),
    )
    for k in range(3):  # gula lempeng discs
        x, y = c.W * (0.66 + 0.09 * k), c.H * (0.86 - 0.02 * (k % 2))
        r = c.u(0.08)
        c.soft("ellipse", (x - r + 8, y - r * 0.3, x + r + 16, y + r * 0.55), 0.45, 12)
        c.draw.ellipse((x - r, y - r * 0.2, x + r, y + r * 0.45), fill=(120, 70, 30))
        c.draw.ellipse((x - r, y - r * 0.4, x + r, y + r * 0.25), fill=(176, 118, 60))
        c.draw.ellipse((x - r * 0.6, y - r * 0.28, x + r * 0.3, y + r * 0.05), fill=(196, 140, 80))


def sc_gula_lempeng(c: Canvas, rng: random.Random) -> None:
    backdrop(
        c,
        rng,
        WARM_WALL,
        ((200, 170, 120), (160, 126, 84)),
        horizon=0.3,
        surface="linen",
        light=(0.7, 0.2),
    )
    plate(c, c.W * 0.5, c.H * 0.62, c.W * 0.38, c.H * 0.26, color=(226, 214, 190))
    spots = [(0.36, 0.52), (0.52, 0.5), (0.66, 0.55), (0.42, 0.64), (0.58, 0.66), (0.5, 0.58)]
    for k, (fx, fy) in enumerate(spots):  # the last one lies on top of the others
        x = c.W * fx + rng.uniform(-20, 20)
        y = c.H * fy + rng.uniform(-12, 12) - (c.u(0.035) if k == len(spots) - 1 else 0)
        r = c.u(0.1) * rng.uniform(0.92, 1.08)
        c.soft("ellipse", (x - r + 10, y - r * 0.3, x + r + 20, y + r * 0.6), 0.45, 14)
        c.draw.ellipse((x - r, y - r * 0.25, x + r, y + r * 0.5), fill=(110, 62, 26))
        c.draw.ellipse((x - r, y - r * 0.45, x + r, y + r * 0.3), fill=(172, 112, 54))
        c.draw.ellipse((x - r * 0.7, y - r * 0.35, x + r * 0.4, y + r * 0.1), fill=(190, 132, 70))
        c.draw.ellipse((x - r * 0.3, y - r * 0.3, x + r * 0.1, y - r * 0.12), fill=(206, 156, 96))


def sc_mete(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, WARM_WALL, WOOD, horizon=0.5)
    pouch(
        c,
        c.W * 0.3,
        c.H * 0.87,
        c.u(0.42),
        c.u(0.66),
        (190, 150, 100),
        LABEL_METE,
        window=lambda t, r: heap(t, r, cashew(t.height * 0.4), density=2.5),
        rng=rng,
    )
    bowl(
        c,
        c.W * 0.7,
        c.H * 0.74,
        c.u(0.24),
        c.u(0.08),
        c.u(0.1),
        (70, 120, 110),
        lambda t, r: heap(t, r, cashew(c.u(0.08)), density=1.8),
        rng,
        fill_color=(200, 160, 100),
    )


def sc_titi(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, COOL_WALL, WOOD, horizon=0.5, light=(0.6, 0.2))
    pouch(
        c,
        c.W * 0.7,
        c.H * 0.86,
        c.u(0.42),
        c.u(0.66),
        (236, 230, 210),
        LABEL_TITI,
        window=lambda t, r: heap(t, r, corn_flake(t.height * 0.33), density=2.4),
        rng=rng,
    )
    well = plate(c, c.W * 0.3, c.H * 0.8, c.W * 0.24, c.H * 0.12, color=(60, 60, 66))
    wx0, wy0, wx1, wy1 = (round(v) for v in well)
    tile = Image.new("RGB", (wx1 - wx0, wy1 - wy0 + round(c.H * 0.06)), (60, 60, 66))
    heap(tile, rng, corn_flake(c.u(0.07)), density=2.6)
    m = Image.new("L", tile.size, 0)
    ImageDraw.Draw(m).ellipse((0, 0, tile.width, tile.height), fill=255)
    c.paint(tile, m.filter(ImageFilter.GaussianBlur(4)), box=(wx0, wy0 - round(c.H * 0.05)))


def sc_air(c: Canvas, rng: random.Random) -> None:
    backdrop(
        c,
        rng,
        ((214, 232, 244), (186, 212, 230)),
        ((230, 236, 240), (196, 206, 214)),
        horizon=0.62,
        surface="plain",
        light=(0.4, 0.15),
    )
    bottle(
        c,
        c.W * 0.5,
        c.H * 0.9,
        c.u(0.26),
        c.u(0.8),
        LABEL_AIR,
        (30, 90, 190),
        (200, 225, 245),
        droplets=rng,
        label_span=(0.2, 0.48),
    )


def sc_air_sizes(c: Canvas, rng: random.Random) -> None:
    backdrop(
        c,
        rng,
        ((214, 232, 244), (186, 212, 230)),
        ((230, 236, 240), (196, 206, 214)),
        horizon=0.6,
        surface="plain",
        light=(0.6, 0.15),
    )
    for x, w, h, vol in [
        (0.25, 0.2, 0.5, "330 ml"),
        (0.5, 0.26, 0.8, "600 ml"),
        (0.77, 0.32, 0.95, "1.500 ml"),
    ]:
        lab = Label(
            LABEL_AIR.title,
            "air minum · " + vol,
            LABEL_AIR.bg,
            LABEL_AIR.fg,
            LABEL_AIR.accent,
            "sans",
            title_share=0.5,
        )
        bottle(
            c,
            c.W * x,
            c.H * 0.9,
            c.u(w),
            c.u(h * 0.85),
            lab,
            (30, 90, 190),
            (200, 225, 245),
            label_span=(0.2, 0.48),
        )


def sc_kayu_putih(c: Canvas, rng: random.Random) -> None:
    backdrop(c, rng, COOL_WALL, ((210, 214, 206), (176, 182, 172)), horizon=0.55, surface="linen")
    bottle(
        c,
        c.W * 0.42,
        c.H * 0.9,
        c.u(0.28),
        c.u(0.72),
        LABEL_KAYU_PUTIH,
        (40, 130, 70),
        (236, 236, 190),
        tint=(230, 240, 230),
        tint_alpha=0.3,
        neck=0.28,
        shoulder=0.7,
        cap_h=0.16,
        ridges=False,
        label_span=(0.14, 0.62),
    )
    # a twig of kayu putih leaves: long narrow leaves
    im, d = item_tile(c.u(0.5), c.u(0.3))
    d.line([(0, im.height * 0.6), (im.width, im.height * 0.45)], fill=(110, 80, 60, 255), width=6)
    for k in range(7):
        x = im.width * (0.12 + 0.12 * k)
        side = -1 if k % 2 else 1
        y = im.height * (0.6 - 0.15 * x / im.width)
        leaf = [
            (x, y),
            (x + im.width * 0.08, y + side * im.height * 0.16),
            (x + im.width * 0.2, y + side * im.height * 0.35),
            (x + im.width * 0.12, y + side * im.height * 0.17),
        ]
        d.polygon(leaf, fill=mix((90, 130, 90), (130, 160, 110), rng.random()) + (255,))
    c.paste_rgba(
        im.rotate(-10, resample=Image.Resampling.BICUBIC, expand=True), c.W * 0.55, c.H * 0.62
    )


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class Photo:
    path: str  # relative to products/
    scene: Callable[[Canvas, random.Random], None]
    size: tuple[int, int] = (1600, 1200)
    noise: float = 3.4
    phone: bool = False  # stored rotated with EXIF Orientation=6, Make/Model and GPS


PHOTOS: list[Photo] = [
    Photo("sei-oesapa-contoh/sei-babi-asap/sei-babi-1.jpg", sc_sei_pack),
    Photo(
        "sei-oesapa-contoh/sei-babi-asap/sei-babi-2.jpg",
        sc_sei_phone,
        (1200, 1600),
        noise=6.0,
        phone=True,
    ),
    Photo("sei-oesapa-contoh/sambal-luat/sambal-luat.jpg", sc_luat),
    Photo("koperasi-contoh-marungga/keripik-pisang/keripik-pisang-1.jpg", sc_kripik),
    Photo(
        "koperasi-contoh-marungga/keripik-pisang/keripik-pisang-2.webp",
        sc_kripik_close,
        (1200, 900),
    ),
    Photo("koperasi-contoh-marungga/teh-kelor/teh-kelor-1.jpg", sc_teh),
    Photo("koperasi-contoh-marungga/teh-kelor/teh-kelor-2.jpg", sc_teh_cup),
    Photo("koperasi-contoh-marungga/sabun-kelor/sabun-kelor-1.jpg", sc_sabun),
    Photo(
        "koperasi-contoh-marungga/sabun-kelor/sabun-kelor-2.png", sc_sabun_top, (1000, 750), noise=0
    ),
    Photo("koperasi-contoh-marungga/kapsul-kelor/kapsul-kelor.jpg", sc_kapsul),
    Photo("madu-contoh-fatumnasi/madu-hutan-fatumnasi/madu-hutan-1.jpg", sc_madu),
    Photo("madu-contoh-fatumnasi/madu-hutan-fatumnasi/madu-hutan-2.jpg", sc_madu_duo),
    Photo("kopi-contoh-bajawa/kopi-arabika-flores-bajawa/kopi-afb-1.jpg", sc_kopi, (1200, 1600)),
    Photo("kopi-contoh-bajawa/kopi-arabika-flores-bajawa/kopi-afb-2.jpg", sc_kopi_bowl),
    Photo("kopi-contoh-bajawa/kopi-beras-bajawa/kopi-beras.jpg", sc_kopi_beras),
    Photo("tenun-contoh-kambera/hinggi-kombu/hinggi-1.jpg", sc_hinggi),
    Photo("tenun-contoh-kambera/hinggi-kombu/hinggi-2.jpg", sc_hinggi_close),
    Photo("anyaman-contoh-lontar-rote/topi-tii-langga/tii-langga-1.jpg", sc_tii),
    Photo("anyaman-contoh-lontar-rote/topi-tii-langga/tii-langga-2.jpg", sc_tii_side),
    Photo("gula-contoh-sabu/gula-air-sabu/gula-air-1.jpg", sc_gula, (1200, 1600)),
    Photo("gula-contoh-sabu/gula-air-sabu/gula-lempeng.jpg", sc_gula_lempeng),
    Photo("mete-contoh-adonara/kacang-mete-goreng/kacang-mete.jpg", sc_mete),
    Photo("mete-contoh-adonara/jagung-titi/jagung-titi.jpg", sc_titi),
    Photo("tirta-contoh-wae-ruteng/air-minum-wae-ruteng/air-600ml.jpg", sc_air, (1200, 1600)),
    Photo("tirta-contoh-wae-ruteng/air-minum-wae-ruteng/air-tiga-ukuran.jpg", sc_air_sizes),
    Photo("kayu-putih-contoh-nita/minyak-kayu-putih/kayu-putih.jpg", sc_kayu_putih),
]

# The phone photo: a public place in Kota Kupang (coordinates from the project brief), a plausible
# capture time. Test material for the GPS warning and the orientation fix.
PHONE_MAKE, PHONE_MODEL = "Samsung", "Galaxy A05"
PHONE_GPS = (-10.1772, 123.6070)
PHONE_TIME = "2026:09:14 10:21:37"


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    value = abs(value)
    deg = int(value)
    minutes_full = (value - deg) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60 * 100)
    return (IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(seconds, 100))


def phone_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = PHONE_MAKE  # Make
    exif[0x0110] = PHONE_MODEL  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x0132] = PHONE_TIME  # DateTime
    sub = exif.get_ifd(0x8769)  # Exif IFD
    sub[0x9003] = PHONE_TIME  # DateTimeOriginal
    sub[0x9004] = PHONE_TIME  # DateTimeDigitized
    gps = exif.get_ifd(0x8825)  # GPS IFD
    lat, lon = PHONE_GPS
    gps[0x0000] = b"\x02\x02\x00\x00"  # GPSVersionID 2.2.0.0
    gps[0x0001] = "S" if lat < 0 else "N"
    gps[0x0002] = _dms(lat)
    gps[0x0003] = "E" if lon >= 0 else "W"
    gps[0x0004] = _dms(lon)
    return exif


def render(photo: Photo) -> Image.Image:
    rng = random.Random(zlib.crc32(photo.path.encode()))
    c = Canvas(*photo.size)
    photo.scene(c, rng)
    return c.finish(rng, photo.noise)


def save(photo: Photo, img: Image.Image, out_root: Path) -> Path:
    out = out_root / photo.path
    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    if photo.phone:
        # A phone held upright stores the sensor's landscape pixels and says "rotate 90° CW".
        stored = img.transpose(Image.Transpose.ROTATE_90)
        stored.save(out, "JPEG", quality=JPEG_QUALITY, exif=phone_exif().tobytes())
    elif suffix in (".jpg", ".jpeg"):
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif suffix == ".png":
        img.save(out, "PNG", optimize=True)
    elif suffix == ".webp":
        img.save(out, "WEBP", quality=WEBP_QUALITY, method=6)
    else:
        raise ValueError(f"unknown photo type: {out}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "only", nargs="*", help="draw only photos whose path contains one of these words"
    )
    parser.add_argument(
        "--out", type=Path, default=PRODUCTS, help="folder to write into (default: products/)"
    )
    args = parser.parse_args(argv)
    total = 0
    for photo in PHOTOS:
        if args.only and not any(word in photo.path for word in args.only):
            continue
        out = save(photo, render(photo), args.out)
        size = out.stat().st_size
        total += size
        print(f"{size / 1024:7.0f} KB  {out.relative_to(args.out)}")
    print(f"{total / 1024 / 1024:7.2f} MB  in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())

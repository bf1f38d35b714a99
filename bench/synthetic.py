"""Synthetic catalogues for the benchmark: N valid products across every category and regency.

`generate_catalogue(root, n)` writes `root/products/` the way producers would: one folder per
producer with `produsen.yml`, one folder per product with `produk.yml` and 1-4 photos. The
photos are 2-4 megapixel JPEGs with phone EXIF and enough texture at every scale that their
WebP renditions weigh what real product photos weigh (about 15 KB at 400 px, 45 KB at 800 px).

Generation is deterministic (`seed`) and prefix-stable: product i and its producer are the
same whatever `n` is, so a page measured at N=100 is the same page at N=1,000. To keep it fast,
photos come from a pool of base images hard-linked into product folders (the pipeline caches
by content, so a shared photo is processed once, as a re-used label shot would be); about one
product in eight gets a photo of its own, so photo processing is still exercised.
"""

from __future__ import annotations

import io
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from catalogue_gen.categories import CATEGORIES, HALAL_MANDATORY_CATEGORIES, LICENSE_RULES
from catalogue_gen.load import slugify
from catalogue_gen.regencies import REGENCIES

# Share of products per category (every category appears once among the first ten products).
CATEGORY_WEIGHTS = {
    "pangan-olahan": 30,
    "minuman": 14,
    "air-minum-kemasan": 3,
    "kosmetik": 8,
    "obat-tradisional": 5,
    "suplemen-kesehatan": 3,
    "kerajinan": 12,
    "tenun": 13,
    "pertanian-segar": 8,
    "lainnya": 4,
}
PHOTO_SIZES = (
    (2000, 1500),
    (2304, 1728),
    (1728, 2304),
    (2448, 1836),
    (1920, 1920),
    (2560, 1440),
    (1836, 2448),
)
UNIQUE_PHOTO_SHARE = 0.125
TEXTURE = 6  # sigma of the coarse texture layers; calibrated against real product photos

PLACES = [
    "Oesapa",
    "Fatumnasi",
    "Soe",
    "Kefamenanu",
    "Atambua",
    "Betun",
    "Ba'a",
    "Seba",
    "Kalabahi",
    "Lewoleba",
    "Larantuka",
    "Adonara",
    "Maumere",
    "Nita",
    "Ende",
    "Mbay",
    "Bajawa",
    "Ruteng",
    "Colol",
    "Borong",
    "Labuan Bajo",
    "Waingapu",
    "Kambera",
    "Waibakul",
    "Waikabubak",
    "Tambolaka",
    "Oelamasi",
    "Camplong",
    "Sikumana",
    "Baumata",
    "Niki-Niki",
    "Boti",
    "Kupang Timur",
    "Semau",
    "Nemberala",
    "Wolowaru",
    "Moni",
]
PRODUCER_KINDS = [
    "UMKM",
    "Kelompok Tani",
    "Koperasi Wanita",
    "Kelompok Tenun",
    "CV",
    "Usaha Keluarga",
    "Rumah Produksi",
    "KUB",
]
PRODUCER_WORDS = [
    "Sinar",
    "Harapan",
    "Flobamora",
    "Lontar",
    "Mawar",
    "Cendana",
    "Nekamese",
    "Sasando",
    "Kasih",
    "Bintang Timur",
    "Tunas Muda",
    "Lestari",
    "Ina Ama",
    "Nusa Bunga",
    "Sehati",
    "Berkat",
    "Mutiara",
]

# name pattern, fillers, keywords, variants (net content), price range in thousands
PRODUCTS: dict[str, list[tuple[str, list[str], list[str], list[str], tuple[int, int]]]] = {
    "pangan-olahan": [
        (
            "Keripik {x}",
            ["Pisang Kepok", "Singkong Balado", "Ubi Ungu", "Sukun", "Daun Kelor", "Talas"],
            ["keripik", "kripik", "camilan", "oleh-oleh"],
            ["100 g", "200 g", "500 g"],
            (10, 60),
        ),
        (
            "Se'i {x} Asap",
            ["Sapi", "Ayam", "Babi"],
            ["sei", "se’i", "daging asap", "oleh-oleh Kupang"],
            ["250 g", "500 g", "1 kg"],
            (60, 300),
        ),
        (
            "Sambal Lu'at {x}",
            ["Khas Timor", "Kemangi", "Pedas Manis"],
            ["sambal", "luat", "lu'at"],
            ["toples 150 g", "toples 250 g"],
            (15, 45),
        ),
        (
            "Jagung Bose {x}",
            ["Instan", "Kacang Merah", "Siap Masak"],
            ["jagung bose", "bose", "makanan khas"],
            ["500 g", "1 kg"],
            (15, 50),
        ),
        (
            "Jagung Titi {x}",
            ["Lamaholot", "Adonara", "Original"],
            ["jagung titi", "titie", "emping jagung"],
            ["250 g", "500 g"],
            (20, 60),
        ),
        (
            "Abon Ikan {x}",
            ["Tuna", "Cakalang", "Tongkol Pedas"],
            ["abon", "lauk"],
            ["100 g", "250 g"],
            (25, 80),
        ),
        (
            "Gula Lontar {x}",
            ["Cair", "Lempeng", "Semut"],
            ["gula lontar", "gula air", "gula sabu", "palm sugar"],
            ["botol 600 ml", "500 g", "1 kg"],
            (20, 70),
        ),
        (
            "Madu Hutan {x}",
            ["Fatumnasi", "Mutis", "Sumba", "Flores"],
            ["madu hutan", "madu liar", "honey"],
            ["250 ml", "500 ml", "1 liter"],
            (60, 250),
        ),
        (
            "Kacang Mete {x}",
            ["Goreng", "Panggang Madu", "Pedas"],
            ["mete", "mente", "cashew"],
            ["250 g", "500 g"],
            (45, 150),
        ),
        (
            "Dodol Rumput Laut {x}",
            ["Rasa Nanas", "Rasa Sirsak", "Original"],
            ["dodol", "rumput laut", "oleh-oleh"],
            ["200 g", "400 g"],
            (15, 45),
        ),
        (
            "Kue Rambut {x}",
            ["Gula Lontar", "Original"],
            ["kue rambut", "kue kering"],
            ["toples 300 g"],
            (20, 50),
        ),
    ],
    "minuman": [
        (
            "Kopi Arabika {x}",
            ["Bajawa", "Manggarai", "Colol", "Flores"],
            ["kopi", "arabika", "kopi flores", "coffee"],
            ["bubuk 200 g", "biji sangrai 250 g", "1 kg"],
            (50, 350),
        ),
        (
            "Kopi Robusta {x}",
            ["Manggarai", "Ende", "Flores Timur"],
            ["kopi", "robusta", "coffee"],
            ["bubuk 250 g", "500 g"],
            (35, 140),
        ),
        (
            "Teh Daun Kelor {x}",
            ["Celup", "Seduh", "Jahe"],
            ["kelor", "marungga", "moringa", "teh herbal"],
            ["20 kantong", "100 g"],
            (20, 60),
        ),
        (
            "Sirup {x}",
            ["Jahe Merah", "Asam Timor", "Markisa", "Kayu Manis"],
            ["sirup", "minuman"],
            ["botol 350 ml", "botol 600 ml"],
            (20, 55),
        ),
        (
            "Minuman Serbuk {x}",
            ["Jahe Merah", "Kunyit Asam", "Temulawak"],
            ["jahe", "minuman herbal"],
            ["250 g", "500 g"],
            (20, 60),
        ),
    ],
    "air-minum-kemasan": [
        (
            "Air Minum {x}",
            ["Wae Ruteng", "Mata Air Mutis", "Oenesu", "Lai Mbuli", "Kelimutu Segar"],
            ["air mineral", "amdk", "air kemasan"],
            ["botol 330 ml", "botol 600 ml", "galon 19 liter", "dus 24 botol"],
            (3, 80),
        ),
    ],
    "kosmetik": [
        (
            "Sabun Mandi {x}",
            ["Kelor", "Kopi Bajawa", "Madu Hutan", "Cendana", "Kunyit"],
            ["sabun", "soap", "sabun herbal"],
            ["1 batang 100 g", "paket 3 batang"],
            (15, 75),
        ),
        (
            "Lulur {x}",
            ["Kopi", "Beras Merah", "Kelor"],
            ["lulur", "scrub", "perawatan kulit"],
            ["toples 100 g", "toples 250 g"],
            (25, 85),
        ),
        (
            "Minyak Rambut {x}",
            ["Kemiri", "Kemiri Lidah Buaya"],
            ["minyak kemiri", "perawatan rambut"],
            ["botol 60 ml", "botol 100 ml"],
            (20, 60),
        ),
    ],
    "obat-tradisional": [
        (
            "Minyak Kayu Putih {x}",
            ["Nita", "Sikka", "Alor", "Wetar"],
            ["kayu putih", "cajuput", "minyak angin"],
            ["30 ml", "60 ml", "120 ml"],
            (20, 90),
        ),
        (
            "Jamu {x}",
            ["Kunyit Asam", "Beras Kencur", "Sirih Merah"],
            ["jamu", "herbal"],
            ["botol 250 ml", "botol 500 ml"],
            (15, 50),
        ),
        (
            "Balsem {x}",
            ["Sereh", "Kayu Putih", "Cengkeh"],
            ["balsem", "obat gosok"],
            ["20 g", "40 g"],
            (15, 40),
        ),
    ],
    "suplemen-kesehatan": [
        (
            "Kapsul {x}",
            ["Daun Kelor 500 mg", "Temulawak", "Madu Propolis"],
            ["kapsul", "suplemen", "kelor", "moringa"],
            ["botol 60 kapsul", "botol 120 kapsul"],
            (60, 180),
        ),
    ],
    "kerajinan": [
        (
            "Topi Ti'i Langga {x}",
            ["Anyaman Lontar", "Mini", "Hias"],
            ["ti'i langga", "rote", "anyaman", "topi"],
            ["ukuran dewasa", "ukuran anak"],
            (75, 350),
        ),
        (
            "Tas Anyaman {x}",
            ["Lontar", "Pandan", "Gewang"],
            ["tas", "anyaman", "lontar"],
            ["kecil", "sedang", "besar"],
            (50, 250),
        ),
        (
            "Sasando Mini {x}",
            ["Hiasan", "Gantungan Kunci"],
            ["sasando", "suvenir", "oleh-oleh"],
            ["satuan", "paket 5"],
            (25, 300),
        ),
        (
            "Ukiran Kayu {x}",
            ["Cendana", "Kayu Jati", "Motif Timor"],
            ["ukiran", "cendana", "sandalwood"],
            ["kecil", "besar"],
            (100, 900),
        ),
        (
            "Gelang Manik {x}",
            ["Alor", "Sumba", "Timor"],
            ["manik", "perhiasan", "gelang"],
            ["satuan", "paket 3"],
            (15, 120),
        ),
    ],
    "tenun": [
        (
            "Kain Tenun Ikat {x}",
            ["Motif Kaif", "Sumba Timur", "Insana", "Amarasi", "Sikka", "Lio"],
            ["tenun", "tenun ikat", "kain tenun", "ikat"],
            ["selendang", "sarung", "kain lebar"],
            (150, 1500),
        ),
        (
            "Selendang Songke {x}",
            ["Manggarai", "Cibal", "Todo"],
            ["songke", "tenun", "selendang"],
            ["selendang 2 m"],
            (150, 600),
        ),
        (
            "Sarung Buna {x}",
            ["Insana", "Biboki", "TTU"],
            ["buna", "tenun", "sarung"],
            ["sarung"],
            (300, 1200),
        ),
        (
            "Hinggi {x}",
            ["Kombu", "Kawuru", "Kambera"],
            ["hinggi", "tenun sumba", "kain tenun"],
            ["hinggi 250 cm"],
            (400, 1500),
        ),
    ],
    "pertanian-segar": [
        (
            "Biji Kopi Mentah {x}",
            ["Arabika Bajawa", "Robusta Manggarai"],
            ["green bean", "kopi", "biji kopi"],
            ["1 kg", "5 kg"],
            (80, 600),
        ),
        (
            "Kacang Mete Gelondong {x}",
            ["Adonara", "Flores Timur", "Sumba"],
            ["mete", "mente", "jambu mete"],
            ["1 kg", "5 kg"],
            (30, 200),
        ),
        (
            "Kemiri Kupas {x}",
            ["Sikka", "Ende", "Timor"],
            ["kemiri", "candlenut"],
            ["1 kg"],
            (30, 70),
        ),
        ("Asam Jawa {x}", ["Timor", "Sumba"], ["asam", "tamarind"], ["1 kg", "5 kg"], (15, 60)),
        (
            "Jeruk Keprok {x}",
            ["Soe", "Mollo"],
            ["jeruk", "jeruk soe"],
            ["1 kg", "10 kg"],
            (20, 180),
        ),
        (
            "Vanili Kering {x}",
            ["Flores", "Alor"],
            ["vanili", "vanilla"],
            ["100 g", "250 g"],
            (80, 400),
        ),
    ],
    "lainnya": [
        (
            "Minyak Kelapa {x}",
            ["Murni", "Kampung", "Klentik"],
            ["minyak kelapa", "vco"],
            ["botol 250 ml", "botol 600 ml"],
            (20, 75),
        ),
        (
            "Lilin Aroma {x}",
            ["Cendana", "Kopi", "Serai"],
            ["lilin", "aromaterapi"],
            ["kecil", "besar"],
            (30, 90),
        ),
        (
            "Arang Tempurung {x}",
            ["Kelapa", "Briket"],
            ["arang", "briket"],
            ["5 kg", "10 kg"],
            (25, 90),
        ),
    ],
}

SENTENCES = [
    "{name} dibuat oleh {producer} di {place}, {regency}.",
    "Bahan bakunya kami ambil dari kebun dan petani di sekitar {place} supaya selalu segar.",
    "Setiap kemasan diperiksa satu per satu sebelum dikirim, dan ditutup rapat supaya tahan lama.",
    "Produk ini cocok untuk oleh-oleh keluarga di luar NTT, hadiah, atau dipakai sendiri di rumah.",
    "Kami bekerja bersama {workers} orang anggota, kebanyakan ibu rumah tangga dari kampung sekitar.",
    "Pesanan dalam jumlah besar untuk acara adat, kantor atau toko oleh-oleh bisa dibicarakan lewat WhatsApp.",
    "Simpan di tempat kering dan sejuk, jauh dari sinar matahari langsung.",
    "Cara membuatnya masih mengikuti resep dan cara kerja yang diajarkan orang tua kami.",
    "Pengiriman ke luar {regency} memakai jasa ekspedisi; ongkos kirim dihitung sesuai berat.",
    "Musim panen terbaik antara bulan {month1} dan {month2}, jadi stok kadang terbatas.",
    "Kami tidak memakai pengawet atau pewarna buatan.",
    "Setiap pembelian membantu {workers} keluarga di {place} mendapat penghasilan tetap.",
    "Produk ini sudah dijual di pasar {place} dan beberapa toko oleh-oleh di Kupang sejak {year}.",
    "Untuk reseller tersedia harga khusus mulai pembelian sepuluh kemasan.",
    "Foto di halaman ini adalah produk asli kami, difoto di rumah produksi.",
    "Kalau ada pertanyaan tentang bahan, cara pakai atau ketahanan produk, silakan hubungi kami.",
]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
VIEWS = [
    "kemasan tampak depan",
    "isi produk di piring",
    "produk di atas meja kayu",
    "label dan nomor izin di kemasan",
    "pilihan ukuran kemasan",
    "proses pembuatan di rumah produksi",
]


@dataclass
class Generated:
    """What `generate_catalogue` wrote."""

    root: Path
    products: list[str] = field(default_factory=list)
    """Product folders relative to products/, in generation order."""
    producers: int = 0
    photo_files: int = 0
    unique_photos: int = 0
    source_bytes: int = 0
    """Bytes of all photo files as a producer's repository would hold them (links counted each time)."""
    categories: dict[str, int] = field(default_factory=dict)
    regencies: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "products": len(self.products),
            "producers": self.producers,
            "photo_files": self.photo_files,
            "unique_photos": self.unique_photos,
            "source_mb": round(self.source_bytes / 1e6, 1),
            "categories": self.categories,
            "regencies": self.regencies,
        }


# Photos ---------------------------------------------------------------------------------------


def scene(seed: int, width: int, height: int) -> Image.Image:
    """A product photo stand-in: wall and table, packages and piles, texture at every scale."""
    rng = random.Random(seed)

    def warm(lo, hi):
        return (
            rng.randint(lo, hi),
            rng.randint(lo - 20, hi - 30),
            rng.randint(lo - 45, hi - 60),
        )

    top, bottom = warm(170, 250), warm(120, 200)
    image = Image.composite(
        Image.new("RGB", (width, height), bottom),
        Image.new("RGB", (width, height), top),
        Image.linear_gradient("L").resize((width, height)),
    )
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.5, 0.7))
    table = warm(90, 180)
    draw.rectangle([0, horizon, width, height], fill=table)
    for y in range(horizon, height, max(2, height // 150)):  # wood grain
        shade = tuple(max(0, v - rng.randint(0, 25)) for v in table)
        draw.line([(0, y), (width, y + rng.randint(-8, 8))], fill=shade, width=rng.randint(1, 3))
    for _ in range(rng.randint(2, 5)):
        cx, cy = rng.randint(width // 6, 5 * width // 6), rng.randint(height // 3, 4 * height // 5)
        bw, bh = rng.randint(width // 10, width // 4), rng.randint(height // 6, height // 2)
        colour = tuple(rng.randint(20, 230) for _ in range(3))
        if rng.random() < 0.5:  # a package with a label
            draw.rounded_rectangle(
                [cx - bw // 2, cy - bh, cx + bw // 2, cy], radius=max(1, bw // 8), fill=colour
            )
            draw.rectangle(
                [cx - bw // 3, cy - bh * 3 // 4, cx + bw // 3, cy - bh // 3],
                fill=tuple(rng.randint(190, 255) for _ in range(3)),
            )
            for line in range(4):
                y = cy - bh * 3 // 4 + (line + 1) * bh // 14
                draw.line(
                    [(cx - bw // 4, y), (cx + bw // 4 - rng.randint(0, bw // 5), y)],
                    fill=(40, 30, 20),
                    width=max(2, height // 300),
                )
        else:  # a plate with a pile of pieces
            draw.ellipse([cx - bw, cy - bh // 3, cx + bw, cy + bh // 6], fill=(235, 232, 228))
            for _ in range(40):
                px, py = (
                    rng.randint(cx - bw * 3 // 4, cx + bw * 3 // 4),
                    rng.randint(cy - bh // 4, cy),
                )
                r = rng.randint(max(2, width // 150), max(3, width // 60))
                draw.ellipse(
                    [px - r, py - r, px + r, py + r],
                    fill=tuple(min(255, max(0, v + rng.randint(-40, 40))) for v in colour),
                )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    for scale, sigma in ((12, TEXTURE), (6, TEXTURE), (3, TEXTURE * 0.8), (1, 4)):
        noise = Image.effect_noise((max(1, width // scale), max(1, height // scale)), sigma)
        if scale > 1:
            noise = noise.resize((width, height), Image.Resampling.BICUBIC)
        image = ImageChops.add(
            image, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128
        )
    return image


def phone_exif(rng: random.Random) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = rng.choice(["samsung", "Xiaomi", "OPPO", "vivo", "realme"])  # Make
    exif[0x0110] = rng.choice(["SM-A145F", "Redmi Note 12", "CPH2591", "V2254", "RMX3760"])  # Model
    exif[0x0112] = 1  # Orientation: upright
    exif[0x0131] = "A145FXXS3BXB1"  # Software
    exif[0x0132] = (
        f"2026:{rng.randint(1, 10):02d}:{rng.randint(1, 28):02d} {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}:00"
    )
    return exif


def encode_jpeg(image: Image.Image, rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.choice([85, 88, 90]), exif=phone_exif(rng))
    return buffer.getvalue()


POOL_SIZE = 40


def photo_size(index: int, scale: float = 1.0) -> tuple[int, int]:
    """Width and height of base photo `index`: a phone's size, times `scale` (1: 2-4 MP)."""
    width, height = PHOTO_SIZES[index % len(PHOTO_SIZES)]
    return round(width * scale), round(height * scale)


def pool_photo(folder: Path, index: int, seed: int, scale: float = 1.0) -> Path:
    """Base photo number `index` (2-4 MP JPEG with EXIF at scale 1), made on first use and kept in
    `folder`; a photo of another scale is another file."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "" if scale == 1 else f"-x{scale:g}"
    path = folder / f"pool-{seed}-{index:03d}{suffix}.jpg"
    if not path.is_file():
        rng = random.Random(f"{seed}-pool-{index}")
        width, height = photo_size(index, scale)
        data = encode_jpeg(scene(seed * 1000 + index, width, height), rng)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path


def pool_choices(index: int) -> int:
    """How many base photos product `index` picks from: grows with the catalogue, never with N."""
    return min(POOL_SIZE, 6 + index // 4)


def variant_photo(base: Path, target: Path, seed: str) -> None:
    """A photo of its own: `base` with a small mark painted on, re-encoded (new content, same look)."""
    rng = random.Random(seed)
    with Image.open(base) as source:
        image = source.convert("RGB")
    draw = ImageDraw.Draw(image)
    width, height = image.size
    x, y = rng.randint(0, width - width // 8), rng.randint(0, height - height // 8)
    draw.ellipse(
        [x, y, x + width // 10, y + width // 10], fill=tuple(rng.randint(0, 255) for _ in range(3))
    )
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(encode_jpeg(image, rng))
    os.replace(
        tmp, target
    )  # a new file: never write through a hard link shared with other products


# Text -----------------------------------------------------------------------------------------


def _producer(index: int, seed: int) -> dict[str, Any]:
    rng = random.Random(f"{seed}-producer-{index}")
    regency = REGENCIES[index % len(REGENCIES)] if index < len(REGENCIES) else rng.choice(REGENCIES)
    place = rng.choice(PLACES)
    name = f"{rng.choice(PRODUCER_KINDS)} {rng.choice(PRODUCER_WORDS)} {place}"
    return {
        "slug": f"{slugify(name)[:40].strip('-')}-{index:04d}",
        "size": rng.choice([1, 1, 2, 3, 3, 4, 5, 6, 8, 10]),
        "regency": regency,
        "place": place,
        "data": {
            "nama": name,
            "kabupaten": regency.slug,
            "akun_github": [
                "beli-produk-ntt-pengelola"
            ],  # the sample catalogue's maintainer (issue 10)
            "alamat": f"Jl. {rng.choice(PRODUCER_WORDS)} No. {rng.randint(1, 120)}, {place}, {regency.name}",
            "kontak": {
                "whatsapp": f"0812{rng.randint(10, 99)}{index:06d}",
                "email": f"usaha{index}@example.com",
            },
            "nib": f"{9120000000000 + index:013d}",
            "tentang": (
                f"(Data sintetis untuk uji beban.) {name} adalah usaha di {place}, {regency.name}, "
                f"yang berdiri sejak {rng.randint(1998, 2024)}. Kami membuat produk dari bahan lokal NTT."
            ),
        },
    }


def _category(index: int, rng: random.Random) -> str:
    if index < len(CATEGORIES):
        return CATEGORIES[index].slug
    slugs = list(CATEGORY_WEIGHTS)
    return rng.choices(slugs, weights=[CATEGORY_WEIGHTS[s] for s in slugs])[0]


def _licenses(
    category: str, index: int, regency_code: str, rng: random.Random, pork: bool
) -> tuple[list[dict[str, str]], dict[str, str] | None]:
    rule = LICENSE_RULES[category]
    licenses: list[dict[str, str]] = []
    for group in rule.required:
        kind = group[0]
        if "pirt" in group and rng.random() < 0.6:
            kind = "pirt"
        if kind == "pirt":
            number = f"P-IRT No. {rng.randint(1, 5)}{rng.randint(1, 15):02d}{regency_code}{index:06d}-{29 + index % 3}"
        elif kind in ("bpom-md", "bpom-ml"):
            number = f"BPOM RI {kind[-2:].upper()} {265300000000 + index:012d}"
        elif kind == "notifikasi-kosmetik":
            number = f"NA18{260000000 + index:09d}"
        elif kind == "sni":
            number = "SNI 3553:2015"
        else:  # bpom-tr, bpom-sd, ...
            number = f"POM {kind[-2:].upper()} {260000000 + index:09d}"
        licenses.append({"jenis": kind, "nomor": number})
    halal: dict[str, str] | None = None
    if rule.needs_halal:
        if pork:
            halal = {"status": "tidak-halal", "alasan": "mengandung daging babi"}
        elif rng.random() < 0.1 and category not in HALAL_MANDATORY_CATEGORIES:
            # food, drink and cosmetics past the halal deadline would each add a warning
            halal = {"status": "dalam-proses"}
        else:
            halal = {"nomor": f"ID53{index:015d}"}
    return licenses, halal


def _product(
    index: int, producer: dict[str, Any], seed: int, today: date
) -> tuple[str, dict[str, Any], int]:
    """(slug, produk.yml data, photo count) of product `index`."""
    rng = random.Random(f"{seed}-product-{index}")
    category = _category(index, rng)
    pattern, fillers, keywords, variants, (low, high) = rng.choice(PRODUCTS[category])
    name = pattern.format(x=rng.choice(fillers))
    pork = "Babi" in name
    regency = producer["regency"]
    place = producer["place"]
    words = {
        "name": name,
        "producer": producer["data"]["nama"],
        "place": place,
        "regency": regency.name,
        "workers": rng.randint(3, 40),
        "month1": rng.choice(MONTHS[:6]),
        "month2": rng.choice(MONTHS[6:]),
        "year": rng.randint(2005, 2024),
    }
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        sentences = rng.sample(SENTENCES, rng.randint(2, 4))
        paragraphs.append(" ".join(s.format(**words) for s in sentences))
    summary = f"{name} dari {place}, {regency.short_name}: {rng.choice(['dibuat dengan tangan', 'bahan lokal pilihan', 'tanpa pengawet', 'hasil kebun sendiri', 'khas NTT'])}."
    photo_count = 3 if index == 0 else rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
    prices = []
    for variant in rng.sample(variants, rng.randint(1, len(variants))):
        prices.append({"varian": variant, "rupiah": rng.randint(low * 2, high * 2) * 500})
    licenses, halal = _licenses(category, index, regency.code, rng, pork)
    data: dict[str, Any] = {
        "nama": name,
        "kategori": category,
        "ringkasan": summary[:160],
        "deskripsi": "(Data sintetis untuk uji beban.) " + "\n\n".join(paragraphs),
        "foto": [
            {"berkas": f"foto-{n + 1}.jpg", "keterangan": f"{name}, {rng.choice(VIEWS)}"}
            for n in range(photo_count)
        ],
        "harga": prices,
    }
    if rng.random() < 0.6:
        data["komposisi"] = (
            [name.lower().split(" ")[0], "garam", "gula"]
            if category in ("pangan-olahan", "minuman")
            else [name.lower()]
        )
    if licenses:
        data["izin"] = licenses
    if halal:
        data["halal"] = halal
    if rng.random() < 0.5:
        data["tempat_beli"] = [
            {"nama": f"Kios Oleh-Oleh {rng.choice(PRODUCER_WORDS)}", "alamat": f"Pasar {place}"}
        ]
    if rng.random() < 0.4:
        data["tautan"] = {
            "shopee": f"https://shopee.co.id/usaha{index}",
            "instagram": f"https://www.instagram.com/usaha{index}",
        }
    data["kata_kunci"] = rng.sample(keywords, min(len(keywords), rng.randint(2, 4)))
    data["tersedia"] = rng.random() > 0.08
    data["diperbarui"] = today - timedelta(days=(index * 37) % 300 + 1)
    slug = f"{slugify(name)[:50].strip('-')}-{index:05d}"
    return slug, data, photo_count


class _Dumper(yaml.SafeDumper):
    """Every string quoted, as the guide tells producers; multi-line text as a `|` block."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else "" if re.fullmatch(r"[a-z_]+", value) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style or None)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


# The catalogue --------------------------------------------------------------------------------


@dataclass
class Planned:
    """One product as `generate_catalogue` will write it (before any file or photo exists)."""

    index: int
    producer: dict[str, Any]
    slug: str
    data: dict[str, Any]
    photo_count: int

    @property
    def key(self) -> str:
        """The product's folder under products/ (katalog.json's `kunci`)."""
        return f"{self.producer['slug']}/{self.slug}"


def plan_catalogue(n: int, seed: int = 7, today: date | None = None) -> Iterator[Planned]:
    """The N products of a catalogue in generation order, without writing anything.

    Cheap (no photos), so the benchmark and its tests can ask what a size contains, e.g. which is
    the smallest catalogue that gives every measurement something to find.
    """
    today = today or date.today()
    index = 0
    producer_index = 0
    while index < n:
        producer = _producer(producer_index, seed)
        producer_index += 1
        for _ in range(producer["size"]):
            if index >= n:
                break
            slug, data, photo_count = _product(index, producer, seed, today)
            yield Planned(index, producer, slug, data, photo_count)
            index += 1


def generate_catalogue(
    root: Path,
    n: int,
    seed: int = 7,
    pool_dir: Path | None = None,
    today: date | None = None,
    photo_scale: float = 1.0,
) -> Generated:
    """Write N products (and their producers and photos) under `root/products`.

    `photo_scale` shrinks every photo's sides (0.5: a quarter of the pixels); the text and which
    photo each product gets are the same at every scale.
    """
    products_dir = root / "products"
    products_dir.mkdir(parents=True, exist_ok=True)
    pool_dir = pool_dir or root / ".pool"
    result = Generated(root)
    seen_sources: set[int] = set()
    written_producers: set[str] = set()
    for planned in plan_catalogue(n, seed, today):
        producer, index, data = planned.producer, planned.index, planned.data
        folder = products_dir / producer["slug"]
        if producer["slug"] not in written_producers:
            written_producers.add(producer["slug"])
            folder.mkdir(exist_ok=True)
            (folder / "produsen.yml").write_text(dump_yaml(producer["data"]), encoding="utf-8")
            result.producers += 1
        # Products per regency as written: the last producer may be cut short at N.
        result.regencies[producer["regency"].slug] = (
            result.regencies.get(producer["regency"].slug, 0) + 1
        )
        product_dir = folder / planned.slug
        product_dir.mkdir(exist_ok=True)
        (product_dir / "produk.yml").write_text(dump_yaml(data), encoding="utf-8")
        rng = random.Random(f"{seed}-photos-{index}")
        for number in range(planned.photo_count):
            target = product_dir / f"foto-{number + 1}.jpg"
            base = pool_photo(pool_dir, rng.randrange(pool_choices(index)), seed, photo_scale)
            if target.exists():
                target.unlink()
            if number == 0 and rng.random() < UNIQUE_PHOTO_SHARE:
                variant_photo(base, target, f"{seed}-variant-{index}")
                result.unique_photos += 1
            else:
                os.link(base, target)
                if base.stat().st_ino not in seen_sources:
                    seen_sources.add(base.stat().st_ino)
                    result.unique_photos += 1
            result.photo_files += 1
            result.source_bytes += target.stat().st_size
        result.products.append(planned.key)
        result.categories[data["kategori"]] = result.categories.get(data["kategori"], 0) + 1
    return result


def change_product_yaml(root: Path, product: str, run: int) -> None:
    """Edit one product the way a producer would: a new summary and a new price."""
    path = root / "products" / product / "produk.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["ringkasan"] = f"{data['nama']}: edisi baru nomor {run}, stok terbatas."[:160]
    data["harga"][0]["rupiah"] = data["harga"][0]["rupiah"] + 500 * (run + 1)
    path.write_text(dump_yaml(data), encoding="utf-8")


def change_product_photo(
    root: Path, product: str, run: int, pool_dir: Path, seed: int = 7, photo_scale: float = 1.0
) -> None:
    """Replace one product's cover photo with a new one."""
    target = root / "products" / product / "foto-1.jpg"
    variant_photo(
        pool_photo(pool_dir, run % 6, seed, photo_scale), target, f"photo-change-{run}-{product}"
    )

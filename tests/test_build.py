"""End to end: product folders -> `catalogue-gen build` -> a complete static site, or a refusal."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from catalogue_gen.settings import Settings

from .conftest import REPO, copy_site_sources
from .golden_catalogue import materialise

pytestmark = pytest.mark.slow


def catalogue_gen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catalogue_gen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fixture-site")
    materialise(root, site=True)
    done = catalogue_gen("build", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


class Elements(HTMLParser):
    """Collects (tag, attrs) of every element, and the text of ld+json scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.json_ld: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_json = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_product_has_exactly_one_page(built: Path) -> None:
    folders = sorted(
        p.parent.relative_to(built / "products").as_posix()
        for p in (built / "products").glob("*/*/produk.yml")
    )
    pages = sorted(
        p.parent.relative_to(built / "site/produk").as_posix()
        for p in (built / "site/produk").glob("*/*/index.html")
    )
    assert pages == folders
    manifest = json.loads((built / "site/katalog.json").read_text(encoding="utf-8"))
    assert [p["kunci"] for p in manifest["produk"]] == folders


def test_producer_text_is_never_live_markup(built: Path) -> None:
    page = built / "site/produk/dapur-contoh/kripik-kelor/index.html"
    html = page.read_text(encoding="utf-8")
    assert "<b>digoreng</b>" not in html and "&lt;b&gt;digoreng&lt;/b&gt;" in html
    assert "<Renyah>" not in html
    elements = parse(page).elements
    assert not [
        a
        for _, a in elements
        if any(v and v.lstrip().lower().startswith("javascript:") for v in a.values())
    ]
    assert not [t for t, _ in elements if t == "b"]


def test_product_page_has_json_ld_open_graph_and_whatsapp(built: Path) -> None:
    for page in (built / "site/produk").glob("*/*/index.html"):
        parsed = parse(page)
        [data] = [json.loads(text) for text in parsed.json_ld]
        assert data["@type"] == "Product" and data["offers"]["priceCurrency"] == "IDR"
        metas = {
            a.get("property") or a.get("name"): a.get("content")
            for t, a in parsed.elements
            if t == "meta"
        }
        image = metas["og:image"]
        site_url = Settings.for_project(built).site_url
        assert image and image.startswith(site_url)
        assert (built / "site" / image.removeprefix(site_url)).is_file()
        assert metas["description"]
        links = [a.get("href") or "" for t, a in parsed.elements if t == "a"]
        if "tenun-contoh" not in str(page):  # that producer gave an email only
            assert any(href.startswith("https://wa.me/62") for href in links)


def test_no_image_in_the_site_carries_metadata(built: Path) -> None:
    images = [
        p
        for p in (built / "site").rglob("*")
        if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")
    ]
    assert images
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp"} & set(image.info), path
        data = path.read_bytes()
        assert b"Exif\x00\x00" not in data and b"<x:xmpmeta" not in data, path


def test_pages_use_relative_links_so_a_sub_path_works(built: Path) -> None:
    html = (built / "site/kategori/pangan-olahan/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'(?:href|src)="(/[^"/][^"]*)"', html)
    assert hrefs == []


def test_no_inline_script_and_a_content_security_policy(built: Path) -> None:
    for page in [built / "site/index.html", built / "site/produk/dapur-contoh/sei-babi/index.html"]:
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html
        for attrs in re.findall(r"<script([^>]*)>", html):
            assert (
                "src=" in attrs or "application/ld+json" in attrs or "application/json" in attrs
            ), attrs


def test_search_index_is_built(built: Path) -> None:
    assert (built / "site/pagefind/pagefind.js").is_file()
    assert not (built / "site/search/search_index.json").exists()


def test_expired_pirt_and_not_halal_are_shown(built: Path) -> None:
    html = (built / "site/produk/dapur-contoh/sei-babi/index.html").read_text(encoding="utf-8")
    assert "Izin perlu diperbarui" in html
    assert "Tidak halal" in html
    assert "Stok habis" in html


def test_an_invalid_product_fails_the_build_and_keeps_the_old_site(built: Path) -> None:
    before = (built / "site/index.html").read_bytes()
    broken = built / "products/dapur-contoh/rusak"
    broken.mkdir()
    (broken / "produk.yml").write_text(
        "nama: Rusak\nkategori: pangan-olahan\nringkasan: x y\ndeskripsi: z z\nfoto: [a.jpg]\nharga:\n  - rupiah: 75.000\n",
        encoding="utf-8",
    )
    try:
        done = catalogue_gen("build", cwd=built)
        assert done.returncode == 1
        assert "products/dapur-contoh/rusak/produk.yml:7:13: galat: harga[0].rupiah" in done.stdout
        assert "products/dapur-contoh/rusak/produk.yml:5:8: galat: foto" in done.stdout
        assert "Traceback" not in done.stdout + done.stderr
        assert (built / "site/index.html").read_bytes() == before
    finally:
        for path in broken.iterdir():
            path.unlink()
        broken.rmdir()


def test_sample_catalogue_validates_and_builds(tmp_path: Path) -> None:
    """The real products/ folder: validate exits 0 and every product gets its page."""
    root = tmp_path / "proyek"
    root.mkdir()
    copy_site_sources(root)
    (root / "products").symlink_to(REPO / "products")
    done = catalogue_gen("validate", cwd=root)
    assert done.returncode == 0, done.stdout
    done = catalogue_gen("build", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    folders = sorted(
        p.parent.relative_to(REPO / "products").as_posix()
        for p in (REPO / "products").glob("*/*/produk.yml")
    )
    assert len(folders) >= 12
    for folder in folders:
        assert (root / "site/produk" / folder / "index.html").is_file(), folder


def test_a_broken_link_in_a_hand_written_page_fails_the_build(tmp_path: Path) -> None:
    materialise(tmp_path, site=True)
    with (tmp_path / "docs/tentang.md").open("a", encoding="utf-8") as page:
        page.write("\n[rusak](tidak-ada.md)\n")
    done = catalogue_gen("build", cwd=tmp_path)
    assert done.returncode == 2
    assert "tidak-ada.md" in done.stderr
    assert not (tmp_path / "site").exists()

"""End to end: product folders -> `catalogue-gen build` -> a complete static site, or a refusal."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from catalogue_gen.settings import SITE_URL_ENV, Settings, parse_site_url

from .conftest import REPO, copy_site_sources
from .golden_catalogue import materialise

pytestmark = pytest.mark.slow


def catalogue_gen(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catalogue_gen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
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


# A build that talks, and one setting for the address (issue 12) --------------------------------

ELSEWHERE = "https://pasar.contoh.id/ntt/"


@pytest.fixture(scope="module")
def built_elsewhere(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A cold build for another address than mkdocs.yml's, with -v and --timings."""
    root = tmp_path_factory.mktemp("elsewhere")
    materialise(root, site=True)
    env = {**os.environ, "CATALOGUE_SITE_URL": ELSEWHERE}
    done = catalogue_gen("build", "-v", "--timings", cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return root, done


def test_cold_build_names_every_stage_then_its_times(
    built_elsewhere: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, done = built_elsewhere
    lines = done.stderr.splitlines()
    stages = [line.split(":")[0] for line in lines if re.match(r"^[a-z]+: ", line)]
    assert stages == ["muat", "periksa", "foto", "halaman", "mkdocs", "pencarian"]
    assert "  semua halaman (mkdocs build --strict)" in lines
    assert any(re.fullmatch(r"  0 foto dari cache, [1-9]\d* baru diproses", line) for line in lines)
    assert "  3 halaman di indeks pencarian" in lines
    timings = lines[lines.index("Waktu per tahap:") + 1 :]
    assert [row.split()[0] for row in timings] == [*stages, "jumlah"]
    last = done.stdout.splitlines()[-1]
    site = re.escape(str(root / "site"))
    assert re.fullmatch(rf"Situs selesai dibangun di {site}: 3 produk, \d+ halaman\.", last), last


def test_warm_build_is_one_summary_line(built: Path) -> None:
    done = catalogue_gen("build", cwd=built)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no terminal: no stage lines
    last = done.stdout.splitlines()[-1]
    assert re.fullmatch(
        rf"Situs di {re.escape(str(built / 'site'))} sudah sesuai, tidak ada yang berubah: "
        r"3 produk, \d+ halaman\.",
        last,
    ), last
    verbose = catalogue_gen("build", "-v", "--timings", cwd=built)
    assert "mkdocs:" not in verbose.stderr and "pencarian:" not in verbose.stderr
    assert (
        "  situs sudah dibangun dari halaman yang sama; MkDocs dan Pagefind dilewati"
        in verbose.stderr.splitlines()
    )
    assert any(
        re.fullmatch(r"  [1-9]\d* foto dari cache, 0 baru diproses", line)
        for line in verbose.stderr.splitlines()
    )
    assert verbose.stdout.splitlines()[-1] == last


def test_404_page_and_canonical_links_follow_site_url(
    built_elsewhere: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    # One setting moves every address: the 404 page's links take its path (they must work at any
    # depth and on `serve`), the canonical link (MkDocs) and the share image (pages) all of it.
    root, _ = built_elsewhere
    page = parse(root / "site/404.html")
    links = {a.get("href") for t, a in page.elements if t == "a"}
    assert {"/ntt/", "/ntt/kategori/", "/ntt/kabupaten/", "/ntt/cari/"} <= links
    assert not [link for link in links if link and "/katalog/" in link]
    product = parse(root / "site/produk/tenun-contoh/selendang-ikat/index.html")
    canonical = [
        a["href"] for t, a in product.elements if t == "link" and a.get("rel") == "canonical"
    ]
    metas = {a.get("property"): a.get("content") for t, a in product.elements if t == "meta"}
    assert canonical == [f"{ELSEWHERE}produk/tenun-contoh/selendang-ikat/"]
    assert (metas["og:image"] or "").startswith(f"{ELSEWHERE}produk/tenun-contoh/selendang-ikat/")
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{ELSEWHERE}</loc>" in sitemap and "beli-produk-ntt" not in sitemap


@pytest.mark.parametrize(
    ("line", "address"),
    [
        ('!ENV [CATALOGUE_SITE_URL, "https://pasar.contoh.id/"]', "https://pasar.contoh.id/"),
        ("https://akun.github.io/repo/", "https://akun.github.io/repo/"),
        ("'https://akun.github.io/repo/'  # komentar", "https://akun.github.io/repo/"),
        ("!ENV CATALOGUE_SITE_URL", ""),  # no default: unknown unless the variable is set
        ("", ""),
    ],
)
def test_site_url_line_reads_as_mkdocs_reads_it(line: str, address: str) -> None:
    assert parse_site_url(line) == address


def test_the_repository_site_url_can_be_overridden_for_both(tmp_path: Path) -> None:
    copy_site_sources(tmp_path)
    assert Settings.for_project(tmp_path).site_url == "https://beli-produk-ntt.github.io/katalog/"
    line = next(
        line
        for line in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        if line.startswith("site_url:")
    )
    # the variable the pipeline hands to MkDocs is the one mkdocs.yml reads
    assert line.startswith(f"site_url: !ENV [{SITE_URL_ENV}, ")

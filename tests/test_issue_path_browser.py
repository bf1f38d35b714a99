"""The form page's "Kirim lewat GitHub (tanpa berkas)" button, and the guide for that path.

The button opens the "Daftarkan produk" issue form (.github/ISSUE_TEMPLATE/daftarkan-produk.yml)
with its fields filled from the address (GitHub fills an issue form field from the query
parameter named by the field's id; a dropdown from the exact text of one of its options). The
form page is the shared sample site (tests/conftest.py `www`), driven in Debian's Chromium at
360 px. Nothing reaches github.com: the new tab's request is answered by the test.

The guide's screenshots (docs/panduan/gambar/) are taken here; regenerate them with
`python -m tests.test_issue_path_browser --screenshots`.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from catalogue_gen.regencies import find_regency

from .browser_support import REPO, SUB_PATH, wait_for_script

ISSUE_FORM = REPO / ".github/ISSUE_TEMPLATE/daftarkan-produk.yml"
NEW_ISSUE = "https://github.com/beli-produk-ntt/katalog/issues/new"
GUIDE = REPO / "docs/panduan/lewat-issue.md"
SCREENSHOTS = REPO / "docs/panduan/gambar"
MAX_SCREENSHOT_BYTES = 60_000
LONG_URL = 8000

browser = pytest.mark.browser


def issue_form() -> dict[str, Any]:
    return yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))


def issue_fields() -> list[dict[str, Any]]:
    """The issue form's fields in the order GitHub shows them (markdown blocks left out)."""
    return [item for item in issue_form()["body"] if item["type"] != "markdown"]


def options(field_id: str) -> list[str]:
    return next(f for f in issue_fields() if f.get("id") == field_id)["attributes"]["options"]


def query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == NEW_ISSUE
    values = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), values
    return {key: value[0] for key, value in values.items()}


def a_producer() -> str:
    return sorted(p.parent.name for p in (REPO / "products").glob("*/produsen.yml"))[0]


def pirt(regency: str) -> str:
    found = find_regency(regency)
    assert found is not None
    return f"P-IRT No. 206{found.code}010052-29"


NAMA = 'Sirup Jahe "Oenesu" & Gula Lontar #1'
RINGKASAN = "Manis gula lontar & pedas jahe: 100% dari kebun sendiri?"
DESKRIPSI = (
    'Dibuat dari jahe merah kebun sendiri; "tanpa pengawet" = sehat.\n'
    "Garis miring \\ dan tanda + tetap.\n\n"
    "Paragraf kedua: diminum hangat & dingin, 1/2 gelas."
)
USAHA = 'Kelompok Wanita Tani "Fetomone" & Anak'
HALAL_NOMOR = "ID53110000123450924"


def fill(page: Any, *, new_producer: bool, description: str = DESKRIPSI) -> None:
    """The form filled in for a drink, without photos (they go into the issue on GitHub)."""
    if new_producer:
        page.fill("#f-produsen", "kwt-fetomone")
        page.check("#f-produsen-baru")
        page.fill("#f-produsen-nama", USAHA)
        page.select_option("#f-kabupaten", "kota-kupang")
        page.fill("#f-whatsapp", "0812-3456-7890")
        page.fill("#f-akun-github", "@kwt-fetomone")
        regency = "kota-kupang"
    else:
        producer = a_producer()
        page.fill("#f-produsen", producer)
        regency = yaml.safe_load(
            (REPO / "products" / producer / "produsen.yml").read_text(encoding="utf-8")
        )["kabupaten"]
    page.fill("#f-nama", NAMA)
    page.select_option("#f-kategori", "minuman")
    page.fill("#f-ringkasan", RINGKASAN)
    page.fill("#f-deskripsi", description)
    page.fill("[data-row=harga] [data-field=varian]", "250 ml")
    page.fill("[data-row=harga] [data-field=rupiah]", "Rp 35.000")
    page.click("[data-add=harga]")
    page.fill("[data-row=harga]:nth-of-type(2) [data-field=varian]", "1 liter")
    page.fill("[data-row=harga]:nth-of-type(2) [data-field=rupiah]", "120000")
    page.select_option("[data-row=izin] [data-field=jenis]", "pirt")
    page.fill("[data-row=izin] [data-field=nomor]", pirt(regency).replace("P-IRT No. ", ""))
    page.select_option("#f-halal", "nomor")
    page.fill("#f-halal-nomor", HALAL_NOMOR)
    page.fill("#f-diperbarui", "2026-10-15")
    page.evaluate("document.activeElement && document.activeElement.blur()")


def open_page(context: Any, base_url: str) -> tuple[Any, list[str]]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(base_url + "buat/")
    wait_for_script(page, "window.BeliProdukForm !== undefined")
    return page, errors


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, device_scale_factor=1, locale="id-ID"
    )
    yield context
    context.close()


@pytest.fixture
def page(context: Any, base_url: str) -> Iterator[Any]:
    page, errors = open_page(context, base_url)
    yield page
    # No script error and no Content-Security-Policy violation while the test used the page.
    assert errors == []


def opened_url(context: Any, page: Any) -> str:
    """Press the button; the address the new tab asked for, answered here (no network)."""
    requested: list[str] = []

    def answer(route: Any) -> None:
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>GitHub</p>")

    context.route("https://github.com/**", answer)
    with context.expect_page() as popup:
        page.click("#f-issue")
    popup.value.wait_for_load_state()
    popup.value.close()
    context.unroute("https://github.com/**")
    assert len(requested) == 1
    return requested[0]


@browser
@pytest.mark.parametrize("new_producer", [True, False], ids=["usaha-baru", "usaha-terdaftar"])
def test_button_opens_the_issue_form_with_what_was_typed(
    context: Any, page: Any, new_producer: bool
) -> None:
    assert page.get_attribute("#f-issue", "aria-disabled") == "true"
    assert page.text_content("#f-issue-problems")
    fill(page, new_producer=new_producer)
    page.fill("#f-isi", "250 ml")
    page.fill("#f-komposisi", "jahe merah, gula lontar, air")
    page.fill("#f-kata-kunci", "sirup jahe, ginger syrup")
    if new_producer:
        page.uncheck("#f-tersedia")  # the other case keeps the box ticked: "ya"
    page.evaluate("document.activeElement && document.activeElement.blur()")

    # Photos are not chosen: the file path is still blocked, the issue path is not.
    assert page.get_attribute("#f-github", "aria-disabled") == "true"
    assert "Foto" in page.text_content("#f-problems")
    assert page.get_attribute("#f-issue", "aria-disabled") is None
    assert page.text_content("#f-issue-problems") == ""
    assert page.text_content("#f-issue-long") == ""

    href = page.get_attribute("#f-issue", "href")
    assert page.get_attribute("#f-issue", "target") == "_blank"
    assert len(href) <= LONG_URL
    # every value went through encodeURIComponent: nothing but the separators is left bare
    assert re.fullmatch(
        r"[^?]+\?[\w.!~*'()%-]+=[\w.!~*'()%-]*(&[\w.!~*'()%-]+=[\w.!~*'()%-]*)*", href
    )

    expected = {
        "template": "daftarkan-produk.yml",
        "title": issue_form()["title"] + NAMA,
        "produsen": USAHA if new_producer else a_producer(),
        "nama": NAMA,
        "kategori": "minuman",
        "ringkasan": RINGKASAN,
        "deskripsi": DESKRIPSI,
        "harga": "250 ml: 35000\n1 liter: 120000",
        "izin": pirt("kota-kupang" if new_producer else regency_of(a_producer())),
        "halal": "bersertifikat (tulis nomornya di bawah)",
        "halal_nomor": HALAL_NOMOR,
        "isi_bersih": "250 ml",
        "komposisi": "jahe merah, gula lontar, air",
        "kata_kunci": "sirup jahe, ginger syrup",
        "tersedia": "tidak" if new_producer else "ya",
    }
    if new_producer:
        expected |= {
            "kabupaten": "kota-kupang",
            "whatsapp": "0812-3456-7890",
            "akun_github": "kwt-fetomone",
        }
    for url in (href, opened_url(context, page)):
        assert query(url) == expected

    # The ids and the dropdown values are the issue form's own.
    ids = {f.get("id") for f in issue_fields()}
    assert set(expected) - {"template", "title"} <= ids
    assert (REPO / ".github/ISSUE_TEMPLATE" / expected["template"]).is_file()
    assert expected["kategori"] in options("kategori")
    assert expected["halal"] in options("halal")
    assert expected["tersedia"] in options("tersedia")
    if new_producer:
        assert expected["kabupaten"] in options("kabupaten")


def regency_of(producer: str) -> str:
    path = REPO / "products" / producer / "produsen.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["kabupaten"]


@browser
def test_every_halal_choice_is_an_issue_form_option(page: Any) -> None:
    halal = options("halal")
    texts = page.eval_on_selector_all(
        "#f-halal option[data-issue]", "items => items.map(o => o.getAttribute('data-issue'))"
    )
    assert len(texts) == 3
    assert set(texts) | {page.get_attribute("#f-halal", "data-issue-none")} == set(halal)
    # a craft needs no halal statement: the form sends "tidak perlu"
    page.fill("#f-produsen", a_producer())
    page.fill("#f-nama", "Selendang tenun ikat Sikka")
    page.select_option("#f-kategori", "kerajinan")
    page.fill("#f-ringkasan", "Selendang tenun ikat pewarna alami dari Sikka.")
    page.fill("#f-deskripsi", "Ditenun tangan oleh ibu-ibu di Sikka dengan pewarna akar mengkudu.")
    values = query(page.get_attribute("#f-issue", "href"))
    assert values["halal"] == page.get_attribute("#f-halal", "data-issue-none")
    assert "izin" not in values and "harga" not in values


@browser
def test_a_long_description_is_cut_to_fit_and_the_page_says_so(page: Any) -> None:
    # about 12,000 characters once encoded: curly quotes and dashes take 9 each
    sentence = "Motif “Buna”–“Lotis” & “Kaif”\n"
    description = (sentence * 120)[:2990].strip()
    fill(page, new_producer=False, description=description)
    href = page.get_attribute("#f-issue", "href")
    assert len(href) <= LONG_URL
    assert len(href) > LONG_URL - 200
    sent = query(href)["deskripsi"]
    assert sent.endswith(" …")
    assert description.startswith(sent.removesuffix(" …"))
    assert len(sent) > 500
    notice = page.text_content("#f-issue-long")
    assert "Deskripsi" in notice and "8.000" in notice
    assert query(href)["nama"] == NAMA


@browser
def test_buttons_and_links_are_large_enough_to_tap(page: Any) -> None:
    fill(page, new_producer=False)
    for selector in ["#f-issue", ".bp-issue-links a"]:
        for box in page.eval_on_selector_all(
            selector, "items => items.map(i => i.getBoundingClientRect().toJSON())"
        ):
            assert box["height"] >= 44, (selector, box)
    links = page.eval_on_selector_all(".bp-issue-links a", "items => items.map(a => a.href)")
    assert links == [
        f"{NEW_ISSUE}?template=ubah-harga.yml",
        f"{NEW_ISSUE}?template=daftarkan-produsen.yml",
    ]
    for link in links:
        assert (REPO / ".github/ISSUE_TEMPLATE" / link.split("template=")[1]).is_file()


# The guide ------------------------------------------------------------------------------------


def test_guide_lists_the_issue_form_fields_in_order() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## 4.")[1].split("\n## ")[0]
    listed = re.findall(r"^\d+\. \*\*(.+?)\*\*$", section, re.M)
    assert listed == [f["attributes"]["label"] for f in issue_fields()]


def test_guide_is_in_the_nav_and_linked() -> None:
    assert "panduan/lewat-issue.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "(lewat-issue.md)" in (REPO / "docs/panduan/index.md").read_text(encoding="utf-8")
    images = re.findall(r"\]\((gambar/[^)]+\.png)\)", GUIDE.read_text(encoding="utf-8"))
    assert sorted(images) == sorted(f"gambar/{name}" for name in SHOTS)
    for name in SHOTS:
        data = (SCREENSHOTS / name).read_bytes()
        assert len(data) < MAX_SCREENSHOT_BYTES, name


# Screenshots ---------------------------------------------------------------------------------

# name: (the element whose top starts the picture, the element whose bottom ends it)
SHOTS = {
    "lewat-issue-1-isi.png": ("fieldset:has(#f-nama)", ".bp-form__field:has(#f-deskripsi)"),
    "lewat-issue-2-tombol.png": ("#f-issue-box", "#f-issue-box"),
}


def optimise(png: bytes) -> bytes:
    """A palette PNG: the form is flat colours and text, 64 colours are plenty."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take_screenshots(context: Any, base_url: str) -> dict[str, bytes]:
    page, errors = open_page(context, base_url)
    fill(page, new_producer=False)
    # the header stays at the top of the page instead of over the picture
    page.add_style_tag(content=".md-header { position: static !important; }")
    shots = {}
    for name, (first, last) in SHOTS.items():
        top = page.locator(first).bounding_box()
        bottom = page.locator(last).bounding_box()
        assert top is not None and bottom is not None
        scroll = page.evaluate("() => [window.scrollX, window.scrollY]")
        clip = {
            "x": 0,
            "y": top["y"] + scroll[1] - 8,
            "width": 360,
            "height": bottom["y"] + bottom["height"] - top["y"] + 16,
        }
        png = page.screenshot(full_page=True, clip=clip, animations="disabled", caret="hide")
        shots[name] = optimise(png)
    page.close()
    assert errors == []
    return shots


def differing_share(a: bytes, b: bytes) -> float:
    """The share of pixels that differ between two images (1.0 when the sizes differ)."""
    from PIL import Image, ImageChops

    first = Image.open(io.BytesIO(a)).convert("RGB")
    second = Image.open(io.BytesIO(b)).convert("RGB")
    if first.size != second.size:
        return 1.0
    difference = ImageChops.difference(first, second).convert("L").point(lambda v: 255 if v else 0)
    return difference.histogram()[255] / (first.width * first.height)


@browser
def test_committed_screenshots_are_what_the_page_shows(context: Any, base_url: str) -> None:
    for name, data in take_screenshots(context, base_url).items():
        committed = (SCREENSHOTS / name).read_bytes()
        assert differing_share(data, committed) < 0.01, (
            f"{name} is out of date: python -m tests.test_issue_path_browser --screenshots"
        )


def write_screenshots() -> None:
    """Build the sample site, serve it, and write the guide's screenshots."""
    from playwright.sync_api import sync_playwright

    from .browser_support import SiteServer, build_sample_site, launch_chromium

    with tempfile.TemporaryDirectory() as folder:
        www = build_sample_site(Path(folder))
        with SiteServer(www) as server, sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            context = chromium.new_context(
                viewport={"width": 360, "height": 800}, device_scale_factor=1, locale="id-ID"
            )
            shots = take_screenshots(context, f"{server.origin}/{SUB_PATH}/")
            chromium.close()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, data in shots.items():
        (SCREENSHOTS / name).write_bytes(data)
        print(f"{SCREENSHOTS / name}: {len(data):,} bytes")


if __name__ == "__main__":
    if sys.argv[1:] != ["--screenshots"]:
        sys.exit("usage: python -m tests.test_issue_path_browser --screenshots")
    write_screenshots()

"""The sample catalogue in headless Chromium, as a shopper on a small phone uses it (issue 3).

The repository's products/ are built once into a temporary `katalog/` folder and served under
that sub-path (http://127.0.0.1:<port>/katalog/), as GitHub Pages serves a project site.
Playwright drives Debian's /usr/bin/chromium (never `playwright install`) at 360x800.

Every test's page records what the browser did; after each test the `page` fixture asserts
that every request went to 127.0.0.1, that the console shows no error and that no
Content-Security-Policy violation happened. Screenshots land in test-artifacts/ (git-ignored)
for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from .browser_support import (
    REPO,
    SUB_PATH,
    finder_results,
    result_count,
    settled_results,
    wait_for_script,
)

pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = REPO / "test-artifacts"
PHONE = {"width": 360, "height": 800}
SEI_PRODUCT = "produk/sei-oesapa-contoh/sei-babi-asap/"
CHECK_HOSTS = {
    "bpom": "cekbpom.pom.go.id",
    "halal": "bpjph.halal.go.id",
    "sni": "bangbeni.bsn.go.id",
}

# Reports Content-Security-Policy violations to the test; init scripts are not subject to the CSP.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


# Fixtures ------------------------------------------------------------------------------------


@dataclass
class Recorder:
    """What one browser context asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", self.on_failed)
        context.on(
            "response",
            lambda response: (
                self.failed.append(f"{response.url} {response.status}")
                if response.status >= 400
                else None
            ),
        )
        context.on("page", self.attach_page)
        context.add_init_script(CSP_RECORDER)

    def on_failed(self, request: Any) -> None:
        # An image or favicon still loading when the test moves on is cancelled by the browser
        # (ERR_ABORTED); the shopper sees nothing wrong, so only other failures count.
        is_image = request.resource_type == "image" or request.url.endswith("favicon.svg")
        if not (is_image and "ERR_ABORTED" in str(request.failure)):
            self.failed.append(f"{request.url} {request.failure}")

    def attach_page(self, page: Any) -> None:
        page.on(
            "console",
            lambda message: (
                self.console.append(f"{message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def pagefind_requests(self) -> list[str]:
        return [url for url in self.requests if f"/{SUB_PATH}/pagefind/" in url]


def open_context(
    browser: Any, viewport: dict[str, int] = PHONE, **options: Any
) -> tuple[Any, Recorder]:
    context = browser.new_context(
        viewport=viewport, device_scale_factor=1, locale="id-ID", **options
    )
    recorder = Recorder()
    recorder.attach(context)
    return context, recorder


def assert_clean(recorder: Recorder, pages: list[Any]) -> None:
    """Only 127.0.0.1 was contacted, nothing failed, the console is clean, no CSP violation."""
    outside = [
        url
        for url in recorder.requests
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert outside == [], "requests left the site"
    assert recorder.failed == []
    assert recorder.errors == []
    assert [
        m for m in recorder.console if m.startswith("error") or "Content Security Policy" in m
    ] == []
    for page in pages:
        if not page.is_closed():
            assert page.evaluate("window.__cspViolations || []") == []


@pytest.fixture
def shopper(browser: Any) -> Iterator[tuple[Any, Recorder]]:
    """A fresh 360x800 page (no cache, no storage) and its recorder; checked after the test."""
    context, recorder = open_context(browser)
    page = context.new_page()
    yield page, recorder
    assert_clean(recorder, context.pages)
    context.close()


# Helpers -------------------------------------------------------------------------------------


def screenshot(page: Any, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def goto(page: Any, url: str) -> None:
    """Open `url` and wait for its load event (a test that needs the network quiet says so)."""
    response = page.goto(url)
    assert response is not None and (response.status == 200 or url.endswith("404.html")), url


def search_header(page: Any, query: str, typed: bool = False) -> list[dict[str, Any]]:
    """Type `query` into the header search and return the results once they stop changing."""
    box = page.locator("[data-search-input]")
    box.click()
    if typed:
        box.press_sequentially(query, delay=60)
    else:
        box.fill(query)
    return settled_results(page, "[data-search-results]")


def wait_images_loaded(page: Any, selector: str) -> list[dict[str, Any]]:
    """Wait until every image matching `selector` has loaded; return src and natural width."""
    wait_for_script(
        page,
        f"Array.from(document.querySelectorAll({selector!r})).every(img => img.complete)",
        timeout=10,
    )
    return page.eval_on_selector_all(
        selector, "imgs => imgs.map(i => ({src: i.currentSrc || i.src, width: i.naturalWidth}))"
    )


def sample_products() -> dict[str, dict[str, Any]]:
    """Every product of products/ by its site folder (`produk/<producer>/<product>/`)."""
    found = {}
    for path in sorted((REPO / "products").glob("*/*/produk.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[f"produk/{path.parent.parent.name}/{path.parent.name}/"] = data
    return found


def product_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True).lower()


def hrefs_of(results: list[dict[str, Any]], base_url: str) -> set[str]:
    return {r["href"].removeprefix(base_url) for r in results}


# Tests ---------------------------------------------------------------------------------------


def test_home_page_opens_with_products(shopper: tuple[Any, Recorder], base_url: str) -> None:
    page, _ = shopper
    goto(page, base_url)
    assert page.title().endswith("Beli Produk NTT")
    assert page.locator("h1").first.inner_text() == "Beli Produk NTT"
    cards = page.locator(".bp-home .bp-card")
    assert cards.count() == min(8, len(sample_products()))
    # two cards to a row on a phone
    boxes = [cards.nth(i).bounding_box() for i in range(2)]
    assert boxes[0] and boxes[1] and boxes[0]["y"] == boxes[1]["y"]
    # the search form's label is for screen readers, not printed over the header
    assert page.locator("label[for=bp-search-input]").bounding_box()["height"] <= 1  # type: ignore[index]
    screenshot(page, "home-360x800")
    screenshot(page, "home-360-full", full_page=True)


def test_no_search_bytes_before_the_search_box_is_focused(
    shopper: tuple[Any, Recorder], base_url: str
) -> None:
    page, recorder = shopper
    goto(page, base_url)
    page.mouse.wheel(0, 1500)
    goto(page, base_url + "kategori/pangan-olahan/")
    goto(page, base_url + SEI_PRODUCT)
    page.wait_for_timeout(500)
    assert recorder.pagefind_requests() == []
    page.locator("[data-search-input]").focus()
    page.wait_for_load_state("networkidle")
    wait_for_script(
        page,
        "() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/pagefind.js'))",
    )
    assert any(url.endswith("/pagefind/pagefind.js") for url in recorder.pagefind_requests())


def test_queries_under_two_characters_send_no_request(
    shopper: tuple[Any, Recorder], base_url: str
) -> None:
    page, recorder = shopper
    goto(page, base_url)
    box = page.locator("[data-search-input]")
    box.focus()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    before = len(recorder.requests)
    box.press_sequentially("k", delay=50)
    page.wait_for_timeout(1000)
    box.fill(" '")  # a space and an apostrophe: nothing left after normalising
    page.wait_for_timeout(1000)
    assert recorder.requests[before:] == []
    assert page.locator("[data-search-results]").is_hidden()


def test_search_kopi_and_open_a_result(shopper: tuple[Any, Recorder], base_url: str) -> None:
    page, _ = shopper
    goto(page, base_url)
    results = search_header(page, "kopi", typed=True)
    assert results, "no result for kopi"
    coffee = [r for r in results if "kopi" in r["name"].lower()]
    assert coffee and results[: len(coffee)] == coffee, "coffee products come first"
    # every result shows a photo, the name, the price, the producer and the regency
    images = wait_images_loaded(page, "[data-search-results] img")
    assert len(images) == len(results) and all(i["width"] > 0 for i in images)
    products = sample_products()
    for result in results:
        folder = result["href"].removeprefix(base_url)
        assert folder in products, result["href"]
        assert result["name"] == products[folder]["nama"]
        assert re.fullmatch(r"(mulai )?Rp\d{1,3}(\.\d{3})*", result["price"]), result
        producer, regency = result["meta"].split(" · ")
        assert producer and regency
        assert result["image"].startswith(base_url + folder), "thumbnail is the product's own photo"
    screenshot(page, "search-kopi-360x800")

    page.locator("[data-search-results] .bp-result").first.click()
    page.wait_for_url(re.compile(re.escape(base_url) + r"produk/[^/]+/[^/]+/$"))
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == coffee[0]["name"]


@pytest.mark.parametrize("query", ["sei", "se'i", "se’i", "SE'I"])
def test_every_spelling_of_sei_finds_the_sei(
    shopper: tuple[Any, Recorder], base_url: str, query: str
) -> None:
    page, _ = shopper
    goto(page, base_url)
    results = search_header(page, query)
    assert SEI_PRODUCT in hrefs_of(results, base_url)


@pytest.mark.parametrize("query", ["kelor", "moringa", "marungga", "daun kelor"])
def test_kelor_and_moringa_find_the_moringa_products(
    shopper: tuple[Any, Recorder], base_url: str, query: str
) -> None:
    page, _ = shopper
    moringa = {
        folder for folder, data in sample_products().items() if "kelor" in data["nama"].lower()
    }
    assert moringa, "the sample catalogue has moringa (kelor) products"
    goto(page, base_url + "cari/?q=" + query)
    results = finder_results(page)
    assert moringa <= hrefs_of(results, base_url)


@pytest.mark.parametrize("query", ["keripik", "kripik"])
def test_keripik_and_kripik_find_each_other(
    shopper: tuple[Any, Recorder], base_url: str, query: str
) -> None:
    page, _ = shopper
    spelled = {
        folder
        for folder, data in sample_products().items()
        if re.search(r"\bk(e)?ripik\b", product_text(data))
    }
    if not spelled:
        pytest.skip("no keripik/kripik product in the sample catalogue")
    goto(page, base_url + "cari/?q=" + query)
    results = finder_results(page)
    assert spelled <= hrefs_of(results, base_url)


def test_hidden_synonym_list_is_indexed(shopper: tuple[Any, Recorder], base_url: str) -> None:
    """A word only in the page's hidden list of search terms (`<p hidden>`) still finds the page."""
    page, _ = shopper
    for folder in sample_products():
        goto(page, base_url + folder)
        hidden = page.locator("article.bp-product p[hidden]")
        if not hidden.count():
            continue
        visible = page.locator("article.bp-product").inner_text().lower()
        words = [
            w
            for w in re.findall(r"[a-z]{5,}", (hidden.text_content() or "").lower())
            if w not in visible
        ]
        if words:
            break
    else:
        pytest.skip("no product has a search term that is not also on its page")
    goto(page, base_url + "cari/?q=" + words[0])
    results = finder_results(page)
    assert folder in hrefs_of(results, base_url), (words[0], folder)


def test_search_page_shows_results_with_photo_and_price(
    shopper: tuple[Any, Recorder], base_url: str
) -> None:
    page, _ = shopper
    goto(page, base_url + "cari/?q=madu%20hutan")
    results = finder_results(page)
    assert results and all(r["price"] and r["image"] for r in results)
    wait_images_loaded(page, "[data-search-page-results] img")
    assert all(r["badges"] for r in results), "results carry the cards' badges"
    screenshot(page, "search-page-360x800")


def test_listing_filter_by_regency_answers_for_the_whole_listing(
    shopper: tuple[Any, Recorder], base_url: str
) -> None:
    page, _ = shopper
    goto(page, base_url + "kategori/pangan-olahan/")
    form = page.locator("[data-filters]")
    assert form.is_visible()
    static_cards = page.locator("[data-static] .bp-card")
    total = static_cards.count()
    products = {
        folder: data
        for folder, data in sample_products().items()
        if data["kategori"] == "pangan-olahan"
    }
    assert total == len(products) >= 2
    regency_of = {
        folder: yaml.safe_load(
            (REPO / "products" / folder.split("/")[1] / "produsen.yml").read_text(encoding="utf-8")
        )["kabupaten"]
        for folder in products
    }
    chosen = sorted(set(regency_of.values()))[0]
    page.select_option("select[name=kabupaten]", chosen)
    page.wait_for_url(re.compile(r"\?kabupaten=" + chosen + "$"))
    shown = finder_results(page)
    expected = {folder for folder, regency in regency_of.items() if regency == chosen}
    assert hrefs_of(shown, base_url) == expected
    assert result_count(page) == len(expected)
    assert static_cards.first.is_hidden()
    screenshot(page, "listing-filtered-360x800")
    page.go_back()
    page.wait_for_url(re.compile(r"pangan-olahan/$"))
    page.wait_for_selector("[data-static] .bp-card:visible")
    assert page.locator("select[name=kabupaten]").input_value() == ""
    assert page.locator("[data-static] .bp-card:visible").count() == total


def test_product_pages_whatsapp_and_license_links(
    shopper: tuple[Any, Recorder], base_url: str
) -> None:
    page, recorder = shopper
    seen_hosts: set[str] = set()
    for folder, data in sample_products().items():
        goto(page, base_url + folder)
        name = page.locator("h1").inner_text()
        assert name == data["nama"]
        wa = page.locator("a.bp-button--wa")
        if wa.count():
            href = wa.get_attribute("href") or ""
            match = re.fullmatch(r"https://wa\.me/62(\d{8,12})\?text=(.+)", href)
            assert match, href
            assert name in unquote(match.group(2))
            assert wa.get_attribute("target") == "_blank" and "noopener" in (
                wa.get_attribute("rel") or ""
            )
        for item in page.locator(".bp-license").all():
            number = item.locator("code").inner_text() if item.locator("code").count() else ""
            links = item.locator("a.bp-license__check")
            if not number or not links.count():
                continue
            href = links.get_attribute("href") or ""
            host = urlsplit(href).hostname
            kind = (
                "halal"
                if re.match(r"ID\d", number)
                else "sni"
                if number.startswith("SNI")
                else "bpom"
            )
            assert host == CHECK_HOSTS[kind], (folder, number, host)
            # BPOM and BPJPH links open the search for this very number, as the copy button copies it
            copied = item.locator("code").get_attribute("data-copy") or ""
            if kind != "sni":
                assert copied and " " not in copied and copied in number.replace(" ", ""), (
                    number,
                    copied,
                )
                assert unquote(href).endswith("=" + copied), (number, href)
            seen_hosts.add(host)
        if folder == SEI_PRODUCT:
            screenshot(page, "product-360x800")
            screenshot(page, "product-360-full", full_page=True)
    assert {CHECK_HOSTS["bpom"], CHECK_HOSTS["halal"]} <= seen_hosts
    # outbound links were looked at, never followed
    assert recorder.requests and all(
        urlsplit(url).hostname == "127.0.0.1" for url in recorder.requests
    )


def test_gallery_tap_opens_the_enlarged_photo(browser: Any, base_url: str) -> None:
    context, recorder = open_context(browser, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        goto(page, base_url + SEI_PRODUCT)
        links = page.locator("[data-gallery] a[data-large]")
        assert links.count() >= 2
        large = [links.nth(i).get_attribute("href") for i in range(links.count())]
        links.first.tap()
        dialog = page.locator("dialog.bp-lightbox")
        dialog.wait_for(state="visible")
        assert page.url.startswith(base_url + SEI_PRODUCT), "tapping did not navigate away"
        image = dialog.locator("img")
        wait_for_script(page, "document.querySelector('dialog.bp-lightbox img').complete")
        assert (
            image.evaluate("i => i.naturalWidth") >= 800
        )  # the widest rendition (settings.PhotoParams)
        assert (image.get_attribute("src") or "") == large[0]
        assert image.get_attribute("alt")
        screenshot(page, "lightbox-360x800")
        dialog.locator("button[aria-label='Foto berikutnya']").tap()
        assert image.get_attribute("src") == large[1]
        dialog.locator("button[aria-label=Tutup]").tap()
        dialog.wait_for(state="hidden")
        # a thumbnail opens its own photo
        page.locator("[data-gallery] .bp-gallery__thumbs a").first.tap()
        dialog.wait_for(state="visible")
        assert image.get_attribute("src") == large[1]
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
        assert_clean(recorder, context.pages)
    finally:
        context.close()


def test_menu_drawer_works_on_a_phone(browser: Any, base_url: str) -> None:
    """Material's navigation drawer, without Material's JavaScript bundle: CSS toggles only."""
    context, recorder = open_context(browser, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        # product pages carry a compact menu of the site's sections
        goto(page, base_url + SEI_PRODUCT)
        assert page.locator("script[src*='bundle']").count() == 0
        page.locator(".md-header label[for=__drawer]").tap()
        page.wait_for_timeout(400)
        assert page.locator(".md-nav--primary").bounding_box()["x"] >= 0  # type: ignore[index]
        page.locator(".md-nav--primary a.md-nav__link", has_text="Kategori").tap()
        page.wait_for_url(base_url + "kategori/")
        page.wait_for_load_state("networkidle")  # leaving mid-load would abort its favicon request
        # other pages carry the full menu, with the categories nested
        goto(page, base_url)
        page.locator(".md-header label[for=__drawer]").tap()
        drawer = page.locator(".md-nav--primary")
        page.wait_for_timeout(400)
        assert drawer.bounding_box()["x"] >= 0  # type: ignore[index]
        page.locator(".md-nav--primary label.md-nav__link[for=__nav_2]").tap()
        page.wait_for_timeout(400)
        screenshot(page, "menu-360x800")
        page.locator(".md-nav--primary a.md-nav__link", has_text="Minuman").tap()
        page.wait_for_url(base_url + "kategori/minuman/")
        assert page.locator("h1").inner_text() == "Minuman"
        assert_clean(recorder, context.pages)
    finally:
        context.close()


def test_a_tour_stays_on_the_site_with_a_clean_console(
    shopper: tuple[Any, Recorder], base_url: str
) -> None:
    page, recorder = shopper
    for path in [
        "",
        "kategori/",
        "kabupaten/",
        "produsen/",
        "sertifikasi/halal/",
        "cari/?q=tenun",
        "produsen/sei-oesapa-contoh/",
        "kabupaten/kota-kupang/",
        "panduan/",
        "tentang/",
        "404.html",
        SEI_PRODUCT,
    ]:
        goto(page, base_url + path)
        # every request a page makes ends before the next page (cari/ fetches the search index)
        page.wait_for_load_state("networkidle")
    search_header(page, "madu")
    page.locator(
        "a.bp-button--share"
    ).click()  # no share sheet in headless Chromium: copies the link
    page.wait_for_timeout(300)
    assert recorder.requests and all(
        urlsplit(url).hostname == "127.0.0.1" for url in recorder.requests
    )


@pytest.mark.parametrize(
    "path",
    [
        "",
        "kategori/pangan-olahan/",
        "kabupaten/",
        SEI_PRODUCT,
        "produsen/koperasi-contoh-marungga/",
        "cari/?q=kopi",
    ],
)
def test_readable_at_320_pixels(browser: Any, base_url: str, path: str) -> None:
    context, recorder = open_context(browser, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        goto(page, base_url + path)
        if path.startswith("cari/"):
            finder_results(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path or 'home'} scrolls sideways: {width}px"
        # the search results of the header fit the screen too
        search_header(page, "kelor")
        box = page.locator("[data-search-results]").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320
        if path == SEI_PRODUCT:
            screenshot(page, "product-320x640")
        assert_clean(recorder, context.pages)
    finally:
        context.close()

"""Finding any product at catalogue scale, in headless Chromium under a sub-path (issue 9).

A 130-product catalogue (tests/finder_catalogue.py) is built once for the module, so the
listings have several static pages and the client-side results several pages of their own.
Every count the browser shows is compared with a count made in Python over the product files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .browser_support import (
    SUB_PATH,
    SiteServer,
    catalogue_gen,
    copy_sources,
    finder_results,
    result_count,
    wait_for_script,
)
from .finder_catalogue import write_finder_catalogue

pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 800}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    tmp = tmp_path_factory.mktemp("finder-site")
    products = write_finder_catalogue(tmp / "products")
    root = copy_sources(tmp / "proyek", tmp / "products")
    done = catalogue_gen("build", "--site-dir", str(tmp / "www" / SUB_PATH), cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return tmp / "www", products


@pytest.fixture(scope="module")
def base_url(catalogue: tuple[Path, list[dict[str, Any]]]) -> Iterator[str]:
    with SiteServer(catalogue[0]) as server:
        yield f"{server.origin}/{SUB_PATH}/"


@pytest.fixture(scope="module")
def products(catalogue: tuple[Path, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return catalogue[1]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    yield tab
    context.close()
    assert errors == []


def is_halal(product: dict[str, Any]) -> bool:
    return "nomor" in (product.get("halal") or {})


def folders(results: list[dict[str, Any]], base_url: str) -> list[str]:
    return [r["href"].removeprefix(base_url) for r in results]


def all_result_pages(page: Any, base_url: str) -> list[dict[str, Any]]:
    """Every result of the current finder state, following its own pager to the end."""
    seen = finder_results(page)
    while page.locator("[data-finder-results] .bp-pager a[rel=next]").count():
        page.locator("[data-finder-results] .bp-pager a[rel=next]").click()
        page.wait_for_url(re.compile(r"halaman=\d+"))
        page.wait_for_selector("[data-finder][data-state=ready]")
        seen += finder_results(page)
    return seen


def test_regency_and_halal_on_every_static_page_of_a_listing_count_the_whole_listing(
    page: Any, base_url: str, products: list[dict[str, Any]]
) -> None:
    expected = sorted(
        p["folder"]
        for p in products
        if p["kategori"] == "pangan-olahan" and p["kabupaten"] == "flores-timur" and is_halal(p)
    )
    food = sum(1 for p in products if p["kategori"] == "pangan-olahan")
    static_pages = [""] + [f"{n}/" for n in range(2, -(-food // 48) + 1)]
    assert len(static_pages) >= 3, "the listing spans several static pages"
    for static in static_pages:
        page.goto(base_url + f"kategori/pangan-olahan/{static}?kabupaten=flores-timur&halal=ya")
        assert result_count(page) == len(expected), static
        assert page.locator("select[name=kabupaten]").input_value() == "flores-timur"
        assert page.locator("select[name=halal]").input_value() == "ya"
    assert sorted(folders(all_result_pages(page, base_url), base_url)) == expected


def test_facet_counts_are_counts_over_the_whole_catalogue(
    page: Any, base_url: str, products: list[dict[str, Any]]
) -> None:
    page.goto(base_url + "cari/?halal=ya")
    assert result_count(page) == sum(1 for p in products if is_halal(p))
    options = page.eval_on_selector_all(
        "select[name=kabupaten] option", "os => os.map(o => [o.value, o.textContent])"
    )
    for value, text in options[1:]:
        count = sum(1 for p in products if p["kabupaten"] == value and is_halal(p))
        assert text.endswith(f"({count})"), (value, text)
    # the chosen facet still shows what each other value would give
    halal_options = dict(
        page.eval_on_selector_all(
            "select[name=halal] option", "os => os.map(o => [o.value, o.textContent])"
        )
    )
    assert halal_options["tidak"].endswith(
        f"({sum(1 for p in products if (p.get('halal') or {}).get('status') == 'tidak-halal')})"
    )


def test_filters_and_sort_live_in_the_url_and_the_back_button_works(
    page: Any, base_url: str, products: list[dict[str, Any]]
) -> None:
    page.goto(base_url + "kategori/pangan-olahan/")
    static_total = int(page.get_attribute("[data-result-count]", "data-count") or 0)
    page.select_option("select[name=kabupaten]", "ngada")
    page.wait_for_url(re.compile(r"\?kabupaten=ngada$"))
    page.select_option("select[name=urut]", "harga")
    page.wait_for_url(re.compile(r"\?kabupaten=ngada&urut=harga$"))
    ngada = [p for p in products if p["kategori"] == "pangan-olahan" and p["kabupaten"] == "ngada"]
    assert result_count(page) == len(ngada)
    prices = [int(re.sub(r"\D", "", r["price"])) for r in all_result_pages(page, base_url)]
    assert prices == sorted(prices) and len(prices) == len(ngada)
    assert parse_qs(urlsplit(page.url).query)["halaman"] != ["1"]
    # back through the pages and the sort to the plain listing
    while "urut=harga" in page.url:
        page.go_back()
        page.wait_for_selector("[data-finder][data-state=ready]")
    assert page.url.endswith("?kabupaten=ngada")
    assert page.locator("select[name=urut]").input_value() == ""
    page.go_back()
    page.wait_for_url(re.compile(r"pangan-olahan/$"))
    page.wait_for_selector("[data-static] .bp-card:visible")
    assert int(page.get_attribute("[data-result-count]", "data-count") or 0) == static_total
    # a shared link opens the same state
    page.goto(base_url + "cari/?q=madu&kabupaten=ngada&urut=nama")
    names = [r["name"] for r in finder_results(page)]
    assert names and names == sorted(names, key=str.casefold)
    assert all("Madu" in name for name in names)


def test_a_search_for_halal_lists_certified_products_only(
    page: Any, base_url: str, products: list[dict[str, Any]]
) -> None:
    for query in ["halal", "produk halal", "makanan halal", "se'i halal"]:
        page.goto(base_url + "cari/?q=" + query)
        shown = all_result_pages(page, base_url)
        by_folder = {p["folder"]: p for p in products}
        assert shown, query
        assert all(is_halal(by_folder[f]) for f in folders(shown, base_url)), query
        assert all("Tidak halal" not in r["badges"] and "Halal" in r["badges"] for r in shown), (
            query
        )
        assert page.locator("select[name=halal]").input_value() == "ya"
    assert result_count(page) == sum(1 for p in products if is_halal(p) and "Se'i" in p["nama"]) > 0


def test_the_header_search_for_halal_shows_no_uncertified_product(
    page: Any, base_url: str, products: list[dict[str, Any]]
) -> None:
    page.goto(base_url)
    page.locator("[data-search-input]").fill("halal")
    page.wait_for_selector("[data-search-results] .bp-result")
    names = page.eval_on_selector_all(
        "[data-search-results] .bp-result__name", "els => els.map(e => e.textContent)"
    )
    certified = {p["nama"] for p in products if is_halal(p)}
    assert names and set(names) <= certified


def test_a_search_for_sapi_ranks_beef_above_pork(
    page: Any, base_url: str, products: list[dict[str, Any]]
) -> None:
    page.goto(base_url + "cari/?q=sapi")
    names = [r["name"] for r in all_result_pages(page, base_url)]
    beef = [n for n in names if "Asap" in n]
    pork = [n for n in names if "Babi" in n]
    assert beef and pork, "the pork se'i says 'se'i sapi' in its keywords, so it is found too"
    assert max(names.index(n) for n in beef) < min(names.index(n) for n in pork)


@pytest.mark.parametrize("query", ["menenun", "penenun", "tenunan"])
def test_affixed_forms_find_their_root(page: Any, base_url: str, query: str) -> None:
    page.goto(base_url + "cari/?q=" + query)
    names = [r["name"] for r in finder_results(page)]
    assert names and all("Tenun" in n for n in names)


def test_a_typo_gets_a_suggestion_and_junk_an_honest_answer(page: Any, base_url: str) -> None:
    page.goto(base_url + "cari/?q=madoe")
    page.wait_for_selector("[data-suggestion]")
    assert page.locator("[data-suggestion]").get_attribute("data-suggestion") == "madu"
    page.locator("[data-suggestion] a").click()
    page.wait_for_url(re.compile(r"q=madu"))
    assert [r for r in finder_results(page) if "Madu" in r["name"]]

    page.goto(base_url + "cari/?q=xqzvw")
    assert result_count(page) == 0
    assert "Tidak ditemukan" in page.locator("[data-empty]").inner_text()
    assert page.locator("[data-browse]").is_visible()
    assert page.locator("[data-browse] a[href$='kategori/pangan-olahan/']").count() == 1
    assert page.locator("[data-suggestion]").count() == 0


def test_without_javascript_the_listing_pages_are_plain_html(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(base_url + "kategori/pangan-olahan/2/")
        assert tab.locator("[data-static] .bp-card").count() == 48
        assert tab.locator("[data-filters]").is_hidden()
        tab.locator(".bp-pager a[rel=next]").click()
        tab.wait_for_url(re.compile(r"pangan-olahan/3/$"))
        assert tab.locator("[data-static] .bp-card").count() > 0
    finally:
        context.close()


def test_nothing_of_the_finder_is_fetched_before_a_shopper_uses_it(
    page: Any, base_url: str
) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "produk/kelompok-uji-soe/produk-uji-000/")
    page.goto(base_url + "kategori/pangan-olahan/")
    page.wait_for_load_state("networkidle")
    assert not [
        url
        for url in fetched
        if "/assets/finder.js" in url or "/pagefind/" in url or "/cari/" in url
    ]
    page.select_option("select[name=halal]", "ya")
    page.wait_for_selector("[data-finder][data-state=ready]")
    assert [url for url in fetched if url.endswith("/assets/finder.js")]


def shown_photo_folders(page: Any, base_url: str) -> set[str]:
    return {
        href.removeprefix(base_url)
        for href in page.eval_on_selector_all(
            "[data-finder-results] a[href]", "links => links.map(a => a.href)"
        )
    }


def test_a_shared_filtered_listing_fetches_the_photos_of_its_answer_only(
    page: Any, base_url: str
) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "kategori/pangan-olahan/?kabupaten=flores-timur&halal=ya")
    page.wait_for_selector("[data-finder][data-state=ready]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-static]").is_hidden()
    shown = shown_photo_folders(page, base_url)
    photos = [url.removeprefix(base_url) for url in fetched if url.endswith(".webp")]
    assert photos, "the answer's own photos load"
    # every photo fetched is one of a product in the answer, never one of the page's static cards
    assert [url for url in photos if url.rsplit("/", 1)[0] + "/" not in shown] == []
    # Pagefind searched on the page's own thread: no worker script on a slow link
    assert not [url for url in fetched if "pagefind-worker" in url]


def test_a_filtered_listing_shows_its_static_cards_when_the_scripts_fail(
    browser: Any, base_url: str
) -> None:
    listing = base_url + "kategori/pangan-olahan/?kabupaten=flores-timur"
    for blocked in ("finder.js", "katalog.js"):
        context = browser.new_context(viewport=PHONE, service_workers="block")
        tab = context.new_page()
        try:
            tab.route(f"**/assets/{blocked}", lambda route: route.abort())
            tab.goto(listing, wait_until="domcontentloaded")
            # without the finder (katalog.js gives the plain listing back at once) or without
            # katalog.js (scope.js does, once the page is parsed) the listing is still the
            # truth, never an empty page
            wait_for_script(
                tab,
                "getComputedStyle(document.querySelector('[data-static]')).display !== 'none'",
                timeout=5,
            )
            assert tab.locator("[data-static] .bp-card").first.is_visible(), blocked
        finally:
            context.close()


def test_a_link_with_a_tracking_parameter_is_a_plain_listing(page: Any, base_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "kategori/pangan-olahan/?fbclid=IwAR0abc")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-static] .bp-card").first.is_visible()
    assert not [url for url in fetched if "/pagefind/" in url or url.endswith("/assets/finder.js")]


def test_search_rows_show_the_square_thumbnail(page: Any, base_url: str) -> None:
    page.goto(base_url + "cari/?q=madu")
    page.wait_for_selector("[data-finder][data-state=ready]")
    sources = page.eval_on_selector_all(
        ".bp-result__img", "images => images.map(i => i.getAttribute('src'))"
    )
    assert sources and all(src.endswith("-128x128.webp") for src in sources), sources

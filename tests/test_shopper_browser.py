"""Product, listing and home pages a shopper can use with a thumb (issue 9, item 5).

Measured in Debian's Chromium at 360x800, on the sample catalogue built once for this module:

* layout shift (the Layout Instability API) while photos and the page script arrive late, as
  on a slow link: they are held until the page has painted, then let through;
* every visible control at least 44x44 CSS px (links inside running text are exempt);
* WCAG contrast of text, computed from the colours the browser resolved, walking up to the
  first opaque background;
* a product card on the first home screen, the focused share button, the price table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from catalogue_gen.pages import _pager, make_environment

from .browser_support import REPO, wait_for_script

pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = REPO / "test-artifacts"
PHONE = {"width": 360, "height": 800}
SEI_PRODUCT = "produk/sei-oesapa-contoh/sei-babi-asap/"
# a portrait cover photo: the largest shift before the gallery reserved its height
COFFEE_PRODUCT = "produk/kopi-contoh-bajawa/kopi-arabika-flores-bajawa/"
PRODUCER = "produsen/koperasi-contoh-marungga/"
CATEGORY = "kategori/pangan-olahan/"
REGENCY = "kabupaten/kota-kupang/"
MIN_TARGET = 44
MIN_CONTRAST = 4.5
CLS_LIMIT = 0.05

# Every layout shift, with the nodes that moved; init scripts are not subject to the CSP.
SHIFT_RECORDER = """
window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    window.__shifts.push({
      value: entry.value, recent: entry.hadRecentInput, time: Math.round(entry.startTime),
      sources: (entry.sources || []).map(function (s) {
        var n = s.node, name = !n ? "?" : n.nodeType === 1 ? n.tagName.toLowerCase() + (n.className && typeof n.className === "string" ? "." + n.className.trim().split(/\\s+/).join(".") : "") : "#text";
        return name + " y " + Math.round(s.previousRect.y) + " -> " + Math.round(s.currentRect.y) + ", h " + Math.round(s.previousRect.height) + " -> " + Math.round(s.currentRect.height);
      }),
    });
  });
}).observe({ type: "layout-shift", buffered: true });
"""

# Controls too small for a thumb: [description, text, width, height].
SMALL_TARGETS = """
(minimum) => {
  const visible = el => {
    const cs = getComputedStyle(el), r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && cs.visibility !== "hidden" && !el.closest("[hidden]");
  };
  // WCAG 2.5.8's inline exception: a link inside a sentence of other text.
  const inRunningText = el => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let other = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!el.contains(n) && !n.parentElement.closest("a, button, label")) other += n.textContent;
    }
    return /[\\p{L}\\p{N}]/u.test(other);
  };
  const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for^=__]";
  const small = [];
  for (const el of document.querySelectorAll(controls)) {
    // a checkbox is tapped through its label
    const target = el.matches("input[type=checkbox], input[type=radio]") && el.closest("label") ? el.closest("label") : el;
    if (!visible(target) || inRunningText(el)) continue;
    const box = target.getBoundingClientRect();
    if (box.right <= 0 || box.left >= innerWidth) continue;  // the closed menu drawer, off screen
    if (box.width < minimum - 0.01 || box.height < minimum - 0.01) {
      const name = target.tagName.toLowerCase() + (typeof target.className === "string" && target.className.trim() ? "." + target.className.trim().split(/\\s+/).join(".") : "");
      small.push([name, (target.getAttribute("aria-label") || target.textContent || target.value || "").trim().slice(0, 40), Math.round(box.width * 10) / 10, Math.round(box.height * 10) / 10]);
    }
  }
  return small;
}
"""

# WCAG 2 contrast of each matching element's text against what is behind it: the element's
# own background blended over its ancestors' up to the first opaque one (white at the top).
CONTRAST = """
(selector) => {
  const parse = c => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const brightness = el => {
    let factor = 1;
    for (let n = el; n; n = n.parentElement) {
      const m = /brightness\\(([\\d.]+)\\)/.exec(getComputedStyle(n).filter);
      if (m) factor *= Number(m[1]);
    }
    return factor;
  };
  const behind = el => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((bottom, top) => over(top, bottom), [255, 255, 255, 1]);
  };
  const channel = v => { v = v / 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const luminance = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const ratio = (a, b) => { const x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const hasText = el => Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  const found = [];
  for (const el of document.querySelectorAll(selector || "body *")) {
    if (!selector && !hasText(el)) continue;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (r.width <= 1 || r.height <= 1 || cs.visibility === "hidden" || el.closest("[hidden]") || !el.textContent.trim()) continue;
    const k = brightness(el);  // filter: brightness() scales what is painted, text and ground
    const back = behind(el).map((v, i) => i < 3 ? Math.min(255, v * k) : v);
    const text = over(parse(cs.color), behind(el)).map((v, i) => i < 3 ? Math.min(255, v * k) : v);
    const css = c => "rgb(" + c.slice(0, 3).map(Math.round).join(", ") + ")";
    found.push({
      element: el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : ""),
      text: el.textContent.trim().slice(0, 30), ratio: Math.round(ratio(text, back) * 100) / 100,
      color: css(text), background: css(back),
      underlined: cs.textDecorationLine.includes("underline"),
    });
  }
  return found;
}
"""


# Fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh 360x800 phone context: no cache, no storage, page errors collected."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="id-ID")
    context.add_init_script(SHIFT_RECORDER)
    errors: list[str] = []
    context.on("page", lambda page: page.on("pageerror", lambda error: errors.append(str(error))))
    yield context
    context.close()
    assert errors == []


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


# Helpers -------------------------------------------------------------------------------------


def goto(page: Any, url: str) -> None:
    """Open `url` and wait for its load event (a test that needs the network quiet says so)."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def open_late(page: Any, url: str) -> None:
    """Open `url` as on a slow link: photos and katalog.js arrive only after the first paint.

    (scope.js in the head blocks rendering by design, so holding it would hold the paint.)
    """
    held: list[Any] = []
    state = {"holding": True}

    def hold(route: Any) -> None:
        if state["holding"] and (
            route.request.resource_type == "image" or route.request.url.endswith("/katalog.js")
        ):
            held.append(route)
        else:
            route.continue_()

    page.route("**/*", hold)
    page.goto(url, wait_until="commit")
    wait_for_script(page, "() => performance.getEntriesByType('paint').length > 0")
    page.wait_for_timeout(400)
    state["holding"] = False
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")
    if page.locator("[data-finder]").count() and (
        "?" in url or page.locator("[data-search-app]").count()
    ):
        page.wait_for_selector("[data-finder][data-state=ready]")
    page.wait_for_timeout(500)
    assert held, "nothing was held back: the test would not see a late photo"


def small_targets(page: Any) -> list[list[Any]]:
    return page.evaluate(SMALL_TARGETS, MIN_TARGET)


def contrast(page: Any, selector: str | None = None) -> list[dict[str, Any]]:
    return page.evaluate(CONTRAST, selector)


def low_contrast(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in found if f["ratio"] < MIN_CONTRAST]


# Layout shift --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "",
        CATEGORY,
        REGENCY,
        SEI_PRODUCT,
        COFFEE_PRODUCT,
        PRODUCER,
        "cari/?q=kopi",
        CATEGORY + "?kabupaten=kota-kupang",
    ],
)
def test_nothing_moves_while_photos_and_the_script_arrive_late(
    page: Any, base_url: str, path: str
) -> None:
    open_late(page, base_url + path)
    shifts = page.evaluate("window.__shifts")
    total = sum(s["value"] for s in shifts if not s["recent"])
    assert total < CLS_LIMIT, f"{path or 'home'}: CLS {total:.3f}: {shifts}"


# Tap targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["", CATEGORY, REGENCY, SEI_PRODUCT, PRODUCER, "cari/", "cari/?q=kopi"]
)
def test_every_control_is_big_enough_for_a_thumb(page: Any, base_url: str, path: str) -> None:
    goto(page, base_url + path)
    if path.startswith("cari/?"):
        page.wait_for_selector("[data-finder][data-state=ready]")
    assert small_targets(page) == []


def test_the_pager_is_big_enough_for_a_thumb(page: Any, base_url: str) -> None:
    """The sample listings fit on one page: the pager's markup is rendered and put in one."""
    goto(page, base_url + CATEGORY)
    pager = (
        make_environment()
        .get_template("partials/pager.html.j2")
        .render(pager=_pager(f"{CATEGORY}2/index.md", CATEGORY.rstrip("/"), 2, 9))
    )
    page.eval_on_selector(
        "[data-static]", "(node, html) => node.insertAdjacentHTML('beforeend', html)", pager
    )
    assert page.locator(".bp-pager a").count() >= 9
    assert small_targets(page) == []


def test_the_menu_and_the_lightbox_are_big_enough_for_a_thumb(page: Any, base_url: str) -> None:
    goto(page, base_url + SEI_PRODUCT)
    page.locator("[data-gallery] a[data-large]").first.click()
    page.locator("dialog.bp-lightbox").wait_for(state="visible")
    buttons = page.locator("dialog.bp-lightbox button")
    assert buttons.count() == 3
    assert small_targets(page) == []
    page.keyboard.press("Escape")
    goto(page, base_url)
    page.locator(".md-header label[for=__drawer]").click()
    page.wait_for_timeout(400)
    assert page.locator(".md-nav--primary").bounding_box()["x"] >= 0  # type: ignore[index]
    assert small_targets(page) == []


# Contrast ------------------------------------------------------------------------------------

SMALL_TEXT = ".bp-badge, .bp-count, .bp-facet-count, .bp-small, .bp-card__meta, .bp-card__price, .bp-result__meta, .bp-result__price, .md-banner__inner"


@pytest.mark.parametrize(
    "path",
    [
        "",
        CATEGORY,
        SEI_PRODUCT,
        "produk/madu-contoh-fatumnasi/madu-hutan-fatumnasi/",
        PRODUCER,
        "kategori/",
        "cari/?q=madu",
    ],
)
def test_text_contrast_is_at_least_4_5(page: Any, base_url: str, path: str) -> None:
    goto(page, base_url + path)
    if path.startswith("cari/"):
        page.wait_for_selector("[data-finder][data-state=ready]")
    small = contrast(page, SMALL_TEXT)
    assert small, "no badge, count or small text measured"
    assert low_contrast(small) == []
    # and every other text on the page, the closed menu drawer included
    assert low_contrast(contrast(page)) == []


def test_links_where_to_buy_stand_out_from_the_text(page: Any, base_url: str) -> None:
    goto(page, base_url + SEI_PRODUCT)
    links = contrast(page, ".bp-places a")
    assert links, "the sample se'i has places to buy"
    assert low_contrast(links) == []
    # link colour against body text is far below 3:1, so the underline tells them apart
    assert [link for link in links if not link["underlined"]] == []


def test_the_focused_share_button_keeps_its_text(page: Any, base_url: str) -> None:
    goto(page, base_url + SEI_PRODUCT)
    share = page.locator("a.bp-button--share")
    share.focus()
    page.wait_for_timeout(400)  # Material's links fade their colour in 125 ms
    focused = contrast(page, "a.bp-button--share")
    assert focused[0]["color"] != focused[0]["background"], focused
    assert low_contrast(focused) == [], focused
    share.hover()
    page.wait_for_timeout(400)
    assert low_contrast(contrast(page, "a.bp-button--share")) == []
    # every button kind, hovered and focused
    for button in page.locator(".bp-button").all():
        button.focus()
        button.hover()
        page.wait_for_timeout(400)
        assert low_contrast(contrast(page, ".bp-button:focus, .bp-button:hover")) == []


# First screen, price table, narrow phones ------------------------------------------------------


def test_a_product_card_is_on_the_first_home_screen(page: Any, base_url: str) -> None:
    goto(page, base_url)
    boxes = page.eval_on_selector_all(
        ".bp-card", "cards => cards.map(c => c.getBoundingClientRect().toJSON())"
    )
    assert boxes
    first = [
        b
        for b in boxes
        if b["top"] >= 0 and b["bottom"] <= PHONE["height"] and b["right"] <= PHONE["width"]
    ]
    screenshot(page, "shopper-home-360x800")
    assert first, (
        f"the first card ends at {boxes[0]['bottom']:.0f} px, below the {PHONE['height']} px screen"
    )


def test_variant_and_price_do_not_touch(page: Any, base_url: str) -> None:
    goto(page, base_url + SEI_PRODUCT)
    gaps = page.eval_on_selector_all(
        ".bp-prices tr",
        """rows => rows.map(row => {
        const text = cell => { const r = document.createRange(); r.selectNodeContents(cell); return r.getBoundingClientRect(); };
        return text(row.cells[1]).left - text(row.cells[0]).right;
    })""",
    )
    assert gaps and min(gaps) >= 12, gaps


@pytest.mark.parametrize("path", ["", CATEGORY, SEI_PRODUCT, "cari/?q=kopi"])
def test_nothing_scrolls_sideways_at_320_pixels(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, device_scale_factor=1, locale="id-ID"
    )
    try:
        page = context.new_page()
        goto(page, base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path or 'home'} scrolls sideways: {width}px"
    finally:
        context.close()

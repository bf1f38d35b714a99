"""Build-time and page-weight benchmark on synthetic catalogues: `python -m bench.pageweight`.

For each size N it generates a catalogue (bench/synthetic.py), builds it with the real
command line (`catalogue-gen build`) and measures:

* build times: cold (no cache, no site), warm (nothing changed), after one produk.yml
  changed, after one photo changed; `catalogue-gen generate` alone (YAML to pages with a warm
  photo cache); photo processing rate (a cold minus a warm `validate`);
* peak memory of each of those commands (largest process, from getrusage);
* the site: size, file count, product and listing HTML (raw and gzip);
* page weight of a first visit to the home page, a listing and a product page with every
  resource the page loads (HTML, CSS, JS, favicon, images), gzip where a server would
  compress; and the bytes of a first and a second search (Pagefind), measured in Chromium;
* the bytes of a first visit to a filtered search (`cari/?q=kopi&halal=ya`) and to a filtered
  listing (a category page with a regency and a halal filter), Pagefind files included;
* Lighthouse (mobile) on the home page, a category page and a product page, served with gzip
  by bench/serve.py: the four category scores, CLS and the failing audits (bench/lighthouse.py).

See bench/README.md for the method and how to read the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from bench.chromium import launch_chromium, settled_results
from bench.lighthouse import (
    LIGHTHOUSE_VERSION,
    PASS_THRESHOLD,
    LighthouseUnavailable,
    ensure_lighthouse,
    lighthouse_pages,
)
from bench.project import REPO, copy_site_sources
from bench.serve import GzipServer, gzip_bytes, is_compressible
from bench.synthetic import (
    change_product_photo,
    change_product_yaml,
    generate_catalogue,
    plan_catalogue,
)
from catalogue_gen.categories import CATEGORIES
from catalogue_gen.output import GENERATED_ROOTS

DEFAULT_WORK = REPO / "bench" / "out"
BUDGET_KB = 170.0
VIEWPORT = (360, 800)
ABOVE_THE_FOLD_IMAGES = 4
# The smallest catalogue in which every step measures something real (see SMOKE_SIZE's test):
# the first ten products cover the ten categories, product 15 is the first "Kopi" with a halal
# certificate (the filtered search) and product 23 the first "Madu Hutan" (the second search).
SMOKE_SIZE = 24
# The smoke run's photos: half the sides of a phone's (0.5-1 MP, every rendition width still made
# from a larger photo), a quarter of the pixels to paint, decode and encode.
SMOKE_PHOTO_SCALE = 0.5
FILTERED_SEARCH = "cari/?q=kopi&halal=ya"
WARNINGS_SIZE = 5000  # --validate-warnings: the catalogue size issue 12 names
# The finder marks its scope when the answer for the URL state is on screen. The agreed contract
# names the results container on the search page and `.bp-listing` on listings; finder.js sets it
# on the `[data-finder]` scope (which is `.bp-listing` on a listing). Either one counts.
FINDER_SETTLED = ":is([data-finder], [data-search-page-results], .bp-listing):is([data-state=ready], [data-state=error])"
FILTER_TIMEOUT_S = 30.0
SUB_PATH = "katalog"


def smoke_gaps(n: int, seed: int = 7) -> list[str]:
    """What a catalogue of N products would leave unmeasured; [] when every step finds something.

    The smoke run must be the smallest N with no gap (tests/test_bench.py checks N and N-1), so it
    stays fast and still proves every step works.
    """
    planned = list(plan_catalogue(n, seed))
    gaps = []
    missing = {c.slug for c in CATEGORIES} - {p.data["kategori"] for p in planned}
    if missing:
        gaps.append(f"no product in {', '.join(sorted(missing))}")
    if len(planned) < 2:
        gaps.append("the product changed between builds would be the reference product")
    if not any("kopi" in p.data["nama"].lower() and halal_facet(p.data) == "ya" for p in planned):
        gaps.append("the first search and the filtered search (kopi, halal) find nothing")
    if not any("madu hutan" in p.data["nama"].lower() for p in planned):
        gaps.append("the second search (madu hutan) finds nothing")
    if not any(halal_facet(p.data) == "ya" for p in planned):
        gaps.append("the filtered listing (halal=ya) finds nothing")
    return gaps


# Utilities ------------------------------------------------------------------------------------


def gzip_size(data: bytes) -> int:
    return len(gzip_bytes(data))


def transfer_size(path: Path | str, data: bytes) -> int:
    """Bytes on the wire from a static host: gzip for text types, as stored for the rest.

    The same rule and gzip level as bench/serve.py, so a body counted here is exactly what that
    server sent for it.
    """
    return min(len(data), gzip_size(data)) if is_compressible(path) else len(data)


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def clean_outputs(root: Path, site: Path) -> None:
    """Back to a fresh checkout: no photo cache, no generated pages, no site."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    for stale in site.parent.glob(f".{site.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    docs = root / "docs"
    # what `generate` writes, and its hidden leftovers (.generated-*, .retired-*)
    for target in [docs / name for name in GENERATED_ROOTS] + list(docs.glob(".*")):
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def run_measured(*args: str, cwd: Path) -> dict[str, Any]:
    """`catalogue-gen ARGS` in a fresh measuring process: seconds, max_rss_mb, returncode."""
    command = [
        sys.executable,
        "-m",
        "bench.measure",
        "--",
        sys.executable,
        "-m",
        "catalogue_gen",
        *args,
    ]
    done = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")},
    )
    if done.returncode != 0:
        raise RuntimeError(f"measuring {args} failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    if result["returncode"] != 0:
        raise RuntimeError(
            f"catalogue-gen {' '.join(args)} exited {result['returncode']}:\n{result['stdout']}\n{result['stderr']}"
        )
    return result


def unique_photo_files(products: Path) -> int:
    """Distinct photo files (hard links to one file count once): what the photo cache must process."""
    seen = set()
    for path in products.rglob("*.jpg"):
        info = path.stat()
        seen.add((info.st_dev, info.st_ino))
    return len(seen)


# Static page weight ---------------------------------------------------------------------------


class Resources(HTMLParser):
    """Stylesheets, scripts, icons and images (with srcset, sizes and loading) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.icons: list[str] = []
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").split() and a.get("href"):
            self.styles.append(a["href"])
        elif tag == "link" and "icon" in a.get("rel", "").split() and a.get("href"):
            self.icons.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "img" and (a.get("src") or a.get("srcset")):
            self.images.append(a)


def _length_px(text: str, viewport: int) -> float | None:
    match = re.fullmatch(r"\s*([\d.]+)(px|vw|em|rem)\s*", text)
    if not match:
        return None
    value, unit = float(match[1]), match[2]
    return (
        value * viewport / 100 if unit == "vw" else value * 16 if unit in ("em", "rem") else value
    )


def _media_matches(condition: str, viewport: int) -> bool:
    for kind, length in re.findall(r"\((min|max)-width:\s*([\d.]+(?:px|em|rem))\)", condition):
        px = _length_px(length, viewport) or 0
        if (kind == "min" and viewport < px) or (kind == "max" and viewport > px):
            return False
    return True


def chosen_image(attrs: dict[str, str], viewport: int, dpr: float) -> str:
    """The candidate a browser takes from src/srcset/sizes at this viewport width and pixel ratio."""
    srcset = attrs.get("srcset", "")
    candidates = []
    for part in srcset.split(","):
        bits = part.strip().split()
        if len(bits) == 2 and bits[1].endswith("w"):
            candidates.append((int(bits[1][:-1]), bits[0]))
    if not candidates:
        return attrs.get("src", "")
    slot = float(viewport)
    for entry in (attrs.get("sizes") or "100vw").split(","):
        entry = entry.strip()
        condition, _, length = entry.rpartition(")")
        if condition and _media_matches(condition + ")", viewport):
            slot = _length_px(length, viewport) or slot
            break
        if not condition:
            slot = _length_px(entry, viewport) or slot
            break
    need = slot * dpr
    for width, url in sorted(candidates):
        if width >= need:
            return url
    return max(candidates)[1]


def page_weight(
    site: Path, page: str, viewport: int = VIEWPORT[0], dpr: float = 1.0
) -> dict[str, Any]:
    """First-visit bytes of `page` (a path under the site, e.g. `produk/a/b/`), by kind."""
    html_path = site / page / "index.html" if not page.endswith(".html") else site / page
    html = html_path.read_bytes()
    parser = Resources()
    parser.feed(html.decode("utf-8"))
    base = f"http://site/{SUB_PATH}/{page}"
    wanted: list[tuple[str, str]] = [("html", base)]
    wanted += [("css", urljoin(base, u)) for u in parser.styles]
    wanted += [("js", urljoin(base, u)) for u in parser.scripts]
    wanted += [("icon", urljoin(base, u)) for u in parser.icons[:1]]
    for index, attrs in enumerate(parser.images):
        if attrs.get("loading") != "lazy" or index < ABOVE_THE_FOLD_IMAGES:
            wanted.append(("img", urljoin(base, chosen_image(attrs, viewport, dpr))))
    totals: dict[str, int] = {"html": 0, "css": 0, "js": 0, "icon": 0, "img": 0}
    files: list[dict[str, Any]] = []
    seen: set[str] = set()
    for kind, url in wanted:
        path = unquote(urlsplit(url).path).removeprefix(f"/{SUB_PATH}/")
        if url in seen or urlsplit(url).netloc != "site":
            continue
        seen.add(url)
        file = html_path if kind == "html" else site / path
        if file.is_dir():
            file = file / "index.html"
        data = file.read_bytes()
        size = transfer_size(file, data)
        totals[kind] += size
        files.append({"kind": kind, "path": path or page, "bytes": size})
    return {
        "page": page,
        "viewport": viewport,
        "dpr": dpr,
        "total": sum(totals.values()),
        "by_kind": totals,
        "requests": len(files),
        "files": files,
    }


def html_sizes(path: Path) -> dict[str, int]:
    data = path.read_bytes()
    return {"raw": len(data), "gzip": gzip_size(data)}


def site_stats(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    by_kind: dict[str, int] = {}
    for path in files:
        kind = (
            "photos"
            if path.suffix in (".webp", ".jpg")
            else "pagefind"
            if "pagefind" in path.parts
            else "html"
            if path.suffix == ".html"
            else "other"
        )
        by_kind[kind] = by_kind.get(kind, 0) + path.stat().st_size
    return {
        "bytes": sum(by_kind.values()),
        "files": len(files),
        "html_pages": sum(1 for p in files if p.suffix == ".html"),
        "bytes_by_kind": by_kind,
    }


# Browser measurement --------------------------------------------------------------------------


def kind_of(url: str) -> str:
    """The row a response is counted in: pagefind, img, css, js, icon, data (JSON) or html."""
    path = urlsplit(url).path
    suffix = Path(path).suffix.lower()
    if "/pagefind/" in path:
        return "pagefind"
    if suffix in (".webp", ".jpg", ".jpeg", ".png"):
        return "img"
    if suffix == ".css":
        return "css"
    if suffix in (".js", ".mjs"):
        return "js"
    if suffix in (".svg", ".ico"):
        return "icon"
    if suffix in (".json", ".webmanifest"):
        return "data"
    return "html"


def tally(log: list[tuple[str, int]]) -> dict[str, Any]:
    """Total, bytes by kind and request count of the responses in `log`."""
    by_kind: dict[str, int] = {}
    for url, size in log:
        by_kind[kind_of(url)] = by_kind.get(kind_of(url), 0) + size
    return {"total": sum(by_kind.values()), "by_kind": by_kind, "requests": len(log)}


class Recorder:
    """Every response of one browser context, counted as a static host would send it.

    Also keeps the number of requests in flight: Playwright's "networkidle" fires once per
    navigation, so after a search or a filter started later it returns at once; `settle` waits
    for this context's own traffic to stop instead.
    """

    def __init__(self, context: Any) -> None:
        self.log: list[tuple[str, int]] = []
        self.pending = 0
        self.changed = time.monotonic()
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)
        context.on("response", self._record)

    def _started(self, request: Any) -> None:
        self.pending += 1
        self.changed = time.monotonic()

    def _ended(self, request: Any) -> None:
        self.pending -= 1
        self.changed = time.monotonic()

    def _record(self, response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 redirects and aborted requests have no body
            return
        self.log.append(
            (response.url, transfer_size(urlsplit(response.url).path or "index.html", body))
        )
        self.changed = time.monotonic()

    def settle(self, page: Any, quiet_s: float = 0.7, limit_s: float = 20.0) -> None:
        """Until nothing is in flight and nothing has happened for `quiet_s` (at most `limit_s`)."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)  # lets Playwright deliver the events counted above
            if self.pending <= 0 and time.monotonic() - self.changed >= quiet_s:
                return


def filtered_visit(
    new_page: Any, base: str, path: str, expected: int | None, timeout: float = FILTER_TIMEOUT_S
) -> dict[str, Any]:
    """A first visit to a filtered URL: every byte until the finder's answer is on screen and the
    network is quiet, Pagefind's files included; "n/a" when the answer never shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context, page, recorder = new_page()
    log = recorder.log
    url = base + path
    result: dict[str, Any] = {"path": path, "expected_count": expected}
    try:
        started = time.perf_counter()
        page.goto(url)
        try:
            # "attached": the answer counts once it is in the page, whatever its size on screen
            scope = page.wait_for_selector(FINDER_SETTLED, state="attached", timeout=timeout * 1000)
        except PlaywrightTimeout:  # the finder never answered (or is not there yet)
            return {
                **result,
                "status": "n/a",
                "reason": f"no data-state=ready within {timeout:.0f} s",
            }
        ready_s = time.perf_counter() - started
        if scope is None or scope.get_attribute("data-state") != "ready":
            return {**result, "status": "n/a", "reason": "the finder reported data-state=error"}
        recorder.settle(page)  # the thumbnails the results asked for
        count_text = (
            page.eval_on_selector("[data-result-count]", "e => e.getAttribute('data-count')")
            if page.query_selector("[data-result-count]")
            else None
        )
        count = int(count_text) if count_text and count_text.isdigit() else None
        pagefind = [(u, s) for u, s in log if kind_of(u) == "pagefind"]
        return {
            **result,
            "status": "ok",
            **tally(log),
            "count": count,
            "count_matches": None if expected is None or count is None else count == expected,
            "pagefind_bytes": sum(s for _, s in pagefind),
            "pagefind_requests": len(pagefind),
            "pagefind_files": sorted(
                {urlsplit(u).path.split("/pagefind/")[-1] for u, _ in pagefind}
            ),
            "ready_s": round(ready_s, 2),
        }
    finally:
        context.close()


def browser_measure(
    www: Path,
    pages: dict[str, str],
    queries: tuple[str, str],
    filtered: dict[str, tuple[str, int | None]],
) -> dict[str, Any]:
    """Page weight of first visits, the bytes of a first and a second search and of filtered
    first visits (`name -> (path, expected count or None)`), in Chromium."""
    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {
        "method": "chromium",
        "viewport": list(VIEWPORT),
        "dpr": 2,
        "pages": {},
        "search": {},
        "filtered": {},
    }
    # no-store: every response Chromium reports is a transfer, never a cache hit counted as bytes.
    with (
        GzipServer(www / SUB_PATH, SUB_PATH, cache_control="no-store") as server,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        base = server.base

        def new_page() -> tuple[Any, Any, Recorder]:
            # Service workers blocked: sw.js re-fetches what the page loaded to keep it offline,
            # and those copies were counted as page bytes a second time (the page's own first
            # visit is what is measured; the offline copy is the offline feature's cost).
            context = browser.new_context(
                viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                service_workers="block",
            )
            recorder = Recorder(context)
            return context, context.new_page(), recorder

        # After the load event, `settle` waits for nothing in flight and 0.7 s without a request
        # or a response: more than Playwright's "networkidle" (500 ms without a connection), so
        # waiting for that first only added its half second to every page.
        for name, path in pages.items():
            context, page, recorder = new_page()
            page.goto(base + path)
            recorder.settle(page)
            result["pages"][name] = tally(recorder.log)
            context.close()

        context, page, recorder = new_page()
        log = recorder.log
        page.goto(base + pages["product"])
        recorder.settle(page)
        for number, query in enumerate(queries):
            mark = len(log)
            box = page.locator("[data-search-input]")
            box.click()
            box.fill(query)
            found = settled_results(page, "[data-search-results]")
            recorder.settle(page)
            new = log[mark:]
            pagefind = [(u, s) for u, s in new if "/pagefind/" in u]
            thumbnails = [(u, s) for u, s in new if "/pagefind/" not in u]
            result["search"]["first" if number == 0 else "second"] = {
                "query": query,
                "results_shown": len(found),
                "pagefind_bytes": sum(s for _, s in pagefind),
                "thumbnail_bytes": sum(s for _, s in thumbnails),
                "requests": len(new),
                "files": sorted({urlsplit(u).path.split("/pagefind/")[-1] for u, _ in pagefind}),
            }
        context.close()

        for name, (path, expected) in filtered.items():
            result["filtered"][name] = filtered_visit(new_page, base, path, expected)
        browser.close()
    return result


def static_search_estimate(site: Path) -> dict[str, Any]:
    """Without a browser: the files Pagefind fetches for a search, from the files on disk."""
    pagefind = site / "pagefind"
    size = lambda p: transfer_size(p, p.read_bytes())  # noqa: E731
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = next(iter(entry["languages"].values()))
    core = [
        pagefind / "pagefind.js",
        pagefind / "pagefind-worker.js",
        pagefind / "pagefind-entry.json",
        pagefind / f"wasm.{language['wasm']}.pagefind",
        pagefind / f"pagefind.{language['hash']}.pf_meta",
    ]
    chunks = sorted(size(p) for p in (pagefind / "index").glob("*.pf_index"))
    fragments = sorted(size(p) for p in (pagefind / "fragment").glob("*.pf_fragment"))
    per_search = int(median(chunks)) + 6 * int(median(fragments))  # the header shows 6 results
    return {
        "method": "static",
        "search": {
            "first": {"pagefind_bytes": sum(size(p) for p in core if p.is_file()) + per_search},
            "second": {"pagefind_bytes": per_search},
        },
    }


def page_measurements(
    www: Path,
    pages: dict[str, str],
    filtered_targets: dict[str, tuple[str, int | None]],
    browser: bool,
    log: Any,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(search and Chromium page weights, filtered visits) of the site in `www`.

    In Chromium when `browser`; without it, or when the browser measurement fails, the search
    bytes are estimated from the files and the filtered visits are "n/a" with the reason. The
    estimate from the files is always made too (`static`), so a run in Chromium shows both.
    """
    site = www / SUB_PATH
    static = static_search_estimate(site)
    measured: dict[str, Any] = dict(static)
    if browser:
        try:
            measured = browser_measure(www, pages, ("kopi", "madu hutan"), filtered_targets)
        except Exception as exc:  # noqa: BLE001 no Chromium here: fall back to the files on disk
            log(
                f"browser measurement failed ({type(exc).__name__}: {exc}); static search estimate instead"
            )
    measured["static"] = static["search"]
    filtered = measured.pop("filtered", None) or {
        name: {
            "path": path,
            "expected_count": expected,
            "status": "n/a",
            "reason": "the browser measurement failed" if browser else "no browser",
        }
        for name, (path, expected) in filtered_targets.items()
    }
    return measured, filtered


def validate_summary(stdout: str) -> dict[str, int] | None:
    """{"galat": n, "peringatan": m} from the last `N galat, M peringatan` line of `validate`."""
    found = re.findall(r"^(\d+) galat, (\d+) peringatan", stdout, re.MULTILINE)
    if not found:
        return None
    errors, warnings = found[-1]
    return {"galat": int(errors), "peringatan": int(warnings)}


# One size -------------------------------------------------------------------------------------


def halal_facet(produk: dict[str, Any]) -> str:
    """The `halal` filter value (facets.halal_value) of a produk.yml as the generator wrote it."""
    halal = produk.get("halal")
    if not isinstance(halal, dict):
        return ""
    if halal.get("nomor"):
        return "ya"
    return "tidak" if halal.get("status") == "tidak-halal" else str(halal.get("status", ""))


def filtered_listing(root: Path, manifest: dict[str, Any], reference_key: str) -> tuple[str, int]:
    """A category page filtered by regency and halal=ya, and how many products it must show.

    The reference product's own category and regency when it is halal-certified (product 0 is the
    same at every N, so the URL is the same at every size and never empty), else the category and
    regency with the most certified products. The expected count comes from the produk.yml files,
    not from the site, so a finder that filters wrongly shows up as a mismatch.
    """
    products = manifest["produk"]
    halal: dict[str, str] = {}

    def facet(key: str) -> str:
        if key not in halal:
            data = yaml.safe_load(
                (root / "products" / key / "produk.yml").read_text(encoding="utf-8")
            )
            halal[key] = halal_facet(data)
        return halal[key]

    reference = next((p for p in products if p["kunci"] == reference_key), None)
    if reference is not None and facet(reference["kunci"]) == "ya":
        category, regency = reference["kategori"], reference["kabupaten"]
    else:
        pairs: dict[tuple[str, str], int] = {}
        for product in products:
            if facet(product["kunci"]) == "ya":
                pairs[(product["kategori"], product["kabupaten"])] = (
                    pairs.get((product["kategori"], product["kabupaten"]), 0) + 1
                )
        category, regency = max(pairs, key=lambda pair: pairs[pair])
    expected = sum(
        1
        for p in products
        if p["kategori"] == category and p["kabupaten"] == regency and facet(p["kunci"]) == "ya"
    )
    return f"kategori/{category}/?kabupaten={regency}&halal=ya", expected


def bench_size(
    n: int,
    runs: int,
    work: Path,
    seed: int,
    browser: bool,
    log: Any,
    lighthouse_cli: Path | None = None,
    photo_scale: float = 1.0,
) -> dict[str, Any]:
    root = work / f"n{n}"
    www = work / f"www-{n}"
    site = www / SUB_PATH
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(www, ignore_errors=True)
    root.mkdir(parents=True)
    copy_site_sources(root)
    started = time.perf_counter()
    generated = generate_catalogue(
        root, n, seed=seed, pool_dir=work / "pool", photo_scale=photo_scale
    )
    log(
        f"N={n}: catalogue generated in {time.perf_counter() - started:.1f} s "
        f"({generated.producers} producers, {generated.photo_files} photo files, {generated.unique_photos} distinct)"
    )
    target = generated.products[len(generated.products) // 2]
    build = ("build", "--root", str(root), "--site-dir", str(site))
    steps: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in (
            "cold_build",
            "warm_build",
            "yaml_change",
            "photo_change",
            "yaml_to_pages",
            "validate_cold",
            "validate_warm",
        )
    }
    photo_rates: list[float] = []
    for run in range(runs):
        clean_outputs(root, site)
        steps["cold_build"].append(run_measured(*build, cwd=root))
        steps["warm_build"].append(run_measured(*build, cwd=root))
        change_product_yaml(root, target, run)
        steps["yaml_change"].append(run_measured(*build, cwd=root))
        change_product_photo(root, target, run, work / "pool", seed, photo_scale)
        steps["photo_change"].append(run_measured(*build, cwd=root))
        steps["yaml_to_pages"].append(run_measured("generate", "--root", str(root), cwd=root))
        shutil.rmtree(root / ".cache", ignore_errors=True)
        steps["validate_cold"].append(run_measured("validate", "--root", str(root), cwd=root))
        steps["validate_warm"].append(run_measured("validate", "--root", str(root), cwd=root))
        photo_seconds = (
            steps["validate_cold"][-1]["seconds"] - steps["validate_warm"][-1]["seconds"]
        )
        photo_rates.append(
            unique_photo_files(root / "products") / photo_seconds
            if photo_seconds > 0
            else float("nan")
        )
        log(
            f"N={n} run {run + 1}/{runs}: cold {steps['cold_build'][-1]['seconds']:.1f} s, warm {steps['warm_build'][-1]['seconds']:.1f} s, "
            f"yaml {steps['yaml_change'][-1]['seconds']:.1f} s, photo {steps['photo_change'][-1]['seconds']:.1f} s"
        )
    # the validate runs above rebuilt the cache; the site in `site` is from the photo-change build

    timings = {
        k: {
            "median_s": round(median(r["seconds"] for r in v), 3),
            "runs_s": [round(r["seconds"], 3) for r in v],
        }
        for k, v in steps.items()
    }
    memory = {k: max(r["max_rss_mb"] for r in v) for k, v in steps.items()}
    # what `validate` said about the catalogue: a benchmark of a catalogue with galat or
    # peringatan measures something else than a producer's catalogue
    problems = validate_summary(steps["validate_warm"][-1]["stdout"])
    manifest = json.loads((site / "katalog.json").read_text(encoding="utf-8"))
    by_category: dict[str, int] = {}
    for product in manifest["produk"]:
        by_category[product["kategori"]] = by_category.get(product["kategori"], 0) + 1
    listing = f"kategori/{max(by_category, key=lambda k: by_category[k])}/"
    reference = f"produk/{generated.products[0]}/"

    product_pages = sorted((site / "produk").glob("*/*/index.html"))
    product_html = sorted(html_sizes(p)["gzip"] for p in product_pages)
    weights_dpr1 = [
        page_weight(site, p.parent.relative_to(site).as_posix() + "/", dpr=1) for p in product_pages
    ]
    weights_dpr2 = [
        page_weight(site, p.parent.relative_to(site).as_posix() + "/", dpr=2) for p in product_pages
    ]
    heaviest = max(weights_dpr2, key=lambda w: w["total"])

    first_visit = {}
    for name, page in (("home", ""), ("listing", listing), ("product", reference)):
        first_visit[name] = {
            "dpr1": page_weight(site, page, dpr=1),
            "dpr2": page_weight(site, page, dpr=2),
        }
    first_visit["product_all"] = {
        "dpr1": {
            "median": int(median(w["total"] for w in weights_dpr1)),
            "max": max(w["total"] for w in weights_dpr1),
        },
        "dpr2": {
            "median": int(median(w["total"] for w in weights_dpr2)),
            "max": heaviest["total"],
            "max_page": heaviest["page"],
            "max_by_kind": heaviest["by_kind"],
        },
    }

    listing_filtered, listing_expected = filtered_listing(root, manifest, generated.products[0])
    filtered_targets: dict[str, tuple[str, int | None]] = {
        "search": (FILTERED_SEARCH, None),
        "listing": (listing_filtered, listing_expected),
    }
    measured, filtered = page_measurements(
        www,
        {"home": "", "listing": listing, "product": reference},
        filtered_targets,
        browser,
        lambda text: log(f"N={n}: {text}"),
    )
    for name, visit in filtered.items():
        if visit["status"] != "ok":
            log(f"N={n}: filtered {name} {visit['path']}: n/a ({visit['reason']})")
        elif visit.get("count_matches") is False:
            log(
                f"N={n}: filtered {name} {visit['path']} shows {visit['count']} products, the catalogue has {visit['expected_count']}"
            )

    lighthouse: dict[str, Any] | None = None
    if lighthouse_cli is not None:
        log(
            f"N={n}: Lighthouse {LIGHTHOUSE_VERSION} (mobile) on home, category and product pages, {runs} run(s) each"
        )
        with GzipServer(site, SUB_PATH) as server:
            lighthouse = lighthouse_pages(
                lighthouse_cli,
                server.base,
                {"home": "", "category": listing, "product": reference},
                work / f"lighthouse-{n}",
                runs,
                log,
            )

    reference_kb = first_visit["product"]["dpr2"]["total"] / 1000
    return {
        "catalogue": {**generated.as_dict(), "problems": problems, "photo_scale": photo_scale},
        "reference_product": reference,
        "listing_page": listing,
        "changed_product": target,
        "timings": timings,
        "photos_per_second": round(median(photo_rates), 2),
        "peak_rss_mb": memory,
        "peak_rss_mb_max": max(memory.values()),
        "site": site_stats(site),
        "html": {
            "product": html_sizes(site / reference / "index.html"),
            "product_gzip_median": int(median(product_html)),
            "product_gzip_max": product_html[-1],
            "listing": html_sizes(site / listing / "index.html"),
            "home": html_sizes(site / "index.html"),
        },
        "first_visit": first_visit,
        "browser": measured if measured.get("method") == "chromium" else None,
        "search": measured["search"],
        "search_method": measured["method"],
        "search_static": measured["static"],
        "filtered": filtered,
        "lighthouse": lighthouse,
        "budget": {
            "limit_kb": BUDGET_KB,
            "product_first_visit_kb": round(reference_kb, 1),
            "product_max_kb": round(heaviest["total"] / 1000, 1),
            "ok": heaviest["total"] / 1000 <= BUDGET_KB,
        },
    }


# Report ---------------------------------------------------------------------------------------


def kb(value: float | int | None) -> str:
    return "-" if value is None else f"{value / 1000:.1f} KB"


def filtered_cell(visit: dict[str, Any]) -> str:
    if visit["status"] != "ok":
        return "n/a"
    return f"{kb(visit['total'])} / {kb(visit['pagefind_bytes'])}"


def filtered_kinds(visit: dict[str, Any]) -> str:
    if visit["status"] != "ok":
        return "n/a"
    return " / ".join(kb(visit["by_kind"].get(kind, 0)) for kind in ("html", "css", "js", "img"))


def filtered_count(visit: dict[str, Any]) -> str:
    if visit["status"] != "ok":
        return "n/a"
    shown = "?" if visit["count"] is None else str(visit["count"])
    if visit["expected_count"] is None:
        return shown
    return shown + (" (ok)" if visit["count_matches"] else f" (expected {visit['expected_count']})")


def lighthouse_cell(result: dict[str, Any], name: str) -> str:
    if result.get("lighthouse") is None:
        return "-"  # not asked for
    page = result["lighthouse"][name]
    if "error" in page:
        return "n/a"
    return " / ".join(
        "?" if page["scores"][k] is None else str(page["scores"][k])
        for k in ("performance", "accessibility", "best-practices", "seo")
    )


def lighthouse_cls(result: dict[str, Any], name: str) -> str:
    if result.get("lighthouse") is None:
        return "-"
    page = result["lighthouse"][name]
    if "error" in page or page["metrics"]["cls"] is None:
        return "n/a"
    return f"{page['metrics']['cls']:.3f}"


def print_table(results: dict[str, dict[str, Any]], smoke: bool, out: Any = sys.stdout) -> None:
    sizes = list(results)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, getter: Any) -> None:
        values = []
        for n in sizes:
            try:
                values.append(getter(results[n]))
            except (KeyError, TypeError):
                values.append("-")
        rows.append((label, values))

    seconds = lambda key: lambda r: f"{r['timings'][key]['median_s']:.2f} s"  # noqa: E731
    row(
        "products / producers",
        lambda r: f"{r['catalogue']['products']} / {r['catalogue']['producers']}",
    )
    row(
        "photo files (distinct)",
        lambda r: f"{r['catalogue']['photo_files']} ({r['catalogue']['unique_photos']})",
    )
    row("cold build", seconds("cold_build"))
    row("warm build, no change", seconds("warm_build"))
    row("rebuild, 1 produk.yml changed", seconds("yaml_change"))
    row("rebuild, 1 photo changed", seconds("photo_change"))
    row("YAML to pages (generate, warm)", seconds("yaml_to_pages"))
    row("photos processed per second", lambda r: f"{r['photos_per_second']:.1f}")
    row("peak memory (largest process)", lambda r: f"{r['peak_rss_mb_max']:.0f} MB")
    row("site size / files", lambda r: f"{r['site']['bytes'] / 1e6:.1f} MB / {r['site']['files']}")
    row(
        "product HTML raw / gzip",
        lambda r: f"{kb(r['html']['product']['raw'])} / {kb(r['html']['product']['gzip'])}",
    )
    row(
        "listing HTML raw / gzip",
        lambda r: f"{kb(r['html']['listing']['raw'])} / {kb(r['html']['listing']['gzip'])}",
    )
    for name in ("home", "listing", "product"):
        row(
            f"first visit {name} (DPR 1 / DPR 2)",
            lambda r, name=name: (
                f"{kb(r['first_visit'][name]['dpr1']['total'])} / {kb(r['first_visit'][name]['dpr2']['total'])}"
            ),
        )
    row(
        "  of which HTML / CSS / JS / images",
        lambda r: "{} / {} / {} / {}".format(
            *(
                kb(r["first_visit"]["product"]["dpr2"]["by_kind"][k])
                for k in ("html", "css", "js", "img")
            )
        ),
    )
    row(
        "first visit, products: median (DPR 2)",
        lambda r: kb(r["first_visit"]["product_all"]["dpr2"]["median"]),
    )
    row(
        "first visit, heaviest product (DPR 2)",
        lambda r: kb(r["first_visit"]["product_all"]["dpr2"]["max"]),
    )
    row(
        "  of which HTML / CSS / JS / images",
        lambda r: "{} / {} / {} / {}".format(
            *(
                kb(r["first_visit"]["product_all"]["dpr2"]["max_by_kind"][k])
                for k in ("html", "css", "js", "img")
            )
        ),
    )
    for name in ("home", "listing", "product"):
        row(
            f"Chromium 360x800 DPR 2: {name}",
            lambda r, name=name: kb(r["browser"]["pages"][name]["total"]),
        )
    row(
        "first search (Pagefind bytes)",
        lambda r: (
            kb(r["search"]["first"]["pagefind_bytes"])
            + (" est." if r["search_method"] == "static" else "")
        ),
    )
    row(
        "second search (Pagefind bytes)",
        lambda r: (
            kb(r["search"]["second"]["pagefind_bytes"])
            + (" est." if r["search_method"] == "static" else "")
        ),
    )
    row("result thumbnails, first search", lambda r: kb(r["search"]["first"]["thumbnail_bytes"]))
    for name in ("search", "listing"):
        row(
            f"filtered {name}, first visit: total / Pagefind",
            lambda r, name=name: filtered_cell(r["filtered"][name]),
        )
        row(
            "  of which HTML / CSS / JS / images",
            lambda r, name=name: filtered_kinds(r["filtered"][name]),
        )
        row("  products found", lambda r, name=name: filtered_count(r["filtered"][name]))
    if any(results[n].get("lighthouse") for n in sizes):
        for name in ("home", "category", "product"):
            row(
                f"Lighthouse {name}: perf / a11y / best pr. / SEO",
                lambda r, name=name: lighthouse_cell(r, name),
            )
            row(f"Lighthouse {name}: CLS", lambda r, name=name: lighthouse_cls(r, name))
    row(
        f"budget: product first visit <= {BUDGET_KB:.0f} KB",
        lambda r: "ok" if r["budget"]["ok"] else "OVER",
    )

    width = max(len(label) for label, _ in rows)
    cols = [max(len(f"N={n}"), *(len(v[i]) for _, v in rows)) for i, n in enumerate(sizes)]
    print("", file=out)
    print(
        " " * width + "  " + "  ".join(f"N={n}".rjust(c) for n, c in zip(sizes, cols, strict=True)),
        file=out,
    )
    for label, values in rows:
        print(
            label.ljust(width)
            + "  "
            + "  ".join(v.rjust(c) for v, c in zip(values, cols, strict=True)),
            file=out,
        )
    print("", file=out)
    if len(sizes) >= 2:
        a, b = results[sizes[0]], results[sizes[-1]]
        first, last = (
            a["first_visit"]["product"]["dpr2"]["total"],
            b["first_visit"]["product"]["dpr2"]["total"],
        )
        print(
            f"product first visit, N={sizes[0]} -> N={sizes[-1]}: {100 * (last - first) / first:+.1f}%",
            file=out,
        )
    for name in ("search", "listing"):
        # Product 0 picks the listing's filters, so the URL is the same at every size.
        paths = sorted({results[n]["filtered"][name]["path"] for n in sizes})
        print(f"filtered {name}: {', '.join(paths)}", file=out)
    print_failing_audits(results, out)
    if smoke:
        print(
            "\nsmoke run: one small run, the times above are not measurements to quote.", file=out
        )


def print_failing_audits(results: dict[str, dict[str, Any]], out: Any = sys.stdout) -> None:
    """Lighthouse's audits under its pass mark, per size and page, with the first element each names."""
    for n, result in results.items():
        pages = result.get("lighthouse") or {}
        lines = []
        for name, page in pages.items():
            if "error" in page:
                lines.append(f"  {name}: Lighthouse failed: {page['error']}")
                continue
            for audit in page["failing"]:
                element = next(iter(audit["elements"]), {})
                where = element.get("selector") or element.get("url") or ""
                more = f" (+{audit['items'] - 1} more)" if audit["items"] > 1 else ""
                lines.append(
                    f"  {name}: {audit['id']} [{audit['category']}, score {audit['score']:g}]"
                    + (f" {audit['display_value']}" if audit["display_value"] else "")
                    + (f": {where}{more}" if where else "")
                )
        for name, page in pages.items():
            if page.get("errors"):
                lines.append(
                    f"  {name}: not judged (audit error): {', '.join(e['id'] for e in page['errors'])}"
                )
        if pages:
            print(
                f"\nLighthouse audits below {PASS_THRESHOLD:g}, N={n}:"
                if lines
                else f"\nLighthouse, N={n}: no failing audit",
                file=out,
            )
            for line in lines:
                print(line, file=out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.pageweight", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--sizes", help="catalogue sizes, comma-separated (default 100)")
    parser.add_argument(
        "--runs", type=int, help="runs per size; timings are the median (default 3)"
    )
    parser.add_argument("--json", type=Path, help="also write every number to this JSON file")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"N={SMOKE_SIZE} unless --sizes, one run, no Lighthouse unless --lighthouse, no timing claims",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=DEFAULT_WORK,
        help=f"where catalogues and sites are built (default {DEFAULT_WORK.relative_to(REPO)})",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated catalogues and sites"
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="skip Chromium; estimate search bytes from the files",
    )
    parser.add_argument(
        "--lighthouse",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"run Lighthouse {LIGHTHOUSE_VERSION} (mobile) on three pages; default on, off with --smoke or --no-browser",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--photo-scale",
        type=float,
        help=f"photo sides times this (default 1: 2-4 MP phone photos; {SMOKE_PHOTO_SCALE:g} with --smoke)",
    )
    parser.add_argument(
        "--validate-warnings",
        type=int,
        nargs="?",
        const=WARNINGS_SIZE,
        metavar="N",
        help=f"only the validation case: N products (default {WARNINGS_SIZE}) validated clean and "
        "with one warning each; prints both times and their ratio (bench/validation.py)",
    )
    args = parser.parse_args(argv)
    default_size = str(SMOKE_SIZE) if args.smoke else "100"
    try:
        args.size_list = [int(s) for s in (args.sizes or default_size).split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if args.runs is None:
        args.runs = 1 if args.smoke else 3
    if args.smoke:
        args.runs = 1
    if not args.size_list or min(args.size_list) < 1 or args.runs < 1:
        parser.error("sizes and runs must be positive")
    if args.lighthouse and args.no_browser:
        parser.error("--lighthouse needs Chromium: drop --no-browser")
    if args.lighthouse is None:
        args.lighthouse = not args.smoke and not args.no_browser
    if args.photo_scale is None:
        args.photo_scale = SMOKE_PHOTO_SCALE if args.smoke else 1.0
    if not 0 < args.photo_scale <= 1:
        parser.error("--photo-scale is a share of a phone photo's sides: above 0, at most 1")
    if args.validate_warnings is not None:
        if args.validate_warnings < 1:
            parser.error("--validate-warnings takes a positive number of products")
        args.lighthouse = False  # the validation case builds no site
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    if args.validate_warnings is not None:
        return validate_warnings_main(args, log)
    lighthouse_cli: Path | None = None
    if args.lighthouse:
        # Before any build: minutes of building should not end in "npm not found".
        try:
            lighthouse_cli = ensure_lighthouse(log=log)
        except LighthouseUnavailable as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 2
    args.work_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    try:
        for n in args.size_list:
            results[str(n)] = bench_size(
                n,
                args.runs,
                args.work_dir.resolve(),
                args.seed,
                not args.no_browser,
                log,
                lighthouse_cli,
                args.photo_scale,
            )
    finally:
        if not args.keep:
            clean_work(args.work_dir, args.size_list)
    report = {
        # 2: filtered visits and Lighthouse added; Chromium rows counted with service workers
        # blocked (version 1 counted sw.js's offline copies as page bytes too).
        "bench_version": 2,
        "smoke": args.smoke,
        "runs": args.runs,
        "seed": args.seed,
        "photo_scale": args.photo_scale,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "budget_kb": BUDGET_KB,
        "lighthouse_version": LIGHTHOUSE_VERSION if args.lighthouse else None,
        "sizes": results,
    }
    print_table(results, args.smoke)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0 if all(r["budget"]["ok"] for r in results.values()) or args.smoke else 1


def clean_work(work: Path, sizes: list[int]) -> None:
    """Remove what the run made for each size (catalogue, site, Lighthouse reports); the pool of
    base photos stays for the next run."""
    for n in sizes:
        for name in (f"n{n}", f"www-{n}", f"lighthouse-{n}"):
            shutil.rmtree(work / name, ignore_errors=True)


def validate_warnings_main(args: argparse.Namespace, log: Any) -> int:
    """`--validate-warnings N`: the validation case alone; exit 1 when over its target ratio."""
    from bench.validation import print_warnings_case, warnings_case

    args.work_dir.mkdir(parents=True, exist_ok=True)
    result = warnings_case(
        args.validate_warnings, args.runs, args.work_dir.resolve(), args.seed, log, args.keep
    )
    print_warnings_case(result, sys.stdout)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {"bench_version": 2, "seed": args.seed, "validate_warnings": result}
        args.json.write_text(
            json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0 if result["ok"] or args.smoke else 1


if __name__ == "__main__":
    sys.exit(main())

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
  compress; and the bytes of a first and a second search (Pagefind), measured in Chromium.

See bench/README.md for the method and how to read the numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote, urljoin, urlsplit

from bench.synthetic import change_product_photo, change_product_yaml, generate_catalogue

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORK = REPO / "bench" / "out"
BUDGET_KB = 170.0
VIEWPORT = (360, 800)
ABOVE_THE_FOLD_IMAGES = 4
# What a static host (GitHub Pages) sends compressed; everything else goes as is. Pagefind's own
# files (.pagefind, .pf_*) are gzip inside already.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".wasm"}
GENERATED_ROOTS = ("index.md", "produk", "produsen", "kategori", "kabupaten", "sertifikasi", "katalog.json")
SUB_PATH = "katalog"


# Utilities ------------------------------------------------------------------------------------


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def transfer_size(path: Path | str, data: bytes) -> int:
    """Bytes on the wire from a static host: gzip for text types, as stored for the rest."""
    suffix = Path(str(path)).suffix.lower() or ".html"  # a folder URL is its index.html
    return min(len(data), gzip_size(data)) if suffix in COMPRESSIBLE else len(data)


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def copy_site_sources(root: Path) -> None:
    """mkdocs.yml, overrides/ and the hand-written part of docs/ into a bench project."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides", dirs_exist_ok=True)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if Path(folder) == REPO / "docs" and (n in GENERATED_ROOTS or n.startswith("."))])


def clean_outputs(root: Path, site: Path) -> None:
    """Back to a fresh checkout: no photo cache, no generated pages, no site."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    for stale in site.parent.glob(f".{site.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for name in GENERATED_ROOTS:
        target = root / "docs" / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def run_measured(*args: str, cwd: Path) -> dict[str, Any]:
    """`catalogue-gen ARGS` in a fresh measuring process: seconds, max_rss_mb, returncode."""
    command = [sys.executable, "-m", "bench.measure", "--", sys.executable, "-m", "catalogue_gen", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")})
    if done.returncode != 0:
        raise RuntimeError(f"measuring {args} failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    if result["returncode"] != 0:
        raise RuntimeError(f"catalogue-gen {' '.join(args)} exited {result['returncode']}:\n{result['stdout']}\n{result['stderr']}")
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
    return value * viewport / 100 if unit == "vw" else value * 16 if unit in ("em", "rem") else value


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


def page_weight(site: Path, page: str, viewport: int = VIEWPORT[0], dpr: float = 1.0) -> dict[str, Any]:
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
    return {"page": page, "viewport": viewport, "dpr": dpr, "total": sum(totals.values()), "by_kind": totals,
            "requests": len(files), "files": files}


def html_sizes(path: Path) -> dict[str, int]:
    data = path.read_bytes()
    return {"raw": len(data), "gzip": gzip_size(data)}


def site_stats(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    by_kind: dict[str, int] = {}
    for path in files:
        kind = "photos" if path.suffix in (".webp", ".jpg") else "pagefind" if "pagefind" in path.parts else "html" if path.suffix == ".html" else "other"
        by_kind[kind] = by_kind.get(kind, 0) + path.stat().st_size
    return {"bytes": sum(by_kind.values()), "files": len(files), "html_pages": sum(1 for p in files if p.suffix == ".html"),
            "bytes_by_kind": by_kind}


# Browser measurement --------------------------------------------------------------------------


def browser_measure(www: Path, pages: dict[str, str], queries: tuple[str, str]) -> dict[str, Any]:
    """Page weight of first visits and the bytes of a first and a second search, in Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import SiteServer, launch_chromium, settled_results

    result: dict[str, Any] = {"method": "chromium", "viewport": list(VIEWPORT), "dpr": 2, "pages": {}, "search": {}}
    with SiteServer(www) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        base = f"{server.origin}/{SUB_PATH}/"

        def new_page() -> tuple[Any, Any, list[tuple[str, int]]]:
            context = browser.new_context(viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]}, device_scale_factor=2,
                                          is_mobile=True, has_touch=True)
            log: list[tuple[str, int]] = []

            def record(response: Any) -> None:
                try:
                    body = response.body()
                except Exception:  # redirects and aborted requests have no body
                    return
                log.append((response.url, transfer_size(urlsplit(response.url).path or "index.html", body)))

            context.on("response", record)
            return context, context.new_page(), log

        for name, path in pages.items():
            context, page, log = new_page()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            by_kind: dict[str, int] = {}
            for url, size in log:
                suffix = Path(urlsplit(url).path).suffix
                kind = "img" if suffix in (".webp", ".jpg", ".png") else "css" if suffix == ".css" else "js" if suffix == ".js" else "icon" if suffix == ".svg" else "html"
                by_kind[kind] = by_kind.get(kind, 0) + size
            result["pages"][name] = {"total": sum(by_kind.values()), "by_kind": by_kind, "requests": len(log)}
            context.close()

        context, page, log = new_page()
        page.goto(base + pages["product"])
        page.wait_for_load_state("networkidle")
        for number, query in enumerate(queries):
            mark = len(log)
            box = page.locator("[data-search-input]")
            box.click()
            box.fill(query)
            found = settled_results(page, "[data-search-results]")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            new = log[mark:]
            pagefind = [(u, s) for u, s in new if "/pagefind/" in u]
            thumbnails = [(u, s) for u, s in new if "/pagefind/" not in u]
            result["search"]["first" if number == 0 else "second"] = {
                "query": query, "results_shown": len(found),
                "pagefind_bytes": sum(s for _, s in pagefind), "thumbnail_bytes": sum(s for _, s in thumbnails),
                "requests": len(new),
                "files": sorted({urlsplit(u).path.split("/pagefind/")[-1] for u, _ in pagefind}),
            }
        context.close()
        browser.close()
    return result


def static_search_estimate(site: Path) -> dict[str, Any]:
    """Without a browser: the files Pagefind fetches for a search, from the files on disk."""
    pagefind = site / "pagefind"
    size = lambda p: transfer_size(p, p.read_bytes())  # noqa: E731
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = next(iter(entry["languages"].values()))
    core = [pagefind / "pagefind.js", pagefind / "pagefind-worker.js", pagefind / "pagefind-entry.json",
            pagefind / f"wasm.{language['wasm']}.pagefind", pagefind / f"pagefind.{language['hash']}.pf_meta"]
    chunks = sorted(size(p) for p in (pagefind / "index").glob("*.pf_index"))
    fragments = sorted(size(p) for p in (pagefind / "fragment").glob("*.pf_fragment"))
    per_search = int(median(chunks)) + 6 * int(median(fragments))  # the header shows 6 results
    return {"method": "static", "search": {
        "first": {"pagefind_bytes": sum(size(p) for p in core if p.is_file()) + per_search},
        "second": {"pagefind_bytes": per_search},
    }}


# One size -------------------------------------------------------------------------------------


def bench_size(n: int, runs: int, work: Path, seed: int, browser: bool, log: Any) -> dict[str, Any]:
    root = work / f"n{n}"
    www = work / f"www-{n}"
    site = www / SUB_PATH
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(www, ignore_errors=True)
    root.mkdir(parents=True)
    copy_site_sources(root)
    started = time.perf_counter()
    generated = generate_catalogue(root, n, seed=seed, pool_dir=work / "pool")
    log(f"N={n}: catalogue generated in {time.perf_counter() - started:.1f} s "
        f"({generated.producers} producers, {generated.photo_files} photo files, {generated.unique_photos} distinct)")
    target = generated.products[len(generated.products) // 2]
    build = ("build", "--root", str(root), "--site-dir", str(site))
    steps: dict[str, list[dict[str, Any]]] = {k: [] for k in ("cold_build", "warm_build", "yaml_change", "photo_change", "yaml_to_pages", "validate_cold", "validate_warm")}
    photo_rates: list[float] = []
    for run in range(runs):
        clean_outputs(root, site)
        steps["cold_build"].append(run_measured(*build, cwd=root))
        steps["warm_build"].append(run_measured(*build, cwd=root))
        change_product_yaml(root, target, run)
        steps["yaml_change"].append(run_measured(*build, cwd=root))
        change_product_photo(root, target, run, work / "pool", seed)
        steps["photo_change"].append(run_measured(*build, cwd=root))
        steps["yaml_to_pages"].append(run_measured("generate", "--root", str(root), cwd=root))
        shutil.rmtree(root / ".cache", ignore_errors=True)
        steps["validate_cold"].append(run_measured("validate", "--root", str(root), cwd=root))
        steps["validate_warm"].append(run_measured("validate", "--root", str(root), cwd=root))
        photo_seconds = steps["validate_cold"][-1]["seconds"] - steps["validate_warm"][-1]["seconds"]
        photo_rates.append(unique_photo_files(root / "products") / photo_seconds if photo_seconds > 0 else float("nan"))
        log(f"N={n} run {run + 1}/{runs}: cold {steps['cold_build'][-1]['seconds']:.1f} s, warm {steps['warm_build'][-1]['seconds']:.1f} s, "
            f"yaml {steps['yaml_change'][-1]['seconds']:.1f} s, photo {steps['photo_change'][-1]['seconds']:.1f} s")
    # the validate runs above rebuilt the cache; the site in `site` is from the photo-change build

    timings = {k: {"median_s": round(median(r["seconds"] for r in v), 3), "runs_s": [round(r["seconds"], 3) for r in v]} for k, v in steps.items()}
    memory = {k: max(r["max_rss_mb"] for r in v) for k, v in steps.items()}
    manifest = json.loads((site / "katalog.json").read_text(encoding="utf-8"))
    by_category: dict[str, int] = {}
    for product in manifest["produk"]:
        by_category[product["kategori"]] = by_category.get(product["kategori"], 0) + 1
    listing = f"kategori/{max(by_category, key=lambda k: by_category[k])}/"
    reference = f"produk/{generated.products[0]}/"

    product_pages = sorted((site / "produk").glob("*/*/index.html"))
    product_html = sorted(html_sizes(p)["gzip"] for p in product_pages)
    weights_dpr1 = [page_weight(site, p.parent.relative_to(site).as_posix() + "/", dpr=1) for p in product_pages]
    weights_dpr2 = [page_weight(site, p.parent.relative_to(site).as_posix() + "/", dpr=2) for p in product_pages]
    heaviest = max(weights_dpr2, key=lambda w: w["total"])

    first_visit = {}
    for name, page in (("home", ""), ("listing", listing), ("product", reference)):
        first_visit[name] = {"dpr1": page_weight(site, page, dpr=1), "dpr2": page_weight(site, page, dpr=2)}
    first_visit["product_all"] = {
        "dpr1": {"median": int(median(w["total"] for w in weights_dpr1)), "max": max(w["total"] for w in weights_dpr1)},
        "dpr2": {"median": int(median(w["total"] for w in weights_dpr2)), "max": heaviest["total"], "max_page": heaviest["page"],
                 "max_by_kind": heaviest["by_kind"]},
    }

    measured: dict[str, Any]
    if browser:
        try:
            measured = browser_measure(www, {"home": "", "listing": listing, "product": reference}, ("kopi", "madu hutan"))
        except Exception as exc:  # no Chromium here: fall back to the files on disk
            log(f"N={n}: browser measurement failed ({type(exc).__name__}: {exc}); static search estimate instead")
            measured = static_search_estimate(site)
    else:
        measured = static_search_estimate(site)

    reference_kb = first_visit["product"]["dpr2"]["total"] / 1000
    return {
        "catalogue": generated.as_dict(),
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
        "budget": {"limit_kb": BUDGET_KB, "product_first_visit_kb": round(reference_kb, 1),
                   "product_max_kb": round(heaviest["total"] / 1000, 1), "ok": heaviest["total"] / 1000 <= BUDGET_KB},
    }


# Report ---------------------------------------------------------------------------------------


def kb(value: float | int | None) -> str:
    return "-" if value is None else f"{value / 1000:.1f} KB"


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
    row("products / producers", lambda r: f"{r['catalogue']['products']} / {r['catalogue']['producers']}")
    row("photo files (distinct)", lambda r: f"{r['catalogue']['photo_files']} ({r['catalogue']['unique_photos']})")
    row("cold build", seconds("cold_build"))
    row("warm build, no change", seconds("warm_build"))
    row("rebuild, 1 produk.yml changed", seconds("yaml_change"))
    row("rebuild, 1 photo changed", seconds("photo_change"))
    row("YAML to pages (generate, warm)", seconds("yaml_to_pages"))
    row("photos processed per second", lambda r: f"{r['photos_per_second']:.1f}")
    row("peak memory (largest process)", lambda r: f"{r['peak_rss_mb_max']:.0f} MB")
    row("site size / files", lambda r: f"{r['site']['bytes'] / 1e6:.1f} MB / {r['site']['files']}")
    row("product HTML raw / gzip", lambda r: f"{kb(r['html']['product']['raw'])} / {kb(r['html']['product']['gzip'])}")
    row("listing HTML raw / gzip", lambda r: f"{kb(r['html']['listing']['raw'])} / {kb(r['html']['listing']['gzip'])}")
    for name in ("home", "listing", "product"):
        row(f"first visit {name} (DPR 1 / DPR 2)", lambda r, name=name: f"{kb(r['first_visit'][name]['dpr1']['total'])} / {kb(r['first_visit'][name]['dpr2']['total'])}")
    row("  of which HTML / CSS / JS / images", lambda r: "{} / {} / {} / {}".format(*(kb(r["first_visit"]["product"]["dpr2"]["by_kind"][k]) for k in ("html", "css", "js", "img"))))
    row("first visit, products: median (DPR 2)", lambda r: kb(r["first_visit"]["product_all"]["dpr2"]["median"]))
    row("first visit, heaviest product (DPR 2)", lambda r: kb(r["first_visit"]["product_all"]["dpr2"]["max"]))
    row("  of which HTML / CSS / JS / images", lambda r: "{} / {} / {} / {}".format(*(kb(r["first_visit"]["product_all"]["dpr2"]["max_by_kind"][k]) for k in ("html", "css", "js", "img"))))
    for name in ("home", "listing", "product"):
        row(f"Chromium 360x800 DPR 2: {name}", lambda r, name=name: kb(r["browser"]["pages"][name]["total"]))
    row("first search (Pagefind bytes)", lambda r: kb(r["search"]["first"]["pagefind_bytes"]) + (" est." if r["search_method"] == "static" else ""))
    row("second search (Pagefind bytes)", lambda r: kb(r["search"]["second"]["pagefind_bytes"]) + (" est." if r["search_method"] == "static" else ""))
    row("result thumbnails, first search", lambda r: kb(r["search"]["first"]["thumbnail_bytes"]))
    row(f"budget: product first visit <= {BUDGET_KB:.0f} KB", lambda r: "ok" if r["budget"]["ok"] else "OVER")

    width = max(len(label) for label, _ in rows)
    cols = [max(len(f"N={n}"), *(len(v[i]) for _, v in rows)) for i, n in enumerate(sizes)]
    print("", file=out)
    print(" " * width + "  " + "  ".join(f"N={n}".rjust(c) for n, c in zip(sizes, cols)), file=out)
    for label, values in rows:
        print(label.ljust(width) + "  " + "  ".join(v.rjust(c) for v, c in zip(values, cols)), file=out)
    if len(sizes) >= 2:
        a, b = results[sizes[0]], results[sizes[-1]]
        first, last = a["first_visit"]["product"]["dpr2"]["total"], b["first_visit"]["product"]["dpr2"]["total"]
        print(f"\nproduct first visit, N={sizes[0]} -> N={sizes[-1]}: {100 * (last - first) / first:+.1f}%", file=out)
    if smoke:
        print("\nsmoke run: one small run, the times above are not measurements to quote.", file=out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.pageweight", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="catalogue sizes, comma-separated (default 100)")
    parser.add_argument("--runs", type=int, help="runs per size; timings are the median (default 3)")
    parser.add_argument("--json", type=Path, help="also write every number to this JSON file")
    parser.add_argument("--smoke", action="store_true", help="N=100, one run, no timing claims (< 2 min on 2 cores)")
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help=f"where catalogues and sites are built (default {DEFAULT_WORK.relative_to(REPO)})")
    parser.add_argument("--keep", action="store_true", help="keep the generated catalogues and sites")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium; estimate search bytes from the files")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    args.size_list = [int(s) for s in (args.sizes or "100").split(",") if s.strip()]
    if args.runs is None:
        args.runs = 1 if args.smoke else 3
    if args.smoke:
        args.runs = 1
    if min(args.size_list) < 1 or args.runs < 1:
        parser.error("sizes and runs must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    args.work_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    try:
        for n in args.size_list:
            results[str(n)] = bench_size(n, args.runs, args.work_dir.resolve(), args.seed, not args.no_browser, log)
    finally:
        if not args.keep:
            for n in args.size_list:
                shutil.rmtree(args.work_dir / f"n{n}", ignore_errors=True)
                shutil.rmtree(args.work_dir / f"www-{n}", ignore_errors=True)
    report = {
        "bench_version": 1,
        "smoke": args.smoke,
        "runs": args.runs,
        "seed": args.seed,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "budget_kb": BUDGET_KB,
        "sizes": results,
    }
    print_table(results, args.smoke)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if all(r["budget"]["ok"] for r in results.values()) or args.smoke else 1


if __name__ == "__main__":
    sys.exit(main())

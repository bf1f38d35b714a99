"""The benchmark measures what it says: its server, its counting, its Lighthouse summary, and an
end-to-end smoke run at the smallest catalogue that gives every step something to measure."""

from __future__ import annotations

import gzip
import json
import math
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.lighthouse import LIGHTHOUSE_VERSION, summarise
from bench.pageweight import (
    FILTERED_SEARCH,
    SMOKE_PHOTO_SCALE,
    SMOKE_SIZE,
    WARNINGS_SIZE,
    clean_work,
    filtered_listing,
    page_measurements,
    parse_args,
    smoke_gaps,
    transfer_size,
    validate_summary,
)
from bench.serve import GzipServer
from bench.synthetic import PHOTO_SIZES, Generated, generate_catalogue, photo_size, plan_catalogue
from bench.validation import LOW_PRICE, add_one_warning

from .browser_support import CHROMIUM, REPO, chromium_available

# Fast: no build --------------------------------------------------------------------------------


def test_smoke_size_is_the_smallest_that_measures_every_step() -> None:
    assert smoke_gaps(SMOKE_SIZE) == []
    # One product fewer and a step would measure nothing (the smoke run would prove less).
    assert smoke_gaps(SMOKE_SIZE - 1) != []


def test_lighthouse_is_on_for_the_full_benchmark_and_off_for_the_smoke_run() -> None:
    assert parse_args([]).lighthouse is True
    assert parse_args([]).size_list == [100]
    smoke = parse_args(["--smoke"])
    assert smoke.lighthouse is False and smoke.size_list == [SMOKE_SIZE] and smoke.runs == 1
    assert parse_args(["--smoke", "--lighthouse"]).lighthouse is True
    assert parse_args(["--no-browser"]).lighthouse is False
    assert parse_args(["--no-lighthouse", "--sizes", "1000,5000"]).size_list == [1000, 5000]
    with pytest.raises(SystemExit):
        parse_args(["--lighthouse", "--no-browser"])
    # phone-sized photos for the benchmark, smaller ones for the smoke run unless told otherwise
    assert parse_args([]).photo_scale == 1 and smoke.photo_scale == SMOKE_PHOTO_SCALE < 1
    assert parse_args(["--smoke", "--photo-scale", "1"]).photo_scale == 1
    for wrong in ("0", "1.5"):
        with pytest.raises(SystemExit):
            parse_args(["--photo-scale", wrong])
    # the validation case: 5,000 products unless told, no Lighthouse (it builds no site)
    assert parse_args([]).validate_warnings is None
    assert parse_args(["--validate-warnings"]).validate_warnings == WARNINGS_SIZE == 5000
    case = parse_args(["--validate-warnings", "300", "--runs", "5"])
    assert case.validate_warnings == 300 and case.runs == 5 and case.lighthouse is False


def test_a_synthetic_photo_is_a_phone_photo_times_the_scale() -> None:
    assert [photo_size(i) for i in range(len(PHOTO_SIZES))] == list(PHOTO_SIZES)
    assert photo_size(len(PHOTO_SIZES)) == PHOTO_SIZES[0]  # the sizes repeat
    assert photo_size(1, 0.5) == (PHOTO_SIZES[1][0] // 2, PHOTO_SIZES[1][1] // 2)
    # the smoke run's photos still make every rendition (800 px wide) from a larger photo, and are
    # above the size validate warns about (300 px on the short side)
    for index in range(len(PHOTO_SIZES)):
        width, height = photo_size(index, SMOKE_PHOTO_SCALE)
        assert width > 800 and min(width, height) > 300, (width, height)


def test_validate_summary_reads_the_last_count_line() -> None:
    assert validate_summary("0 galat, 0 peringatan.\nSiap: 24 produk dari 6 produsen.\n") == {
        "galat": 0,
        "peringatan": 0,
    }
    output = (
        "products/a/b/produk.yml:7:5: peringatan: 1 galat, 2 peringatan\n0 galat, 12 peringatan.\n"
    )
    assert validate_summary(output) == {"galat": 0, "peringatan": 12}
    assert validate_summary("galat: kesalahan internal\n") is None


def test_one_warning_is_the_first_price_of_each_product_lowered(tmp_path: Path) -> None:
    for key, prices in (("a/satu", [75000, 120000]), ("b/dua", [5000])):
        folder = tmp_path / "products" / key
        folder.mkdir(parents=True)
        (folder / "produk.yml").write_text(
            yaml.safe_dump(
                {"nama": key, "harga": [{"varian": str(p), "rupiah": p} for p in prices]},
                sort_keys=False,
            ),
            encoding="utf-8",
        )
    assert add_one_warning(tmp_path / "products") == 2
    changed = {
        key: yaml.safe_load((tmp_path / "products" / key / "produk.yml").read_text("utf-8"))
        for key in ("a/satu", "b/dua")
    }
    assert [p["rupiah"] for p in changed["a/satu"]["harga"]] == [LOW_PRICE, 120000]
    assert [p["rupiah"] for p in changed["b/dua"]["harga"]] == [LOW_PRICE]
    assert changed["a/satu"]["harga"][0]["varian"] == "75000"  # only the number changed
    # below catalogue_gen's own limit: each product gets the warning the case is about
    from catalogue_gen.rules import PRICE_WARN_BELOW

    assert LOW_PRICE < PRICE_WARN_BELOW


def test_cleaning_up_removes_each_size_and_keeps_the_photo_pool(tmp_path: Path) -> None:
    for name in ("n3", "www-3", "lighthouse-3", "n4", "www-4", "lighthouse-4", "pool", "n5"):
        (tmp_path / name / "x").mkdir(parents=True)
    clean_work(tmp_path, [3, 4])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n5", "pool"]


def _fake_site(www: Path) -> None:
    pagefind = www / "katalog" / "pagefind"
    for name, data in {
        "pagefind.js": b"export{}" * 400,
        "pagefind-worker.js": b"onmessage=1;" * 300,
        "pagefind-entry.json": json.dumps(
            {"languages": {"id": {"hash": "id_abc", "wasm": "id"}}}
        ).encode(),
        "wasm.id.pagefind": os.urandom(5000),
        "pagefind.id_abc.pf_meta": os.urandom(700),
        "index/id_1.pf_index": os.urandom(1000),
        "index/id_2.pf_index": os.urandom(3000),
        "index/id_3.pf_index": os.urandom(8000),
        "fragment/id_1.pf_fragment": os.urandom(200),
    }.items():
        (pagefind / name).parent.mkdir(parents=True, exist_ok=True)
        (pagefind / name).write_bytes(data)


def test_without_a_browser_search_is_estimated_from_the_files_and_filters_are_na(
    tmp_path: Path,
) -> None:
    _fake_site(tmp_path)
    targets = {"search": (FILTERED_SEARCH, None), "listing": ("kategori/x/?halal=ya", 2)}
    logged: list[str] = []
    measured, filtered = page_measurements(tmp_path, {}, targets, False, logged.append)
    assert measured["method"] == "static" and logged == []
    first, second = measured["search"]["first"], measured["search"]["second"]
    # the second search costs one index chunk (the median one) and six fragments (the header's six
    # results); the first adds the engine, its worker, WebAssembly and metadata
    assert second["pagefind_bytes"] == 3000 + 6 * 200
    assert first["pagefind_bytes"] > second["pagefind_bytes"] + 5000
    assert measured["static"] == measured["search"]
    assert filtered == {
        "search": {
            "path": FILTERED_SEARCH,
            "expected_count": None,
            "status": "n/a",
            "reason": "no browser",
        },
        "listing": {
            "path": "kategori/x/?halal=ya",
            "expected_count": 2,
            "status": "n/a",
            "reason": "no browser",
        },
    }


def _get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_gzip_server_sends_what_the_benchmark_counts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    text = "<p>" + "Kopi Arabika Bajawa " * 200 + "</p>"
    files: dict[str, bytes] = {
        "index.html": text.encode(),
        "404.html": b"<h1>Tidak ada</h1>" * 20,
        "kategori/kopi/index.html": text.encode(),
        "assets/a.css": b"body{color:#123}" * 100,
        "assets/a.js": b"console.log(1);" * 100,
        "katalog.json": json.dumps({"produk": ["kopi"] * 200}).encode(),
        "favicon.svg": b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<g/>" * 100 + b"</svg>",
        "sitemap.xml": b"<urlset>" + b"<url/>" * 200 + b"</urlset>",
        "manifest.webmanifest": json.dumps({"name": "Beli Produk NTT " * 30}).encode(),
        "pagefind/fragment/id_1.pf_fragment": gzip.compress(b"pagefind fragment " * 100),
        "pagefind/wasm.id.pagefind": gzip.compress(b"\0asm" * 500),
        "foto.webp": os.urandom(3000),
    }
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)

    with GzipServer(site, "katalog") as server:
        assert server.httpd.server_address[0] == "127.0.0.1"  # never on a public interface
        for name in (
            "",
            "kategori/kopi/",
            "assets/a.css",
            "assets/a.js",
            "katalog.json",
            "favicon.svg",
            "sitemap.xml",
            "manifest.webmanifest",
        ):
            status, headers, body = _get(server.base + name)
            assert status == 200, name
            assert headers.get("Content-Encoding") == "gzip", name
            raw = files[name + "index.html" if name.endswith("/") or not name else name]
            assert gzip.decompress(body) == raw, name
            # the bytes the benchmark counts for a body are the bytes this server sent
            assert (
                transfer_size(name or "index.html", raw)
                == len(body)
                == int(headers["Content-Length"])
            ), name
        assert (
            _get(server.base + "manifest.webmanifest")[1]["Content-Type"]
            == "application/manifest+json"
        )
        # a client that does not ask for gzip gets the file as stored
        status, headers, body = _get(server.base + "assets/a.css", gzip_ok=False)
        assert "Content-Encoding" not in headers and body == files["assets/a.css"]
        # Pagefind's files are gzip inside already: as stored, binary, no second encoding
        for name in (
            "pagefind/fragment/id_1.pf_fragment",
            "pagefind/wasm.id.pagefind",
            "foto.webp",
        ):
            status, headers, body = _get(server.base + name)
            assert status == 200 and body == files[name] and "Content-Encoding" not in headers, name
            assert transfer_size(name, files[name]) == len(body)
        assert (
            _get(server.base + "pagefind/wasm.id.pagefind")[1]["Content-Type"]
            == "application/octet-stream"
        )
        # GitHub Pages' answers: a folder without its slash is redirected, a missing file gets 404.html
        status, headers, _ = _get(server.base + "kategori/kopi?halal=ya")
        assert status == 301 and headers["Location"] == "/katalog/kategori/kopi/?halal=ya"
        status, _, body = _get(server.base + "produk/tidak-ada/")
        assert status == 404 and gzip.decompress(body) == files["404.html"]
        assert _get(server.origin + "/index.html")[0] == 404  # only the sub-path is served
        assert _get(server.base + "../../etc/passwd")[0] == 404


def test_filtered_listing_comes_from_the_catalogue_not_the_site(tmp_path: Path) -> None:
    products = {
        "a/keripik": ("pangan-olahan", "ende", {"nomor": "ID53000000000000001"}),
        "a/sambal": ("pangan-olahan", "ende", {"nomor": "ID53000000000000002"}),
        "a/sei-babi": ("pangan-olahan", "ende", {"status": "tidak-halal", "alasan": "babi"}),
        "b/abon": ("pangan-olahan", "ngada", {"nomor": "ID53000000000000003"}),
        "b/kopi": ("minuman", "ende", {"status": "dalam-proses"}),
    }
    manifest = {"produk": []}
    for key, (category, regency, halal) in products.items():
        (tmp_path / "products" / key).mkdir(parents=True)
        (tmp_path / "products" / key / "produk.yml").write_text(
            yaml.safe_dump({"nama": key, "halal": halal}), encoding="utf-8"
        )
        manifest["produk"].append({"kunci": key, "kategori": category, "kabupaten": regency})
    # the reference product's own category and regency; pork and "in process" do not count
    assert filtered_listing(tmp_path, manifest, "b/abon") == (
        "kategori/pangan-olahan/?kabupaten=ngada&halal=ya",
        1,
    )
    assert filtered_listing(tmp_path, manifest, "a/keripik") == (
        "kategori/pangan-olahan/?kabupaten=ende&halal=ya",
        2,
    )
    # a reference without a certificate: the pair with the most certified products
    assert filtered_listing(tmp_path, manifest, "b/kopi") == (
        "kategori/pangan-olahan/?kabupaten=ende&halal=ya",
        2,
    )


def _audit(
    score: float | None,
    mode: str = "binary",
    items: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "score": score,
        "scoreDisplayMode": mode,
        "title": "t",
        "details": {"items": items or []},
        **extra,
    }


def test_lighthouse_summary_keeps_scores_cls_and_each_failing_audit_with_its_element() -> None:
    node = {
        "type": "node",
        "selector": "div.bp-card > a",
        "snippet": '<a class="bp-card__link">',
        "nodeLabel": "Kopi",
    }
    report = {
        "lighthouseVersion": LIGHTHOUSE_VERSION,
        "configSettings": {"formFactor": "mobile", "throttlingMethod": "simulate"},
        "categories": {
            "performance": {
                "score": 0.871,
                "auditRefs": [
                    {"id": "cumulative-layout-shift", "group": "metrics"},
                    {"id": "max-potential-fid", "group": "hidden"},
                    {"id": "unused-css-rules", "group": "diagnostics"},
                    {"id": "layout-shifts", "group": "diagnostics"},
                ],
            },
            "accessibility": {
                "score": 0.9,
                "auditRefs": [{"id": "color-contrast"}, {"id": "image-alt"}, {"id": "focus-traps"}],
            },
            "best-practices": {"score": None, "auditRefs": []},
            "seo": {"score": 1, "auditRefs": [{"id": "link-text"}]},
        },
        "audits": {
            "cumulative-layout-shift": _audit(0.2, "numeric", numericValue=0.31234),
            "max-potential-fid": _audit(0.1, "numeric"),
            "unused-css-rules": _audit(
                0,
                "metricSavings",
                [{"url": "http://127.0.0.1:4321/katalog/assets/main.css"}],
                displayValue="Potential savings of 18 KiB",
            ),
            "color-contrast": _audit(
                0, "binary", [{"node": node}, {"node": {**node, "selector": "p.bp-card__meta"}}]
            ),
            "image-alt": _audit(1),
            "focus-traps": _audit(None, "manual"),
            "layout-shifts": _audit(
                None,
                "error",
                errorMessage="Cannot read properties of undefined (reading 'frame_sequence')",
            ),
            "link-text": _audit(0.95, "binary", [{"node": node}]),
        },
    }
    summary = summarise(report, origin="http://127.0.0.1:4321")
    assert summary["scores"] == {
        "performance": 87,
        "accessibility": 90,
        "best-practices": None,
        "seo": 100,
    }
    assert summary["metrics"]["cls"] == pytest.approx(0.3123)
    failing = {a["id"]: a for a in summary["failing"]}
    # metrics are in the score, the hidden group is never shown, manual and passed audits are not failures
    assert set(failing) == {"unused-css-rules", "color-contrast"}
    assert (
        failing["color-contrast"]["category"] == "accessibility"
        and failing["color-contrast"]["items"] == 2
    )
    assert [e["selector"] for e in failing["color-contrast"]["elements"]] == [
        "div.bp-card > a",
        "p.bp-card__meta",
    ]
    assert failing["unused-css-rules"]["elements"] == [{"url": "/katalog/assets/main.css"}]
    assert [a["category"] for a in summary["failing"]] == ["performance", "accessibility"]
    # an audit Lighthouse could not run is not a pass either: it is listed apart
    assert [e["id"] for e in summary["errors"]] == [
        "layout-shifts"
    ] and "frame_sequence" in summary["errors"][0]["message"]


def test_missing_npm_is_one_line_before_any_build(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("node", "chromium"):  # present but never run: npm is what is missing
        (tools / name).write_text("#!/bin/sh\nexit 0\n")
        (tools / name).chmod(0o755)
    env = {
        **os.environ,
        "PATH": str(tools),
        "CHROME_PATH": str(tools / "chromium"),
        "BENCH_LIGHTHOUSE_DIR": str(tmp_path / "no-lighthouse-here"),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.pageweight",
            "--lighthouse",
            "--sizes",
            "1",
            "--work-dir",
            str(tmp_path / "work"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "npm" in lines[0] and "--no-lighthouse" in lines[0], done.stderr
    # it said so before generating anything: not even the work folder (or its photo pool, which
    # no cleanup removes) was made
    assert not (tmp_path / "work").exists()


@pytest.mark.browser
def test_filtered_visit_reports_na_when_the_finder_never_answers(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from bench.pageweight import Recorder, filtered_visit
    from tests.browser_support import launch_chromium

    if not chromium_available():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium (./run test does this)"
        )
    site = tmp_path / "katalog"
    (site / "cari").mkdir(parents=True)
    # a search page from before the finder: results never reach data-state="ready"
    (site / "cari" / "index.html").write_text(
        '<div class="bp-search-app" data-finder="{}"><p data-result-count></p>'
        "<div data-search-page-results></div></div>",
        encoding="utf-8",
    )
    (site / "ready.html").write_text(
        '<div class="bp-listing" data-finder="{}" data-state="ready">'
        '<p data-result-count data-count="3"></p></div>',
        encoding="utf-8",
    )
    with (
        GzipServer(site, "katalog", cache_control="no-store") as server,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)

        def new_page() -> tuple[Any, Any, Recorder]:
            context = browser.new_context(service_workers="block")
            return context, context.new_page(), Recorder(context)

        missing = filtered_visit(new_page, server.base, FILTERED_SEARCH, None, timeout=1.5)
        ready = filtered_visit(new_page, server.base, "ready.html?halal=ya", 2, timeout=5)
        browser.close()
    assert (
        missing["status"] == "n/a" and "data-state" in missing["reason"] and "total" not in missing
    )
    assert ready["status"] == "ok", ready
    assert ready["count"] == 3 and ready["count_matches"] is False
    assert ready["total"] == ready["by_kind"]["html"] > 0 and ready["pagefind_bytes"] == 0


# Slow: builds ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def smoke_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """The smoke run's catalogue (N=SMOKE_SIZE, seed 7, its photo scale), written once: the
    smoke run starts from its pool of base photos instead of painting them again."""
    root = tmp_path_factory.mktemp("synthetic")
    return generate_catalogue(
        root, SMOKE_SIZE, pool_dir=root / "pool", photo_scale=SMOKE_PHOTO_SCALE
    )


@pytest.mark.slow
def test_synthetic_catalogue_covers_every_category(smoke_catalogue: Generated) -> None:
    from PIL import Image

    from catalogue_gen.categories import CATEGORIES

    generated, root = smoke_catalogue, smoke_catalogue.root
    assert len(generated.products) == SMOKE_SIZE
    assert set(generated.categories) == {c.slug for c in CATEGORIES}
    first = yaml.safe_load(
        (root / "products" / generated.products[0] / "produk.yml").read_text(encoding="utf-8")
    )
    assert len(first["foto"]) == 3
    # what the plan says is what is written (smoke_gaps reads the plan, not the files)
    planned = list(plan_catalogue(SMOKE_SIZE))
    assert [p.key for p in planned] == generated.products
    assert generated.photo_files == sum(p.photo_count for p in planned)
    for plan in planned:
        for entry in plan.data["foto"]:
            assert (root / "products" / plan.key / entry["berkas"]).is_file(), plan.key
    # a pool photo at this scale is a phone photo's size times the scale
    with Image.open(root / "products" / generated.products[0] / "foto-2.jpg") as photo:
        assert photo.size in {photo_size(i, SMOKE_PHOTO_SCALE) for i in range(len(PHOTO_SIZES))}
    # prefix-stable: the first products are the same whatever N is
    assert [p.key for p in plan_catalogue(SMOKE_SIZE + 6)][:SMOKE_SIZE] == generated.products
    # N=24 cuts its last producer short: regencies count the products written
    assert sum(generated.regencies.values()) == SMOKE_SIZE
    assert len(list((root / "products").glob("*/produsen.yml"))) == generated.producers
    # (that it validates with 0 galat and 0 peringatan: the smoke run's `validate` step says so)


@pytest.mark.slow
def test_validation_case_times_a_clean_and_a_warned_catalogue(tmp_path: Path) -> None:
    """The --validate-warnings case runs end to end (at N=3, one run: its times prove nothing and
    are not checked; `python -m bench.pageweight --validate-warnings` is the measurement)."""
    from bench.validation import warnings_case

    logged: list[str] = []
    result = warnings_case(3, 1, tmp_path, 7, logged.append)
    # it checked what validate said: 0 peringatan clean, exactly one per product with the change
    assert result["products"] == 3 and result["warnings"] == 3 and result["runs"] == 1
    for name in ("clean", "warnings_each"):
        timing = result[name]
        assert len(timing["runs_s"]) == 1 and timing["median_s"] == timing["min_s"] > 0, name
        assert timing["cpu_median_s"] > 0 and timing["peak_rss_mb"] > 0, name
    assert result["ratio"] == round(
        result["warnings_each"]["median_s"] / result["clean"]["median_s"], 3
    )
    assert result["min_ratio"] == round(
        result["warnings_each"]["min_s"] / result["clean"]["min_s"], 3
    )
    assert result["ok"] == (result["min_ratio"] <= result["target_ratio"])
    assert any("clean" in line and "one warning each" in line for line in logged), logged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pool"]  # the catalogues are gone


@pytest.mark.browser
@pytest.mark.slow
def test_bench_smoke_measures_every_step(tmp_path: Path, smoke_catalogue: Generated) -> None:
    if not chromium_available():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium (./run test does this)"
        )
    out = tmp_path / "bench.json"
    work = tmp_path / "work"
    # the base photos this catalogue uses, painted once for the module (hard links: the bench
    # never writes into a pool photo, it replaces files)
    shutil.copytree(smoke_catalogue.root / "pool", work / "pool", copy_function=os.link)
    pooled = sorted(p.name for p in (work / "pool").iterdir())
    command = [
        sys.executable,
        "-m",
        "bench.pageweight",
        "--smoke",
        "--json",
        str(out),
        "--work-dir",
        str(work),
    ]
    done = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "first visit product" in done.stdout and "not measurements to quote" in done.stdout
    assert (
        "filtered search, first visit: total / Pagefind" in done.stdout
        and f"filtered search: {FILTERED_SEARCH}" in done.stdout
    )
    assert (
        "Lighthouse" not in done.stdout + done.stderr
    )  # off in the smoke run: the suite stays fast

    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["smoke"] is True and report["runs"] == 1 and report["lighthouse_version"] is None
    assert report["photo_scale"] == SMOKE_PHOTO_SCALE
    assert set(report) >= {"bench_version", "machine", "budget_kb", "sizes"}
    assert list(report["sizes"]) == [str(SMOKE_SIZE)]
    result = report["sizes"][str(SMOKE_SIZE)]
    assert set(result) >= {
        "catalogue",
        "timings",
        "photos_per_second",
        "peak_rss_mb",
        "peak_rss_mb_max",
        "site",
        "html",
        "first_visit",
        "search",
        "search_method",
        "search_static",
        "filtered",
        "lighthouse",
        "budget",
        "reference_product",
        "listing_page",
    }
    assert result["lighthouse"] is None
    from catalogue_gen.categories import CATEGORIES

    catalogue = result["catalogue"]
    assert catalogue["products"] == SMOKE_SIZE
    assert catalogue["products"] == len(smoke_catalogue.products)  # the module's catalogue
    assert catalogue["photo_scale"] == SMOKE_PHOTO_SCALE
    # the synthetic catalogue is a valid one: `validate` finds nothing to say about it
    assert catalogue["problems"] == {"galat": 0, "peringatan": 0}
    assert set(catalogue["categories"]) == {c.slug for c in CATEGORIES}
    assert sum(catalogue["regencies"].values()) == SMOKE_SIZE
    assert result["changed_product"] != result["reference_product"].removeprefix("produk/").rstrip(
        "/"
    )

    assert set(result["timings"]) == {
        "cold_build",
        "warm_build",
        "yaml_change",
        "photo_change",
        "yaml_to_pages",
        "validate_cold",
        "validate_warm",
    }
    for name, timing in result["timings"].items():
        assert set(timing) == {"median_s", "runs_s"} and len(timing["runs_s"]) == 1
        assert timing["median_s"] == timing["runs_s"][0] > 0, name
    assert math.isfinite(result["photos_per_second"]) and result["photos_per_second"] > 0
    assert 0 < result["peak_rss_mb_max"] < 24 * 1024
    assert result["site"]["files"] > SMOKE_SIZE and result["site"]["bytes"] > 0
    for page in ("product", "listing", "home"):
        sizes = result["html"][page]
        assert set(sizes) == {"raw", "gzip"} and 0 < sizes["gzip"] < sizes["raw"]

    for page in ("home", "listing", "product"):
        for dpr in ("dpr1", "dpr2"):
            weight = result["first_visit"][page][dpr]
            assert set(weight["by_kind"]) == {"html", "css", "js", "icon", "img"}
            assert (
                weight["total"]
                == sum(weight["by_kind"].values())
                == sum(f["bytes"] for f in weight["files"])
                > 0
            )
            assert (
                weight["requests"]
                == len(weight["files"])
                == len({f["path"] for f in weight["files"]})
            )
        # a sharper phone never fetches fewer bytes
        assert (
            result["first_visit"][page]["dpr2"]["total"]
            >= result["first_visit"][page]["dpr1"]["total"]
        )
    product_all = result["first_visit"]["product_all"]["dpr2"]
    # the heaviest product page is a product page, its bytes add up, and no product (the
    # reference one included) is heavier
    assert product_all["max_page"].startswith("produk/")
    assert sum(product_all["max_by_kind"].values()) == product_all["max"]
    assert 0 < result["first_visit"]["product"]["dpr2"]["total"] <= product_all["max"]
    assert product_all["median"] > 0
    assert set(result["budget"]) == {"limit_kb", "product_first_visit_kb", "product_max_kb", "ok"}
    assert result["budget"]["ok"] == (
        result["budget"]["product_max_kb"] <= result["budget"]["limit_kb"]
    )

    first, second = result["search"]["first"], result["search"]["second"]
    assert (
        first["pagefind_bytes"] > second["pagefind_bytes"] > 0
    )  # the second search reuses the engine
    # the estimate from the files (what a run without Chromium shows) is made from this site too
    static_first, static_second = (
        result["search_static"]["first"],
        result["search_static"]["second"],
    )
    assert static_first["pagefind_bytes"] > static_second["pagefind_bytes"] > 0
    filtered = result["filtered"]
    assert filtered["search"]["path"] == FILTERED_SEARCH
    assert (
        filtered["listing"]["path"].startswith("kategori/")
        and "halal=ya" in filtered["listing"]["path"]
    )
    assert filtered["listing"]["expected_count"] > 0
    # a failure in the browser code must not pass as the static estimate
    assert result["search_method"] == "chromium", done.stderr
    assert first["results_shown"] > 0 and second["results_shown"] > 0
    assert "pagefind.js" in first["files"] and "pagefind.js" not in second["files"]
    for name in ("home", "listing", "product"):
        assert result["browser"]["pages"][name]["total"] > 0
    for name, visit in filtered.items():
        assert visit["status"] == "ok", (name, visit, done.stderr)
        assert visit["count"] > 0, name
        assert (
            visit["total"]
            == sum(visit["by_kind"].values())
            >= visit["pagefind_bytes"]
            > first["pagefind_bytes"] / 2
        )
        assert any(f.endswith(".pf_filter") for f in visit["pagefind_files"]), (
            name
        )  # filters were loaded
    assert filtered["listing"]["count"] == filtered["listing"]["expected_count"]

    # the bench cleans up the catalogue and the site it made (its log says it made them) unless
    # told to keep its work; the pool of photos stays, and needed nothing new at this size
    assert f"N={SMOKE_SIZE}: catalogue generated" in done.stderr
    assert sorted(p.name for p in work.iterdir()) == ["pool"]
    assert sorted(p.name for p in (work / "pool").iterdir()) == pooled

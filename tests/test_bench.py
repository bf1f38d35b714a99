"""The benchmark measures what it says: its server, its counting, its Lighthouse summary, and an
end-to-end smoke run at the smallest catalogue that gives every step something to measure."""

from __future__ import annotations

import gzip
import json
import math
import os
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
    SMOKE_SIZE,
    filtered_listing,
    parse_args,
    smoke_gaps,
    transfer_size,
)
from bench.serve import GzipServer
from bench.synthetic import generate_catalogue, plan_catalogue

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
    assert not (tmp_path / "work" / "n1").exists()  # it said so before generating anything


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


@pytest.mark.slow
def test_synthetic_catalogue_covers_every_category_and_validates(tmp_path: Path) -> None:
    from catalogue_gen.categories import CATEGORIES

    generated = generate_catalogue(tmp_path, 24, pool_dir=tmp_path / "pool")
    assert len(generated.products) == 24
    assert set(generated.categories) == {c.slug for c in CATEGORIES}
    first = yaml.safe_load(
        (tmp_path / "products" / generated.products[0] / "produk.yml").read_text(encoding="utf-8")
    )
    assert len(first["foto"]) == 3
    # prefix-stable: the first products are the same whatever N is
    again = generate_catalogue(tmp_path / "again", 30, pool_dir=tmp_path / "pool")
    assert again.products[:20] == generated.products[:20]
    # what the plan says is what is written (smoke_gaps reads the plan, not the files)
    assert [p.key for p in plan_catalogue(24)] == generated.products
    # N=24 and N=30 cut their last producer short: regencies count the products written
    assert sum(generated.regencies.values()) == 24 and sum(again.regencies.values()) == 30
    done = subprocess.run(
        [sys.executable, "-m", "catalogue_gen", "validate", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert "0 galat, 0 peringatan" in done.stdout


@pytest.mark.slow
def test_bench_smoke_measures_every_step(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    work = tmp_path / "work"
    browser = chromium_available()
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
    if not browser:
        command.append("--no-browser")
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
    assert set(catalogue["categories"]) == {c.slug for c in CATEGORIES}
    assert sum(catalogue["regencies"].values()) == SMOKE_SIZE
    assert result["changed_product"] != result["reference_product"].removeprefix("produk/").rstrip(
        "/"
    )

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
    assert product_all["median"] <= product_all["max"]
    assert result["first_visit"]["product"]["dpr2"]["total"] <= product_all["max"]
    assert set(result["budget"]) == {"limit_kb", "product_first_visit_kb", "product_max_kb", "ok"}
    assert result["budget"]["ok"] == (
        result["budget"]["product_max_kb"] <= result["budget"]["limit_kb"]
    )

    first, second = result["search"]["first"], result["search"]["second"]
    assert (
        first["pagefind_bytes"] > second["pagefind_bytes"] > 0
    )  # the second search reuses the engine
    filtered = result["filtered"]
    assert filtered["search"]["path"] == FILTERED_SEARCH
    assert (
        filtered["listing"]["path"].startswith("kategori/")
        and "halal=ya" in filtered["listing"]["path"]
    )
    assert filtered["listing"]["expected_count"] > 0
    if browser:
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
    else:
        assert result["search_method"] == "static"
        assert all(visit["status"] == "n/a" for visit in filtered.values())

    # the bench cleans up after itself unless told to keep its work (the pool of photos stays)
    assert (work / "pool").is_dir()
    for name in (f"n{SMOKE_SIZE}", f"www-{SMOKE_SIZE}", f"lighthouse-{SMOKE_SIZE}"):
        assert not (work / name).exists(), name

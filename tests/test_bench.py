"""The benchmark runs end to end on a tiny synthetic catalogue and reports every number (no timing claims)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.synthetic import generate_catalogue

from .browser_support import REPO, chromium_available

pytestmark = pytest.mark.slow


def test_synthetic_catalogue_covers_every_category_and_validates(tmp_path: Path) -> None:
    from catalogue_gen.categories import CATEGORIES

    generated = generate_catalogue(tmp_path, 24, pool_dir=tmp_path / "pool")
    assert len(generated.products) == 24
    assert set(generated.categories) == {c.slug for c in CATEGORIES}
    first = yaml.safe_load((tmp_path / "products" / generated.products[0] / "produk.yml").read_text(encoding="utf-8"))
    assert len(first["foto"]) == 3
    # prefix-stable: the first products are the same whatever N is
    again = generate_catalogue(tmp_path / "again", 30, pool_dir=tmp_path / "pool")
    assert again.products[:20] == generated.products[:20]
    done = subprocess.run([sys.executable, "-m", "catalogue_gen", "validate", "--root", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert "0 galat, 0 peringatan" in done.stdout


def test_bench_smoke_writes_every_key(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, "-m", "bench.pageweight", "--smoke", "--sizes", "100", "--runs", "1",
               "--json", str(out), "--work-dir", str(tmp_path / "work")]
    if not chromium_available():
        command.append("--no-browser")
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "first visit product" in done.stdout and "not measurements to quote" in done.stdout

    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["smoke"] is True and report["runs"] == 1
    assert set(report) >= {"bench_version", "machine", "budget_kb", "sizes"}
    result = report["sizes"]["100"]
    assert set(result) >= {"catalogue", "timings", "photos_per_second", "peak_rss_mb", "peak_rss_mb_max", "site", "html",
                           "first_visit", "search", "search_method", "budget", "reference_product", "listing_page"}
    assert result["catalogue"]["products"] == 100
    assert set(result["timings"]) >= {"cold_build", "warm_build", "yaml_change", "photo_change", "yaml_to_pages"}
    for timing in result["timings"].values():
        assert set(timing) == {"median_s", "runs_s"} and len(timing["runs_s"]) == 1
    assert set(result["site"]) >= {"bytes", "files"}
    for page in ("product", "listing", "home"):
        assert set(result["html"][page]) == {"raw", "gzip"}
    for page in ("home", "listing", "product"):
        for dpr in ("dpr1", "dpr2"):
            weight = result["first_visit"][page][dpr]
            assert set(weight["by_kind"]) == {"html", "css", "js", "icon", "img"}
            assert weight["total"] == sum(weight["by_kind"].values()) > 0
    assert set(result["first_visit"]["product_all"]["dpr2"]) >= {"median", "max", "max_page"}
    for search in ("first", "second"):
        assert result["search"][search]["pagefind_bytes"] > 0
    assert set(result["budget"]) == {"limit_kb", "product_first_visit_kb", "product_max_kb", "ok"}
    # the bench cleans up after itself unless told to keep its work
    assert not (tmp_path / "work" / "n20").exists()

"""Offline for slow links (issue 9, item 7): service worker, web app manifest, icons, offline page.

No browser here: the generated files are read as files, and the worker itself runs in Node
(tests/sw_harness.js, with a fake network and Cache Storage) to check its strategies, caps and
refusals. tests/test_offline_browser.py drives it in Chromium.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from catalogue_gen import offline, output
from catalogue_gen.pipeline import BuildResult, generate
from catalogue_gen.settings import Settings

from .conftest import REPO
from .golden_catalogue import materialise

HARNESS = Path(__file__).parent / "sw_harness.js"
BUILD_LINE = re.compile(r'^var BUILD = "([0-9a-f]{16})";$', re.M)
PRODUCT = "products/tenun-contoh/selendang-ikat/produk.yml"


# Helpers and fixtures ------------------------------------------------------------------------


def worker_id(docs: Path) -> str:
    match = BUILD_LINE.search((docs / offline.SERVICE_WORKER).read_text(encoding="utf-8"))
    assert match, "sw.js has no build id line"
    return match.group(1)


def offline_files_on_disk(docs: Path) -> list[str]:
    roots = [offline.SERVICE_WORKER, offline.WEB_MANIFEST, offline.ICON_DIR, offline.OFFLINE_DIR]
    found = []
    for name in roots:
        path = docs / name
        found += (
            [name]
            if path.is_file()
            else [p.relative_to(docs).as_posix() for p in sorted(path.rglob("*")) if p.is_file()]
        )
    return sorted(found)


def node() -> str:
    """Node: the one inside the Playwright wheel (always there with the test extras), else PATH's."""
    import playwright

    bundled = Path(playwright.__file__).parent / "driver" / "node"
    found = str(bundled) if bundled.is_file() else shutil.which("node")
    if not found:
        pytest.fail(
            "no Node.js to run the service worker with (./run test installs Playwright, which brings one)"
        )
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildResult]:
    """The fixture catalogue with the hand-written site sources, generated once."""
    settings = materialise(tmp_path_factory.mktemp("offline"), site=True)
    return settings, generate(settings)


@pytest.fixture(scope="module")
def harness(
    generated: tuple[Settings, BuildResult], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Every scenario of tests/sw_harness.js, run against the generated sw.js."""
    settings, _ = generated
    body = (
        (settings.docs_dir / offline.OFFLINE_PAGE).read_text(encoding="utf-8").split("---\n", 2)[2]
    )
    # The offline page as MkDocs renders it, reduced to what the worker reads: <head>, its
    # styles, script and icon (and two links it must not fetch), and the generated body.
    html = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Anda sedang luring - Beli Produk NTT</title>'
        '<link rel="canonical" href="https://contoh.github.io/katalog/luring/"><link rel="icon" href="../assets/favicon.svg">'
        '<link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css"><link rel="stylesheet" href="../assets/katalog.css">'
        '<link rel="manifest" href="../manifest.webmanifest"><script src="../assets/katalog.js"></script></head>'
        f"<body>{body}</body></html>"
    )
    page = tmp_path_factory.mktemp("harness") / "luring.html"
    page.write_text(html, encoding="utf-8")
    done = subprocess.run(
        [node(), str(HARNESS), str(settings.docs_dir / offline.SERVICE_WORKER), str(page)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results: dict[str, Any] = json.loads(done.stdout)
    failed = {name: r["failed"] for name, r in results.items() if "failed" in r}
    assert failed == {}
    return results


# The generated files -------------------------------------------------------------------------


def test_worker_carries_the_build_id(generated: tuple[Settings, BuildResult]) -> None:
    settings, result = generated
    build = worker_id(settings.docs_dir)
    assert build == result.manifest["luring"]["versi"]
    worker = (settings.docs_dir / offline.SERVICE_WORKER).read_text(encoding="utf-8")
    # every cache name is made from it, and old ones are recognised by the site's own prefix
    assert 'CACHES[kind] = PREFIX + BUILD + " " + kind;' in worker
    assert json.loads(re.search(r"^var LIMITS = (.*);$", worker, re.M).group(1)) == offline.LIMITS  # type: ignore[union-attr]
    on_disk = json.loads((settings.docs_dir / "katalog.json").read_text(encoding="utf-8"))
    assert on_disk["luring"]["versi"] == build


def test_build_id_changes_when_a_page_changes_and_not_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = materialise(tmp_path, site=True)
    generate(settings)
    first = worker_id(settings.docs_dir)
    worker = (settings.docs_dir / offline.SERVICE_WORKER).read_bytes()

    # the same input again, and from scratch (no photo or icon cache, no generated pages)
    generate(settings)
    assert worker_id(settings.docs_dir) == first
    shutil.rmtree(settings.cache_dir)
    shutil.rmtree(settings.docs_dir / "produk")
    generate(settings)
    assert (settings.docs_dir / offline.SERVICE_WORKER).read_bytes() == worker

    # one price on one page
    product = tmp_path / PRODUCT
    original = product.read_text(encoding="utf-8")
    product.write_text(original.replace("450000", "475000"), encoding="utf-8")
    generate(settings)
    changed = worker_id(settings.docs_dir)
    assert changed != first
    # and back: the id is a function of the content, not of time or of the number of builds
    product.write_text(original, encoding="utf-8")
    generate(settings)
    assert worker_id(settings.docs_dir) == first

    # a hand-written asset (it changes every page's look without changing their Markdown)
    css = settings.docs_dir / "assets/katalog.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.bp-x { color: red; }\n", encoding="utf-8")
    generate(settings)
    styled = worker_id(settings.docs_dir)
    assert styled not in {first, changed}

    # the worker's own rules (a new cap must not reuse caches filled under the old one)
    monkeypatch.setitem(offline.LIMITS, "halaman", 199)
    generate(settings)
    assert worker_id(settings.docs_dir) not in {first, changed, styled}


def test_web_manifest_fields_and_icons(generated: tuple[Settings, BuildResult]) -> None:
    settings, _ = generated
    data = json.loads((settings.docs_dir / offline.WEB_MANIFEST).read_text(encoding="utf-8"))
    assert data["name"] == "Beli Produk NTT"
    assert 0 < len(data["short_name"]) <= 12  # what a home screen shows without cutting it
    assert data["lang"] == "id"
    assert data["theme_color"] == "#8a3b12"
    assert data["display"] == "standalone"
    # relative to the manifest at the site root: the app is the site, whatever its sub-path
    for key in ("start_url", "scope", "id"):
        assert data[key] == "./", key
    sizes = {}
    for icon in data["icons"]:
        assert icon["type"] == "image/png" and not icon["src"].startswith(("/", "http"))
        with Image.open(settings.docs_dir / icon["src"]) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon["sizes"]
            sizes[icon["sizes"]] = icon["src"]
    assert {"192x192", "512x512"} <= set(sizes)
    assert {i["purpose"] for i in data["icons"]} == {"any", "maskable"}


def test_icons_are_drawn_the_same_every_time(tmp_path: Path) -> None:
    first = offline.make_icons(tmp_path / "a")
    offline.draw_icon.cache_clear()
    second = offline.make_icons(tmp_path / "b")
    assert [Path(f.source).read_bytes() for f in first] == [
        Path(f.source).read_bytes() for f in second
    ]
    with Image.open(first[0].source) as image:
        # the site's brown in the corner (full bleed for maskable icons), the shop in the middle
        assert image.convert("RGB").getpixel((2, 2)) == (0x8A, 0x3B, 0x12)
        assert image.convert("RGB").getpixel((image.width // 2, image.height * 2 // 3)) != (
            0x8A,
            0x3B,
            0x12,
        )


def test_offline_page_is_generated_and_kept_out_of_the_menu(
    generated: tuple[Settings, BuildResult],
) -> None:
    settings, _ = generated
    text = (settings.docs_dir / offline.OFFLINE_PAGE).read_text(encoding="utf-8")
    assert 'title: "Anda sedang luring"' in text
    assert "<h1>Anda sedang luring</h1>" in text
    # what the worker fills in: the saved pages at the marker, the address asked for on "Coba lagi"
    assert '<ul class="bp-offline__saved"><!--bp-tersimpan--></ul>' in text
    assert re.search(r'<a [^>]*href="\.\./" data-offline-retry>Coba lagi</a>', text)
    not_in_nav = (
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .split("not_in_nav: |", 1)[1]
        .split("\n\n", 1)[0]
    )
    assert "/luring/index.md" in not_in_nav.split()


def test_offline_files_are_listed_in_the_build_manifest(
    generated: tuple[Settings, BuildResult],
) -> None:
    settings, result = generated
    entry = result.manifest["luring"]
    assert entry["halaman"] == "luring/"
    listed = sorted([*entry["berkas"], offline.OFFLINE_PAGE])
    assert listed == offline_files_on_disk(settings.docs_dir)
    assert {"sw.js", "manifest.webmanifest", "ikon/ikon-192.png", "ikon/ikon-512.png"} <= set(
        entry["berkas"]
    )
    for path in listed:  # written by the output stage, which refuses anything outside its roots
        assert output.check_destination(path) == path
        assert path.split("/", 1)[0] in output.GENERATED_ROOTS


def test_registration_is_one_small_block_at_the_end_that_waits_for_load() -> None:
    script = (REPO / "docs/assets/katalog.js").read_text(encoding="utf-8")
    start, end = script.index("// --- Offline"), script.index("// --- end offline")
    block = script[start:end]
    assert script[end:].split("\n", 1)[1].strip() == "})();"  # the last thing in the IIFE
    assert 'addEventListener("load"' in block and block.index(
        'addEventListener("load"'
    ) < block.index(".register(")
    assert 'new URL("sw.js", root)' in block and "scope: root.pathname" in block
    code = "\n".join(line for line in block.splitlines() if not line.strip().startswith("//"))
    assert len(gzip.compress(code.encode(), mtime=0)) <= 300


# The worker, run in Node -----------------------------------------------------------------------


def test_worker_installs_the_offline_page_with_its_styles_and_scripts(
    harness: dict[str, Any], generated: tuple[Settings, BuildResult]
) -> None:
    settings, _ = generated
    result = harness["install"]
    assert result["build"] == worker_id(settings.docs_dir)
    assert list(result["caches"]) == [f"bp /katalog/ {result['build']} inti"]
    assert sorted(result["caches"][f"bp /katalog/ {result['build']} inti"]) == [
        "/katalog/assets/favicon.svg",
        "/katalog/assets/katalog.css",
        "/katalog/assets/katalog.js",
        "/katalog/assets/stylesheets/main.57a0d79d.min.css",
        "/katalog/luring/",
    ]


def test_worker_leaves_post_cross_origin_and_other_sites_alone(harness: dict[str, Any]) -> None:
    result = harness["not_handled"]
    assert {k: v for k, v in result.items() if k not in ("network_calls", "caches")} == {
        "post": False,
        "cross_origin": False,
        "cross_origin_page": False,
        "outside_scope": False,
        "range": False,
        "other_file": False,
    }
    assert result["network_calls"] == 0


def test_worker_never_stores_opaque_partial_redirected_or_failed_answers(
    harness: dict[str, Any],
) -> None:
    result = harness["not_storable"]
    assert result["answered"] == [0, 206, 200, 200, 404, 500]  # passed on to the page as they came
    assert result["photos"] == [] and result["pages"] == []


def test_worker_caps_what_it_keeps_and_evicts_the_oldest(harness: dict[str, Any]) -> None:
    result = harness["caps"]
    assert result["pages"] == offline.LIMITS["halaman"] == 200
    assert (result["first_page"], result["last_page"]) == (
        "/katalog/produk/p/halaman-50/",
        "/katalog/produk/p/halaman-249/",
    )
    assert result["photos"] == offline.LIMITS["foto"] == 300
    assert result["first_photo"].endswith(f"{20:016x}-400.webp") and result["last_photo"].endswith(
        f"{319:016x}-400.webp"
    )
    assert result["core"] == offline.LIMITS["inti"] + 1 and result["core_has_offline_page"]


def test_worker_pages_come_from_the_network_first_then_the_saved_copy_then_the_offline_page(
    harness: dict[str, Any],
) -> None:
    result = harness["pages_network_first"]
    assert (
        "kopi v1" in result["first"] and "kopi v2" in result["second"]
    )  # never a stale copy while online
    assert "kopi v2" in result["saved"] and result["saved_status"] == 200
    assert "kopi v2" in result["with_query"]  # ?q= and #... name the same saved page
    assert result["pages"] == ["/katalog/produk/p/halaman-1/"]
    page = result["unvisited"]
    assert result["unvisited_status"] == 503
    assert "<h1>Anda sedang luring</h1>" in page
    assert (
        '<head><base href="https://contoh.github.io/katalog/luring/">' in page
    )  # its relative links still work
    assert (
        '<ul class="bp-offline__saved"><li><a href="https://contoh.github.io/katalog/produk/p/halaman-1/">Kopi Bajawa</a></li></ul>'
        in page
    )
    assert (
        'href="https://contoh.github.io/katalog/produk/p/halaman-2/?q=a%22b" data-offline-retry'
        in page
    )
    # a script's own request for a page gets a network error, not the offline page
    assert result["fetched_unvisited_error"]


def test_worker_keeps_hashed_files_and_fetches_entry_files_first(harness: dict[str, Any]) -> None:
    result = harness["cache_first"]
    assert (result["photo_calls"], result["fragment_calls"]) == (1, 1)  # content-addressed: once
    # pagefind.js, pagefind-entry.json and the search code's word lists: from the network every time
    assert (result["entry_calls"], result["script_calls"], result["rules_calls"]) == (2, 2, 2)
    assert sorted(result["search"]) == [
        "/katalog/cari/aturan.json",
        "/katalog/pagefind/fragment/id_b1a271d.pf_fragment",
        "/katalog/pagefind/pagefind-entry.json",
        "/katalog/pagefind/pagefind.js",
    ]
    assert result["pages"] == ["/katalog/cari/"]  # the search page itself is a page
    assert result["entry_offline"].endswith(
        "pagefind-entry.json?ts=1001"
    )  # saved without Pagefind's ?ts=
    assert result["other_size"].endswith(
        f"{7:016x}-400.webp"
    )  # offline, another size beats a broken photo
    assert result["never_seen_error"]


def test_worker_deletes_only_the_old_caches_of_this_site(harness: dict[str, Any]) -> None:
    build = harness["install"]["build"]
    assert harness["activate"]["caches"] == sorted(
        [f"bp /katalog/ {build} inti", "bp /lain/ 0000000000000000 halaman", "toko-lain"]
    )


def test_worker_saves_what_a_page_reports_only_from_this_site(harness: dict[str, Any]) -> None:
    result = harness["message"]
    assert result["calls"] == [
        "/katalog/produk/p/halaman-5/",
        f"/katalog/produk/p/x/{5:016x}-400.webp",
    ]
    assert result["pages"] == ["/katalog/produk/p/halaman-5/"]
    assert result["photos"] == [f"/katalog/produk/p/x/{5:016x}-400.webp"]


# The built site --------------------------------------------------------------------------------


@pytest.mark.slow
def test_built_site_has_the_offline_files_and_the_worker_knows_its_file_names(
    built_fixture_catalogue: Path,
) -> None:
    root = built_fixture_catalogue  # the project root, built once per run; read only
    site = root / "site"
    entry = json.loads((site / "katalog.json").read_text(encoding="utf-8"))["luring"]
    for path in entry["berkas"]:
        assert (site / path).is_file(), path
    assert (
        BUILD_LINE.search((site / "sw.js").read_text(encoding="utf-8")).group(1) == entry["versi"]
    )  # type: ignore[union-attr]

    page = (site / "luring/index.html").read_text(encoding="utf-8")
    assert "<head>" in page  # where the worker puts <base>
    assert (
        '<ul class="bp-offline__saved"><!--bp-tersimpan--></ul>' in page
        and "data-offline-retry" in page
    )
    assert "<script>" not in page  # the Content-Security-Policy allows no inline script
    for name in (
        "index.html",
        "produk/dapur-contoh/sei-babi/index.html",
        "kategori/pangan-olahan/index.html",
    ):
        html = (site / name).read_text(encoding="utf-8")
        assert re.search(r'<link rel="manifest" href="(?:\.\./)*manifest\.webmanifest">', html), (
            name
        )
        assert not re.search(r'href="(?:\.\./)*luring/"', html), f"{name} links to the offline page"

    # the worker's patterns against the real names: hashed files cache-first, entry files not
    photos = [
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".webp", ".jpg")
    ]
    assert photos and all(re.search(offline.PHOTO_PATTERN, "/" + p) for p in photos)
    search = [p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*.pf_*")]
    assert search and all(re.search(offline.HASHED_SEARCH_PATTERN, "/" + p) for p in search)
    for name in (
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.id.pagefind",
        "assets/katalog.css",
        "assets/katalog.js",
    ):
        assert (site / name).is_file(), name
        assert not re.search(offline.HASHED_SEARCH_PATTERN, "/" + name) and not re.search(
            offline.HASHED_ASSET_PATTERN, "/" + name
        ), name
    hashed = [
        p.relative_to(site).as_posix() for p in (site / "assets/stylesheets").glob("*.min.css")
    ]
    assert hashed and all(re.search(offline.HASHED_ASSET_PATTERN, "/" + p) for p in hashed)

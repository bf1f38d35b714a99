"""`catalogue-gen serve`: the preview follows edits under products/."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from .golden_catalogue import materialise

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def status(url: str) -> tuple[int, str]:
    """Status and final address of a request (redirects followed)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.url
    except urllib.error.HTTPError as error:
        return error.code, url


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def wait_for(url: str, text: str, seconds: float) -> bool:
    return wait_until(lambda: text in fetch(url), seconds)


def test_serve_regenerates_when_a_product_changes(tmp_path: Path) -> None:
    materialise(tmp_path, site=True)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "catalogue_gen", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}/katalog/"
        url = f"{base}produk/tenun-contoh/selendang-ikat/"
        assert wait_for(url, "Rp450.000", 60)
        # the address to open is said, not only reached by a silent redirect from /
        opened = f"Buka {base} di peramban"
        assert wait_until(lambda: opened in log.read_text(encoding="utf-8"), 10)
        assert status(f"http://127.0.0.1:{port}/") == (200, base)
        version = fetch(f"{base}__pratinjau__/versi")
        product = tmp_path / "products/tenun-contoh/selendang-ikat/produk.yml"
        product.write_text(
            product.read_text(encoding="utf-8").replace("450000", "475000"), encoding="utf-8"
        )
        assert wait_for(url, "Rp475.000", 60)
        # an open page reloads itself: its script sees the build number change
        assert wait_until(lambda: fetch(f"{base}__pratinjau__/versi") not in ("", version), 10)
        assert '<script src="/katalog/__pratinjau__/muat-ulang.js">' in fetch(url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_preview_is_searchable_and_answers_a_missing_page_with_404(tmp_path: Path) -> None:
    materialise(tmp_path, site=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "catalogue_gen", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/katalog/"
        assert wait_for(f"{base}pagefind/pagefind-entry.json", "page_count", 60)
        entry = json.loads(fetch(f"{base}pagefind/pagefind-entry.json"))
        assert [language["page_count"] for language in entry["languages"].values()] == [3]
        assert status(f"{base}pagefind/pagefind.js")[0] == 200
        assert status(f"{base}tidak-ada/")[0] == 404
        assert 'href="/katalog/kategori/"' in urllib_error_body(f"{base}tidak-ada/")
        assert status(f"{base}../../etc/passwd")[0] == 404
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def urllib_error_body(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


@pytest.mark.parametrize("mount", ["/katalog/", "/"])
def test_preview_paths_resolve_without_loops_or_tracebacks(tmp_path: Path, mount: str) -> None:
    # A custom domain mounts the preview at "/": "/" must be the home page there, not a
    # redirect to itself; a NUL byte or an overlong name is a 404, not a traceback.
    from types import SimpleNamespace

    from catalogue_gen.serve import _PreviewHandler

    site = tmp_path / "site"
    (site / "produk").mkdir(parents=True)
    (site / "index.html").write_text("beranda", encoding="utf-8")
    (site / "produk" / "index.html").write_text("produk", encoding="utf-8")
    handler = SimpleNamespace(server=SimpleNamespace(mount=mount, site=site))

    def resolve(path: str) -> tuple[int, Path, str | None]:
        return _PreviewHandler._resolve(handler, path)  # type: ignore[arg-type]

    home = resolve(mount)
    assert home[0] == 200 and home[1] == (site / "index.html").resolve()
    if mount != "/":
        assert resolve("/") == (302, site.resolve(), mount)
    assert resolve(f"{mount}produk") == (302, site.resolve(), f"{mount}produk/")
    assert resolve(f"{mount}produk/")[0] == 200
    for bad in (f"{mount}a\x00b", f"{mount}{'x' * 300}/", f"{mount}../../etc/passwd"):
        assert resolve(bad)[0] == 404, bad

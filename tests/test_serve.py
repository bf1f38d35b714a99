"""`catalogue-gen serve`: the preview follows edits under products/."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_regenerates_when_a_product_changes(tmp_path: Path) -> None:
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
        url = f"http://127.0.0.1:{port}/katalog/produk/tenun-contoh/selendang-ikat/"
        assert wait_for(url, "Rp450.000", 60)
        product = tmp_path / "products/tenun-contoh/selendang-ikat/produk.yml"
        product.write_text(
            product.read_text(encoding="utf-8").replace("450000", "475000"), encoding="utf-8"
        )
        assert wait_for(url, "Rp475.000", 60)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

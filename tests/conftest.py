"""Shared fixtures: small product trees written into tmp_path, photos made with Pillow."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bench.project import REPO, copy_site_sources
from catalogue_gen.settings import Settings

__all__ = ["REPO", "copy_site_sources"]  # imported from here by the tests

FIXTURE_CATALOGUE = Path(__file__).parent / "fixtures" / "catalogue"

PRODUCER_YML = """\
nama: Kelompok Tani Contoh
kabupaten: timor-tengah-selatan
kontak:
  whatsapp: "0812-3456-7890"
"""

# The GitHub accounts that may change the test producer's folder (issue 10).
ACCOUNTS_YML = "akun_github: [uji-katalog]\n"

PRODUCT_YML = """\
nama: Madu Hutan Contoh
kategori: pangan-olahan
ringkasan: Madu hutan murni dari Fatumnasi.
deskripsi: |
  Madu dipanen dari hutan.

  Simpan di tempat sejuk.
foto:
  - berkas: depan.jpg
    keterangan: Botol madu
harga:
  - varian: 250 ml
    rupiah: 75000
izin:
  - jenis: pirt
    nomor: "2065302010052-29"
halal:
  nomor: "ID53110012345670825"
"""


def photo_bytes(
    width: int = 640,
    height: int = 480,
    fmt: str = "JPEG",
    color: tuple[int, int, int] = (180, 120, 40),
    **save: object,
) -> bytes:
    """A small photo with a gradient, so resizing and cropping have something to show."""
    image = Image.new("RGB", (width, height), color)
    for x in range(0, width, max(1, width // 16)):
        image.paste((x * 255 // width, 90, 160), (x, 0, x + 4, height))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Write {relative path: text or bytes} under root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(
                textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8"
            )


@pytest.fixture
def make_catalogue(tmp_path: Path) -> Callable[..., Settings]:
    """make_catalogue({"products/p/x/produk.yml": "...", ...}) -> Settings for that project.

    The producer `kelompok-contoh` with a valid produsen.yml and the product `madu` with a
    valid produk.yml and photo are there unless overridden (pass None to delete a file).
    """

    def make(
        files: dict[str, str | bytes | None] | None = None, base: bool = True, site: bool = False
    ) -> Settings:
        defaults: dict[str, str | bytes | None] = {}
        if base:
            defaults = {
                # with akun_github (issue 10), which PRODUCER_YML leaves out to keep its line numbers
                "products/kelompok-contoh/produsen.yml": PRODUCER_YML + ACCOUNTS_YML,
                "products/kelompok-contoh/madu/produk.yml": PRODUCT_YML,
                "products/kelompok-contoh/madu/depan.jpg": photo_bytes(),
            }
        defaults.update(files or {})
        write_tree(tmp_path, {k: v for k, v in defaults.items() if v is not None})
        (tmp_path / "products").mkdir(exist_ok=True)
        if site:
            copy_site_sources(tmp_path)
        settings = Settings.for_project(tmp_path, site_url="https://contoh.github.io/katalog/")
        # One process: a pool per test costs more than the few photos it would share out.
        return dataclasses.replace(settings, workers=1)

    return make


def problem_lines(problems: object) -> list[str]:
    """`path:line:col: level: message` lines, for asserting on exact output."""
    return [str(p) for p in problems]  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the size of the bad-input corpus, so CI logs show how much hostile input was tried."""
    from .corpus import CASES

    ran = [
        r
        for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if "test_corpus_case" in r.nodeid
    ]
    if ran:
        terminalreporter.write_line(
            f"korpus input buruk: {len(CASES)} kasus, {len(ran)} dijalankan"
        )


# Built sites shared by the whole run -----------------------------------------------------------
# A build that tests only read is made once per run, not once per test or per xdist worker: the
# first worker to ask builds it into the run's shared temporary folder (every worker's basetemp
# is a child of it) while holding a file lock; the others wait for the lock and use that build.
# No test changes these folders: a test that needs to change a built site copies it first.


def shared_folder(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder filled once per run by make(folder), shared between pytest-xdist workers.

    A failed make leaves no marker, so the next worker to ask tries again (and fails the same way).
    """
    from filelock import FileLock

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name
    done = folder.parent / f"{name}.done"
    with FileLock(f"{folder}.lock"):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.write_text("", encoding="utf-8")
    return folder


def build_project(root: Path) -> None:
    """`catalogue-gen build` in `root` (the site goes to root/site); raises with its output."""
    done = subprocess.run(
        [sys.executable, "-m", "catalogue_gen", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"catalogue-gen build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )


@pytest.fixture(scope="session")
def built_fixture_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/catalogue with its photos and the site sources, built with the real command
    line (`catalogue-gen build`): the project root, with the site in root/site. Read only."""
    from .golden_catalogue import materialise

    def make(folder: Path) -> None:
        materialise(folder / "proyek", site=True)
        build_project(folder / "proyek")

    return shared_folder(tmp_path_factory, "fixture-site", make) / "proyek"


@pytest.fixture(scope="session")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's products/ built into <tmp>/www/katalog, served under /katalog/. Read only
    (the offline test copies it before it changes anything)."""
    from tests.browser_support import build_sample_site

    return shared_folder(tmp_path_factory, "sample-site", build_sample_site) / "www"


# Browser fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(www: Path) -> Iterator[str]:
    from tests.browser_support import SUB_PATH, SiteServer

    with SiteServer(www) as server:
        yield f"{server.origin}/{SUB_PATH}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright, one per module."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM, chromium_available, launch_chromium

    if not chromium_available():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium (./run test does this)"
        )
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()

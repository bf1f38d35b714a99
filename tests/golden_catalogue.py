"""The frozen fixture catalogue (tests/fixtures/catalogue) materialised with generated photos."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import yaml

from catalogue_gen.settings import Settings

from .conftest import FIXTURE_CATALOGUE, copy_site_sources, photo_bytes

GOLDEN = Path(__file__).parent / "golden"


def materialise(root: Path, site: bool = False) -> Settings:
    """Copy the fixture YAML under root/products and make every photo it names."""
    shutil.copytree(FIXTURE_CATALOGUE, root / "products")
    for index, produk in enumerate(sorted((root / "products").glob("*/*/produk.yml"))):
        data = yaml.safe_load(produk.read_text(encoding="utf-8"))
        for number, entry in enumerate(data["foto"]):
            name = entry if isinstance(entry, str) else entry["berkas"]
            color = (40 * index % 255, 90 + 30 * number, 150)
            (produk.parent / name).write_bytes(photo_bytes(900, 700, color=color))
    if site:
        copy_site_sources(root)
    settings = Settings.for_project(root, site_url="https://contoh.github.io/katalog/")
    return dataclasses.replace(
        settings, workers=1, build_date=__import__("datetime").date(2026, 11, 1)
    )


def generated_markdown(settings: Settings) -> dict[str, str]:
    """Every generated .md file under docs/, by relative path."""
    return {
        p.relative_to(settings.docs_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(settings.docs_dir.rglob("*.md"))
    }

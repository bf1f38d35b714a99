"""The producers' guide quotes the checker's real messages, and its YAML examples validate."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from catalogue_gen import messages
from catalogue_gen.pipeline import check
from catalogue_gen.settings import Settings

from .conftest import REPO, photo_bytes

GUIDE = REPO / "docs" / "panduan"


def message_texts() -> list[str]:
    texts: list[str] = []
    for name, value in vars(messages).items():
        if name.isupper() and isinstance(value, str):
            texts.append(value)
        elif name == "YAML_HINTS":
            texts.extend(hint for _, hint in value)
    return texts


def test_every_quoted_message_exists() -> None:
    texts = message_texts()
    rows = [
        line
        for line in (GUIDE / "pesan.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    assert len(rows) > 40
    for row in rows:
        first_cell = row.split(" | ")[0]
        for fragment in re.findall(r"`([^`]+)`", first_cell):
            assert any(fragment in text for text in texts), fragment


@pytest.mark.parametrize("page", sorted(GUIDE.glob("*.md")), ids=lambda p: p.name)
def test_guide_links_stay_inside_the_docs(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", text):
        assert (page.parent / target).resolve().is_file(), target


def test_example_files_in_the_guide_validate(make_catalogue: Callable[..., Settings]) -> None:
    text = (GUIDE / "berkas.md").read_text(encoding="utf-8")
    producer, product = re.findall(r"```yaml\n(.*?)```", text, re.S)[:2]
    files: dict[str, str | bytes | None] = {
        "products/kelompok-contoh/produsen.yml": producer,
        "products/kelompok-contoh/madu/produk.yml": product,
    }
    for entry in yaml.safe_load(product)["foto"]:
        name = entry if isinstance(entry, str) else entry["berkas"]
        files[f"products/kelompok-contoh/madu/{name}"] = photo_bytes(900, 700)
    files["products/kelompok-contoh/madu/depan.jpg"] = photo_bytes(900, 700)
    settings = make_catalogue(files)
    result = check(settings)
    assert [str(p) for p in result.problems if p.is_error] == []
    assert len(result.catalogue.products) == 1

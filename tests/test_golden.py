"""The generated Markdown of the fixture catalogue equals tests/golden/ (refresh: python -m tests.update_golden)."""

from __future__ import annotations

from pathlib import Path

from catalogue_gen.pipeline import generate

from .golden_catalogue import GOLDEN, generated_markdown, materialise


def test_generated_pages_match_golden(tmp_path: Path) -> None:
    settings = materialise(tmp_path)
    result = generate(settings)
    pages = generated_markdown(settings)
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*.md"))
    }
    assert sorted(pages) == sorted(expected)
    for rel, text in expected.items():
        assert pages[rel] == text, (
            f"{rel} berbeda; jalankan python -m tests.update_golden dan periksa diff-nya"
        )
    assert [p.code for p in result.problems] == ["PIRT_EXPIRED"]

"""Rewrite tests/golden/ from the fixture catalogue: `python -m tests.update_golden`. Review the diff."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from catalogue_gen.pipeline import generate

from .golden_catalogue import GOLDEN, generated_markdown, materialise


def main() -> None:
    """Generate the fixture catalogue and store its Markdown as the expected output."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = materialise(Path(tmp))
        generate(settings)
        pages = generated_markdown(settings)
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, text in pages.items():
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"{len(pages)} halaman ditulis ke {GOLDEN}")


if __name__ == "__main__":
    main()

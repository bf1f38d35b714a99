"""A project root for a build outside the repository: the hand-written site sources copied in.

Used by the benchmark (bench/pageweight.py) and by the tests (tests/conftest.py,
tests/browser_support.py), so a build in a temporary folder is made from the same files in both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from catalogue_gen.output import GENERATED_ROOTS

REPO = Path(__file__).resolve().parent.parent


def copy_site_sources(target: Path) -> None:
    """mkdocs.yml, overrides/ and the hand-written part of docs/ into `target`.

    Left out of docs/: what `catalogue-gen generate` writes (catalogue_gen.output.GENERATED_ROOTS,
    there after a local build) and its hidden leftovers (`.generated-*`, `.retired-*`).
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides", dirs_exist_ok=True)
    shutil.copytree(
        REPO / "docs",
        target / "docs",
        dirs_exist_ok=True,
        ignore=lambda folder, names: [
            n
            for n in names
            if Path(folder) == REPO / "docs" and (n in GENERATED_ROOTS or n.startswith("."))
        ],
    )

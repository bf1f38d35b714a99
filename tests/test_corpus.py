"""Runs the bad-input corpus: each case gives its galat/peringatan at file and line, or renders safely."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner

from catalogue_gen.cli import main
from catalogue_gen.pipeline import check, generate
from catalogue_gen.settings import Settings

from .corpus import CASES, Case


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(case: Case, make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(case.files())
    result = check(settings)
    found = {(p.path, p.line, p.level.value, p.code) for p in result.problems}
    for expected in case.expected:
        assert expected in found, (expected, sorted(found))
    for problem in result.problems:
        assert problem.message and "\n" not in problem.message
        assert problem.path.startswith("products/")
    if not any(level == "galat" for _, _, level, _ in case.expected):
        # accepted inputs must publish, with producer text shown as text
        assert not result.problems.has_errors, [str(p) for p in result.problems]
        generate(settings)
        page = (settings.docs_dir / "produk/kelompok-contoh/madu/index.md").read_text(
            encoding="utf-8"
        )
        for text in case.shown_as_text:
            assert text in page
        for generated in settings.docs_dir.rglob("*.md"):
            text = generated.read_text(encoding="utf-8")
            assert "<script>alert" not in text and "<img src=x" not in text, generated
    # the CLI never shows a traceback, and says galat with exit 1 when it should
    output = CliRunner().invoke(main, ["validate", "--root", str(settings.root)])
    assert "Traceback" not in output.output
    assert output.exit_code == (1 if result.problems.has_errors else 0)
    # every galat is shown with the file and line it is at
    for error in result.problems.errors:
        assert f"{error.path}:{error.line}" in output.output, (error, output.output[:2000])

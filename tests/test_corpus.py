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
    # every galat is shown with the file and line it is at: a set of the `path:line` each output
    # line starts with, so 10,000 galat cost one pass over the output, not one pass each
    shown = shown_locations(output.output)
    for error in result.problems.errors:
        assert f"{error.path}:{error.line}" in shown, (error, output.output[:2000])


def shown_locations(output: str) -> set[str]:
    """Every `path:line` an output line starts with (`path:line:column: level: message`).

    Each prefix that ends at a run of digits counts, so a path that itself holds `:12` is found.
    """
    found = set()
    for line in output.splitlines():
        parts = line.strip().split(":")
        for end in range(1, len(parts)):
            if parts[end].isdigit():
                found.add(":".join(parts[: end + 1]))
    return found


def test_shown_locations_are_line_starts_not_substrings() -> None:
    output = (
        "products/a/b/produk.yml:19:1: galat: x\n"
        "  products/a/c:0:0: peringatan: kunci k1:2 tidak dikenal\n"
        "3 galat, 0 peringatan.\n"
    )
    assert shown_locations(output) == {
        "products/a/b/produk.yml:19",
        "products/a/b/produk.yml:19:1",
        "products/a/c:0",
        "products/a/c:0:0",
    }
    # line 1 is not shown because line 19 is (a substring check would have said it was)
    assert "products/a/b/produk.yml:1" not in shown_locations(output)

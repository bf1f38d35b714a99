"""`--format github`: one workflow command per problem, so each shows as an annotation on its line."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from catalogue_gen.cli import main
from catalogue_gen.problems import GithubReporter, Level, Problem, Problems, TextReporter
from catalogue_gen.settings import Settings

from .conftest import PRODUCT_YML

PRODUCT = "products/kelompok-contoh/madu/produk.yml"
ANNOTATION = re.compile(
    r"^::(?P<kind>error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),title=[^:]*::(?P<message>.+)$"
)
TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>galat|peringatan): (?P<message>.+)$"
)

# Four independent problems in one product file, each at its own line and column.
BROKEN = (
    PRODUCT_YML.replace("kategori: pangan-olahan", "kategori: makanan")
    .replace("rupiah: 75000", "rupiah: 75.000")
    .replace('nomor: "2065302010052-29"', 'nomor: "MD 12345"')
    .replace(
        "ringkasan: Madu hutan murni dari Fatumnasi.",
        "ringkasan: Madu hutan murni dari Fatumnasi.\nharga_grosir: 60000",
    )
    .replace("jenis: pirt", "jenis: bpom-md")
)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_broken_product_gives_one_error_command_per_problem(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue({PRODUCT: BROKEN})
    code, text = invoke("validate", "--root", str(settings.root))
    text_lines = [m for m in map(TEXT_LINE.match, text.splitlines()) if m]
    code_github, github = invoke("validate", "--root", str(settings.root), "--format", "github")

    assert code == code_github == 1
    lines = github.splitlines()
    assert len(text_lines) == len(lines) == 4
    for text_line, line in zip(text_lines, lines, strict=True):
        match = ANNOTATION.match(line)
        assert match, line
        assert match["kind"] == "error" and text_line["level"] == "galat"
        assert (match["file"], match["line"], match["col"]) == (
            PRODUCT,
            text_line["line"],
            text_line["col"],
        )
        assert match["message"] == text_line["message"]
        assert int(match["line"]) > 0 and int(match["col"]) > 0


def test_exact_annotation_for_a_dotted_price(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({PRODUCT: PRODUCT_YML.replace("rupiah: 75000", "rupiah: 75.000")})
    code, out = invoke("validate", "--root", str(settings.root), "--format", "github")
    assert code == 1
    assert out == (
        f"::error file={PRODUCT},line=13,col=13,title=galat harga[0].rupiah::"
        'harga[0].rupiah "75.000" terbaca sebagai pecahan; tulis angka bulat tanpa titik, misalnya tulis 75000\n'
    )


def test_warning_is_a_warning_command_and_exit_zero(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue(
        {PRODUCT: PRODUCT_YML.replace('"2065302010052-29"', '"2065302010052-19"')}
    )
    code, out = invoke("validate", "--root", str(settings.root), "--format", "github")
    assert code == 0
    (line,) = out.splitlines()
    assert line.startswith(
        f"::warning file={PRODUCT},line=16,col=12,title=peringatan izin[0].nomor::izin[0].nomor"
    )


def test_newlines_and_percent_in_a_value_cannot_break_the_command(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue(
        {PRODUCT: PRODUCT_YML.replace("rupiah: 75000", 'rupiah: "100%\\n::error file=x::palsu"')}
    )
    code, out = invoke("validate", "--root", str(settings.root), "--format", "github")
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith(f"::error file={PRODUCT},line=13,col=13,")
    assert "100%25" in line and "100%" not in line.replace("100%25", "")


# Forged annotations (issue 10) ---------------------------------------------------------------
# A folder or file name holding a newline and `::notice ...` is printed in every problem about
# it; at the start of a log line GitHub would show it as an annotation of its own.
FORGED = {
    "products/kelompok-contoh/kopi\n::notice title=palsu::semua aman/produk.yml": PRODUCT_YML,
    "products/kelompok-contoh/madu/x\r::warning file=x::palsu.jpg": b"bukan foto",
}


@pytest.mark.parametrize("command", ["validate", "generate"])
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_names_cannot_forge_workflow_commands(
    make_catalogue: Callable[..., Settings], command: str, fmt: str
) -> None:
    settings = make_catalogue(FORGED)
    code, out = invoke(command, "--root", str(settings.root), "--format", fmt)
    assert code == 1
    lines = out.replace("\r", "\n").splitlines()
    assert lines and not any(line.startswith(("::notice", "::warning file=x")) for line in lines), (
        lines
    )
    if fmt == "github":
        assert all(line.startswith(("::error ", "::warning ")) for line in lines), lines
    else:
        assert (
            "products/kelompok-contoh/kopi\\x0a::notice title=palsu::semua aman:0:0: galat: " in out
        )


def test_every_control_character_is_escaped() -> None:
    problem = Problem(
        "products/a\u2028b\x85c\x1bd/produk.yml",
        3,
        4,
        Level.ERROR,
        "nama,x:y",
        "satu\ndua\r100%\u2029",
    )
    text, github = io.StringIO(), io.StringIO()
    TextReporter().report(Problems([problem]), text)
    GithubReporter().report(Problems([problem]), github)
    assert (
        text.getvalue().splitlines()[0]
        == "products/a\\u2028b\\x85c\\x1bd/produk.yml:3:4: galat: satu\\x0adua\\x0d100%\\u2029"
    )
    assert github.getvalue() == (
        "::error file=products/a\\u2028b\\x85c\\x1bd/produk.yml,line=3,col=4,title=galat nama%2Cx%3Ay::satu%0Adua%0D100%25\\u2029\n"
    )


def test_a_several_line_failure_stays_readable_and_cannot_start_a_command() -> None:
    from catalogue_gen.problems import escape_lines

    text = escape_lines(
        "MkDocs gagal membangun situs (kode 1)\nERROR - Config value 'nav'\n::notice title=x::palsu\x1b[31m"
    )
    lines = text.splitlines()
    assert lines == [
        "MkDocs gagal membangun situs (kode 1)",
        "  ERROR - Config value 'nav'",
        "  ::notice title=x::palsu\\x1b[31m",
    ]
    assert not any(line.startswith("::") for line in lines)

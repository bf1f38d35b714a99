"""The command line: exit codes, exact output, scaffolding that validates."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from catalogue_gen.cli import main
from catalogue_gen.settings import Settings

from .conftest import PRODUCT_YML

PRODUCT = "products/kelompok-contoh/madu/produk.yml"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_validate_ok_exits_zero(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue()
    code, out = invoke("validate", "--root", str(settings.root))
    assert code == 0
    assert out == "0 galat, 0 peringatan.\nSemua berkas sah: 1 produk dari 1 produsen.\n"


def test_validate_errors_exit_one_with_lines(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({PRODUCT: PRODUCT_YML.replace("rupiah: 75000", "rupiah: 75.000")})
    code, out = invoke("validate", "--root", str(settings.root))
    assert code == 1
    assert out.splitlines() == [
        f'{PRODUCT}:13:13: galat: harga[0].rupiah "75.000" terbaca sebagai pecahan; tulis angka bulat tanpa titik, misalnya tulis 75000',
        "1 galat, 0 peringatan.",
    ]


def test_github_format_is_one_annotation_per_problem(
    make_catalogue: Callable[..., Settings],
) -> None:
    text = PRODUCT_YML.replace("rupiah: 75000", "rupiah: 75.000").replace(
        "nama: Madu Hutan Contoh", "name: Madu"
    )
    settings = make_catalogue({PRODUCT: text})
    code, out = invoke("validate", "--root", str(settings.root), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3  # unknown key, missing nama, dotted price
    assert all(
        line.startswith(f"::error file={PRODUCT},line=") and ",col=" in line for line in lines
    )
    assert lines[0].startswith(f"::error file={PRODUCT},line=1,col=1,")


def test_validate_one_folder_only(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue({"products/lain/produsen.yml": "nama: x\n"})
    code, out = invoke(
        "validate", "--root", str(settings.root), str(settings.products_dir / "kelompok-contoh")
    )
    assert code == 0, out


def test_validate_path_outside_products_is_a_usage_error(
    make_catalogue: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_catalogue()
    code, _ = invoke("validate", "--root", str(settings.root), str(tmp_path))
    assert code == 2


def test_new_producer_and_product_validate(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(base=False)
    root = str(settings.root)
    for category in (
        "pangan-olahan",
        "air-minum-kemasan",
        "kosmetik",
        "obat-tradisional",
        "suplemen-kesehatan",
        "tenun",
    ):
        slug = f"usaha-{category}"
        code, out = invoke(
            "new",
            "produsen",
            "--root",
            root,
            "--slug",
            slug,
            "--nama",
            'Usaha "Baru" & Co',
            "--kabupaten",
            "ende",
            "--whatsapp",
            "0812 3456 7890",
        )
        assert code == 0, out
        code, out = invoke(
            "new",
            "produk",
            "--root",
            root,
            "--produsen",
            slug,
            "--slug",
            "produk-baru",
            "--nama",
            "Kopi: #1 Ende",
            "--kategori",
            category,
        )
        assert code == 0, out
    code, out = invoke("validate", "--root", root)
    assert code == 0, out
    assert "0 galat" in out
    first = (settings.products_dir / "usaha-kosmetik/produk-baru/produk.yml").read_text(
        encoding="utf-8"
    )
    assert first.startswith("# yaml-language-server: $schema=")


def test_new_refuses_bad_input(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(base=False)
    code, out = invoke(
        "new",
        "produsen",
        "--root",
        str(settings.root),
        "--slug",
        "Bad Slug",
        "--nama",
        "x",
        "--kabupaten",
        "ende",
        "--whatsapp",
        "0812 3456 7890",
    )
    assert code == 2 and "galat:" in out
    code, out = invoke(
        "new",
        "produsen",
        "--root",
        str(settings.root),
        "--slug",
        "baik",
        "--nama",
        "x",
        "--kabupaten",
        "jakarta",
        "--whatsapp",
        "0812 3456 7890",
    )
    assert code == 2 and "jakarta" in out
    # what validate would refuse, the scaffold refuses first: a landline as WhatsApp, a folder
    # named like a page of the guide
    code, out = invoke(
        "new",
        "produsen",
        "--root",
        str(settings.root),
        "--slug",
        "baik",
        "--nama",
        "x",
        "--kabupaten",
        "ende",
        "--whatsapp",
        "(0380) 821234",
    )
    assert code == 2 and "bukan nomor HP" in out, out
    (settings.root / "docs/panduan").mkdir(parents=True, exist_ok=True)
    code, out = invoke(
        "new",
        "produsen",
        "--root",
        str(settings.root),
        "--slug",
        "panduan",
        "--nama",
        "x",
        "--kabupaten",
        "ende",
        "--whatsapp",
        "0812 3456 7890",
    )
    assert code == 2 and "panduan" in out and not (settings.products_dir / "panduan").exists(), out


def test_strip_photos_command(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue()
    code, out = invoke("strip-photos", str(settings.products_dir))
    assert code == 0 and out.startswith("Tidak ada foto")


def test_validate_runs_where_fcntl_does_not_exist(make_catalogue: Callable[..., Settings]) -> None:
    # Producers run validate on Windows (the guide says so), which has no fcntl: no module the
    # command imports may need it at import time.
    settings = make_catalogue()
    script = (
        "import sys; sys.modules['fcntl'] = None\n"  # `import fcntl` now raises ImportError
        "from catalogue_gen.cli import main\n"
        "main(['validate', '--root', sys.argv[1]])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(settings.root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "fcntl" not in run.stderr
    assert "Semua berkas sah: 1 produk dari 1 produsen." in run.stdout, run.stdout

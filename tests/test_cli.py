"""The command line: exit codes, exact output, scaffolding that validates."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from catalogue_gen import messages
from catalogue_gen.cli import main
from catalogue_gen.pipeline import build_lock
from catalogue_gen.progress import BAR_MIN_ITEMS, BAR_MIN_SLOW_ITEMS, STAGES, TerminalProgress
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
    # The guide's "Untuk yang memakai komputer" does not ask which system, and Windows has neither
    # fcntl nor resource: validate, photo checks included, must run without both (it has never
    # run on a real Windows machine here; this is the part that can be checked on Linux).
    settings = make_catalogue()
    script = (
        # `import fcntl` and `import resource` now raise ImportError
        "import sys; sys.modules['fcntl'] = None; sys.modules['resource'] = None\n"
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
    assert "fcntl" not in run.stderr and "resource" not in run.stderr
    assert "Semua berkas sah: 1 produk dari 1 produsen." in run.stdout, run.stdout


# A build that talks (issue 12) -----------------------------------------------------------------


def invoke_split(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_generate_without_a_terminal_prints_only_its_summary(
    make_catalogue: Callable[..., Settings],
) -> None:
    # CI logs and pipes: no stage lines, so that a failure there stays one `galat:` line
    settings = make_catalogue()
    code, out, err = invoke_split("generate", "--root", str(settings.root))
    assert (code, err) == (0, "")
    assert out == f"Halaman dibuat untuk 1 produk dari 1 produsen di {settings.docs_dir}.\n"


def test_generate_verbose_names_each_stage_with_its_counts_and_times(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue()
    code, out, err = invoke_split("generate", "-v", "--timings", "--root", str(settings.root))
    assert code == 0, err
    lines = err.splitlines()
    stages = [line for line in lines if not line.startswith(" ") and ":" in line]
    assert stages == [
        "muat: membaca berkas di products/",
        "periksa: memeriksa produsen, produk dan izin",
        "foto: memeriksa foto dan membuat ukuran kecilnya",
        "halaman: membuat halaman Markdown di docs/",
        "Waktu per tahap:",
    ]
    assert lines[2] == "  1 produsen dan 1 produk sah dari 1 folder produk; 0 galat, 0 peringatan"
    assert lines[4:6] == [
        "  0 foto dari cache, 1 baru diproses",
        "  1 foto siap terbit, 0 masalah foto",
    ]
    assert any(line.endswith("berubah sejak build sebelumnya") for line in lines)
    timings = lines[lines.index("Waktu per tahap:") + 1 :]
    assert [row.split()[0] for row in timings] == ["muat", "periksa", "foto", "halaman", "jumlah"]
    assert all(re.fullmatch(r"  \S+ +\d+,\d\d s", row) for row in timings), timings
    assert out.endswith(f"Halaman dibuat untuk 1 produk dari 1 produsen di {settings.docs_dir}.\n")


def test_quiet_prints_problems_and_nothing_else(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue()
    assert invoke_split("generate", "-q", "--root", str(settings.root)) == (0, "", "")
    # a peringatan is never hidden, not even with -q
    expiring = PRODUCT_YML.replace('"2065302010052-29"', '"2065302010052-19"')
    settings = make_catalogue({PRODUCT: expiring})
    code, out, err = invoke_split("generate", "-q", "--root", str(settings.root))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "0 galat, 1 peringatan."


def test_quiet_and_verbose_together_is_a_usage_error(
    make_catalogue: Callable[..., Settings],
) -> None:
    settings = make_catalogue()
    code, out = invoke("generate", "-q", "-v", "--root", str(settings.root))
    assert code == 2 and "-q dan -v tidak bisa dipakai bersamaan" in out


@pytest.mark.parametrize("is_terminal", [True, False])
def test_stage_lines_and_bar_show_on_a_terminal_only(
    is_terminal: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    progress = TerminalProgress(is_terminal=is_terminal)
    progress.stage("halaman")
    progress.items(BAR_MIN_ITEMS)
    progress.advance(BAR_MIN_ITEMS)
    progress.stage("mkdocs")
    progress.detail("hanya untuk -v")
    progress.summary("Selesai.")
    captured = capsys.readouterr()
    assert captured.out == "Selesai.\n"
    if is_terminal:
        # capsys is no terminal, so click draws the bar as its label alone, once
        assert captured.err.splitlines() == [
            "halaman: membuat halaman Markdown di docs/",
            messages.BAR_LABELS["halaman"],
            "mkdocs: membangun halaman HTML",
        ]
    else:
        assert captured.err == ""


def test_photos_get_a_bar_from_fewer_items_than_pages(capsys: pytest.CaptureFixture[str]) -> None:
    # a photo not in the cache takes most of a second, a page a millisecond
    progress = TerminalProgress(is_terminal=True)
    progress.stage("foto")
    progress.items(BAR_MIN_SLOW_ITEMS)
    progress.advance(BAR_MIN_SLOW_ITEMS - 1)  # the cache hits, at once
    progress.advance()
    progress.stage("halaman")
    progress.items(BAR_MIN_SLOW_ITEMS)
    progress.stop()
    assert capsys.readouterr().err.splitlines() == [
        "foto: memeriksa foto dan membuat ukuran kecilnya",
        messages.BAR_LABELS["foto"],
        "halaman: membuat halaman Markdown di docs/",
    ]


def test_times_add_up_where_stages_take_turns() -> None:
    progress = TerminalProgress()
    for _ in range(3):
        progress.stage("muat")
        time.sleep(0.01)
        progress.stage("periksa")
    progress.stop()
    assert list(progress.seconds) == ["muat", "periksa"]
    assert progress.seconds["muat"] >= 0.03


class Recorder:
    """A Progress that remembers what it was told."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def stage(self, name: str) -> None:
        self.events.append(f"stage {name}")

    def items(self, total: int) -> None:
        self.events.append(f"items {total}")

    def advance(self, count: int = 1) -> None:
        pass

    def detail(self, text: str) -> None:
        pass

    def waiting(self) -> None:
        self.events.append("waiting")

    def finish(self) -> None:
        pass


def hold_lock(settings: Settings, seconds: float) -> threading.Thread:
    """Another build, in a thread, holding the project's lock for `seconds`."""
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    taken = threading.Event()

    def hold() -> None:
        with FileLock(settings.cache_dir / "build.lock"):
            taken.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait()
    return thread


def test_a_build_waits_for_the_other_and_says_so(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue()
    recorder = Recorder()
    with build_lock(settings, recorder):
        pass
    assert recorder.events == []  # nobody else: no word about waiting
    other = hold_lock(settings, 0.5)
    start = time.monotonic()
    with build_lock(settings, recorder):
        assert time.monotonic() - start >= 0.4
    other.join()
    assert recorder.events == ["waiting"]

    other = hold_lock(settings, 0.5)
    code, out, err = invoke_split("generate", "--root", str(settings.root))
    other.join()
    assert (code, err) == (0, "Menunggu build lain di proyek ini selesai ...\n"), out


def test_generate_runs_where_fcntl_does_not_exist_without_a_warning(
    make_catalogue: Callable[..., Settings],
) -> None:
    # filelock falls back to a lock file there and warns about it at import; users never see it
    settings = make_catalogue()
    script = (
        "import sys; sys.modules['fcntl'] = None\n"
        "from catalogue_gen.cli import main\n"
        "main(['generate', '--root', sys.argv[1]])\n"
    )
    run = subprocess.run(
        [sys.executable, "-W", "default", "-c", script, str(settings.root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert "Halaman dibuat untuk 1 produk" in run.stdout


# Shared options (issue 12): declared once, the same on every command ---------------------------


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (["validate"], ["--root", "--format", "--debug"]),
        (["generate"], ["--root", "--format", "--debug", "--quiet", "--verbose", "--timings"]),
        (["build"], ["--root", "--format", "--debug", "--quiet", "--verbose", "--timings"]),
        (["serve"], ["--root", "--debug", "--quiet", "--verbose", "--timings"]),
        (["check-pr"], ["--root", "--format", "--debug"]),
        (["pr-summary"], ["--root", "--debug"]),
        (["codeowners"], ["--root", "--debug"]),
        (["report"], ["--root", "--debug"]),
        (["new", "produsen"], ["--root"]),
        (["new", "produk"], ["--root"]),
    ],
)
def test_shared_options_read_the_same_everywhere(command: list[str], options: list[str]) -> None:
    code, out = invoke(*command, "--help")
    assert code == 0
    text = " ".join(out.split())
    for option in options:
        assert option in text, (command, option)
    assert "--root DIRECTORY Folder proyek (berisi products/ dan mkdocs.yml)." in text


def test_every_stage_has_its_line() -> None:
    assert list(messages.STAGE_LINES) == list(STAGES)
    assert all(messages.STAGE_LINES[name].startswith(f"{name}: ") for name in STAGES)

"""The `catalogue-gen` command: validate, generate, build, serve, new, strip-photos.

Each command parses its options, imports what it needs lazily and calls one function.
Exit codes: 0 ok (warnings allowed), 1 problems in product files, 2 usage or environment.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from catalogue_gen import messages
from catalogue_gen.problems import (
    REPORTERS,
    CatalogueError,
    CatalogueInvalid,
    Problems,
    escape_controls,
    escape_lines,
)
from catalogue_gen.progress import TerminalProgress

if TYPE_CHECKING:
    from catalogue_gen.pipeline import BuildResult
    from catalogue_gen.settings import Settings

T = TypeVar("T")
Command = TypeVar("Command", bound=Callable[..., None])

ROOT_HELP = "Folder proyek (berisi products/ dan mkdocs.yml). Bawaan: folder ini."
FORMAT_HELP = "Bentuk laporan: text (terminal), github (anotasi GitHub Actions) atau json."
DEBUG_HELP = "Tampilkan traceback bila alat ini sendiri gagal."


# Options shared by several commands, declared once (mkdocs `common_options`).
root_option = click.option("--root", default=".", type=click.Path(file_okay=False), help=ROOT_HELP)
format_option = click.option(
    "--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", help=FORMAT_HELP
)
debug_option = click.option("--debug", is_flag=True, help=DEBUG_HELP)


def common_options(command: Command) -> Command:
    """--root, --format and --debug together: validate, generate, build and check-pr."""
    return root_option(format_option(debug_option(command)))


def progress_options(command: Callable[..., None]) -> Callable[..., None]:
    """-q, -v and --timings, handed to the command as one `progress` (TerminalProgress)."""

    @click.option("-q", "--quiet", is_flag=True, help=messages.QUIET_HELP)
    @click.option("-v", "--verbose", is_flag=True, help=messages.VERBOSE_HELP)
    @click.option("--timings", is_flag=True, help=messages.TIMINGS_HELP)
    @functools.wraps(command)
    def with_progress(
        *args: object, quiet: bool, verbose: bool, timings: bool, **kwargs: object
    ) -> None:
        if quiet and verbose:
            raise click.UsageError(messages.QUIET_AND_VERBOSE)
        # a bar on stderr would land between the annotations in a GitHub Actions log
        is_terminal = sys.stderr.isatty() and kwargs.get("fmt") != "github"
        verbosity = -1 if quiet else 1 if verbose else 0
        command(*args, progress=TerminalProgress(verbosity, timings, is_terminal), **kwargs)

    return with_progress


def _settings(root: str, site_dir: str | None = None) -> Settings:
    """Settings for the project at `root`; a broken mkdocs.yml or environment is exit 2, not a traceback."""
    from catalogue_gen.settings import Settings

    try:
        return Settings.for_project(Path(root), site_dir=Path(site_dir) if site_dir else None)
    except (OSError, ValueError, OverflowError) as exc:
        click.echo(f"galat: {messages.SETTINGS_BROKEN.format(reason=exc)}", err=True)
        sys.exit(2)


def _report(problems: Problems, fmt: str) -> None:
    REPORTERS[fmt]().report(problems, sys.stdout)


def _run(
    action: Callable[[], T],
    fmt: str = "text",
    debug: bool = False,
    progress: TerminalProgress | None = None,
) -> T:
    """Run a command body; turn the tool's own exceptions into messages and exit codes."""
    try:
        try:
            return action()
        finally:
            if progress is not None:
                progress.stop()  # a bar left open would swallow the first line of an error
    except CatalogueInvalid as exc:
        _report(exc.problems, fmt)
        sys.exit(1)
    except CatalogueError as exc:
        # The message may quote a file name or MkDocs' own lines: escaped, continuation lines
        # indented, so none of it can forge a workflow command.
        click.echo(f"galat: {escape_lines(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:
        # A full disk or a read-only place at any stage is the machine's problem, said in one line.
        from catalogue_gen.output import storage_message

        line = storage_message(exc)
        if line is None:
            _internal(exc, debug)
        click.echo(f"galat: {line}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - users see a sentence, not a traceback
        _internal(exc, debug)


def _internal(exc: BaseException, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exception(exc)
    line = messages.INTERNAL_ERROR.format(kind=type(exc).__name__, detail=exc)
    click.echo(escape_controls(f"galat: {line}"), err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="catalogue-gen")
def main() -> None:
    """Katalog Beli Produk NTT: periksa berkas produk dan bangun situsnya."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common_options
def validate(paths: tuple[Path, ...], root: str, fmt: str, debug: bool) -> None:
    """Periksa products/ (atau folder produsen/produk yang disebut) dan laporkan setiap masalah."""
    from catalogue_gen.pipeline import check

    settings = _settings(root)
    for path in paths:
        resolved = path.resolve()
        if not resolved.exists():
            raise click.UsageError(messages.PATH_MISSING.format(path=path))
        if not resolved.is_relative_to(settings.products_dir):
            raise click.UsageError(messages.PATH_OUTSIDE.format(path=path))
    result = _run(lambda: check(settings, list(paths) or None, read_only=True), fmt, debug)
    _report(result.problems, fmt)
    if fmt == "text" and not result.problems.has_errors:
        catalogue = result.catalogue
        click.echo(
            messages.SUMMARY_OK.format(
                products=len(catalogue.products), producers=len(catalogue.producers)
            )
        )
    sys.exit(1 if result.problems.has_errors else 0)


@main.command()
@common_options
@progress_options
def generate(root: str, fmt: str, debug: bool, progress: TerminalProgress) -> None:
    """Buat halaman Markdown dan foto di docs/ (dibaca oleh mkdocs build)."""
    from catalogue_gen.pipeline import build_lock
    from catalogue_gen.pipeline import generate as run_generate

    settings = _settings(root)

    def locked() -> BuildResult:
        # a build beside it would clear this run's staging folders as a killed run's leftovers
        with build_lock(settings, progress):
            return run_generate(settings, progress)

    result = _run(locked, fmt, debug, progress)
    _report_warnings(result.problems, fmt)
    catalogue = result.catalogue
    progress.summary(
        messages.GENERATE_DONE.format(
            products=len(catalogue.products),
            producers=len(catalogue.producers),
            path=settings.docs_dir,
        )
    )


@main.command()
@common_options
@progress_options
@click.option(
    "--site-dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Folder hasil. Bawaan: site/.",
)
def build(
    root: str, fmt: str, debug: bool, progress: TerminalProgress, site_dir: str | None
) -> None:
    """Periksa, buat halaman, lalu bangun situs lengkap dengan pencarian ke site/."""
    from catalogue_gen.pipeline import build as run_build

    settings = _settings(root, site_dir)
    result = _run(lambda: run_build(settings, progress), fmt, debug, progress)
    _report_warnings(result.problems, fmt)
    template = messages.BUILD_UNCHANGED if result.is_unchanged else messages.BUILD_DONE
    progress.summary(
        template.format(
            path=settings.site_dir, products=len(result.catalogue.products), pages=result.pages
        )
    )


def _report_warnings(problems: Problems, fmt: str) -> None:
    if problems.warnings:
        _report(Problems(problems.warnings), fmt)


@main.command()
@root_option
@debug_option
@progress_options
@click.option("--dev-addr", default="127.0.0.1:8000", help="Alamat server, bawaan 127.0.0.1:8000.")
def serve(root: str, debug: bool, progress: TerminalProgress, dev_addr: str) -> None:
    """Bangun situs (dengan pencarian) ke .cache/pratinjau/, tampilkan, dan bangun ulang saat products/, docs/, overrides/ atau mkdocs.yml berubah."""
    from catalogue_gen.serve import serve as run_serve

    settings = _settings(root)
    _run(lambda: run_serve(settings, dev_addr, progress), debug=debug, progress=progress)


@main.command("strip-photos")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def strip_photos(folder: Path) -> None:
    """Hapus metadata (lokasi GPS, EXIF, XMP) dari foto di FOLDER, langsung di berkasnya."""
    from catalogue_gen.photos import strip_metadata

    result = _run(lambda: strip_metadata(folder))
    # a privacy tool that leaves a GPS position in place says so, for each photo, and fails
    for path, reason in result.not_stripped:
        click.echo(
            escape_controls(f"galat: {messages.STRIP_FAILED.format(path=path, reason=reason)}"),
            err=True,
        )
    count = len(result.changed)
    template = messages.STRIP_DONE if count or result.not_stripped else messages.STRIP_NOTHING
    click.echo(escape_controls(template.format(count=count, path=folder)))
    if result.not_stripped:
        click.echo(
            f"galat: {messages.STRIP_INCOMPLETE.format(count=len(result.not_stripped))}", err=True
        )
        sys.exit(1)


@main.group()
def new() -> None:
    """Buat folder produsen atau produk baru dari kerangka yang sudah sah."""


@new.command("produsen")
@root_option
@click.option(
    "--slug",
    prompt="Nama folder (huruf kecil dan tanda hubung)",
    help="Nama folder produsen, mis. madu-fatumnasi.",
)
@click.option("--nama", prompt="Nama usaha", help="Nama usaha atau kelompok.")
@click.option(
    "--kabupaten",
    prompt="Kabupaten/kota (mis. timor-tengah-selatan)",
    help="Salah satu dari 22 kabupaten/kota NTT.",
)
@click.option("--whatsapp", prompt="Nomor WhatsApp", help="Nomor HP, mis. 0812-3456-7890.")
@click.option(
    "--akun-github",
    "account",
    default="",
    help="Akun GitHub yang boleh mengubah folder ini (tanpa @), mis. madu-fatumnasi.",
)
def new_producer(
    root: str, slug: str, nama: str, kabupaten: str, whatsapp: str, account: str
) -> None:
    """Buat products/<slug>/produsen.yml."""
    from catalogue_gen.scaffold import new_producer as make

    path = _run(lambda: make(_settings(root), slug, nama, kabupaten, whatsapp, account))
    click.echo(messages.NEW_PRODUCER_DONE.format(path=path))


@new.command("produk")
@root_option
@click.option("--produsen", prompt="Folder produsen", help="Nama folder produsen yang sudah ada.")
@click.option(
    "--slug",
    prompt="Nama folder produk (huruf kecil dan tanda hubung)",
    help="Nama folder produk, mis. madu-hutan.",
)
@click.option("--nama", prompt="Nama produk", help="Nama produk.")
@click.option(
    "--kategori", prompt="Kategori (mis. pangan-olahan)", help="Salah satu kategori katalog."
)
def new_product(root: str, produsen: str, slug: str, nama: str, kategori: str) -> None:
    """Buat products/<produsen>/<slug>/produk.yml dengan foto contoh."""
    from catalogue_gen.scaffold import new_product as make

    path = _run(lambda: make(_settings(root), produsen, slug, nama, kategori))
    click.echo(messages.NEW_PRODUCT_DONE.format(path=path))


# Pull requests, reports and schemas (issue 4) -------------------------------------------------

BASE_HELP = (
    "Cabang dasar pull request, mis. origin/main (perubahan dihitung dari titik cabang ke HEAD)."
)
AUTHOR_HELP = "Akun GitHub pembuat pull request; hanya boleh mengubah folder produsen yang akun_github-nya memuat akun ini."
APPROVED_HELP = "Pengelola sudah menyetujui pull request ini (label disetujui-pengelola): perubahan di folder produsen lain hanya menjadi peringatan."
CODEOWNERS_CHECK_HELP = "Jangan menulis; keluar 1 bila .github/CODEOWNERS tidak sesuai dengan akun_github dan .github/pengelola.txt."
SCHEMA_OUTPUT_HELP = (
    "Folder tujuan berkas skema. Tanpa opsi ini, kedua skema dicetak sebagai satu dokumen JSON."
)
SCHEMA_WRITE_HELP = "Tulis semua berkas buatan buku aturan (skema dan aturan formulir) ke proyek."
SCHEMA_CHECK_HELP = "Periksa bahwa berkas yang tersimpan sama dengan buatan buku aturan; keluar dengan kode 1 bila tidak."
SCHEMA_ROOT_HELP = "Folder proyek untuk --write dan --check."


@main.command("check-pr")
@click.option("--base", required=True, help=BASE_HELP)
@click.option("--author", required=True, help=AUTHOR_HELP)
@click.option("--maintainer-approved", "is_approved", is_flag=True, help=APPROVED_HELP)
@common_options
def check_pr(base: str, author: str, is_approved: bool, root: str, fmt: str, debug: bool) -> None:
    """Periksa cakupan pull request: produsen hanya boleh mengubah foto dan berkas YAML di folder miliknya di products/."""
    from catalogue_gen.scope import check_pr as run_check

    if not author.strip() or escape_controls(author) != author:
        raise click.UsageError(messages.OWNER_AUTHOR_MISSING)
    changes, problems = _run(
        lambda: run_check(Path(root).resolve(), base, author.strip(), is_approved=is_approved),
        fmt,
        debug,
    )
    _report(problems, fmt)
    if fmt == "text" and not problems.has_errors:
        click.echo(
            messages.SCOPE_OK.format(count=len(changes)) if changes else messages.SCOPE_NOTHING
        )
    sys.exit(1 if problems.has_errors else 0)


@main.command("pr-summary")
@click.option("--base", required=True, help=BASE_HELP)
@root_option
@debug_option
def pr_summary(base: str, root: str, debug: bool) -> None:
    """Cetak ringkasan Markdown pull request (produk, masalahnya, alamat halamannya) untuk $GITHUB_STEP_SUMMARY."""
    from catalogue_gen.report import render_pr_summary

    click.echo(_run(lambda: render_pr_summary(_settings(root), base), debug=debug), nl=False)


@main.command()
@root_option
@click.option("--check", "is_check", is_flag=True, help=CODEOWNERS_CHECK_HELP)
@debug_option
def codeowners(root: str, is_check: bool, debug: bool) -> None:
    """Tulis .github/CODEOWNERS dari akun_github setiap produsen dan dari .github/pengelola.txt."""
    from catalogue_gen.owners import CODEOWNERS_FILE, MAINTAINERS_FILE, write_codeowners

    settings = _settings(root)
    is_current, producers, maintainers = _run(
        lambda: write_codeowners(settings.root, settings.products_dir, is_check), debug=debug
    )
    if is_check:
        template = messages.CODEOWNERS_OK if is_current else messages.CODEOWNERS_STALE
        click.echo(template.format(path=CODEOWNERS_FILE, maintainers_file=MAINTAINERS_FILE))
        sys.exit(0 if is_current else 1)
    click.echo(
        messages.CODEOWNERS_WRITTEN.format(
            path=CODEOWNERS_FILE, producers=producers, maintainers=maintainers
        )
    )


REPORT_FORMAT_HELP = (
    "Bentuk laporan: markdown (bawaan) atau json (satu dokumen JSON untuk alat lain)."
)


@main.command()
@root_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    help=REPORT_FORMAT_HELP,
)
@debug_option
def report(root: str, fmt: str, debug: bool) -> None:
    """Cetak laporan untuk pengelola: P-IRT kedaluwarsa, halal dalam proses, data lama, izin yang segera berakhir, nomor dengan peringatan."""
    from catalogue_gen.pipeline import check
    from catalogue_gen.report import render_report, render_report_json

    settings = _settings(root)
    render = render_report_json if fmt == "json" else render_report
    click.echo(
        _run(lambda: render(check(settings, read_only=True), settings.build_date), debug=debug),
        nl=False,
    )


@main.command()
@click.option(
    "--output",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help=SCHEMA_OUTPUT_HELP,
)
@click.option("--write", "write_all", is_flag=True, help=SCHEMA_WRITE_HELP)
@click.option("--check", "check_all", is_flag=True, help=SCHEMA_CHECK_HELP)
@click.option(
    "--root", default=".", type=click.Path(file_okay=False, path_type=Path), help=SCHEMA_ROOT_HELP
)
def schema(output: Path | None, write_all: bool, check_all: bool, root: Path) -> None:
    """Buat JSON Schema produsen.yml/produk.yml dan aturan formulir dari buku aturan (catalogue_gen/rules.py)."""
    import json

    from catalogue_gen import rules

    generated = rules.generated_files(root)
    if check_all:
        stale = [path for path, text in generated.items() if not _has_text(root / path, text)]
        if stale:
            click.echo(messages.RULES_STALE.format(paths=", ".join(stale)), err=True)
            sys.exit(1)
        click.echo(messages.RULES_CURRENT.format(count=len(generated)))
        return
    if write_all:
        for path, text in generated.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        click.echo(messages.RULES_WRITTEN.format(paths=", ".join(generated)))
        return
    schemas = {
        Path(path).name: text for path, text in generated.items() if path.endswith(".schema.json")
    }
    if output is None:
        click.echo(
            json.dumps(
                {name: json.loads(text) for name, text in schemas.items()},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    output.mkdir(parents=True, exist_ok=True)
    for name, text in schemas.items():
        (output / name).write_text(text, encoding="utf-8")
    click.echo(
        messages.SCHEMA_WRITTEN.format(paths=", ".join(str(output / name) for name in schemas))
    )


def _has_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


# An issue becomes a pull request (issue 13) ---------------------------------------------------

ISSUE_JSON_HELP = (
    "Berkas JSON kejadian `issues`. Bawaan: berkas di $GITHUB_EVENT_PATH (GitHub Actions)."
)
ISSUE_WRITE_HELP = "Tulis berkas produk (dan CODEOWNERS untuk produsen baru) ke proyek; tanpa opsi ini diperiksa di salinan sementara."
ISSUE_COMMENT_HELP = "Tulis komentar untuk issue (Markdown) ke FILE."
ISSUE_PR_BODY_HELP = "Tulis isi pull request untuk pengelola (Markdown) ke FILE."
ISSUE_APPROVED_HELP = "Pengelola sudah menyetujui issue ini (label disetujui-pengelola): perubahan oleh orang lain diterima."
ISSUE_PR_HELP = 'Nama pull request yang sudah dibuka untuk issue ini, mis. "#52", untuk komentar.'
# A recorded event is a few tens of KB; GitHub caps the body at 65,536 characters.
MAX_EVENT_BYTES = 4 * 1024 * 1024
ISSUE_READY = "Siap untuk pull request: {files} berkas di {folder}."
ISSUE_PROBLEMS = "Ada {problems} masalah ({files} berkas di {folder}); lihat komentar untuk issue."
ISSUE_EVENT_MISSING = (
    "Sebutkan --issue-json FILE, atau jalankan di GitHub Actions ($GITHUB_EVENT_PATH)."
)
ISSUE_EVENT_BROKEN = "{path} bukan JSON kejadian yang terbaca ({reason})"


@main.command("from-issue")
@click.option("--issue-json", type=click.Path(dir_okay=False, path_type=Path), help=ISSUE_JSON_HELP)
@root_option
@click.option("--write", "is_write", is_flag=True, help=ISSUE_WRITE_HELP)
@click.option("--comment", type=click.Path(dir_okay=False, path_type=Path), help=ISSUE_COMMENT_HELP)
@click.option("--pr-body", type=click.Path(dir_okay=False, path_type=Path), help=ISSUE_PR_BODY_HELP)
@click.option("--maintainer-approved", "is_approved", is_flag=True, help=ISSUE_APPROVED_HELP)
@click.option("--pull-request", default="", help=ISSUE_PR_HELP)
@debug_option
def from_issue(
    issue_json: Path | None,
    root: str,
    is_write: bool,
    comment: Path | None,
    pr_body: Path | None,
    is_approved: bool,
    pull_request: str,
    debug: bool,
) -> None:
    """Ubah issue dari formulir katalog menjadi berkas produk, periksa, dan tulis komentar serta isi pull request. Keluar 0 bila siap, 1 bila ada masalah."""
    from catalogue_gen.from_issue import from_issue as run_from_issue
    from catalogue_gen.from_issue import new_downloader

    event = _read_event(issue_json)
    settings = _settings(root)
    downloader = new_downloader()
    result = _run(
        lambda: run_from_issue(
            event,
            settings,
            downloader,
            write=is_write,
            is_approved=is_approved,
            pull_request=pull_request,
        ),
        debug=debug,
    )
    for path, text in ((comment, result.comment), (pr_body, result.pr_body)):
        if path is not None:
            _run(functools.partial(path.write_text, text, encoding="utf-8"), debug=debug)
    submission = result.submission
    template = ISSUE_READY if result.is_ready else ISSUE_PROBLEMS
    problems = len(submission.problems) + len(result.problems) + bool(result.owner_problem)
    click.echo(
        escape_controls(
            template.format(
                folder=submission.folder or "-", files=len(submission.files), problems=problems
            )
        )
    )
    sys.exit(0 if result.is_ready else 1)


def _read_event(path: Path | None) -> object:
    """The event's JSON; a missing or unreadable file is exit 2 (the issue's text is not at fault)."""
    import json
    import os

    if path is None:
        env = os.environ.get("GITHUB_EVENT_PATH", "")
        if not env:
            raise click.UsageError(ISSUE_EVENT_MISSING)
        path = Path(env)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_EVENT_BYTES + 1)
        if len(data) > MAX_EVENT_BYTES:
            raise ValueError(f"lebih dari {MAX_EVENT_BYTES} bita")
        return json.loads(data)
    except (OSError, ValueError) as exc:
        click.echo(
            escape_controls(f"galat: {ISSUE_EVENT_BROKEN.format(path=path, reason=exc)}"), err=True
        )
        sys.exit(2)

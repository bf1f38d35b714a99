"""`catalogue-gen from-issue`: one issue event -> files, the validator's verdict, a comment, a PR body.

Input: an `issues` event, the project on disk (its issue forms, products/, the maintainers list)
and a photo Downloader; output: a FromIssue holding the submission, the validator's problems,
the ownership decision, the issue comment and the pull request body. With `write`, the files
land in the project (and a new producer's accounts in CODEOWNERS); without it they are checked
in a temporary copy of the producer folder and the project is left as it was. No text from the issue
reaches a program: the validator's photo checks run in worker processes of our own code, and
the workflow's own steps commit and open the pull request.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from catalogue_gen import owners, replies
from catalogue_gen.attachments import Downloader
from catalogue_gen.forms import FORMS_DIR, FormProblem, load_forms
from catalogue_gen.load import PRODUCER_FILE, is_valid_slug
from catalogue_gen.model import Catalogue, Product
from catalogue_gen.problems import Problem
from catalogue_gen.settings import Settings
from catalogue_gen.submission import APPROVAL_LABEL, Submission, read_submission, write_files

# The bot branch of an issue; the workflow pushes to the same name.
BRANCH = "issue/{number}"
# owner/name as GitHub allows them; anything else in the event names no repository to link to.
REPOSITORY = re.compile(r"[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}")
# Thumbnail width in the pull request body: large enough to judge a photo, small enough for
# five of them on one screen.
THUMBNAIL_WIDTH = 160

# The pull request body, for maintainers (to join forms.TEMPLATES once messages.py takes the
# issue path's sentences in).
PR_TEXT = {
    "title": "## Data dari issue #{number}",
    "closes": "Closes #{number}",
    "form": "Formulir: **{form}**, dikirim oleh @{author}.",
    "product": "### Produk seperti yang dilihat pembeli",
    "producer": "### Produsen",
    "price": "Harga",
    "stock": "Stok",
    "in_stock": "tersedia",
    "sold_out": "stok habis",
    "licenses": "Izin",
    "check": "periksa",
    "no_check": "tanpa situs pemeriksaan umum",
    "halal": "Halal",
    "photos": "Foto",
    "files": "### Berkas yang diubah",
    "validation": "### Hasil pemeriksaan",
    "valid": "0 galat, {warnings} peringatan.",
    "invalid": "{errors} galat, {warnings} peringatan: pull request ini tidak seharusnya ada; jalankan `catalogue-gen validate` pada cabang ini.",
    "owner": "### Keputusan pemilik",
    "owner_new": "Folder produsen baru: akun yang boleh mengubahnya (akun_github, juga di CODEOWNERS): {accounts}.",
    "owner_listed": "@{author} tercatat di akun_github products/{producer}/produsen.yml.",
    "owner_maintainer": "@{author} adalah pengelola (.github/pengelola.txt).",
    "owner_approved": "Disetujui pengelola dengan label `{label}`; akun_github produsen ini: {accounts}.",
    "owner_refused": "Ditolak: @{author} bukan pemilik products/{producer}/ ({accounts}) dan belum ada label `{label}`.",
    # GitHub starts no workflow for a pull request that a workflow's GITHUB_TOKEN opened or
    # pushed to, so validate.yml waits for the maintainer's label (a run the maintainer starts)
    "checks": "Pemeriksaan *Periksa pull request* belum berjalan: GitHub tidak menjalankannya untuk pull request yang dibuat robot. Pengelola: setelah meninjau, beri label `{label}`; label itu menjalankan pemeriksaan yang sama dengan pull request lain (siapa yang boleh mengubah folder produsen ini sudah diputuskan di atas).",
    "branch": "Cabang `{branch}` ditulis ulang oleh workflow setiap kali issue ini diedit; ubah datanya lewat issue, bukan di cabang ini.",
}


def new_downloader() -> Downloader:
    """The downloader of a real run: GitHub's hosts only. Tests replace this function to send
    the requests to a local server (Downloader's test origin); no option or variable can."""
    return Downloader()


@dataclass
class FromIssue:
    """Everything one run of from-issue found and wrote."""

    submission: Submission
    problems: list[Problem] = field(default_factory=list)
    """The validator's problems about the submission's files."""
    owner_problem: FormProblem | None = None
    written: list[Path] = field(default_factory=list)
    is_codeowners_changed: bool = False
    catalogue: Catalogue | None = None
    comment: str = ""
    pr_body: str = ""

    @property
    def is_ready(self) -> bool:
        """The answers made files, the author may make the change and the files are valid."""
        return (
            self.submission.is_ready
            and self.owner_problem is None
            and not any(p.is_error for p in self.problems)
        )


def from_issue(
    event: object,
    settings: Settings,
    downloader: Downloader,
    *,
    write: bool = False,
    is_approved: bool = False,
    pull_request: str = "",
) -> FromIssue:
    """Read the issue, check its files with the validator and write the comment and PR body.

    A broken issue form template or maintainers list is the project's fault (CatalogueError);
    whatever the issue says only ever becomes problems in the comment.
    """
    forms = load_forms(settings.root / FORMS_DIR)
    submission = read_submission(event, forms, settings, downloader)
    maintainers = _maintainers(settings.root)
    accounts = replies.producer_accounts(settings, submission.producer)
    result = FromIssue(
        submission,
        owner_problem=replies.check_owner(submission, accounts, maintainers, is_approved),
    )
    if submission.files and submission.folder:
        if write:
            result.written = write_files(submission, settings.root)
            if _adds_producer(submission):
                # the pull request must pass `codeowners --check` like any other
                is_current = owners.write_codeowners(settings.root, settings.products_dir)[0]
                result.is_codeowners_changed = not is_current
            checked = _check(settings, submission)
        else:
            with _scratch_copy(settings, submission) as scratch:
                checked = _check(scratch, submission)
        result.catalogue = checked[0]
        result.problems = replies.problems_about(checked[1], submission)
    extra = [result.owner_problem] if result.owner_problem else []
    result.comment = replies.render_comment(submission, result.problems, pull_request, extra)
    result.pr_body = render_pr_body(result, event, accounts, maintainers, is_approved)
    return result


def _maintainers(root: Path) -> tuple[str, ...]:
    try:
        text = (root / owners.MAINTAINERS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    return owners.parse_maintainers(text)[0]


def _adds_producer(submission: Submission) -> bool:
    return f"products/{submission.producer}/{PRODUCER_FILE}" in submission.files


def _check(settings: Settings, submission: Submission) -> tuple[Catalogue, list[Problem]]:
    from catalogue_gen.pipeline import check

    result = check(settings, [settings.root / submission.folder], read_only=True)
    return result.catalogue, list(result.problems)


@contextmanager
def _scratch_copy(settings: Settings, submission: Submission) -> Iterator[Settings]:
    """Settings for a temporary project holding the producer folder with the files written."""
    with tempfile.TemporaryDirectory(prefix="catalogue-from-issue-") as folder:
        root = Path(folder)
        source = settings.products_dir / submission.producer
        target = root / "products" / submission.producer
        if is_valid_slug(submission.producer) and source.is_dir() and not source.is_symlink():
            shutil.copytree(source, target, symlinks=True)
        write_files(submission, root)
        yield dataclasses.replace(
            settings,
            root=root,
            products_dir=root / "products",
            docs_dir=root / "docs",
            cache_dir=root / ".cache",
        )


# The pull request body -----------------------------------------------------------------------


def render_pr_body(
    result: FromIssue,
    event: object,
    accounts: tuple[str, ...] = (),
    maintainers: tuple[str, ...] = (),
    is_approved: bool = False,
) -> str:
    """The Markdown of the pull request: the product as shoppers will see it, the validator's
    summary and the ownership decision. Producers' text is escaped as in the comment."""
    submission = result.submission
    issue = submission.issue
    if issue is None or submission.form is None:
        return ""
    esc = replies.escape_markdown
    lines = [
        PR_TEXT["title"].format(number=issue.number),
        "",
        PR_TEXT["form"].format(form=esc(submission.form.name), author=issue.author),
        "",
    ]
    product = _product(result.catalogue, submission)
    if product is not None:
        lines += _product_lines(product, submission, _raw_base(event, issue.number))
    lines += [PR_TEXT["files"], ""]
    lines += [f"- `{path}`" for path in sorted(submission.files)]
    if result.is_codeowners_changed:
        lines.append(f"- `{owners.CODEOWNERS_FILE}`")
    errors = sum(1 for p in result.problems if p.is_error)
    warnings = len(result.problems) - errors
    lines += ["", PR_TEXT["validation"], ""]
    if errors:
        lines.append(PR_TEXT["invalid"].format(errors=errors, warnings=warnings))
    else:
        lines.append(PR_TEXT["valid"].format(warnings=warnings))
    lines += [f"- {esc(str(p))}" for p in result.problems]
    lines += ["", PR_TEXT["owner"], "", _owner_line(result, accounts, maintainers, is_approved)]
    lines += [
        "",
        PR_TEXT["checks"].format(label=APPROVAL_LABEL),
        "",
        PR_TEXT["branch"].format(branch=BRANCH.format(number=issue.number)),
        "",
        PR_TEXT["closes"].format(number=issue.number),
        "",
    ]
    return "\n".join(lines)


def _product(catalogue: Catalogue | None, submission: Submission) -> Product | None:
    if catalogue is None or not submission.product:
        return None
    key = f"{submission.producer}/{submission.product}"
    return next((p for p in catalogue.products if p.key == key), None)


def _raw_base(event: object, number: int) -> str:
    """Where the bot branch's files can be shown from, or "" when the event names no repository."""
    repository = event.get("repository") if isinstance(event, dict) else None
    name = repository.get("full_name") if isinstance(repository, dict) else None
    if not isinstance(name, str) or not REPOSITORY.fullmatch(name):
        return ""
    return f"https://github.com/{name}/raw/{BRANCH.format(number=number)}/"


def _product_lines(product: Product, submission: Submission, raw_base: str) -> list[str]:
    from catalogue_gen.pages import format_rupiah

    esc = replies.escape_markdown
    lines = [PR_TEXT["product"], "", f"**{esc(product.name)}** ({esc(product.producer.name)})", ""]
    if product.summary:
        lines += [esc(product.summary), ""]
    for price in product.prices:
        variant = f"{esc(price.variant)}: " if price.variant else ""
        lines.append(f"- {PR_TEXT['price']}: {variant}{format_rupiah(price.rupiah)}")
    stock = PR_TEXT["in_stock"] if product.is_available else PR_TEXT["sold_out"]
    lines.append(f"- {PR_TEXT['stock']}: {stock}")
    for lic in product.licenses:
        lines.append(
            f"- {PR_TEXT['licenses']}: {esc(lic.label)} {esc(lic.number)}{_link(lic.check_url)}"
        )
    if product.halal is not None:
        shown = esc(product.halal.number or product.halal.status.value)
        lines.append(f"- {PR_TEXT['halal']}: {shown}{_link(product.halal.check_url)}")
    folder = submission.folder
    photos = [f"{folder}/{photo.file_name}" for photo in product.photos]
    if photos:
        lines += ["", f"{PR_TEXT['photos']}:", ""]
        if raw_base:
            # a file name of ours (foto-1.jpg) under a slug: nothing here needs escaping
            lines.append(
                " ".join(
                    f'<a href="{raw_base}{path}"><img src="{raw_base}{path}" '
                    f'width="{THUMBNAIL_WIDTH}" alt="{Path(path).name}"></a>'
                    for path in photos
                )
            )
        else:
            lines += [f"- `{path}`" for path in photos]
    lines.append("")
    return lines


def _link(url: str) -> str:
    # only the licence checkers' own https addresses, built by licenses.check_link
    if url.startswith("https://"):
        return f" ([{PR_TEXT['check']}]({url}))"
    return f" ({PR_TEXT['no_check']})"


def _owner_line(
    result: FromIssue, accounts: tuple[str, ...], maintainers: tuple[str, ...], is_approved: bool
) -> str:
    submission = result.submission
    assert submission.issue is not None
    author, producer = submission.issue.author, submission.producer
    shown = ", ".join(f"`{a}`" for a in accounts) or "-"
    values = {"author": author, "producer": producer, "accounts": shown, "label": APPROVAL_LABEL}
    if result.owner_problem is not None:
        return PR_TEXT["owner_refused"].format(**values)
    if not submission.is_change:
        new_accounts = replies.new_producer_accounts(submission)
        return PR_TEXT["owner_new"].format(
            accounts=", ".join(f"`{a}`" for a in new_accounts) or "-"
        )
    if owners.is_listed(author, accounts):
        return PR_TEXT["owner_listed"].format(**values)
    if owners.is_listed(author, maintainers):
        return PR_TEXT["owner_maintainer"].format(**values)
    return PR_TEXT["owner_approved"].format(**values)

"""An issue -> the files of a pull request: a new product, a new producer, or a price change.

Input: an `issues` event (the JSON GitHub gives a workflow), the issue forms, the catalogue on
disk (read, never written) and a photo Downloader; output: a Submission holding the files to
write (path -> bytes) and the problems to tell on the issue, each naming a field by its label.
The issue body is untrusted from its first byte to its last: answers reach YAML only through
yamltext's emitter, folder names only through load.slugify and is_valid_slug, photo file names
only from the detected type. Nothing here raises for bad input or runs a program, and only
`write_files` touches the disk.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue_gen import addresses, licenses, rules
from catalogue_gen.answers import (
    ADDRESS_EXAMPLE,
    BULLET,
    license_kind,
    parse_price_line,
    parse_product_address,
)
from catalogue_gen.attachments import Download, Downloader, find_urls, is_attachment_url
from catalogue_gen.forms import (
    Answers,
    FormProblem,
    Issue,
    IssueForm,
    find_form,
    form_problem,
    parse_answers,
    parse_event,
)
from catalogue_gen.load import (
    MAX_FILE_BYTES,
    PRODUCER_FILE,
    PRODUCT_FILE,
    hand_written_roots,
    is_hidden,
    is_valid_slug,
    load_yaml,
    slugify,
)
from catalogue_gen.problems import Problem
from catalogue_gen.settings import Settings
from catalogue_gen.yamltext import Plain, loads_back, render_yaml, replace_keys

# The forms, by file name (.github/ISSUE_TEMPLATE/<key>.yml).
NEW_PRODUCT = "daftarkan-produk"
PRICE_CHANGE = "ubah-harga"
NEW_PRODUCER = "daftarkan-produsen"
# The halal dropdown's options start with these words (the rest explains them to producers).
HALAL_CHOICES = (
    ("bersertifikat", "bersertifikat"),
    ("sedang diurus", "dalam-proses"),
    ("tidak halal", "tidak-halal"),
    ("tidak perlu", ""),
)
AVAILABILITY = {"ya": True, "tidak": False}
PHOTO_STEM = "foto"
LOGO_STEM = "logo"
# One line of harga, izin or komposisi: a variant and a price, or a number as printed, fit
# well within rules.NUMBER_MAX; a longer line is text pasted in the wrong place.
LINE_MAX = rules.NUMBER_MAX
MAX_LINES = rules.MAX_INGREDIENTS
# The label that lets a maintainer approve a change by someone else (as for pull requests).
APPROVAL_LABEL = "disetujui-pengelola"


@dataclass
class Submission:
    """What an issue asks for, as files, and what stands in the way."""

    issue: Issue | None = None
    form: IssueForm | None = None
    producer: str = ""
    """The producer folder's slug."""
    product: str = ""
    """The product folder's slug; "" when the issue registers a producer."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Path relative to the project root (`products/...`, `/` separators) -> content."""
    problems: list[FormProblem] = field(default_factory=list)
    is_change: bool = False
    """The files change a producer folder already in the catalogue: its owner must ask."""
    downloads: list[Download] = field(default_factory=list)
    """Every photo fetch, taken or refused, in order (for logs and tests)."""

    @property
    def is_ready(self) -> bool:
        """Files to write and no problem with the answers (the validator has the last word)."""
        return bool(self.files) and not self.problems

    @property
    def folder(self) -> str:
        """`products/<producer>[/<product>]`, or "" when no folder could be named."""
        if not self.producer:
            return ""
        return "/".join(p for p in ("products", self.producer, self.product) if p)


def read_submission(
    event: object, forms: dict[str, IssueForm], settings: Settings, downloader: Downloader
) -> Submission:
    """Turn an `issues` event into files and problems; never raises for what the issue says.

    The files are there as far as the answers allow even when problems are found, so that
    the caller can validate them and report every problem in one comment; a pull request
    is for `is_ready` submissions whose files also pass the validator.
    """
    issue, problems = parse_event(event)
    submission = Submission(issue=issue, problems=problems)
    if issue is None:
        return submission
    form = find_form(issue.body, forms)
    build = BUILDERS.get(form.key) if form else None
    if form is None or build is None:
        names = ", ".join(f.name for f in forms.values())
        submission.problems.append(form_problem(None, "ISSUE_FORM_UNKNOWN", forms=names))
        return submission
    submission.form = form
    answers = parse_answers(issue.body, form)
    submission.problems.extend(answers.problems)
    if any(p.code == "ISSUE_BODY_TOO_LONG" for p in answers.problems):
        return submission
    build(_Builder(settings, downloader, issue, answers, submission))
    return submission


@dataclass
class _Builder:
    settings: Settings
    downloader: Downloader
    issue: Issue
    answers: Answers
    submission: Submission

    # Helpers -------------------------------------------------------------------------------

    def text(self, field_id: str) -> str:
        return self.answers.get(field_id)

    def problem(self, field_id: str, template: str, **values: object) -> None:
        self.submission.problems.append(
            form_problem(self.answers.form.field(field_id), template, **values)
        )

    def has_problem(self, field_id: str) -> bool:
        return any(p.field == field_id for p in self.submission.problems)

    def lines(self, field_id: str) -> list[tuple[int, str]]:
        """(line number in the answer, text) of each non-empty line, list bullets removed."""
        found = []
        for number, line in enumerate(self.text(field_id).split("\n"), start=1):
            line = BULLET.sub("", line).strip()
            if not line:
                continue
            if len(line) > LINE_MAX:
                self.problem(
                    field_id,
                    "ISSUE_LINE_TOO_LONG",
                    line=number,
                    length=len(line),
                    maximum=LINE_MAX,
                )
                continue
            found.append((number, line))
        if len(found) > MAX_LINES:
            self.problem(field_id, "ISSUE_TOO_MANY_LINES", count=len(found), maximum=MAX_LINES)
            return found[:MAX_LINES]
        return found

    def slug(self, field_id: str, value: str) -> str:
        """The folder name for `value`, or "" after saying why there is none."""
        if not value:
            return ""
        slug = slugify(value)
        if not is_valid_slug(slug):
            self.problem(field_id, "ISSUE_NO_SLUG", value=value)
            return ""
        address = addresses.reserved_address(slug, hand_written_roots(self.settings.root))
        if address is not None:
            self.problem(field_id, "ISSUE_SLUG_RESERVED", address=address)
            return ""
        return slug

    def put(self, data: dict[str, Any], key: str, field_id: str = "") -> None:
        value = self.text(field_id or key)
        if value:
            data[key] = value

    def photos(self, field_id: str, folder: str, stem: str, maximum: int) -> list[str]:
        """Download the photos of one answer into `folder` of `files` (with no folder, only
        check them); their file names, in order."""
        text = self.text(field_id)
        urls = find_urls(text)
        if not urls:
            # an empty required field is already reported by parse_answers
            if text and not self.has_problem(field_id):
                self.problem(field_id, "ISSUE_PHOTOS_NONE", maximum=maximum)
            return []
        if len(urls) > maximum:
            self.problem(field_id, "ISSUE_PHOTOS_TOO_MANY", count=len(urls), maximum=maximum)
            urls = urls[:maximum]
        names = []
        for index, url in enumerate(urls, start=1):
            download = self.downloader.fetch(url)
            self.submission.downloads.append(download)
            if download.kind is None or not download.is_ok:
                self.problem(field_id, download.refusal, index=index, value=url, **download.values)
                continue
            # named by the detected type and the position, never by a name from the issue
            name = f"{stem}-{index}" if maximum > 1 else stem
            name += download.kind.extension
            if folder:
                self.submission.files[f"{folder}/{name}"] = download.data
                names.append(name)
        return names

    def check_photos_elsewhere(self, photo_field: str) -> None:
        label = self.answers.form.label(photo_field)
        for form_field in self.answers.form.fields:
            if form_field.id in (photo_field, LOGO_STEM):
                continue
            if any(is_attachment_url(url) for url in find_urls(self.text(form_field.id))):
                self.problem(form_field.id, "ISSUE_PHOTO_ELSEWHERE", other=label)

    def write(self, path: str, data: dict[str, Any], schema: str) -> None:
        comments = [
            f"yaml-language-server: $schema={rules.SCHEMA_BASE}{schema}",
            f"Dibuat dari issue #{self.issue.number} oleh catalogue-gen from-issue.",
        ]
        text = render_yaml(data, comments)
        if not loads_back(text, data):
            self.problem("", "ISSUE_NOT_WRITTEN")
            return
        self.submission.files[path] = text.encode("utf-8")

    # Answers -> values ---------------------------------------------------------------------

    def prices(self, field_id: str) -> list[dict[str, Any]]:
        prices = []
        for number, line in self.lines(field_id):
            parsed = parse_price_line(line)
            if parsed is None:
                self.problem(field_id, "ISSUE_PRICE_LINE", line=number, value=line)
                continue
            variant, rupiah = parsed
            prices.append({"varian": variant, "rupiah": rupiah} if variant else {"rupiah": rupiah})
        return prices

    def licenses(self, field_id: str) -> list[dict[str, Any]]:
        entries = []
        for number, line in self.lines(field_id):
            kind = license_kind(line)
            if kind is not None:
                entries.append({"jenis": Plain(kind[0]), "nomor": kind[1]})
            elif licenses.parse_halal_number(line).error is None:
                other = self.answers.form.label("halal_nomor")
                self.problem(
                    field_id, "ISSUE_LICENSE_IS_HALAL", line=number, value=line, other=other
                )
            else:
                self.problem(field_id, "ISSUE_LICENSE_LINE", line=number, value=line)
        return entries

    def halal(self) -> dict[str, Any] | None:
        choice, number = self.text("halal"), self.text("halal_nomor")
        status = next((s for start, s in HALAL_CHOICES if choice.startswith(start)), None)
        if status == "bersertifikat" or (not choice and number):
            if not number:
                other = self.answers.form.label("halal_nomor")
                self.problem("halal", "ISSUE_HALAL_NUMBER_NEEDED", other=other)
                return None
            return {"nomor": number}
        if number:
            self.problem("halal_nomor", "ISSUE_HALAL_NUMBER_UNEXPECTED", value=choice)
        return {"status": Plain(status)} if status else None

    def text_list(self, field_id: str, commas: bool = False) -> list[str]:
        items: list[str] = []
        for _, line in self.lines(field_id):
            parts = line.split(",") if commas else [line]
            items.extend(part.strip() for part in parts if part.strip())
        return items

    def accounts(self) -> list[str]:
        # "@nama, nama-lain": GitHub shows logins with @, produsen.yml has them without
        words = re.split(r"[\s,;]+", self.text("akun_github"))
        found = [word.removeprefix("@") for word in words if word.removeprefix("@")]
        return found or [self.issue.author]

    # Existing catalogue --------------------------------------------------------------------

    def producer_names(self) -> dict[str, str]:
        """Each existing producer's `nama` (case and spacing ignored) -> its slug."""
        names: dict[str, str] = {}
        products = self.settings.products_dir
        for folder in sorted(products.iterdir()) if _is_real_dir(products) else []:
            path = folder / PRODUCER_FILE
            if is_hidden(folder.name) or not is_valid_slug(folder.name):
                continue
            if not _is_real_dir(folder) or not _is_real_file(path):
                continue
            raw = load_yaml(self.settings.root, path, [])
            for key, value in raw.root.value if raw.root is not None else []:
                if getattr(key, "value", None) == "nama" and isinstance(value.value, str):
                    names.setdefault(_same_name(value.value), folder.name)
        return names

    def rel(self, *parts: str) -> str:
        products = self.settings.products_dir.relative_to(self.settings.root).as_posix()
        return "/".join((products, *parts))


def _same_name(name: str) -> str:
    return " ".join(name.casefold().split())


def _is_real_dir(path: Path) -> bool:
    # lstat: a symlink in products/ is refused by load.py, and never followed here either
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_real_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


# The three forms -------------------------------------------------------------------------------


def _new_product(build: _Builder) -> None:
    submission = build.submission
    producer_name = build.text("produsen")
    products_dir = build.settings.products_dir
    # a producer is known by the name it shows, whatever its folder is called
    # ("Kelompok Tani Contoh" in kelompok-contoh/), else by the folder its name makes
    known = build.producer_names().get(_same_name(producer_name)) if producer_name else None
    producer = known or build.slug("produsen", producer_name)
    is_existing = bool(producer) and _is_real_file(products_dir / producer / PRODUCER_FILE)
    product = build.slug("nama", build.text("nama"))
    submission.producer, submission.product, submission.is_change = producer, product, is_existing
    if producer and product and _is_real_dir(products_dir / producer / product):
        build.problem("nama", "ISSUE_PRODUCT_EXISTS", producer=producer, product=product)
        return
    build.check_photos_elsewhere("foto")
    folder = build.rel(producer, product) if producer and product else ""
    data: dict[str, Any] = {}
    build.put(data, "nama")
    if build.text("kategori"):
        data["kategori"] = Plain(build.text("kategori"))
    build.put(data, "ringkasan")
    build.put(data, "deskripsi")
    photos = build.photos("foto", folder, PHOTO_STEM, rules.MAX_PHOTOS)
    if photos:
        data["foto"] = photos
    if prices := build.prices("harga"):
        data["harga"] = prices
    build.put(data, "isi_bersih")
    # the site's form writes them on one line with commas, as the label prints them
    if ingredients := build.text_list("komposisi", commas=True):
        data["komposisi"] = ingredients
    if entries := build.licenses("izin"):
        data["izin"] = entries
    if (halal := build.halal()) is not None:
        data["halal"] = halal
    if keywords := build.text_list("kata_kunci", commas=True):
        data["kata_kunci"] = keywords
    if build.text("tersedia") in AVAILABILITY:
        data["tersedia"] = AVAILABILITY[build.text("tersedia")]
    if not (producer and product):
        return
    build.write(f"{folder}/{PRODUCT_FILE}", data, "produk.schema.json")
    if not is_existing:
        producer_data: dict[str, Any] = {"nama": producer_name}
        if build.text("kabupaten"):
            producer_data["kabupaten"] = Plain(build.text("kabupaten"))
        if build.text("whatsapp"):
            producer_data["kontak"] = {"whatsapp": build.text("whatsapp")}
        producer_data["akun_github"] = build.accounts()
        build.write(build.rel(producer, PRODUCER_FILE), producer_data, "produsen.schema.json")


def _new_producer(build: _Builder) -> None:
    submission = build.submission
    producer = build.slug("nama", build.text("nama"))
    submission.producer = producer
    if producer and _is_real_dir(build.settings.products_dir / producer):
        build.problem("nama", "ISSUE_PRODUCER_EXISTS", producer=producer)
        return
    known = build.producer_names().get(_same_name(build.text("nama")))
    if known:
        build.problem("nama", "ISSUE_PRODUCER_EXISTS", producer=known)
        return
    build.check_photos_elsewhere("logo")
    data: dict[str, Any] = {}
    build.put(data, "nama")
    if build.text("kabupaten"):
        data["kabupaten"] = Plain(build.text("kabupaten"))
    build.put(data, "alamat")
    contact: dict[str, Any] = {}
    for key in rules.CONTACT_KEYS:
        build.put(contact, key)
    if contact:
        data["kontak"] = contact
    build.put(data, "nib")
    build.put(data, "tentang")
    folder = build.rel(producer) if producer else ""
    logos = build.photos("logo", folder, LOGO_STEM, 1)
    if logos:
        data["logo"] = logos[0]
    data["akun_github"] = build.accounts()
    if producer:
        build.write(f"{folder}/{PRODUCER_FILE}", data, "produsen.schema.json")


def _price_change(build: _Builder) -> None:
    submission = build.submission
    address = build.text("alamat_produk")
    slugs = parse_product_address(address) if address else None
    if slugs is None:
        if address:
            build.problem(
                "alamat_produk", "ISSUE_ADDRESS_BAD", value=address, example=ADDRESS_EXAMPLE
            )
        return
    producer, product = slugs
    submission.producer, submission.product, submission.is_change = producer, product, True
    products_dir = build.settings.products_dir
    path = products_dir / producer / product / PRODUCT_FILE
    if not (
        _is_real_dir(products_dir / producer)
        and _is_real_dir(products_dir / producer / product)
        and _is_real_file(path)
    ):
        build.problem("alamat_produk", "ISSUE_PRODUCT_MISSING", producer=producer, product=product)
        return
    found: list[Problem] = []
    raw = load_yaml(build.settings.root, path, found)
    errors = [p for p in found if p.is_error]
    if raw.root is None or errors:
        detail = errors[0].message if errors else "?"
        build.problem("alamat_produk", "ISSUE_PRODUCT_UNREADABLE", detail=detail)
        return
    values: dict[str, Any] = {}
    if build.text("harga"):
        values["harga"] = build.prices("harga")
    if build.text("tersedia") in AVAILABILITY:
        values["tersedia"] = AVAILABILITY[build.text("tersedia")]
    if not values:
        return
    text = replace_keys(raw, values)
    if text is None:
        build.problem("", "ISSUE_NOT_WRITTEN")
        return
    if text == "\n".join(raw.lines):
        build.problem("", "ISSUE_NOTHING_CHANGED")
        return
    submission.files[build.rel(producer, product, PRODUCT_FILE)] = _as_written(text, path)


def _as_written(text: str, path: Path) -> bytes:
    """`text` with the line ends and byte-order mark of the file at `path` (load.py reads
    both away), so that a diff of the edit shows only the keys that changed."""
    try:
        with path.open("rb") as handle:
            original = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        original = b""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if original.startswith(b"\xef\xbb\xbf") else data


BUILDERS: dict[str, Callable[[_Builder], None]] = {
    NEW_PRODUCT: _new_product,
    PRICE_CHANGE: _price_change,
    NEW_PRODUCER: _new_producer,
}


# Disk ------------------------------------------------------------------------------------------


def write_files(submission: Submission, root: Path) -> list[Path]:
    """Write the submission's files under `root`; refuses any path that would leave it."""
    written = []
    base = root.resolve()
    for rel, data in sorted(submission.files.items()):
        target = (base / rel).resolve()
        if not target.is_relative_to(base) or ".." in rel.split("/") or rel.startswith("/"):
            raise ValueError(f"refusing to write outside {base}: {rel!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written

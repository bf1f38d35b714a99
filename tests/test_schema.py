"""The JSON Schemas for editors agree with validate.py: every real file passes, typical mistakes do not."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from catalogue_gen import categories, licenses, owners, regencies, scaffold
from catalogue_gen.cli import main
from catalogue_gen.settings import Settings
from catalogue_gen.validate import normalise_phone

from .conftest import FIXTURE_CATALOGUE, PRODUCER_YML, PRODUCT_YML, REPO

SCHEMA_DIR = REPO / "catalogue_gen" / "schema"
SCHEMAS = {
    name: json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    for name in ("produsen", "produk")
}
DATA_FILES = sorted(
    [
        *(REPO / "products").glob("*/produsen.yml"),
        *(REPO / "products").glob("*/*/produk.yml"),
        *FIXTURE_CATALOGUE.glob("*/produsen.yml"),
        *FIXTURE_CATALOGUE.glob("*/*/produk.yml"),
    ]
)


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server sees it: dates stay text (JSON has no date type)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)


def errors(kind: str, document: Any) -> list[str]:
    validator = Draft202012Validator(
        SCHEMAS[kind], format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def test_schemas_are_valid_draft_2020_12() -> None:
    for schema in SCHEMAS.values():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_scaffolds_point_at_the_published_schemas() -> None:
    for name, schema in SCHEMAS.items():
        assert schema["$id"] == f"{scaffold.SCHEMA_BASE}{name}.schema.json"
    for template in (REPO / "catalogue_gen/templates/scaffold").glob("*.j2"):
        assert template.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema={{ schema }}"
        )
    # the browser form writes the same line into the files it makes
    assert f'var SCHEMA = "{scaffold.SCHEMA_BASE}";' in (REPO / "docs/assets/form.js").read_text(
        encoding="utf-8"
    )


def test_enums_match_the_code() -> None:
    produk = SCHEMAS["produk"]["properties"]
    assert produk["kategori"]["enum"] == [c.slug for c in categories.CATEGORIES]
    assert produk["izin"]["items"]["properties"]["jenis"]["enum"] == list(licenses.LICENSE_TYPES)
    assert SCHEMAS["produsen"]["properties"]["kabupaten"]["enum"] == [
        r.slug for r in regencies.REGENCIES
    ]
    assert len(SCHEMAS["produsen"]["properties"]["kabupaten"]["enum"]) == 22


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_real_file_is_valid(path: Path) -> None:
    kind = "produsen" if path.name == "produsen.yml" else "produk"
    assert errors(kind, load(path.read_text(encoding="utf-8"))) == []


def test_there_are_real_files_to_check() -> None:
    assert any(FIXTURE_CATALOGUE in p.parents for p in DATA_FILES)


def test_conftest_samples_and_scaffolds_are_valid(make_catalogue: Callable[..., Settings]) -> None:
    assert errors("produsen", load(PRODUCER_YML)) == []
    assert errors("produk", load(PRODUCT_YML)) == []
    settings = make_catalogue(base=False)
    runner = CliRunner()
    root = str(settings.root)
    result = runner.invoke(
        main,
        [
            "new",
            "produsen",
            "--root",
            root,
            "--slug",
            "usaha-baru",
            "--nama",
            "Usaha Baru",
            "--kabupaten",
            "sikka",
            "--whatsapp",
            "0812 3456 7890",
        ],
    )
    assert result.exit_code == 0, result.output
    for category in ("minuman", "air-minum-kemasan", "kosmetik", "tenun"):
        result = runner.invoke(
            main,
            [
                "new",
                "produk",
                "--root",
                root,
                "--produsen",
                "usaha-baru",
                "--slug",
                f"produk-{category}",
                "--nama",
                "Produk Baru",
                "--kategori",
                category,
            ],
        )
        assert result.exit_code == 0, result.output
    for path in settings.products_dir.rglob("*.yml"):
        kind = "produsen" if path.name == "produsen.yml" else "produk"
        assert errors(kind, load(path.read_text(encoding="utf-8"))) == [], path


INVALID_PRODUCTS = [
    ("unknown key", PRODUCT_YML.replace("nama:", "name:"), "Additional properties"),
    ("unknown category", PRODUCT_YML.replace("pangan-olahan", "makanan"), "is not one of"),
    # `75.000` loads as the whole number 75, which the schema cannot tell from a real Rp75:
    # only the validator sees the dot (PRICE_DOTTED); `75.500` is no whole number for either.
    ("dotted price", PRODUCT_YML.replace("rupiah: 75000", "rupiah: 75.500"), "rupiah"),
    (
        "unquoted license number",
        PRODUCT_YML.replace('"2065302010052-29"', "2065302010052"),
        "is not of type 'string'",
    ),
    ("unknown license type", PRODUCT_YML.replace("jenis: pirt", "jenis: spp-irt"), "is not one of"),
    (
        "no photo",
        PRODUCT_YML.replace("  - berkas: depan.jpg\n    keterangan: Botol madu\n", "").replace(
            "foto:\n", "foto: []\n"
        ),
        "should be non-empty",
    ),
    (
        "photo outside the folder",
        PRODUCT_YML.replace("berkas: depan.jpg", "berkas: ../lain/depan.jpg"),
        "foto",
    ),
    ("photo as pdf", PRODUCT_YML.replace("berkas: depan.jpg", "berkas: depan.pdf"), "foto"),
    (
        "halal number and in process",
        PRODUCT_YML.replace(
            'nomor: "ID53110012345670825"', 'nomor: "ID53110012345670825"\n  status: dalam-proses'
        ),
        "halal",
    ),
    (
        "halal without anything",
        PRODUCT_YML.replace('  nomor: "ID53110012345670825"', "  alasan: belum"),
        "halal",
    ),
    (
        "link over http",
        PRODUCT_YML + "tautan:\n  shopee: http://shopee.co.id/x\n",
        "does not match",
    ),
    (
        "summary too long",
        PRODUCT_YML.replace(
            "ringkasan: Madu hutan murni dari Fatumnasi.", "ringkasan: " + "x" * 161
        ),
        "is too long",
    ),
    ("date not a date", PRODUCT_YML + "diperbarui: 15-10-2026\n", "does not match"),
    ("available as text", PRODUCT_YML + "tersedia: ya\n", "is not of type 'boolean'"),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), INVALID_PRODUCTS, ids=[c[0] for c in INVALID_PRODUCTS]
)
def test_typical_product_mistakes_are_rejected(case: str, text: str, expected: str) -> None:
    found = errors("produk", load(text))
    assert found, case
    assert any(expected in line for line in found), found


INVALID_PRODUCERS = [
    ("unknown regency", PRODUCER_YML.replace("timor-tengah-selatan", "tts"), "is not one of"),
    (
        "no contact",
        PRODUCER_YML.replace('kontak:\n  whatsapp: "0812-3456-7890"\n', "kontak: {}\n"),
        "should be non-empty",
    ),
    (
        "unquoted phone",
        PRODUCER_YML.replace('"0812-3456-7890"', "6281234567890"),
        "is not of type 'string'",
    ),
    (
        "landline on whatsapp",
        PRODUCER_YML.replace('"0812-3456-7890"', '"0380-821234"'),
        "does not match",
    ),
    ("short nib", PRODUCER_YML + 'nib: "12345"\n', "does not match"),
    ("website over http", PRODUCER_YML + "  situs: http://contoh.id\n", "does not match"),
    ("github account with @", PRODUCER_YML + 'akun_github: ["@madu"]\n', "does not match"),
    ("github account as text", PRODUCER_YML + "akun_github: madu\n", "is not of type 'array'"),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), INVALID_PRODUCERS, ids=[c[0] for c in INVALID_PRODUCERS]
)
def test_typical_producer_mistakes_are_rejected(case: str, text: str, expected: str) -> None:
    found = errors("produsen", load(text))
    assert any(expected in line for line in found), (case, found)


@pytest.mark.parametrize(
    "number",
    [
        "0812-3456-7890",
        "+62 812-3456-7890",
        "6281234567890",
        "0812 3456 789",
        "(0812) 3456-7890",
        "+62 (812) 345 6789",
        "0380-821234",
        "0812-345",
        "62812345678901234",
        "+1 415 555 0100",
        "08a2-3456-7890",
        "081-2345-6789-0123",
    ],
)
def test_whatsapp_pattern_agrees_with_the_validator(number: str) -> None:
    mobile = normalise_phone(number)
    accepted_by_validator = mobile is not None and mobile.startswith("628")
    document = load(PRODUCER_YML.replace('"0812-3456-7890"', json.dumps(number)))
    assert (errors("produsen", document) == []) == accepted_by_validator


@pytest.mark.parametrize(
    "account",
    [
        "madu",
        "Madu-Fatumnasi",
        "a",
        "a" * 39,
        "a" * 40,
        "-madu",
        "madu-",
        "madu--x",
        "madu_x",
        "@madu",
        "mädu",
        "madu x",
    ],
)
def test_github_account_pattern_agrees_with_the_validator(account: str) -> None:
    document = load(PRODUCER_YML + f"akun_github: [{json.dumps(account)}]\n")
    assert (errors("produsen", document) == []) == owners.is_valid_login(account)


def test_schema_command_writes_and_prints(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["schema", "--output", str(tmp_path / "schema")])
    assert result.exit_code == 0, result.output
    for name in ("produsen", "produk"):
        written = tmp_path / "schema" / f"{name}.schema.json"
        assert written.read_bytes() == (SCHEMA_DIR / f"{name}.schema.json").read_bytes()
    printed = json.loads(runner.invoke(main, ["schema"]).output)
    assert printed == {f"{name}.schema.json": schema for name, schema in sorted(SCHEMAS.items())}


def test_scaffold_writes_the_github_account(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(base=False)
    result = CliRunner().invoke(
        main,
        [
            "new",
            "produsen",
            "--root",
            str(settings.root),
            "--slug",
            "usaha-baru",
            "--nama",
            "Usaha Baru",
            "--kabupaten",
            "sikka",
            "--whatsapp",
            "0812 3456 7890",
            "--akun-github",
            "usaha-baru-sikka",
        ],
    )
    assert result.exit_code == 0, result.output
    text = (settings.products_dir / "usaha-baru/produsen.yml").read_text(encoding="utf-8")
    assert "\nakun_github: [usaha-baru-sikka]\n" in text
    assert errors("produsen", load(text)) == []

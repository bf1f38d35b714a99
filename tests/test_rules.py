"""The rule book (catalogue_gen/rules.py): its generated files are committed as generated, and
the JSON Schema an editor checks with agrees with validate.py on every file of the bad-input
corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from catalogue_gen import rules
from catalogue_gen.cli import main
from catalogue_gen.load import iter_tree
from catalogue_gen.problems import Level, Problem
from catalogue_gen.settings import Settings
from catalogue_gen.validate import validate_catalogue

from .conftest import REPO
from .corpus import CASES, Case


def test_committed_rule_files_are_what_the_rule_book_generates() -> None:
    for path, text in rules.generated_files(REPO).items():
        committed = (REPO / path).read_text(encoding="utf-8")
        assert committed == text, f"{path} is stale: run `catalogue-gen schema --write`"


def test_schema_check_command_finds_a_stale_file(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "docs/panduan").mkdir(parents=True)
    (tmp_path / rules.GUIDE_PAGE).write_text(
        "# Izin\n\n<!-- buku-aturan: kategori -->\nlama\n<!-- /buku-aturan -->\n", encoding="utf-8"
    )
    assert runner.invoke(main, ["schema", "--write", "--root", str(tmp_path)]).exit_code == 0
    assert (
        "| `air-minum-kemasan` (Air minum kemasan) | `bpom-md` atau `bpom-ml` **dan** `sni` (P-IRT tidak boleh)"
        in (tmp_path / rules.GUIDE_PAGE).read_text(encoding="utf-8")
    )
    done = runner.invoke(main, ["schema", "--check", "--root", str(tmp_path)])
    assert done.exit_code == 0, done.output
    stale = tmp_path / "catalogue_gen/schema/produk.schema.json"
    stale.write_text(
        stale.read_text(encoding="utf-8").replace('"maxItems": 8', '"maxItems": 9'),
        encoding="utf-8",
    )
    done = runner.invoke(main, ["schema", "--check", "--root", str(tmp_path)])
    assert done.exit_code == 1
    assert "catalogue_gen/schema/produk.schema.json" in done.output


def test_form_rules_name_every_license_kind_and_category() -> None:
    text = rules.generated_files()["docs/assets/aturan-form.js"]
    data = json.loads(text.removeprefix(rules.FORM_RULES_PREFIX).removesuffix(";\n"))
    assert set(data["licenses"]) == set(rules.licenses.LICENSE_TYPES)
    assert set(data["categories"]) == {c.slug for c in rules.categories.CATEGORIES}
    assert data["limits"]["rupiah"] == list(rules.PRICE_RANGE)
    # the page loads the rules before the form
    page = (REPO / "docs/buat/index.md").read_text(encoding="utf-8")
    assert page.index("aturan-form.js") < page.index('form.js"')


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: YAML 1.2 core schema (yaml-language-server's
    default), so `NO` and `on` stay text, `1:20` and `012345` are not numbers, dates are text."""


_CORE_RESOLVERS = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
)
EditorLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", *(t for t, _, _ in _CORE_RESOLVERS))
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _first in _CORE_RESOLVERS:
    EditorLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


SCHEMAS = {
    "produsen.yml": json.loads(
        rules.generated_files()["catalogue_gen/schema/produsen.schema.json"]
    ),
    "produk.yml": json.loads(rules.generated_files()["catalogue_gen/schema/produk.schema.json"]),
}


def schema_errors(path: Path) -> list[str] | None:
    """What an editor with the schema says of the file; None when it cannot read it as YAML."""
    try:
        document = yaml.load(path.read_bytes().decode("utf-8"), Loader=EditorLoader)
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    validator = Draft202012Validator(
        SCHEMAS[path.name], format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def validator_errors(settings: Settings) -> dict[str, list[Problem]]:
    """galat of load and validate (not of the photo stage) by file."""
    problems: list[Problem] = []
    folders = iter_tree(settings.root, settings.products_dir, problems)
    _, found, _ = validate_catalogue(folders, settings.build_date)
    by_file: dict[str, list[Problem]] = {}
    for problem in [*problems, *found]:
        if problem.level is Level.ERROR:
            by_file.setdefault(problem.path, []).append(problem)
    return by_file


def verdicts(
    case: Case, make_catalogue: Callable[..., Settings]
) -> list[tuple[str, list[Problem], list[str] | None]]:
    settings = make_catalogue(case.files())
    errors = validator_errors(settings)
    found = []
    for path in sorted(
        [
            *settings.products_dir.glob("*/produsen.yml"),
            *settings.products_dir.glob("*/*/produk.yml"),
        ]
    ):
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 1_000_000:
            continue
        rel = path.relative_to(settings.root).as_posix()
        found.append((rel, errors.get(rel, []), schema_errors(path)))
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_schema_and_validator_agree_on_the_corpus(
    case: Case, make_catalogue: Callable[..., Settings]
) -> None:
    for rel, galat, schema in verdicts(case, make_catalogue):
        if schema is None:
            # an editor cannot read the file either; validate.py must say why
            assert galat, f"{rel}: unreadable YAML but no galat"
            continue
        if not galat:
            assert schema == [], f"{rel}: the validator accepts, the schema refuses: {schema}"
            continue
        in_schema = [p.code for p in galat if p.code not in rules.BEYOND_SCHEMA]
        if in_schema:
            assert schema, f"{rel}: the validator refuses ({in_schema}), the schema accepts"


def test_beyond_schema_names_real_codes() -> None:
    from catalogue_gen import messages

    unknown = [
        code for code in rules.BEYOND_SCHEMA if not isinstance(getattr(messages, code, None), str)
    ]
    assert unknown == []


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("100", True),
        ("75000", True),
        ("75 000", True),
        ("1000000000", True),
        ("1 000 000 000", True),
        ("99", True),
        ("1", True),
        ("0", False),
        ("0100", False),
        ("1000000001", False),
        ("5000000000", False),
        ("-500", False),
        ("75.000", False),
    ],
)
def test_price_text_pattern_is_the_validator_range(text: str, valid: bool) -> None:
    schema: dict[str, Any] = SCHEMAS["produk.yml"]["properties"]["harga"]["items"]["properties"][
        "rupiah"
    ]
    assert Draft202012Validator(schema).is_valid(text) is valid
    number = int(text.replace(" ", "")) if text.replace(" ", "").lstrip("-").isdigit() else None
    low, high = rules.PRICE_RANGE
    assert (number is not None and low <= number <= high and not text.startswith("0")) is valid

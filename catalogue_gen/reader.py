"""Stage 2, reading: values out of one file's YAML node tree, each problem at its line and column.

The Reader is what produsen.yml (producers.py), produk.yml (validate.py) and its licences
and halal entry (compliance.py) share: keys checked against the allowed ones ("did you
mean"), required keys, and each kind of value a product file holds (text, names, numbers
written as identifiers, web addresses, dates, photo file names). A value that fails is
reported and read as None, so that the caller goes on and the producer sees every problem.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, TypeAlias
from urllib.parse import urlsplit

import yaml

from catalogue_gen import characters, contacts, messages, rules
from catalogue_gen.load import PHOTO_EXTENSIONS, RawFile
from catalogue_gen.model import Photo
from catalogue_gen.problems import Level, Problem, problem

# English and common Indonesian slips that difflib cannot guess from spelling alone.
KEY_HINTS = {
    "name": "nama",
    "category": "kategori",
    "summary": "ringkasan",
    "description": "deskripsi",
    "photo": "foto",
    "photos": "foto",
    "gambar": "foto",
    "price": "harga",
    "prices": "harga",
    "komposis": "komposisi",
    "bahan": "komposisi",
    "ingredients": "komposisi",
    "license": "izin",
    "licenses": "izin",
    "ijin": "izin",
    "keywords": "kata_kunci",
    "available": "tersedia",
    "stok": "tersedia",
    "regency": "kabupaten",
    "kab": "kabupaten",
    "contact": "kontak",
    "wa": "whatsapp",
    "hp": "whatsapp",
    "phone": "telepon",
    "website": "situs",
    "web": "situs",
    "about": "tentang",
    "address": "alamat",
    "netto": "isi_bersih",
    "berat": "isi_bersih",
    "berkas_foto": "berkas",
    "file": "berkas",
    "alt": "keterangan",
    "caption": "keterangan",
}
NAME_LIMITS = rules.NAME_LIMITS
IDENTIFIER_LOOKS_NUMERIC = re.compile(r"^[+\d][\d\s.\-:_]*$")
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"


class Entry(NamedTuple):
    """One `key: value` of a mapping, as the nodes YAML made of each side."""

    key_node: yaml.Node
    """Where a problem about the key itself is reported (its value is missing or empty)."""
    value_node: yaml.Node


Fields: TypeAlias = dict[str, Entry]
"""The allowed keys of one mapping, as written, each with its Entry (see Reader.mapping)."""


@dataclass
class Reader:
    """Reads values out of one file's node tree, reporting problems at their line and column."""

    file: RawFile
    problems: list[Problem]
    # Counted as they are added: scanning the shared list per check made validation quadratic
    # in the number of problems (5,000 products with one warning each: 14 s).
    errors_added: int = 0

    def error(self, node: yaml.Node | None, key: str, template: str, **values: object) -> None:
        """Record a `galat` at `node` (or the file when None)."""
        self._add(Level.ERROR, node, key, template, values)

    def warn(self, node: yaml.Node | None, key: str, template: str, **values: object) -> None:
        """Record a `peringatan` at `node`."""
        self._add(Level.WARNING, node, key, template, values)

    def _add(
        self,
        level: Level,
        node: yaml.Node | None,
        key: str,
        template: str,
        values: dict[str, object],
    ) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (0, 0)
        self.problems.append(problem(self.file.path, line, column, level, key, template, **values))
        if level is Level.ERROR:
            self.errors_added += 1

    @property
    def error_count(self) -> int:
        """How many errors this reader has reported so far; used to tell whether an object is valid."""
        return self.errors_added

    # Structure -----------------------------------------------------------------------------

    def mapping(self, node: yaml.MappingNode, prefix: str, allowed: tuple[str, ...]) -> Fields:
        """The allowed keys of a mapping, the first of each when one is written twice (load.py
        reports the second); unknown keys are reported with a suggestion."""
        result: Fields = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, prefix, "KEY_BAD_KEY")
                continue
            name: str = key_node.value
            if name not in allowed:
                self.error(
                    key_node,
                    join_key(prefix, name),
                    "UNKNOWN_KEY",
                    suggestion=_suggest_key(name, allowed),
                )
                continue
            result.setdefault(name, Entry(key_node, value_node))
        return result

    def require(
        self, fields: Fields, parent: yaml.Node, prefix: str, name: str, hint: str = ""
    ) -> yaml.Node | None:
        """The value node of a required key, or None after reporting it missing or empty."""
        if not is_absent(fields, name):
            return fields[name].value_node
        where = fields[name].key_node if name in fields else parent
        self.error(where, join_key(prefix, name), "MISSING_KEY", hint=hint)
        return None

    def seq(self, node: yaml.Node, key: str, hint: str = "") -> list[yaml.Node] | None:
        """Items of a list, or None after reporting that the value is not a list."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.error(node, key, "KEY_NOT_LIST", hint=hint)
        return None

    def map_node(self, node: yaml.Node, key: str, hint: str = "") -> yaml.MappingNode | None:
        """The node as a mapping, or None after reporting it."""
        if isinstance(node, yaml.MappingNode):
            return node
        self.error(node, key, "KEY_NOT_MAPPING", hint=hint)
        return None

    # Values --------------------------------------------------------------------------------

    def text(
        self,
        node: yaml.Node,
        key: str,
        minimum: int = 0,
        maximum: int = 10_000,
        one_line: bool = True,
    ) -> str | None:
        """A scalar as text exactly as written (never a YAML number or boolean), checked."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, key, "KEY_NOT_TEXT")
            return None
        written: str = node.value
        value = written.strip() if one_line else written.strip("\n ")
        self._check_comment_cut(node, key)
        ok = self._check_characters(node, key, value, one_line)
        if one_line and "\n" in value:
            self.error(node, key, "TEXT_ONE_LINE")
            ok = False
        if len(value) < minimum:
            self.error(node, key, "TEXT_TOO_SHORT", length=len(value), minimum=minimum)
            ok = False
        elif len(value) > maximum:
            self.error(node, key, "TEXT_TOO_LONG", length=len(value), maximum=maximum)
            ok = False
        return value if ok else None

    def optional_text(
        self, fields: Fields, key: str, maximum: int, prefix: str = "", one_line: bool = True
    ) -> str | None:
        """The text of a key that may be left out; None when it is, or after reporting it."""
        if is_absent(fields, key):
            return None
        return self.text(fields[key].value_node, join_key(prefix, key), 0, maximum, one_line)

    def _check_characters(self, node: yaml.Node, key: str, value: str, one_line: bool) -> bool:
        # controls, bidi and format characters, blank look-alikes of spaces (characters.py says which)
        found = characters.hidden_character(value, one_line)
        if found is None:
            return True
        template, char = found
        self.error(
            node,
            key,
            template,
            codepoint=f"{ord(char):04X}",
            char_name=characters.character_name(char),
        )
        return False

    def _check_comment_cut(self, node: yaml.ScalarNode, key: str) -> None:
        # `nama: Kopi #1 Flores` loads as "Kopi": warn so the producer adds quotes.
        if not is_plain(node) or not self.file.lines:
            return
        end = node.end_mark
        if end.line >= len(self.file.lines):
            return
        rest = self.file.lines[end.line][end.column :]
        if re.match(r"\s+#", rest):
            self.warn(node, key, "COMMENT_CUT", value=node.value)

    def name(self, node: yaml.Node, key: str) -> str | None:
        """A name (producer, product, shop): text that shows letters, in one family of scripts."""
        value = self.text(node, key, *NAME_LIMITS)
        if value is None:
            return None
        if not characters.has_letter_or_digit(value):
            self.error(node, key, "TEXT_NO_LETTERS", value=value)
            return None
        scripts = characters.lookalike_scripts(value)
        if scripts:
            self.error(
                node,
                key,
                "NAME_MIXED_SCRIPT",
                value=value,
                scripts=characters.script_names(scripts),
            )
            return None
        return value

    def identifier(self, node: yaml.Node, key: str) -> str | None:
        """License numbers, NIB, phone numbers: must be quoted when they are only digits."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, key, "KEY_NOT_TEXT")
            return None
        if is_plain(node) and (
            node.tag in (INT_TAG, FLOAT_TAG) or IDENTIFIER_LOOKS_NUMERIC.match(node.value)
        ):
            self.error(
                node,
                key,
                "NUMBER_NOT_QUOTED",
                value=node.value,
                raw=node.value,
                key_last=key.rsplit(".", 1)[-1].split("[")[0],
            )
            return None
        return self.text(node, key, 1, rules.NUMBER_MAX)

    def url(self, node: yaml.Node, key: str) -> str | None:
        """An `https://` address with a host; `javascript:` and `data:` are refused by name."""
        value = self.text(node, key, 1, rules.URL_MAX)
        if value is None:
            return None
        compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
        if compact.startswith(("javascript:", "data:", "vbscript:", "file:")):
            self.error(node, key, "URL_SCRIPT", value=value)
            return None
        # Browsers read `\` as `/` and everything before an `@` as a user name, and decode `%`:
        # `https://evil.com\.shopee.co.id/` opens evil.com while Python's parser sees Shopee.
        authority = re.split(r"[/?#]", value.split("://", 1)[-1], maxsplit=1)[0]
        odd = next(
            (c for c in ("\\", "@", "%") if c in authority or (c == "\\" and c in value)), None
        )
        if odd is not None:
            self.error(node, key, "URL_AUTHORITY_BAD", value=value, char=odd)
            return None
        try:
            parts = urlsplit(value)
            valid = (
                parts.scheme == "https"
                and "." in (parts.hostname or "")
                and not parts.username
                and " " not in value
                and '"' not in value
            )
        except ValueError:
            valid = False
        if not valid:
            self.error(node, key, "URL_NOT_HTTPS", value=value)
            return None
        finding = contacts.check_host(parts.hostname or "")
        if finding is not None:
            self.error(node, key, finding.template, value=value, **finding.values)
            return None
        return value

    def iso_date(self, node: yaml.Node, key: str) -> date | None:
        """A `YYYY-MM-DD` date, or None after reporting DATE_EXPECTED."""
        raw = self.text(node, key, 1, 40)
        if raw is None:
            return None
        try:
            value = date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
        except ValueError:
            value = None
        if value is None:
            self.error(node, key, "DATE_EXPECTED", value=raw)
        return value

    def photo(
        self, node: yaml.Node, key: str, files: list[str], folder_path: str, alt: str
    ) -> Photo | None:
        """A photo (or logo) named by a bare file name that is among `files` of its folder."""
        value = self.text(node, key, 1, 200)
        if value is None:
            return None
        if "/" in value or "\\" in value or value.startswith(".") or ".." in value or ":" in value:
            self.error(node, key, "PHOTO_BAD_NAME", value=value)
            return None
        if not value.lower().endswith(PHOTO_EXTENSIONS):
            self.error(node, key, "PHOTO_BAD_EXTENSION", value=value)
            return None
        if value not in files:
            same_case = [f for f in files if f.lower() == value.lower()]
            close = same_case or difflib.get_close_matches(value, files, n=1, cutoff=0.7)
            suggestion = messages.PHOTO_CASE.format(suggestion=f'"{close[0]}"') if close else ""
            self.error(node, key, "PHOTO_MISSING", file_name=value, suggestion=suggestion)
            return None
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        return Photo(value, f"{folder_path}/{value}", alt, line=line, column=column, key=key)


def is_plain(node: yaml.ScalarNode) -> bool:
    """An unquoted scalar. libyaml marks it with style "", the pure-Python parser with None."""
    return not node.style


def is_null(node: yaml.Node) -> bool:
    """`key:`, `key: ~` and `key: ""`: all mean "not filled in"."""
    return isinstance(node, yaml.ScalarNode) and (
        node.value.strip() == "" or (is_plain(node) and node.tag == NULL_TAG)
    )


def is_absent(fields: Fields, key: str) -> bool:
    """True when `key` is not written, or written without a value (see is_null)."""
    return key not in fields or is_null(fields[key].value_node)


def join_key(prefix: str, name: str) -> str:
    """The dotted key that messages show: `harga[0]` + `rupiah` -> `harga[0].rupiah`."""
    return f"{prefix}.{name}" if prefix else name


def _suggest_key(name: str, allowed: tuple[str, ...]) -> str:
    lowered = name.strip().lower()
    hint = KEY_HINTS.get(lowered)
    if hint not in allowed:
        hint = None
    close = difflib.get_close_matches(lowered, allowed, n=1, cutoff=0.6)
    choice = hint or (close[0] if close else None)
    if choice:
        return messages.UNKNOWN_KEY_SUGGESTION.format(suggestion=choice)
    return messages.UNKNOWN_KEY_ALLOWED.format(allowed=", ".join(allowed))


def suggest_value(value: str, allowed: list[str]) -> str:
    """`; maksud Anda pangan-olahan?` for the allowed value closest to `value`, or ""."""
    close = difflib.get_close_matches(value.lower().replace(" ", "-"), allowed, n=1, cutoff=0.6)
    return messages.SUGGESTION.format(suggestion=close[0]) if close else ""

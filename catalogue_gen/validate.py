"""Stage 2: loaded folders (RawFile node trees) -> a Catalogue of valid products, plus Problems.

Every rule of shared/spec/product-files.md lives here or in licenses.py. Each check reports
at the line and column of the offending value, and checking goes on after a problem so that
a producer sees all of them in one run. A product with any `galat` is left out of the
Catalogue, and the pipeline then refuses to build: nothing is ever dropped silently.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import yaml

from catalogue_gen import (
    categories,
    characters,
    contacts,
    licenses,
    messages,
    owners,
    regencies,
    rules,
)
from catalogue_gen.contacts import normalise_phone  # noqa: F401 - re-exported for scaffold and the tests
from catalogue_gen.load import PHOTO_EXTENSIONS, ProducerFolder, ProductFolder, RawFile
from catalogue_gen.model import (
    Catalogue,
    Contact,
    Halal,
    HalalStatus,
    License,
    Link,
    Photo,
    PlaceToBuy,
    Price,
    Producer,
    Product,
)
from catalogue_gen.problems import Level, Problem, problem

# Keys and limits come from the rule book, which also writes the editor schemas and the form's rules.
PRODUCER_KEYS = rules.PRODUCER_KEYS
CONTACT_KEYS = rules.CONTACT_KEYS
PRODUCT_KEYS = rules.PRODUCT_KEYS
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
SUMMARY_MAX = rules.SUMMARY_LIMITS[1]
DESCRIPTION_MAX = rules.DESCRIPTION_LIMITS[1]
ABOUT_MAX = rules.ABOUT_MAX
ADDRESS_MAX = rules.ADDRESS_MAX
MAX_PHOTOS = rules.MAX_PHOTOS
MAX_PRICE_RUPIAH = rules.PRICE_RANGE[1]
# Words that mean pork or alcoholic drinks in NTT labels (shared/spec/search-terms.md).
PORK_WORDS = ("babi", "pork", "lard", "sopi", "moke", "arak", "ciu")
ALCOHOL_WORDS = ("alkohol", "alcohol", "etanol", "ethanol", "wine", "tuak")
# The examples printed in the guide and the scaffold: somebody else's number, never a product's.
EXAMPLE_NUMBERS = licenses.EXAMPLE_NUMBERS
NEGATIONS = ("tanpa", "bukan", "bebas", "tidak", "non", "no")
# "halal" as a word, in any case and spelling of its neighbours ("produk-halal", "HALAL MUI").
HALAL_WORD = re.compile(r"(?<![a-z])halal(?![a-z])", re.IGNORECASE)
IDENTIFIER_LOOKS_NUMERIC = re.compile(r"^[+\d][\d\s.\-:_]*$")
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"


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

    def mapping(
        self, node: yaml.MappingNode, prefix: str, allowed: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Key -> (key node, value node) of a mapping; unknown keys are reported."""
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, prefix, "KEY_BAD_KEY")
                continue
            name = key_node.value
            if name not in allowed:
                self.error(
                    key_node,
                    _join(prefix, name),
                    "UNKNOWN_KEY",
                    suggestion=_suggest_key(name, allowed),
                )
                continue
            result.setdefault(name, (key_node, value_node))
        return result

    def require(
        self,
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        parent: yaml.Node,
        prefix: str,
        name: str,
        hint: str = "",
    ) -> yaml.Node | None:
        """The value node of a required key, or None after reporting it missing or empty."""
        if name in fields and not _is_null(fields[name][1]):
            return fields[name][1]
        where = fields[name][0] if name in fields else parent
        self.error(where, _join(prefix, name), "MISSING_KEY", hint=hint)
        return None

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
        value = node.value.strip() if one_line else node.value.strip("\n ")
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


def is_plain(node: yaml.ScalarNode) -> bool:
    """An unquoted scalar. libyaml marks it with style "", the pure-Python parser with None."""
    return not node.style


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _is_null(node: yaml.Node) -> bool:
    # `key:`, `key: ~` and `key: ""` all mean "not filled in".
    return isinstance(node, yaml.ScalarNode) and (
        node.value.strip() == "" or (is_plain(node) and node.tag == NULL_TAG)
    )


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


def _suggest_value(value: str, allowed: list[str]) -> str:

    close = difflib.get_close_matches(value.lower().replace(" ", "-"), allowed, n=1, cutoff=0.6)
    return messages.SUGGESTION.format(suggestion=close[0]) if close else ""


# Producers -----------------------------------------------------------------------------------


def parse_producer(folder: ProducerFolder, problems: list[Problem]) -> Producer | None:
    """produsen.yml -> Producer, or None when it has errors (reported)."""
    if folder.file is None or folder.file.root is None:
        return None
    reader = Reader(folder.file, problems)
    before = reader.error_count
    root = folder.file.root
    fields = reader.mapping(root, "", PRODUCER_KEYS)
    name_node = reader.require(fields, root, "", "nama")
    name = reader.name(name_node, "nama") if name_node else None
    regency = None
    regency_node = reader.require(fields, root, "", "kabupaten")
    if regency_node is not None:
        slug = reader.text(regency_node, "kabupaten", 1, 60)
        if slug is not None:
            regency = regencies.find_regency(slug.lower())
            if regency is None:
                allowed = [r.slug for r in regencies.REGENCIES]
                reader.error(
                    regency_node,
                    "kabupaten",
                    "REGENCY_UNKNOWN",
                    value=slug,
                    suggestion=_suggest_regency(slug),
                    allowed=", ".join(allowed),
                )
    address = _optional_text(reader, fields, "alamat", ADDRESS_MAX)
    about = _optional_text(reader, fields, "tentang", ABOUT_MAX, one_line=False)
    nib = ""
    if "nib" in fields and not _is_null(fields["nib"][1]):
        value = reader.identifier(fields["nib"][1], "nib")
        nib = (licenses.parse_nib(value) or "") if value is not None else ""
        if value is not None and not nib:
            reader.error(fields["nib"][1], "nib", "NIB_BAD", value=value)
    contact = _parse_contact(reader, fields, root)
    accounts = _parse_accounts(reader, fields, root)
    logo = None
    if "logo" in fields and not _is_null(fields["logo"][1]):
        logo = _parse_photo_name(
            reader, fields["logo"][1], "logo", folder.files, folder.path, name or folder.slug
        )
    if reader.error_count > before or name is None or regency is None or contact is None:
        return None
    return Producer(
        slug=folder.slug,
        name=name,
        regency=regency,
        contact=contact,
        address=address or "",
        nib=nib,
        about=about or "",
        logo=logo,
        source_path=folder.file.path,
        accounts=accounts,
    )


def _parse_accounts(
    reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]], root: yaml.Node
) -> tuple[str, ...]:
    """`akun_github`: who may change this folder (check-pr, CODEOWNERS; issue 10)."""
    key = owners.ACCOUNTS_KEY
    node = fields[key][1] if key in fields else None
    if node is None or _is_null(node) or (isinstance(node, yaml.SequenceNode) and not node.value):
        # Only a warning, so folders made before the key existed keep building; without it
        # nobody but the maintainers may change the folder.
        reader.warn(fields[key][0] if key in fields else root, key, "ACCOUNTS_MISSING")
        return ()
    items = reader.seq(node, key, hint=": [nama-akun-anda]")
    if items is None:
        return ()
    if len(items) > owners.MAX_ACCOUNTS:
        reader.error(node, key, "LIST_TOO_LONG", count=len(items), maximum=owners.MAX_ACCOUNTS)
    accounts = []
    for index, item in enumerate(items[: owners.MAX_ACCOUNTS]):
        value = reader.text(item, f"{key}[{index}]", 1, 100)
        if value is not None and not owners.is_valid_login(value):
            reader.error(item, f"{key}[{index}]", "ACCOUNT_BAD", value=value)
        elif value is not None:
            accounts.append(value)
    return tuple(accounts)


def _suggest_regency(value: str) -> str:

    lowered = value.strip().lower()
    for regency in regencies.REGENCIES:
        if lowered in regency.aliases or lowered in (
            regency.name.lower(),
            regency.short_name.lower(),
        ):
            return messages.SUGGESTION.format(suggestion=regency.slug)
    return _suggest_value(value, [r.slug for r in regencies.REGENCIES])


def _optional_text(
    reader: Reader,
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    key: str,
    maximum: int,
    prefix: str = "",
    one_line: bool = True,
) -> str | None:
    if key not in fields or _is_null(fields[key][1]):
        return None
    return reader.text(fields[key][1], _join(prefix, key), 0, maximum, one_line=one_line)


def _parse_contact(
    reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]], root: yaml.Node
) -> Contact | None:
    node = reader.require(fields, root, "", "kontak", hint=': whatsapp: "0812-..."')
    if node is None:
        return None
    mapping = reader.map_node(node, "kontak", hint=': whatsapp: "0812-..."')
    if mapping is None:
        return None
    items = reader.mapping(mapping, "kontak", CONTACT_KEYS)
    values: dict[str, str] = {}
    for key, (_, value_node) in items.items():
        if _is_null(value_node):
            continue
        full = f"kontak.{key}"
        if key in ("whatsapp", "telepon"):
            raw = reader.identifier(value_node, full)
            if raw is None:
                continue
            # parsed with phonenumbers; pages build tel:+ and wa.me/ links from the E.164 result
            number, finding = contacts.parse_phone(raw, for_whatsapp=key == "whatsapp")
            if finding is not None:
                reader.error(value_node, full, finding.template, value=raw, **finding.values)
            else:
                values[key] = number
        elif key == "email":
            raw = reader.text(value_node, full, 3, 200)
            finding = contacts.check_email(raw) if raw is not None else None
            if finding is not None:
                reader.error(value_node, full, finding.template, value=raw, **finding.values)
            elif raw is not None:
                values[key] = raw
        elif key == "instagram":
            raw = reader.text(value_node, full, 1, 200)
            handle = _instagram_handle(raw) if raw is not None else None
            if raw is not None and handle is None:
                reader.error(value_node, full, "INSTAGRAM_BAD", value=raw)
            elif handle:
                values[key] = handle
        else:
            url = reader.url(value_node, full)
            if url:
                values[key] = url
    if not values:
        if not any(not _is_null(v) for _, v in items.values()):
            reader.error(fields["kontak"][0], "kontak", "CONTACT_MISSING")
        return None
    return Contact(
        whatsapp=values.get("whatsapp", ""),
        phone=values.get("telepon", ""),
        email=values.get("email", ""),
        instagram=values.get("instagram", ""),
        website=values.get("situs", ""),
    )


def _instagram_handle(raw: str) -> str | None:
    value = raw.strip()
    match = re.fullmatch(
        r"(?:https?://)?(?:www\.)?instagram\.com/([A-Za-z0-9._]{1,30})/?(?:\?\S*)?", value
    )
    if match:
        return match.group(1)
    value = value.removeprefix("@")
    return value if re.fullmatch(r"[A-Za-z0-9._]{1,30}", value) else None


# Products ------------------------------------------------------------------------------------


def parse_product(
    folder: ProductFolder,
    producer: Producer | None,
    today: date,
    problems: list[Problem],
    unpublished_photos: list[tuple[Photo, str]] | None = None,
) -> Product | None:
    """produk.yml -> Product, or None when it (or its producer) has errors (all reported).

    The photos of a product that fails are added to `unpublished_photos` (with the path of
    its produk.yml), so the photo stage can still report their problems in the same run.
    """
    if folder.file is None or folder.file.root is None:
        return None
    reader = Reader(folder.file, problems)
    before = reader.error_count
    root = folder.file.root
    fields = reader.mapping(root, "", PRODUCT_KEYS)

    name_node = reader.require(fields, root, "", "nama")
    name = reader.name(name_node, "nama") if name_node else None
    category = None
    category_node = reader.require(fields, root, "", "kategori")
    if category_node is not None:
        slug = reader.text(category_node, "kategori", 1, 60)
        if slug is not None:
            category = categories.find_category(slug.lower())
            if category is None:
                allowed = [c.slug for c in categories.CATEGORIES]
                reader.error(
                    category_node,
                    "kategori",
                    "CATEGORY_UNKNOWN",
                    value=slug,
                    suggestion=_suggest_value(slug, allowed),
                    allowed=", ".join(allowed),
                )
    summary_node = reader.require(fields, root, "", "ringkasan")
    summary = reader.text(summary_node, "ringkasan", 2, SUMMARY_MAX) if summary_node else None
    description_node = reader.require(fields, root, "", "deskripsi")
    description = (
        reader.text(description_node, "deskripsi", 2, DESCRIPTION_MAX, one_line=False)
        if description_node
        else None
    )
    photos = _parse_photos(reader, fields, root, folder, name or folder.slug)
    prices = _parse_prices(reader, fields)
    net_content = _optional_text(reader, fields, "isi_bersih", rules.SHORT_TEXT_MAX) or ""
    ingredients = _parse_text_list(
        reader, fields, "komposisi", rules.MAX_INGREDIENTS, rules.INGREDIENT_MAX
    )
    keywords = _parse_text_list(
        reader, fields, "kata_kunci", rules.MAX_KEYWORDS, rules.SHORT_TEXT_MAX
    )
    places = _parse_places(reader, fields)
    links = _parse_links(reader, fields)
    is_available = _parse_bool(reader, fields, "tersedia", default=True)
    updated = _parse_date(reader, fields, "diperbarui", today)
    errors_before_licenses = reader.error_count
    product_licenses = _parse_licenses(reader, fields, producer, today)
    halal = _parse_halal(reader, fields, today)
    # A license that failed its own check is already reported; "needs a license" would repeat it.
    if category is not None and reader.error_count == errors_before_licenses:
        _check_license_rules(reader, fields, root, category.slug, product_licenses, halal)
    if (
        category is not None
        and halal is not None
        and halal.status is HalalStatus.IN_PROCESS
        and category.slug in categories.HALAL_MANDATORY_CATEGORIES
        and today >= categories.HALAL_MANDATORY_FROM
    ):
        reader.warn(fields["halal"][1], "halal", "HALAL_DEADLINE")
    _check_halal_ingredients(reader, fields, halal, name or "", ingredients, keywords)
    _check_halal_keywords(reader, fields, halal)

    if (
        reader.error_count > before
        or producer is None
        or None in (name, category, summary, description)
    ):
        if unpublished_photos is not None:
            unpublished_photos.extend((photo, folder.file.path) for photo in photos)
        return None
    assert (
        name is not None
        and category is not None
        and summary is not None
        and description is not None
    )
    paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", description) if p.strip())
    return Product(
        slug=folder.slug,
        producer=producer,
        name=name,
        category=category,
        summary=summary,
        paragraphs=paragraphs,
        photos=tuple(photos),
        prices=tuple(prices),
        net_content=net_content,
        ingredients=tuple(ingredients),
        licenses=tuple(product_licenses),
        halal=halal,
        places_to_buy=tuple(places),
        links=tuple(links),
        keywords=tuple(keywords),
        is_available=is_available,
        updated=updated,
        source_path=folder.file.path,
    )


def _parse_photos(
    reader: Reader,
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    root: yaml.Node,
    folder: ProductFolder,
    product_name: str,
) -> list[Photo]:
    node = reader.require(fields, root, "", "foto", hint=": - foto-depan.jpg")
    if node is None:
        return []
    items = reader.seq(node, "foto", hint=": - foto-depan.jpg")
    if items is None:
        return []
    if not items:
        reader.error(node, "foto", "LIST_TOO_SHORT", minimum=1)
    if len(items) > MAX_PHOTOS:
        reader.error(node, "foto", "LIST_TOO_LONG", count=len(items), maximum=MAX_PHOTOS)
    photos: list[Photo] = []
    used: dict[str, str] = {}
    for index, item in enumerate(items):
        key = f"foto[{index}]"
        name_node, alt = item, ""
        if isinstance(item, yaml.MappingNode):
            entry = reader.mapping(item, key, ("berkas", "keterangan"))
            name_node = reader.require(entry, item, key, "berkas")
            if name_node is None:
                continue
            alt = _optional_text(reader, entry, "keterangan", rules.CAPTION_MAX, prefix=key) or ""
        photo = _parse_photo_name(
            reader, name_node, key, folder.files, folder.path, alt or product_name
        )
        if photo is None:
            continue
        if photo.file_name in used:
            reader.error(
                name_node,
                key,
                "PHOTO_TWICE",
                file_name=photo.file_name,
                other=used[photo.file_name],
            )
            continue
        used[photo.file_name] = key
        photos.append(photo)
    _check_unused_files(reader, folder, set(used))
    return photos


def _parse_photo_name(
    reader: Reader, node: yaml.Node, key: str, files: list[str], folder_path: str, alt: str
) -> Photo | None:
    value = reader.text(node, key, 1, 200)
    if value is None:
        return None
    if "/" in value or "\\" in value or value.startswith(".") or ".." in value or ":" in value:
        reader.error(node, key, "PHOTO_BAD_NAME", value=value)
        return None
    if not value.lower().endswith(PHOTO_EXTENSIONS):
        reader.error(node, key, "PHOTO_BAD_EXTENSION", value=value)
        return None
    if value not in files:
        same_case = [f for f in files if f.lower() == value.lower()]
        close = same_case or difflib.get_close_matches(value, files, n=1, cutoff=0.7)
        suggestion = messages.PHOTO_CASE.format(suggestion=f'"{close[0]}"') if close else ""
        reader.error(node, key, "PHOTO_MISSING", file_name=value, suggestion=suggestion)
        return None
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    return Photo(value, f"{folder_path}/{value}", alt, line=line, column=column, key=key)


def _check_unused_files(reader: Reader, folder: ProductFolder, used: set[str]) -> None:
    lowered: dict[str, str] = {}
    for name in folder.files:
        if name.lower() in lowered:
            reader.warn(
                None, "foto", "PHOTO_CASE_CLASH", file_name=name, other=lowered[name.lower()]
            )
        lowered[name.lower()] = name
        if name == "produk.yml" or name in used:
            continue
        template = "PHOTO_UNUSED" if name.lower().endswith(PHOTO_EXTENSIONS) else "FILE_UNUSED"
        reader.warn(None, "foto", template, file_name=name)


def _parse_prices(reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]]) -> list[Price]:
    if "harga" not in fields or _is_null(fields["harga"][1]):
        return []
    items = reader.seq(fields["harga"][1], "harga", hint=': - {varian: "250 ml", rupiah: 75000}')
    prices: list[Price] = []
    for index, item in enumerate(items or []):
        key = f"harga[{index}]"
        mapping = reader.map_node(item, key, hint=': {varian: "250 ml", rupiah: 75000}')
        if mapping is None:
            continue
        entry = reader.mapping(mapping, key, ("varian", "rupiah"))
        variant = _optional_text(reader, entry, "varian", rules.SHORT_TEXT_MAX, prefix=key) or ""
        rupiah_node = reader.require(entry, mapping, key, "rupiah", hint=": 75000")
        if rupiah_node is None:
            continue
        rupiah = parse_rupiah(reader, rupiah_node, f"{key}.rupiah")
        if rupiah is not None:
            prices.append(Price(variant, rupiah))
    return prices


def parse_rupiah(reader: Reader, node: yaml.Node, key: str) -> int | None:
    """A price in whole rupiah. `75.000` (a YAML float) and `Rp75.000` say "tulis 75000"."""
    if not isinstance(node, yaml.ScalarNode):
        reader.error(node, key, "PRICE_NOT_NUMBER", value=messages.NOT_A_VALUE)
        return None
    raw = node.value.strip()
    compact = raw.replace(" ", "")
    if re.fullmatch(r"-?\d+", compact):
        value = int(compact)
        if value <= 0:
            reader.error(node, key, "PRICE_NOT_POSITIVE")
            return None
        if value < rules.PRICE_WARN_BELOW:
            reader.warn(node, key, "PRICE_TOO_LOW", value=raw, minimum=rules.PRICE_WARN_BELOW)
        if value > MAX_PRICE_RUPIAH:
            reader.error(node, key, "PRICE_TOO_HIGH", value=raw)
            return None
        return value
    dotted = re.fullmatch(r"(?:rp\.?)?(\d{1,3}(?:[.,]\d{3})+)(?:,-|,00)?", compact.lower())
    if dotted:
        reader.error(
            node, key, "PRICE_DOTTED", value=raw, suggestion=re.sub(r"\D", "", dotted.group(1))
        )
        return None
    reader.error(node, key, "PRICE_NOT_NUMBER", value=raw)
    return None


def _parse_text_list(
    reader: Reader,
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    key: str,
    max_items: int,
    max_length: int,
) -> list[str]:
    if key not in fields or _is_null(fields[key][1]):
        return []
    node = fields[key][1]
    if isinstance(node, yaml.ScalarNode):
        # A comma-separated line is what people write when they do not know YAML lists.
        text = reader.text(node, key, 1, max_length * max_items)
        return [part.strip() for part in (text or "").split(",") if part.strip()]
    items = reader.seq(node, key, hint=": - kelor")
    if items is None:
        return []
    if len(items) > max_items:
        reader.error(node, key, "LIST_TOO_LONG", count=len(items), maximum=max_items)
    values = []
    for index, item in enumerate(items[:max_items]):
        value = reader.text(item, f"{key}[{index}]", 1, max_length)
        if value:
            values.append(value)
    return values


def _parse_places(
    reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]]
) -> list[PlaceToBuy]:
    if "tempat_beli" not in fields or _is_null(fields["tempat_beli"][1]):
        return []
    items = reader.seq(
        fields["tempat_beli"][1], "tempat_beli", hint=": - {nama: Toko Oleh-oleh Kupang}"
    )
    places = []
    for index, item in enumerate(items or []):
        key = f"tempat_beli[{index}]"
        mapping = reader.map_node(item, key, hint=": {nama: ..., alamat: ..., tautan: https://...}")
        if mapping is None:
            continue
        entry = reader.mapping(mapping, key, ("nama", "alamat", "tautan"))
        name_node = reader.require(entry, mapping, key, "nama")
        name = reader.name(name_node, f"{key}.nama") if name_node else None
        address = _optional_text(reader, entry, "alamat", ADDRESS_MAX, prefix=key) or ""
        url = ""
        if "tautan" in entry and not _is_null(entry["tautan"][1]):
            url = reader.url(entry["tautan"][1], f"{key}.tautan") or ""
            # a place named "Shopee" is shown as Shopee: the same rule as a `shopee:` link
            finding = (
                contacts.check_link_site(name, urlsplit(url).hostname or "")
                if name and url
                else None
            )
            if finding is not None:
                reader.error(
                    entry["tautan"][1],
                    f"{key}.tautan",
                    finding.template,
                    value=url,
                    **finding.values,
                )
                url = ""
        if name:
            places.append(PlaceToBuy(name, address, url))
    return places


def _parse_links(reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]]) -> list[Link]:
    if "tautan" not in fields or _is_null(fields["tautan"][1]):
        return []
    mapping = reader.map_node(fields["tautan"][1], "tautan", hint=": shopee: https://...")
    if mapping is None:
        return []
    links = []
    for key_node, value_node in mapping.value:
        if not isinstance(key_node, yaml.ScalarNode):
            reader.error(key_node, "tautan", "KEY_BAD_KEY")
            continue
        name = reader.text(key_node, "tautan", 1, rules.LINK_NAME_MAX)
        url = reader.url(value_node, f"tautan.{key_node.value}")
        # `shopee:` is shown as "Shopee": it may only lead to Shopee's own hosts
        finding = (
            contacts.check_link_site(name, urlsplit(url).hostname or "") if name and url else None
        )
        if finding is not None:
            reader.error(
                value_node,
                f"tautan.{key_node.value}",
                finding.template,
                value=url,
                **finding.values,
            )
        elif name and url:
            links.append(Link(name, url))
    return links


def _parse_bool(
    reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]], key: str, default: bool
) -> bool:
    if key not in fields or _is_null(fields[key][1]):
        return default
    node = fields[key][1]
    value = node.value.strip().lower() if isinstance(node, yaml.ScalarNode) else ""
    if value in ("true", "false"):
        return value == "true"
    reader.error(
        node,
        key,
        "BOOL_EXPECTED",
        value=node.value if isinstance(node, yaml.ScalarNode) else messages.NOT_A_VALUE,
    )
    return default


def _parse_date(
    reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]], key: str, today: date
) -> date | None:
    if key not in fields or _is_null(fields[key][1]):
        return None
    node = fields[key][1]
    value = _read_date(reader, node, key)
    if value is not None and value > today:
        reader.warn(node, key, "DATE_IN_FUTURE", value=value.isoformat())
    return value


def _read_date(reader: Reader, node: yaml.Node, key: str) -> date | None:
    """A `YYYY-MM-DD` date, or None after reporting DATE_EXPECTED."""
    raw = reader.text(node, key, 1, 40)
    if raw is None:
        return None
    try:
        value = date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        value = None
    if value is None:
        reader.error(node, key, "DATE_EXPECTED", value=raw)
    return value


def _parse_licenses(
    reader: Reader,
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    producer: Producer | None,
    today: date,
) -> list[License]:
    if "izin" not in fields or _is_null(fields["izin"][1]):
        return []
    items = reader.seq(
        fields["izin"][1], "izin", hint=': - {jenis: pirt, nomor: "2065371010052-29"}'
    )
    found: list[License] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items or []):
        key = f"izin[{index}]"
        mapping = reader.map_node(
            item, key, hint=': {jenis: bpom-md, nomor: "BPOM RI MD 224510107115"}'
        )
        if mapping is None:
            continue
        entry = reader.mapping(mapping, key, ("jenis", "nomor"))
        type_node = reader.require(entry, mapping, key, "jenis")
        number_node = reader.require(entry, mapping, key, "nomor")
        type_name = reader.text(type_node, f"{key}.jenis", 1, 40) if type_node else None
        if type_name is not None and type_name.lower() not in licenses.LICENSE_TYPES:
            close = licenses.suggest_type(type_name)

            reader.error(
                type_node,
                f"{key}.jenis",
                "LICENSE_TYPE_UNKNOWN",
                value=type_name,
                suggestion=messages.SUGGESTION.format(suggestion=close[0]) if close else "",
                allowed=", ".join(licenses.LICENSE_TYPES),
            )
            type_name = None
        number = reader.identifier(number_node, f"{key}.nomor") if number_node else None
        if type_name is None or number is None or number_node is None:
            continue
        lic = _check_license(
            reader, number_node, f"{key}.nomor", type_name.lower(), number, producer, today
        )
        if lic is None:
            continue
        if lic.number in seen:
            reader.warn(
                number_node,
                f"{key}.nomor",
                "LICENSE_DUPLICATE",
                value=number,
                other=seen[lic.number],
            )
            continue
        seen[lic.number] = key
        found.append(lic)
    return found


def _check_license(
    reader: Reader,
    node: yaml.Node,
    key: str,
    type_name: str,
    number: str,
    producer: Producer | None,
    today: date,
) -> License | None:
    check = licenses.parse_license(type_name, number)
    for finding in check.warnings:
        reader.warn(node, key, finding.template, **finding.values)
    if check.error is not None:
        values = dict(check.error.values)
        detail = values.pop("detail", "")
        reader.error(
            node, key, check.error.template, detail_part=f"; {detail}" if detail else "", **values
        )
        return None
    license_type = licenses.LICENSE_TYPES[type_name]
    if check.canonical in EXAMPLE_NUMBERS:
        reader.warn(node, key, "LICENSE_EXAMPLE", value=number)
    expired = False
    issuer = ""
    if type_name == "pirt":
        year = check.pirt_expiry_year or 0
        if year < today.year:
            expired = True
            reader.warn(node, key, "PIRT_EXPIRED", value=number, year=year)
        code = check.pirt_regency_code
        issuer = _issuing_regency(code, producer)
        if producer is not None and code.startswith(regencies.NTT_PROVINCE_CODE):
            regency = producer.regency
            if code not in (regency.code, regency.bps_code):
                reader.warn(
                    node,
                    key,
                    "PIRT_REGENCY_MISMATCH",
                    value=number,
                    code=code,
                    issuer=issuer or "tidak dikenal",
                    regency=regency.name,
                    codes=f"{regency.code} atau {regency.bps_code}",
                )
    if type_name == "psat":
        issuer = _issuing_regency(check.issuer_code, producer)
        if not issuer:
            # The layout is known from NTT numbers only: elsewhere, ask for a second look.
            reader.warn(node, key, "PSAT_ISSUER_UNKNOWN", value=number, code=check.issuer_code)
    return License(
        type=type_name,
        number=check.canonical,
        label=license_type.label,
        check_url=licenses.check_link(license_type, check.canonical),
        digits=check.digits,
        copy_number=licenses.lookup_number(license_type, check.canonical),
        issuer_note=license_type.issuer_note,
        searches_number=bool(license_type.check_url_pattern),
        expires_year=check.pirt_expiry_year,
        is_expired=expired,
        issuing_regency=issuer,
    )


def _issuing_regency(code: str, producer: Producer | None) -> str:
    """The regency (or regencies) a 4-digit code in a license number names, "" when none."""
    issuers = regencies.regencies_for_code(code)
    if producer is not None and producer.regency in issuers:
        issuers = [producer.regency]  # both numberings in use: the producer's own regency is meant
    return " / ".join(sorted({r.name for r in issuers}))


def _parse_halal(
    reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]], today: date
) -> Halal | None:
    if "halal" not in fields or _is_null(fields["halal"][1]):
        return None
    node = fields["halal"][1]
    mapping = reader.map_node(node, "halal", hint=': {nomor: "ID..."}')
    if mapping is None:
        return None
    entry = reader.mapping(mapping, "halal", rules.HALAL_KEYS)
    status = None
    if "status" in entry and not _is_null(entry["status"][1]):
        raw = reader.text(entry["status"][1], "halal.status", 1, 40)
        if raw is not None:
            try:
                status = HalalStatus(raw.lower())
            except ValueError:
                reader.error(entry["status"][1], "halal.status", "HALAL_STATUS_UNKNOWN", value=raw)
                return None
    reason = _optional_text(reader, entry, "alasan", rules.REASON_MAX, prefix="halal") or ""
    if "nomor" in entry and not _is_null(entry["nomor"][1]):
        number_node = entry["nomor"][1]
        if status not in (None, HalalStatus.CERTIFIED):
            reader.error(
                number_node,
                "halal",
                "HALAL_NUMBER_AND_STATUS",
                value=status.value if status else "",
            )
            return None
        number = reader.identifier(number_node, "halal.nomor")
        if number is None:
            return None
        check = licenses.parse_halal_number(number)
        for finding in check.warnings:
            reader.warn(number_node, "halal.nomor", finding.template, **finding.values)
        if check.error is not None:
            values = dict(check.error.values)
            detail = values.pop("detail", "")
            reader.error(
                number_node,
                "halal.nomor",
                check.error.template,
                detail_part=f"; {detail}" if detail else "",
                **values,
            )
            return None
        if check.canonical in EXAMPLE_NUMBERS:
            reader.warn(number_node, "halal.nomor", "LICENSE_EXAMPLE", value=number)
        valid_until = _parse_halal_end(reader, entry, today)
        # An MUI number is not in BPJPH's search by number: its search page is the closest check.
        check_url = (
            licenses.BPJPH_URL
            if check.is_legacy_mui
            else licenses.check_link(licenses.HALAL_TYPE, check.canonical)
        )
        return Halal(
            HalalStatus.CERTIFIED,
            check.canonical,
            reason,
            check_url=check_url,
            copy_number=check.canonical.removeprefix("MUI "),
            is_legacy_mui=check.is_legacy_mui,
            valid_until=valid_until,
            is_ended=valid_until is not None and valid_until < today,
        )
    if "berlaku_sampai" in entry and not _is_null(entry["berlaku_sampai"][1]):
        reader.error(entry["berlaku_sampai"][1], "halal.berlaku_sampai", "HALAL_END_WITHOUT_NUMBER")
        return None
    if status is None or status is HalalStatus.CERTIFIED:
        reader.error(mapping, "halal", "HALAL_BAD")
        return None
    return Halal(status, "", reason)


def _parse_halal_end(
    reader: Reader, entry: dict[str, tuple[yaml.Node, yaml.Node]], today: date
) -> date | None:
    """`halal.berlaku_sampai`: the end date printed on certificates from before the 2024 rules."""
    if "berlaku_sampai" not in entry or _is_null(entry["berlaku_sampai"][1]):
        return None
    node = entry["berlaku_sampai"][1]
    value = _read_date(reader, node, "halal.berlaku_sampai")
    if value is not None and value < today:
        reader.warn(
            node, "halal.berlaku_sampai", "HALAL_CERTIFICATE_ENDED", value=value.isoformat()
        )
    return value


def _check_license_rules(
    reader: Reader,
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    root: yaml.Node,
    category: str,
    found: list[License],
    halal: Halal | None,
) -> None:
    rule = categories.LICENSE_RULES[category]
    types = {lic.type for lic in found}
    category_node = fields["kategori"][1]
    izin_node = fields["izin"][0] if "izin" in fields else category_node
    for group in rule.required:
        if not types & set(group):
            example = licenses.LICENSE_TYPES[group[0]].example
            reader.error(
                izin_node,
                "izin",
                "LICENSE_REQUIRED",
                category=category,
                needed=" atau ".join(group),
                first=group[0],
                example=example,
            )
    for lic in found:
        if lic.type in rule.forbidden:
            reader.error(
                izin_node,
                "izin",
                "LICENSE_FORBIDDEN",
                value=lic.number,
                category=category,
                reason=messages.PIRT_NOT_FOR_WATER,
            )
    has_halal_problem = "halal" in fields and not _is_null(fields["halal"][1]) and halal is None
    if rule.needs_halal and halal is None and not has_halal_problem:
        reader.error(category_node, "halal", "HALAL_REQUIRED", category=category)


def _check_halal_ingredients(
    reader: Reader,
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    halal: Halal | None,
    name: str,
    ingredients: list[str],
    keywords: list[str],
) -> None:
    """Pork or alcohol named anywhere means `halal: {status: tidak-halal}`, whatever the category."""
    if halal is not None and halal.status is HalalStatus.NOT_HALAL:
        return
    where_node = (
        fields["halal"][1] if "halal" in fields else fields["nama"][0] if "nama" in fields else None
    )
    sources = (
        [("nama", name)]
        + [("komposisi", i) for i in ingredients]
        + [("kata_kunci", k) for k in keywords]
    )
    for where, text in sources:
        # "arak-arakan" is a parade, not arak; "tanpa babi" says the opposite of babi
        words = list(re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()))
        negated = {words[i + 1] for i, w in enumerate(words[:-1]) if w in NEGATIONS}
        present = set(words) - negated
        pork = next((w for w in PORK_WORDS if w in present), None)
        if pork:
            reader.error(where_node, "halal", "HALAL_BUT_PORK", word=pork, where=where)
            return
        alcohol = next((w for w in ALCOHOL_WORDS if w in present), None)
        if alcohol and halal is not None:
            reader.warn(where_node, "halal", "HALAL_ALCOHOL", word=alcohol, where=where)
            return


def _check_halal_keywords(
    reader: Reader, fields: dict[str, tuple[yaml.Node, yaml.Node]], halal: Halal | None
) -> None:
    """Only a certificate makes a product halal: "halal" in `kata_kunci` would let a search claim it."""
    if "kata_kunci" not in fields or (halal is not None and halal.status is HalalStatus.CERTIFIED):
        return
    node = fields["kata_kunci"][1]
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for index, item in enumerate(items):
        if isinstance(item, yaml.ScalarNode) and HALAL_WORD.search(str(item.value)):
            key = f"kata_kunci[{index}]" if isinstance(node, yaml.SequenceNode) else "kata_kunci"
            reader.error(item, key, "KEYWORD_HALAL_NOT_CERTIFIED", value=item.value)


# The whole catalogue -------------------------------------------------------------------------


def validate_catalogue(
    folders: Iterable[ProducerFolder],
    today: date,
    unpublished_photos: list[tuple[Photo, str]] | None = None,
) -> tuple[Catalogue, list[Problem], int]:
    """Check every producer and product; return the valid ones, every problem, and the folder count.

    `folders` arrive in name order (load.iter_tree), so the catalogue comes out sorted. The
    count is of product folders seen, valid or not: what a complete build must publish.
    Photos of products that failed go to `unpublished_photos` (see parse_product).
    """
    problems: list[Problem] = []
    catalogue = Catalogue()
    folder_count = 0
    producer_names: list[characters.Name] = []
    product_names: list[characters.Name] = []
    for folder in folders:
        producer = parse_producer(folder, problems)
        if producer is not None:
            catalogue.producers.append(producer)
        producer_names.extend(_written_name(folder.file))
        for product_folder in folder.products:
            folder_count += 1
            product = parse_product(product_folder, producer, today, problems, unpublished_photos)
            if product is not None:
                catalogue.products.append(product)
            product_names.extend(_written_name(product_folder.file))
    # Look-alike names can only be found once every name is known.
    twins = check_twin_names(producer_names, problems) | check_twin_names(product_names, problems)
    if twins:
        catalogue.producers = [p for p in catalogue.producers if p.source_path not in twins]
        kept = {p.slug for p in catalogue.producers}
        catalogue.products = [
            p for p in catalogue.products if p.source_path not in twins and p.producer.slug in kept
        ]
    return catalogue, problems, folder_count


def _written_name(file: RawFile | None) -> list[characters.Name]:
    """The `nama:` of a file as written, with its place (none when missing or not text)."""
    if file is None or file.root is None:
        return []
    for key_node, value_node in file.root.value:
        if (
            isinstance(key_node, yaml.ScalarNode)
            and key_node.value == "nama"
            and isinstance(value_node, yaml.ScalarNode)
        ):
            line, column = value_node.start_mark.line + 1, value_node.start_mark.column + 1
            return (
                [characters.Name(value_node.value.strip(), file.path, line, column)]
                if value_node.value.strip()
                else []
            )
    return []


def check_twin_names(names: list[characters.Name], problems: list[Problem]) -> set[str]:
    """A galat for each name that only looks like another one (Cyrillic "а" in "Mаdu"), naming
    the other; returns the paths of the files that have one."""
    found: set[str] = set()
    for twin, original in characters.find_twins(names):
        problems.append(
            problem(
                twin.path,
                twin.line,
                twin.column,
                Level.ERROR,
                twin.key,
                "NAME_TWIN",
                value=twin.value,
                name=original.value,
                other_path=original.path,
                detail=characters.first_difference(twin.value, original.value),
            )
        )
        found.add(twin.path)
    return found

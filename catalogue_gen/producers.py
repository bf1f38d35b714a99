"""Stage 2, the producer file: produsen.yml -> Producer, or Problems.

Who makes the products and how a shopper reaches them: the name, the regency (which the
P-IRT numbers of every product are checked against), the contact ways, the GitHub accounts
that may change the folder, and the logo. validate.py calls parse_producer once per folder,
before the folder's products.
"""

from __future__ import annotations

import re

import yaml

from catalogue_gen import contacts, licenses, messages, owners, regencies, rules
from catalogue_gen.load import ProducerFolder
from catalogue_gen.model import Contact, Photo, Producer, Regency
from catalogue_gen.problems import Problem
from catalogue_gen.reader import Fields, Reader, is_absent, is_null, suggest_value

# Keys and limits come from the rule book, which also writes the editor schemas and the form's rules.
PRODUCER_KEYS = rules.PRODUCER_KEYS
CONTACT_KEYS = rules.CONTACT_KEYS
ABOUT_MAX = rules.ABOUT_MAX
ADDRESS_MAX = rules.ADDRESS_MAX
CONTACT_HINT = ': whatsapp: "0812-..."'


def parse_producer(folder: ProducerFolder, problems: list[Problem]) -> Producer | None:
    """produsen.yml -> Producer, or None when it has errors (reported)."""
    if folder.file is None or folder.file.root is None:
        return None
    reader = Reader(folder.file, problems)
    before = reader.error_count
    root = folder.file.root
    fields = reader.mapping(root, "", PRODUCER_KEYS)
    name_node = reader.require(fields, root, "", "nama")
    name = reader.name(name_node, "nama") if name_node is not None else None
    regency = _parse_regency(reader, fields, root)
    address = reader.optional_text(fields, "alamat", ADDRESS_MAX)
    about = reader.optional_text(fields, "tentang", ABOUT_MAX, one_line=False)
    nib = _parse_nib(reader, fields)
    contact = _parse_contact(reader, fields, root)
    accounts = _parse_accounts(reader, fields, root)
    logo = _parse_logo(reader, fields, folder, name or folder.slug)
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


def _parse_regency(reader: Reader, fields: Fields, root: yaml.Node) -> Regency | None:
    """`kabupaten`: one of the regency slugs, with a suggestion for a name written otherwise."""
    node = reader.require(fields, root, "", "kabupaten")
    if node is None:
        return None
    slug = reader.text(node, "kabupaten", 1, 60)
    if slug is None:
        return None
    regency = regencies.find_regency(slug.lower())
    if regency is None:
        reader.error(
            node,
            "kabupaten",
            "REGENCY_UNKNOWN",
            value=slug,
            suggestion=_suggest_regency(slug),
            allowed=", ".join(r.slug for r in regencies.REGENCIES),
        )
    return regency


def _suggest_regency(value: str) -> str:
    # Besides the slug, a producer may write the full name ("Kabupaten Timor Tengah Selatan"),
    # the short one ("TTS") or a search alias such as the capital ("Soe").
    lowered = value.strip().lower()
    for regency in regencies.REGENCIES:
        if lowered in regency.aliases or lowered in (
            regency.name.lower(),
            regency.short_name.lower(),
        ):
            return messages.SUGGESTION.format(suggestion=regency.slug)
    return suggest_value(value, [r.slug for r in regencies.REGENCIES])


def _parse_nib(reader: Reader, fields: Fields) -> str:
    """`nib`: the 13-digit business number, "" when left out or invalid (reported)."""
    if is_absent(fields, "nib"):
        return ""
    node = fields["nib"].value_node
    value = reader.identifier(node, "nib")
    if value is None:
        return ""
    nib = licenses.parse_nib(value) or ""
    if not nib:
        reader.error(node, "nib", "NIB_BAD", value=value)
    return nib


def _parse_contact(reader: Reader, fields: Fields, root: yaml.Node) -> Contact | None:
    """`kontak`: at least one way to reach the producer that can be shown as a link."""
    node = reader.require(fields, root, "", "kontak", hint=CONTACT_HINT)
    if node is None:
        return None
    mapping = reader.map_node(node, "kontak", hint=CONTACT_HINT)
    if mapping is None:
        return None
    items = reader.mapping(mapping, "kontak", CONTACT_KEYS)
    values: dict[str, str] = {}
    for key, (_, value_node) in items.items():
        if is_null(value_node):
            continue
        value = _parse_contact_way(reader, key, value_node)
        if value is not None:
            values[key] = value
    if not values:
        # one that was written but is wrong is reported already; "none given" would mislead
        if not any(not is_null(entry.value_node) for entry in items.values()):
            reader.error(fields["kontak"].key_node, "kontak", "CONTACT_MISSING")
        return None
    return Contact(
        whatsapp=values.get("whatsapp", ""),
        phone=values.get("telepon", ""),
        email=values.get("email", ""),
        instagram=values.get("instagram", ""),
        website=values.get("situs", ""),
    )


def _parse_contact_way(reader: Reader, key: str, node: yaml.Node) -> str | None:
    """One key of `kontak`, as stored: E.164 digits, an address, a handle or a URL."""
    full = f"kontak.{key}"
    if key in ("whatsapp", "telepon"):
        raw = reader.identifier(node, full)
        if raw is None:
            return None
        # parsed with phonenumbers; pages build tel:+ and wa.me/ links from the E.164 result
        number, finding = contacts.parse_phone(raw, for_whatsapp=key == "whatsapp")
        if finding is not None:
            reader.error(node, full, finding.template, value=raw, **finding.values)
            return None
        return number
    if key == "email":
        raw = reader.text(node, full, 3, 200)
        if raw is None:
            return None
        finding = contacts.check_email(raw)
        if finding is not None:
            reader.error(node, full, finding.template, value=raw, **finding.values)
            return None
        return raw
    if key == "instagram":
        raw = reader.text(node, full, 1, 200)
        if raw is None:
            return None
        handle = _instagram_handle(raw)
        if handle is None:
            reader.error(node, full, "INSTAGRAM_BAD", value=raw)
        return handle or None
    return reader.url(node, full) or None


def _instagram_handle(raw: str) -> str | None:
    # a profile address is taken too: it is what the app's "copy link" gives
    value = raw.strip()
    match = re.fullmatch(
        r"(?:https?://)?(?:www\.)?instagram\.com/([A-Za-z0-9._]{1,30})/?(?:\?\S*)?", value
    )
    if match:
        return match.group(1)
    value = value.removeprefix("@")
    return value if re.fullmatch(r"[A-Za-z0-9._]{1,30}", value) else None


def _parse_accounts(reader: Reader, fields: Fields, root: yaml.Node) -> tuple[str, ...]:
    """`akun_github`: who may change this folder (check-pr, CODEOWNERS; issue 10)."""
    key = owners.ACCOUNTS_KEY
    if is_absent(fields, key) or _is_empty_list(fields[key].value_node):
        # Only a warning, so folders made before the key existed keep building; without it
        # nobody but the maintainers may change the folder.
        reader.warn(fields[key].key_node if key in fields else root, key, "ACCOUNTS_MISSING")
        return ()
    node = fields[key].value_node
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


def _is_empty_list(node: yaml.Node) -> bool:
    return isinstance(node, yaml.SequenceNode) and not node.value


def _parse_logo(reader: Reader, fields: Fields, folder: ProducerFolder, alt: str) -> Photo | None:
    """`logo`: a photo file in the producer folder, shown with the producer's name."""
    if is_absent(fields, "logo"):
        return None
    return reader.photo(fields["logo"].value_node, "logo", folder.files, folder.path, alt)

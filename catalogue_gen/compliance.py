"""Stage 2, compliance: the `izin:` and `halal:` of produk.yml -> Licenses and Halal, or Problems.

Each licence number is checked against its type's format (licenses.py) and, for a P-IRT or
PSAT number, against the producer's regency. Then the product as a whole: the licences and
halal entry its category needs (categories.LICENSE_RULES, shared/spec/product-files.md), and
what its name, ingredients and keywords say about pork, alcohol and halal.
"""

from __future__ import annotations

import re
from datetime import date

import yaml

from catalogue_gen import categories, licenses, messages, regencies, rules
from catalogue_gen.model import Category, Halal, HalalStatus, License, Producer
from catalogue_gen.reader import Fields, Reader, is_absent

# Words that mean pork or alcoholic drinks in NTT labels (shared/spec/search-terms.md).
PORK_WORDS = ("babi", "pork", "lard", "sopi", "moke", "arak", "ciu")
ALCOHOL_WORDS = ("alkohol", "alcohol", "etanol", "ethanol", "wine", "tuak")
NEGATIONS = ("tanpa", "bukan", "bebas", "tidak", "non", "no")
# The examples printed in the guide and the scaffold: somebody else's number, never a product's.
EXAMPLE_NUMBERS = licenses.EXAMPLE_NUMBERS
# "halal" as a word, in any case and spelling of its neighbours ("produk-halal", "HALAL MUI").
HALAL_WORD = re.compile(r"(?<![a-z])halal(?![a-z])", re.IGNORECASE)


def parse_licenses_and_halal(
    reader: Reader,
    fields: Fields,
    root: yaml.Node,
    *,
    category: Category | None,
    name: str,
    ingredients: list[str],
    keywords: list[str],
    producer: Producer | None,
    today: date,
) -> tuple[list[License], Halal | None]:
    """`izin:` and `halal:`, checked on their own, then against the category's rules and
    against what `name`, `ingredients` and `keywords` (as read) say the product contains."""
    errors_before = reader.error_count
    found = _parse_licenses(reader, fields, producer, today)
    halal = _parse_halal(reader, fields, today)
    # A license that failed its own check is already reported; "needs a license" would repeat it.
    if category is not None and reader.error_count == errors_before:
        _check_license_rules(reader, fields, category.slug, found, halal)
    if category is not None:
        _check_halal_deadline(reader, fields, category.slug, halal, today)
    _check_halal_ingredients(reader, fields, halal, name, ingredients, keywords)
    _check_halal_keywords(reader, fields, halal)
    return found, halal


# Licenses (`izin:`) --------------------------------------------------------------------------


def _parse_licenses(
    reader: Reader, fields: Fields, producer: Producer | None, today: date
) -> list[License]:
    """The licences that pass their checks, each number once (a repeat is a peringatan)."""
    if is_absent(fields, "izin"):
        return []
    items = reader.seq(
        fields["izin"].value_node, "izin", hint=': - {jenis: pirt, nomor: "2065371010052-29"}'
    )
    found: list[License] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items or []):
        key = f"izin[{index}]"
        listed = _parse_license_entry(reader, item, key, producer, today)
        if listed is None:
            continue
        number_node, number, lic = listed
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


def _parse_license_entry(
    reader: Reader, item: yaml.Node, key: str, producer: Producer | None, today: date
) -> tuple[yaml.Node, str, License] | None:
    """One `{jenis, nomor}` of `izin:`: the number's node, the number as written, the License."""
    mapping = reader.map_node(
        item, key, hint=': {jenis: bpom-md, nomor: "BPOM RI MD 224510107115"}'
    )
    if mapping is None:
        return None
    entry = reader.mapping(mapping, key, ("jenis", "nomor"))
    type_node = reader.require(entry, mapping, key, "jenis")
    number_node = reader.require(entry, mapping, key, "nomor")
    type_name = (
        _parse_license_type(reader, type_node, f"{key}.jenis") if type_node is not None else None
    )
    number = reader.identifier(number_node, f"{key}.nomor") if number_node is not None else None
    if type_name is None or number is None or number_node is None:
        return None
    lic = _check_license(
        reader, number_node, f"{key}.nomor", type_name.lower(), number, producer, today
    )
    return None if lic is None else (number_node, number, lic)


def _parse_license_type(reader: Reader, node: yaml.Node, key: str) -> str | None:
    """`jenis`, as written, when it is one of licenses.LICENSE_TYPES (in any case)."""
    type_name = reader.text(node, key, 1, 40)
    if type_name is None or type_name.lower() in licenses.LICENSE_TYPES:
        return type_name
    close = licenses.suggest_type(type_name)
    reader.error(
        node,
        key,
        "LICENSE_TYPE_UNKNOWN",
        value=type_name,
        suggestion=messages.SUGGESTION.format(suggestion=close[0]) if close else "",
        allowed=", ".join(licenses.LICENSE_TYPES),
    )
    return None


def _check_license(
    reader: Reader,
    node: yaml.Node,
    key: str,
    type_name: str,
    number: str,
    producer: Producer | None,
    today: date,
) -> License | None:
    """The License for `number` of type `type_name`, or None after reporting its format."""
    check = licenses.parse_license(type_name, number)
    if not _report_number_check(reader, node, key, check):
        return None
    license_type = licenses.LICENSE_TYPES[type_name]
    if check.canonical in EXAMPLE_NUMBERS:
        reader.warn(node, key, "LICENSE_EXAMPLE", value=number)
    expired = False
    issuer = ""
    if type_name == "pirt":
        expired, issuer = _check_pirt(reader, node, key, number, check, producer, today)
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


def _report_number_check(
    reader: Reader, node: yaml.Node, key: str, check: licenses.LicenseCheck
) -> bool:
    """Report the warnings and the error of a licence or halal number; True when it has no error."""
    for finding in check.warnings:
        reader.warn(node, key, finding.template, **finding.values)
    if check.error is None:
        return True
    values = dict(check.error.values)
    detail = values.pop("detail", "")
    reader.error(
        node, key, check.error.template, detail_part=f"; {detail}" if detail else "", **values
    )
    return False


def _check_pirt(
    reader: Reader,
    node: yaml.Node,
    key: str,
    number: str,
    check: licenses.LicenseCheck,
    producer: Producer | None,
    today: date,
) -> tuple[bool, str]:
    """Whether a P-IRT number has expired, and the regency its code names. Both are peringatan
    (shared/spec/product-files.md): the page shows an expired one as "izin perlu diperbarui"."""
    year = check.pirt_expiry_year or 0
    expired = year < today.year
    if expired:
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
    return expired, issuer


def _issuing_regency(code: str, producer: Producer | None) -> str:
    """The regency (or regencies) a 4-digit code in a license number names, "" when none."""
    issuers = regencies.regencies_for_code(code)
    if producer is not None and producer.regency in issuers:
        issuers = [producer.regency]  # both numberings in use: the producer's own regency is meant
    return " / ".join(sorted({r.name for r in issuers}))


# Halal (`halal:`) ----------------------------------------------------------------------------


def _parse_halal(reader: Reader, fields: Fields, today: date) -> Halal | None:
    """`halal:` in one of its three forms: a certificate number, dalam-proses, or tidak-halal."""
    if is_absent(fields, "halal"):
        return None
    mapping = reader.map_node(fields["halal"].value_node, "halal", hint=': {nomor: "ID..."}')
    if mapping is None:
        return None
    entry = reader.mapping(mapping, "halal", rules.HALAL_KEYS)
    status: HalalStatus | None = None
    if not is_absent(entry, "status"):
        node = entry["status"].value_node
        raw = reader.text(node, "halal.status", 1, 40)
        if raw is not None:
            try:
                status = HalalStatus(raw.lower())
            except ValueError:
                reader.error(node, "halal.status", "HALAL_STATUS_UNKNOWN", value=raw)
                return None
    reason = reader.optional_text(entry, "alasan", rules.REASON_MAX, prefix="halal") or ""
    if not is_absent(entry, "nomor"):
        return _parse_halal_certificate(reader, entry, status, reason, today)
    if not is_absent(entry, "berlaku_sampai"):
        node = entry["berlaku_sampai"].value_node
        reader.error(node, "halal.berlaku_sampai", "HALAL_END_WITHOUT_NUMBER")
        return None
    if status is None or status is HalalStatus.CERTIFIED:
        reader.error(mapping, "halal", "HALAL_BAD")
        return None
    return Halal(status, "", reason)


def _parse_halal_certificate(
    reader: Reader, entry: Fields, status: HalalStatus | None, reason: str, today: date
) -> Halal | None:
    """`halal.nomor` (and `berlaku_sampai`): a certified Halal, or None after reporting why not."""
    number_node = entry["nomor"].value_node
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
    if not _report_number_check(reader, number_node, "halal.nomor", check):
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


def _parse_halal_end(reader: Reader, entry: Fields, today: date) -> date | None:
    """`halal.berlaku_sampai`: the end date printed on certificates from before the 2024 rules."""
    if is_absent(entry, "berlaku_sampai"):
        return None
    node = entry["berlaku_sampai"].value_node
    value = reader.iso_date(node, "halal.berlaku_sampai")
    if value is not None and value < today:
        reader.warn(
            node, "halal.berlaku_sampai", "HALAL_CERTIFICATE_ENDED", value=value.isoformat()
        )
    return value


# The product as a whole ----------------------------------------------------------------------


def _check_license_rules(
    reader: Reader, fields: Fields, category: str, found: list[License], halal: Halal | None
) -> None:
    """What the category needs (categories.LICENSE_RULES): a licence of each required group,
    none that it forbids, and a halal entry."""
    rule = categories.LICENSE_RULES[category]
    types = {lic.type for lic in found}
    category_node = fields["kategori"].value_node
    izin_node = fields["izin"].key_node if "izin" in fields else category_node
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
    # a halal entry that failed its own check is reported already
    has_halal_problem = not is_absent(fields, "halal") and halal is None
    if rule.needs_halal and halal is None and not has_halal_problem:
        reader.error(category_node, "halal", "HALAL_REQUIRED", category=category)


def _check_halal_deadline(
    reader: Reader, fields: Fields, category: str, halal: Halal | None, today: date
) -> None:
    """From categories.HALAL_MANDATORY_FROM, `dalam-proses` no longer meets the law for
    food, drinks and cosmetics: a peringatan, since the product still shows "dalam proses"."""
    if (
        halal is not None
        and halal.status is HalalStatus.IN_PROCESS
        and category in categories.HALAL_MANDATORY_CATEGORIES
        and today >= categories.HALAL_MANDATORY_FROM
    ):
        reader.warn(fields["halal"].value_node, "halal", "HALAL_DEADLINE")


def _check_halal_ingredients(
    reader: Reader,
    fields: Fields,
    halal: Halal | None,
    name: str,
    ingredients: list[str],
    keywords: list[str],
) -> None:
    """Pork or alcohol named anywhere means `halal: {status: tidak-halal}`, whatever the category."""
    if halal is not None and halal.status is HalalStatus.NOT_HALAL:
        return
    where_node = (
        fields["halal"].value_node
        if "halal" in fields
        else fields["nama"].key_node
        if "nama" in fields
        else None
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


def _check_halal_keywords(reader: Reader, fields: Fields, halal: Halal | None) -> None:
    """Only a certificate makes a product halal: "halal" in `kata_kunci` would let a search claim it."""
    if "kata_kunci" not in fields or (halal is not None and halal.status is HalalStatus.CERTIFIED):
        return
    node = fields["kata_kunci"].value_node
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for index, item in enumerate(items):
        if isinstance(item, yaml.ScalarNode) and HALAL_WORD.search(str(item.value)):
            key = f"kata_kunci[{index}]" if isinstance(node, yaml.SequenceNode) else "kata_kunci"
            reader.error(item, key, "KEYWORD_HALAL_NOT_CERTIFIED", value=item.value)

"""Stage 2: loaded folders (RawFile node trees) -> a Catalogue of valid products, plus Problems.

Every rule of shared/spec/product-files.md lives here or in the modules this one reads with:
reader.py (keys and each kind of value), producers.py (produsen.yml), compliance.py (`izin:`,
`halal:` and the category rules) and licenses.py (number formats). Each check reports at the
line and column of the offending value, and checking goes on after a problem so that a
producer sees all of them in one run. A product with any `galat` is left out of the
Catalogue, and the pipeline then refuses to build: nothing is ever dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml

from catalogue_gen import categories, characters, contacts, messages, rules
from catalogue_gen.compliance import (  # noqa: F401 - the word lists are re-exported for the tests
    ALCOHOL_WORDS,
    PORK_WORDS,
    parse_licenses_and_halal,
)
from catalogue_gen.contacts import normalise_phone  # noqa: F401 - re-exported for scaffold and the tests
from catalogue_gen.load import PHOTO_EXTENSIONS, ProducerFolder, ProductFolder, RawFile
from catalogue_gen.model import (
    Catalogue,
    Category,
    Link,
    Photo,
    PlaceToBuy,
    Price,
    Producer,
    Product,
)
from catalogue_gen.problems import Level, Problem, problem
from catalogue_gen.producers import parse_producer
from catalogue_gen.reader import Fields, Reader, is_absent, suggest_value

# Keys and limits come from the rule book, which also writes the editor schemas and the form's rules.
PRODUCT_KEYS = rules.PRODUCT_KEYS
SUMMARY_MAX = rules.SUMMARY_LIMITS[1]
DESCRIPTION_MAX = rules.DESCRIPTION_LIMITS[1]
ADDRESS_MAX = rules.ADDRESS_MAX
MAX_PHOTOS = rules.MAX_PHOTOS
MAX_PRICE_RUPIAH = rules.PRICE_RANGE[1]
PHOTOS_HINT = ": - foto-depan.jpg"


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

    name, category, summary, description = _parse_identity(reader, fields, root)
    photos = _parse_photos(reader, fields, root, folder, name or folder.slug)
    prices = _parse_prices(reader, fields)
    net_content = reader.optional_text(fields, "isi_bersih", rules.SHORT_TEXT_MAX) or ""
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
    product_licenses, halal = parse_licenses_and_halal(
        reader,
        fields,
        root,
        category=category,
        name=name or "",
        ingredients=ingredients,
        keywords=keywords,
        producer=producer,
        today=today,
    )

    if (
        reader.error_count > before
        or producer is None
        or name is None
        or category is None
        or summary is None
        or description is None
    ):
        if unpublished_photos is not None:
            unpublished_photos.extend((photo, folder.file.path) for photo in photos)
        return None
    return Product(
        slug=folder.slug,
        producer=producer,
        name=name,
        category=category,
        summary=summary,
        paragraphs=_paragraphs(description),
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


class _Identity(NamedTuple):
    """What a product is: each None when missing or invalid (reported)."""

    name: str | None
    category: Category | None
    summary: str | None
    description: str | None


def _parse_identity(reader: Reader, fields: Fields, root: yaml.Node) -> _Identity:
    """`nama`, `kategori`, `ringkasan` and `deskripsi`: the four keys every product needs."""
    name_node = reader.require(fields, root, "", "nama")
    name = reader.name(name_node, "nama") if name_node is not None else None
    category = _parse_category(reader, fields, root)
    summary_node = reader.require(fields, root, "", "ringkasan")
    summary = (
        reader.text(summary_node, "ringkasan", 2, SUMMARY_MAX) if summary_node is not None else None
    )
    description_node = reader.require(fields, root, "", "deskripsi")
    description = (
        reader.text(description_node, "deskripsi", 2, DESCRIPTION_MAX, one_line=False)
        if description_node is not None
        else None
    )
    return _Identity(name, category, summary, description)


def _parse_category(reader: Reader, fields: Fields, root: yaml.Node) -> Category | None:
    """`kategori`: one of categories.CATEGORIES, which decides the licences a product needs."""
    node = reader.require(fields, root, "", "kategori")
    if node is None:
        return None
    slug = reader.text(node, "kategori", 1, 60)
    if slug is None:
        return None
    category = categories.find_category(slug.lower())
    if category is None:
        allowed = [c.slug for c in categories.CATEGORIES]
        reader.error(
            node,
            "kategori",
            "CATEGORY_UNKNOWN",
            value=slug,
            suggestion=suggest_value(slug, allowed),
            allowed=", ".join(allowed),
        )
    return category


def _paragraphs(description: str) -> tuple[str, ...]:
    # a blank line starts a new paragraph (the spec's rule for `deskripsi`)
    return tuple(p.strip() for p in re.split(r"\n\s*\n", description) if p.strip())


# Photos (`foto:`) ----------------------------------------------------------------------------


def _parse_photos(
    reader: Reader, fields: Fields, root: yaml.Node, folder: ProductFolder, product_name: str
) -> list[Photo]:
    """`foto`: 1 to MAX_PHOTOS files of the product folder, each once; the first is the cover.

    Every other file of the folder is reported as unused, since it would never be published.
    """
    node = reader.require(fields, root, "", "foto", hint=PHOTOS_HINT)
    if node is None:
        return []
    items = reader.seq(node, "foto", hint=PHOTOS_HINT)
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
        entry = _parse_photo_entry(reader, item, key, folder, product_name)
        if entry is None:
            continue
        name_node, photo = entry
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


def _parse_photo_entry(
    reader: Reader, item: yaml.Node, key: str, folder: ProductFolder, product_name: str
) -> tuple[yaml.Node, Photo] | None:
    """One item of `foto`: a file name, or `{berkas, keterangan}`; with the node of the name.

    Without `keterangan`, the product's name is the photo's alt text.
    """
    name_node, alt = item, ""
    if isinstance(item, yaml.MappingNode):
        entry = reader.mapping(item, key, ("berkas", "keterangan"))
        file_node = reader.require(entry, item, key, "berkas")
        if file_node is None:
            return None
        name_node = file_node
        alt = reader.optional_text(entry, "keterangan", rules.CAPTION_MAX, prefix=key) or ""
    photo = reader.photo(name_node, key, folder.files, folder.path, alt or product_name)
    return None if photo is None else (name_node, photo)


def _check_unused_files(reader: Reader, folder: ProductFolder, used: set[str]) -> None:
    lowered: dict[str, str] = {}
    for name in folder.files:
        # two names that differ only in case are one file on Windows and macOS checkouts
        if name.lower() in lowered:
            reader.warn(
                None, "foto", "PHOTO_CASE_CLASH", file_name=name, other=lowered[name.lower()]
            )
        lowered[name.lower()] = name
        if name == "produk.yml" or name in used:
            continue
        template = "PHOTO_UNUSED" if name.lower().endswith(PHOTO_EXTENSIONS) else "FILE_UNUSED"
        reader.warn(None, "foto", template, file_name=name)


# Prices (`harga:`) ---------------------------------------------------------------------------


def _parse_prices(reader: Reader, fields: Fields) -> list[Price]:
    """`harga`: a list of `{varian, rupiah}`; a variant without a valid price is left out."""
    if is_absent(fields, "harga"):
        return []
    items = reader.seq(
        fields["harga"].value_node, "harga", hint=': - {varian: "250 ml", rupiah: 75000}'
    )
    prices: list[Price] = []
    for index, item in enumerate(items or []):
        key = f"harga[{index}]"
        mapping = reader.map_node(item, key, hint=': {varian: "250 ml", rupiah: 75000}')
        if mapping is None:
            continue
        entry = reader.mapping(mapping, key, ("varian", "rupiah"))
        variant = reader.optional_text(entry, "varian", rules.SHORT_TEXT_MAX, prefix=key) or ""
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
    raw: str = node.value.strip()
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


# Lists, places to buy, links and flags -------------------------------------------------------


def _parse_text_list(
    reader: Reader, fields: Fields, key: str, max_items: int, max_length: int
) -> list[str]:
    """`komposisi` or `kata_kunci`: a list of short texts, or one line of them split at commas."""
    if is_absent(fields, key):
        return []
    node = fields[key].value_node
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


def _parse_places(reader: Reader, fields: Fields) -> list[PlaceToBuy]:
    """`tempat_beli`: shops and markets that sell the product; one without a name is left out."""
    if is_absent(fields, "tempat_beli"):
        return []
    items = reader.seq(
        fields["tempat_beli"].value_node,
        "tempat_beli",
        hint=": - {nama: Toko Oleh-oleh Kupang}",
    )
    places = []
    for index, item in enumerate(items or []):
        place = _parse_place(reader, item, f"tempat_beli[{index}]")
        if place is not None:
            places.append(place)
    return places


def _parse_place(reader: Reader, item: yaml.Node, key: str) -> PlaceToBuy | None:
    """One `{nama, alamat, tautan}` of `tempat_beli`; a link that fails is left out."""
    mapping = reader.map_node(item, key, hint=": {nama: ..., alamat: ..., tautan: https://...}")
    if mapping is None:
        return None
    entry = reader.mapping(mapping, key, ("nama", "alamat", "tautan"))
    name_node = reader.require(entry, mapping, key, "nama")
    name = reader.name(name_node, f"{key}.nama") if name_node is not None else None
    address = reader.optional_text(entry, "alamat", ADDRESS_MAX, prefix=key) or ""
    url = ""
    if not is_absent(entry, "tautan"):
        node = entry["tautan"].value_node
        url = reader.url(node, f"{key}.tautan") or ""
        # a place named "Shopee" is shown as Shopee: the same rule as a `shopee:` link
        if name and url and not _is_link_to_named_site(reader, node, f"{key}.tautan", name, url):
            url = ""
    return PlaceToBuy(name, address, url) if name else None


def _parse_links(reader: Reader, fields: Fields) -> list[Link]:
    """`tautan`: marketplace or social name -> `https://` address, shown as a button each."""
    if is_absent(fields, "tautan"):
        return []
    mapping = reader.map_node(fields["tautan"].value_node, "tautan", hint=": shopee: https://...")
    if mapping is None:
        return []
    links = []
    for key_node, value_node in mapping.value:
        if not isinstance(key_node, yaml.ScalarNode):
            reader.error(key_node, "tautan", "KEY_BAD_KEY")
            continue
        key = f"tautan.{key_node.value}"
        name = reader.text(key_node, "tautan", 1, rules.LINK_NAME_MAX)
        url = reader.url(value_node, key)
        # `shopee:` is shown as "Shopee": it may only lead to Shopee's own hosts
        if name and url and _is_link_to_named_site(reader, value_node, key, name, url):
            links.append(Link(name, url))
    return links


def _is_link_to_named_site(reader: Reader, node: yaml.Node, key: str, name: str, url: str) -> bool:
    """False after reporting a link whose name is a known site that its address is not on."""
    finding = contacts.check_link_site(name, urlsplit(url).hostname or "")
    if finding is None:
        return True
    reader.error(node, key, finding.template, value=url, **finding.values)
    return False


def _parse_bool(reader: Reader, fields: Fields, key: str, default: bool) -> bool:
    """`tersedia`: only `true` or `false`; YAML 1.1's yes/no/on/off are not guessed at."""
    if is_absent(fields, key):
        return default
    node = fields[key].value_node
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


def _parse_date(reader: Reader, fields: Fields, key: str, today: date) -> date | None:
    """`diperbarui`: the day the producer last checked the file; a later one is a peringatan."""
    if is_absent(fields, key):
        return None
    node = fields[key].value_node
    value = reader.iso_date(node, key)
    if value is not None and value > today:
        reader.warn(node, key, "DATE_IN_FUTURE", value=value.isoformat())
    return value

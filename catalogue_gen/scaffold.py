"""`catalogue-gen new`: producer and product folders from templates that validate as written."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from catalogue_gen import addresses, categories, licenses, messages, owners, regencies, rules
from catalogue_gen.contacts import parse_phone
from catalogue_gen.load import (
    PRODUCER_FILE,
    PRODUCT_FILE,
    hand_written_roots,
    is_valid_slug,
    slugify,
)
from catalogue_gen.pages import make_environment
from catalogue_gen.problems import CatalogueError
from catalogue_gen.settings import Settings

SCHEMA_BASE = rules.SCHEMA_BASE


def _check_slug(settings: Settings, slug: str) -> None:
    if not is_valid_slug(slug):
        raise CatalogueError(messages.BAD_SLUG.format(name=f'"{slug}"', suggestion=slugify(slug)))
    # the same names `validate` refuses, the guide's own pages (docs/) included
    address = addresses.reserved_address(slug, hand_written_roots(settings.root))
    if address is not None:
        raise CatalogueError(messages.SLUG_RESERVED.format(name=f'"{slug}"', address=address))


def _yaml_string(value: str) -> str:
    # Double-quoted YAML: escapes make any name safe to write back.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_producer(
    settings: Settings, slug: str, name: str, regency: str, whatsapp: str, account: str = ""
) -> Path:
    """Create products/<slug>/produsen.yml; returns the folder.

    Without `account` the file carries `akun_github` commented out: a placeholder login
    would let whoever registers that name change the folder.
    """
    _check_slug(settings, slug)
    folder = settings.products_dir / slug
    if folder.exists():
        raise CatalogueError(messages.NEW_EXISTS.format(path=folder))
    if regencies.find_regency(regency) is None:
        raise CatalogueError(
            messages.REGENCY_UNKNOWN.format(
                value=f'"{regency}"',
                suggestion="",
                allowed=", ".join(r.slug for r in regencies.REGENCIES),
            )
        )
    _, finding = parse_phone(whatsapp, for_whatsapp=True)  # as validate reads whatsapp:
    if finding is not None:
        template: str = getattr(messages, finding.template)
        raise CatalogueError(
            template.format(key="whatsapp", value=f'"{whatsapp}"', **finding.values)
        )
    account = account.strip()
    if account and not owners.is_valid_login(account):
        raise CatalogueError(
            messages.ACCOUNT_BAD.format(key=owners.ACCOUNTS_KEY, value=f'"{account}"')
        )
    text = (
        make_environment()
        .get_template("scaffold/produsen.yml.j2")
        .render(
            schema=SCHEMA_BASE + "produsen.schema.json",
            name=_yaml_string(name),
            regency=regency,
            whatsapp=_yaml_string(whatsapp),
            account=account,
        )
    )
    folder.mkdir(parents=True)
    (folder / PRODUCER_FILE).write_text(text, encoding="utf-8")
    return folder


def new_product(settings: Settings, producer: str, slug: str, name: str, category: str) -> Path:
    """Create products/<producer>/<slug>/produk.yml and a placeholder photo; returns the folder."""
    _check_slug(settings, slug)
    producer_dir = settings.products_dir / producer
    if not (producer_dir / PRODUCER_FILE).is_file():
        raise CatalogueError(messages.NEW_NO_PRODUCER.format(path=producer_dir))
    folder = producer_dir / slug
    if folder.exists():
        raise CatalogueError(messages.NEW_EXISTS.format(path=folder))
    rule = categories.LICENSE_RULES.get(category)
    if rule is None:
        raise CatalogueError(
            messages.CATEGORY_UNKNOWN.format(
                value=f'"{category}"', suggestion="", allowed=", ".join(categories.BY_SLUG)
            )
        )
    needed = [licenses.LICENSE_TYPES[group[0]] for group in rule.required]
    text = (
        make_environment()
        .get_template("scaffold/produk.yml.j2")
        .render(
            schema=SCHEMA_BASE + "produk.schema.json",
            name=_yaml_string(name),
            category=category,
            licenses=needed,
            needs_halal=rule.needs_halal,
            alt=_yaml_string(f"Foto {name}"),
        )
    )
    folder.mkdir(parents=True)
    (folder / PRODUCT_FILE).write_text(text, encoding="utf-8")
    _placeholder_photo(folder / "foto-1.jpg")
    return folder


def _placeholder_photo(path: Path) -> None:
    # A plain photo so the new folder validates at once; the producer replaces it.
    image = Image.new("RGB", (800, 600), (236, 229, 216))
    draw = ImageDraw.Draw(image)
    draw.rectangle((250, 150, 550, 450), outline=(120, 100, 80), width=6)
    draw.text((300, 285), "GANTI FOTO INI", fill=(90, 70, 50))
    image.save(path, "JPEG", quality=80)

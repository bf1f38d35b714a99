"""Contacts and links (contacts.py): phone numbers, e-mail addresses, hosts (issue 10, item 13)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from catalogue_gen import contacts, pages
from catalogue_gen.load import iter_tree
from catalogue_gen.model import Catalogue
from catalogue_gen.pages import PageRenderer
from catalogue_gen.settings import Settings
from catalogue_gen.validate import validate_catalogue

from .conftest import PRODUCER_YML, PRODUCT_YML

PRODUCER = "products/kelompok-contoh/produsen.yml"
PRODUCT = "products/kelompok-contoh/madu/produk.yml"


@pytest.mark.parametrize(
    ("written", "whatsapp", "expected"),
    [
        ("0812-3456-7890", True, "6281234567890"),
        ("+62 (0) 812-3456-7890", True, "6281234567890"),
        ("0062 812 3456 7890", True, "6281234567890"),
        (
            "0062 380 821234",
            False,
            "62380821234",
        ),  # 00 is the international prefix, not "0" + "062..."
        ("(0380) 821234", False, "62380821234"),
        ("0800-1-234567", False, "628001234567"),  # a toll-free number is a fine telepon
        ("0800-1-234567", True, "PHONE_SPECIAL"),  # but cannot receive WhatsApp
        ("0809-1234-567", True, "PHONE_SPECIAL"),  # premium-rate
        ("0380-821234", True, "PHONE_NOT_MOBILE"),
        ("+1 415 555 0100", False, "PHONE_FOREIGN"),
        ("0812-FLOWERS", True, "PHONE_BAD"),  # no vanity letters
        ("0812-345", True, "PHONE_BAD"),
    ],
)
def test_phone_numbers_are_parsed_with_phonenumbers(
    written: str, whatsapp: bool, expected: str
) -> None:
    number, finding = contacts.parse_phone(written, for_whatsapp=whatsapp)
    assert (finding.template if finding else number) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("usaha@contoh.id", None),
        ("usaha.ku+toko@contoh.co.id", None),
        ("usaha@contoh.id?cc=lain@contoh.id&subject=halo", "EMAIL_NOT_PLAIN"),
        ("usaha@contoh.id?subject=halo", "EMAIL_NOT_PLAIN"),
        ("usaha%40contoh.id@lain.id", "EMAIL_NOT_PLAIN"),
        ("usaha @contoh.id", "EMAIL_NOT_PLAIN"),
        ("usaha@lain@contoh.id", "EMAIL_NOT_PLAIN"),
        ("<usaha@contoh.id>", "EMAIL_BAD"),
        ("usaha..ku@contoh.id", "EMAIL_BAD"),
        ("usaha@contoh", "EMAIL_BAD"),
        ("usaha@xn--shpee-kye.co.id", "URL_HOST_LOOKALIKE"),
    ],
)
def test_email_is_one_plain_address(written: str, expected: str | None) -> None:
    finding = contacts.check_email(written)
    assert (finding.template if finding else None) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("shopee.co.id", None),
        ("id.shp.ee", None),
        ("www.tokopedia.com", None),
        ("marungga.example.com", None),
        ("sh\u043epee.co.id", "URL_HOST_LOOKALIKE"),  # Cyrillic о
        ("xn--shpee-kye.co.id", "URL_HOST_LOOKALIKE"),  # the same, as punycode
        ("sh0pee.co.id", "URL_HOST_LOOKALIKE"),
        ("toko.tokopedi\u0430.com", "URL_HOST_LOOKALIKE"),
        ("tok\u043e-madu.example.com", "URL_HOST_MIXED_SCRIPT"),
        ("xn--zz.example.com", "URL_HOST_BAD"),
    ],
)
def test_hosts_that_imitate_or_mix_scripts_are_refused(host: str, expected: str | None) -> None:
    finding = contacts.check_host(host)
    assert (finding.template if finding else None) == expected


@pytest.mark.parametrize(
    ("key", "host", "ok"),
    [
        ("shopee", "shopee.co.id", True),
        ("Shopee", "id.shp.ee", True),
        ("tokopedia", "tk.tokopedia.com", True),
        ("instagram", "www.instagram.com", True),
        ("shopee", "shopee.co.id.contoh.com", False),
        ("shopee", "madu.example.com", False),
        ("toko shopee", "madu.example.com", False),
        ("sh\u043epee", "madu.example.com", False),  # a look-alike key names Shopee too
        ("toko", "madu.example.com", True),
        ("situs", "madu.example.com", True),
        ("ShopeeMall", "madu.example.com", False),  # joined to another word
        ("TikTokShop", "madu.example.com", False),
        ("TikTokShop", "www.tiktok.com", True),
        ("tokopedia_official", "evil.com", False),
        ("shopee2", "shopee.co.id.evil.id", False),
        ("website", "madu.example.com", True),
    ],
)
def test_marketplace_keys_accept_only_their_hosts(key: str, host: str, ok: bool) -> None:
    assert (contacts.check_link_site(key, host) is None) == ok


def test_link_labels_come_from_the_same_table_as_the_host_rules() -> None:
    assert {key: site.label for key, site in contacts.LINK_SITES.items()} == pages.LINK_NAMES
    assert all(
        site.hosts for key, site in contacts.LINK_SITES.items() if key not in ("situs", "web")
    )


def _producer_page(make_catalogue: Callable[..., Settings], contact_lines: str) -> str:
    settings = make_catalogue({PRODUCER: PRODUCER_YML + contact_lines})
    catalogue, problems, _ = validate_catalogue(
        iter_tree(settings.root, settings.products_dir, []), settings.build_date
    )
    assert [str(p) for p in problems if p.is_error] == []
    renderer = PageRenderer(Catalogue(producers=catalogue.producers), {}, "")
    return renderer.render_producer(catalogue.producers[0]).text


def test_tel_and_wa_links_are_e164(make_catalogue: Callable[..., Settings]) -> None:
    page = _producer_page(make_catalogue, '  telepon: "0062 380 821234"\n')
    assert 'href="tel:+62380821234"' in page
    assert "6262380821234" not in page
    assert "https://wa.me/6281234567890?" in page


def test_mailto_link_holds_the_plain_address_only(make_catalogue: Callable[..., Settings]) -> None:
    page = _producer_page(make_catalogue, '  email: "usaha.ku@contoh.id"\n')
    assert 'href="mailto:usaha.ku@contoh.id"' in page
    settings = make_catalogue(
        {PRODUCER: PRODUCER_YML + '  email: "usaha@contoh.id?cc=lain@contoh.id"\n'}
    )
    _, problems, _ = validate_catalogue(
        iter_tree(settings.root, settings.products_dir, []), settings.build_date
    )
    assert [(p.line, p.column, p.code) for p in problems if p.is_error] == [
        (5, 10, "EMAIL_NOT_PLAIN")
    ]


def test_lookalike_link_message(make_catalogue: Callable[..., Settings]) -> None:
    settings = make_catalogue(
        {PRODUCT: PRODUCT_YML + 'tautan:\n  shopee: "https://sh\u043epee.co.id/madu"\n'}
    )
    _, problems, _ = validate_catalogue(
        iter_tree(settings.root, settings.products_dir, []), settings.build_date
    )
    assert [str(p) for p in problems if p.is_error] == [
        (
            f'{PRODUCT}:20:11: galat: tautan.shopee "https://sh\u043epee.co.id/madu" menuju sh\u043epee.co.id, yang tampak seperti '
            "shopee.co.id tetapi bukan; salin alamat asli langsung dari shopee.co.id"
        )
    ]

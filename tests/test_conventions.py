"""Issue 11, item 4: pages show dates, phone numbers and prices the way Indonesians write them,
while machine values (datetime=, tel:, wa.me/, JSON-LD, Pagefind sort keys) keep their formats."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalogue_gen import contacts, messages
from catalogue_gen.display import count, display_phone, indonesian_date
from catalogue_gen.pipeline import generate
from catalogue_gen.settings import Settings

from .conftest import ACCOUNTS_YML, PRODUCER_YML, PRODUCT_YML, photo_bytes, write_tree

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


# Counts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "shown"),
    [(0, "0"), (48, "48"), (999, "999"), (1234, "1.234"), (5000, "5.000"), (1250000, "1.250.000")],
)
def test_counts_group_thousands_with_a_dot(number: int, shown: str) -> None:
    assert count(number) == shown


# Dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_spelled_in_indonesian(month: int) -> None:
    assert indonesian_date(date(2026, month, 2)) == f"2 {MONTHS[month - 1]} 2026"


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (
            date(2026, 12, 2),
            "2 Desember 2026",
        ),  # no leading zero: "02 Desember" is not how it is written
        (date(2026, 10, 15), "15 Oktober 2026"),
        (date(2027, 2, 28), "28 Februari 2027"),
    ],
)
def test_dates_read_day_month_year(day: date, shown: str) -> None:
    assert indonesian_date(day) == shown


# Phones ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("0812-3456-7890", "+62 812-3456-7890"),  # a 12-digit mobile
        ("0812345678", "+62 812-345-678"),  # a 10-digit mobile (older Telkomsel numbers)
        ("0380 821234", "+62 380 821234"),  # a Kupang landline: area code, then the number
        ("+62 21 5551234", "+62 21 5551234"),  # Jakarta's two-digit area code
    ],
)
def test_phones_are_shown_grouped_with_country_code(written: str, shown: str) -> None:
    stored, finding = contacts.parse_phone(written, for_whatsapp=False)
    assert finding is None
    assert display_phone(stored) == shown


def test_display_phone_takes_the_stored_digits() -> None:
    assert display_phone("6281234567890") == "+62 812-3456-7890"


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("0800-1-234567", "bebas pulsa"),
        ("0809-1234-567", "premium"),
    ],
)
def test_toll_free_and_premium_numbers_are_no_whatsapp_numbers(written: str, kind: str) -> None:
    # Both are real numbers, so they may be the telepon, but no WhatsApp account sits behind them.
    assert contacts.parse_phone(written, for_whatsapp=False)[1] is None
    number, finding = contacts.parse_phone(written, for_whatsapp=True)
    assert number == "" and finding is not None and finding.template == "PHONE_SPECIAL"
    text = getattr(messages, finding.template).format(
        key="kontak.whatsapp", value=written, **finding.values
    )
    assert (
        text.startswith(f"kontak.whatsapp {written} adalah nomor {kind},")
        and "tulis nomor HP" in text
    )


# A generated site --------------------------------------------------------------------------------

TELEPON = '  telepon: "0380 821234"\n'


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """conftest's test producer and product, with a landline and a `diperbarui:` date."""
    root = tmp_path_factory.mktemp("conventions")
    write_tree(
        root,
        {
            # PRODUCER_YML ends inside `kontak:`
            "products/kelompok-contoh/produsen.yml": PRODUCER_YML + TELEPON + ACCOUNTS_YML,
            "products/kelompok-contoh/madu/produk.yml": PRODUCT_YML + "diperbarui: 2026-12-02\n",
            "products/kelompok-contoh/madu/depan.jpg": photo_bytes(),
        },
    )
    settings = Settings.for_project(root, site_url="https://contoh.github.io/katalog/")
    settings = dataclasses.replace(settings, workers=1, build_date=date(2026, 12, 10))
    generate(settings)
    return settings.docs_dir


class VisibleText(HTMLParser):
    """The text a shopper reads: element text and the attributes shown or spoken, never scripts."""

    SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag in ("script", "style")
        self.parts += [value or "" for name, value in attrs if name in self.SHOWN_ATTRIBUTES]

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """Front matter values (Material prints title and description) and the HTML body's text."""
    _, front, body = page.split("---\n", 2)
    parser = VisibleText()
    parser.feed(body)
    return front + "\n".join(parser.parts)


def read(docs: Path, rel: str) -> str:
    return (docs / rel).read_text(encoding="utf-8")


def test_product_page_shows_an_indonesian_date_with_the_iso_one_for_machines(docs: Path) -> None:
    page = read(docs, "produk/kelompok-contoh/madu/index.md")
    assert '<time datetime="2026-12-02">2 Desember 2026</time>' in page
    assert "2 Desember 2026" in visible_text(page)
    assert 'data-pagefind-sort="baru:2026-12-02"' in page  # sorting still compares ISO text


def test_producer_page_shows_a_grouped_phone_and_links_to_e164(docs: Path) -> None:
    page = read(docs, "produsen/kelompok-contoh/index.md")
    assert '<a href="tel:+62380821234">+62 380 821234</a>' in page
    assert 'href="https://wa.me/6281234567890?text=' in page
    assert "+62380821234" not in visible_text(page)


def test_no_page_shows_an_iso_date(docs: Path) -> None:
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 10  # every page kind: home, product, producer, listings, search, offline
    shown = {
        p.relative_to(docs).as_posix(): ISO_DATE.findall(
            visible_text(p.read_text(encoding="utf-8"))
        )
        for p in pages
    }
    assert {rel: dates for rel, dates in shown.items() if dates} == {}


@pytest.mark.parametrize(
    "rel",
    [
        "index.md",
        "produk/kelompok-contoh/madu/index.md",
        "produsen/kelompok-contoh/index.md",
        "kategori/pangan-olahan/index.md",
        "kabupaten/timor-tengah-selatan/index.md",
        "sertifikasi/pirt/index.md",
    ],
)
def test_prices_read_as_rupiah_on_every_page_kind(docs: Path, rel: str) -> None:
    assert "Rp75.000" in visible_text(read(docs, rel))


def test_search_results_and_json_ld_keep_their_formats(docs: Path) -> None:
    page = read(docs, "produk/kelompok-contoh/madu/index.md")
    assert (
        '<span hidden data-pagefind-meta="price">Rp75.000</span>' in page
    )  # what a search result shows
    assert (
        '"price": "75000", "priceCurrency": "IDR"' in page
    )  # JSON-LD: a number, not a display string
